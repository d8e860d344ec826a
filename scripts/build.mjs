// Bundles the CLI, the library and the Action into dist/ (committed: the Action runs it as is).
// CI rebuilds and fails when the committed bundle differs.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { copyFileSync, existsSync, readFileSync, rmSync } from "node:fs";
import { writeGenerated } from "./schemas.mjs";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const versionTs = readFileSync(new URL("../src/version.ts", import.meta.url), "utf8");
if (!versionTs.includes(`"${pkg.version}"`)) {
  console.error(`src/version.ts does not say ${pkg.version} (package.json): update it`);
  process.exit(1);
}

// The fixed JSON Schemas' validators, compiled ahead of time (src/documents/validators.generated.js).
await writeGenerated();

const entries = { cli: "src/cli/index.ts", lib: "src/index.ts" };
if (existsSync("src/action/index.ts")) entries.index = "src/action/index.ts";

await build({
  entryPoints: entries,
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  splitting: false,
  sourcemap: false,
  legalComments: "none",
  // BLASTGATE_MINIFY=0 leaves names readable (for a profile); what is committed is minified.
  minify: process.env.BLASTGATE_MINIFY !== "0",
  keepNames: false,
  logLevel: "warning",
  // pg's optional native binding (libpq) is never used: the pure JavaScript client is bundled.
  external: ["pg-native"],
  // CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: 'import { createRequire as __blastgateCreateRequire } from "node:module"; const require = __blastgateCreateRequire(import.meta.url);' },
});

// The library's declarations (package.json "types"), emitted from src/ by tsc and committed with the bundle.
rmSync("dist/types", { recursive: true, force: true });
execFileSync(process.execPath, [path.join(path.dirname(createRequire(import.meta.url).resolve("typescript-native/package.json")), "bin/tsc"), "-p", "tsconfig.json", "--declaration", "--emitDeclarationOnly", "--outDir", "dist/types"], {
  stdio: "inherit",
});
// tsc does not copy hand-written declarations: the generated validators' sits beside its module.
copyFileSync("src/documents/validators.generated.d.ts", "dist/types/documents/validators.generated.d.ts");
