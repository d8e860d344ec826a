// Bundles the CLI, the library and the Action into dist/ (committed: the Action runs it as is).
// CI rebuilds and fails when the committed bundle differs.
import { build } from "esbuild";
import { existsSync, readFileSync } from "node:fs";
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
