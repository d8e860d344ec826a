/**
 * The README's library example is code users copy: it is type-checked (strict) against the published
 * package's declarations and run, as a consumer would, from the packed tarball.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { transformSync } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT } from "./support/repo.js";

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function run(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", timeout: 120_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** The ```ts block of the README that imports from "blastgate". */
function readmeExample(): string {
  const blocks = [...readFileSync(path.join(PROJECT, "README.md"), "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const found = blocks.filter((b) => b.includes('from "blastgate"'));
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe("the README's library example", () => {
  it("type-checks (strict) against the packed package's declarations, and runs", () => {
    const example = readmeExample();
    const dir = mkdtempSync(path.join(tmpdir(), "blastgate-readme-"));
    made.push(dir);
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const offline = ["--offline", "--no-audit", "--no-fund", "--loglevel=error"];
    expect(run(npm, ["pack", "--pack-destination", dir, ...offline], PROJECT).status).toBe(0);
    const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"))!;
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", type: "module", private: true }));
    expect(run(npm, ["install", `./${tarball}`, ...offline], dir)).toMatchObject({ status: 0 });
    cpSync(path.join(PROJECT, "examples"), path.join(dir, "examples"), { recursive: true });
    // A Node project's own @types/node (console, and node:crypto's Hash in a governance type).
    writeFileSync(path.join(dir, "example.ts"), example);
    writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noUncheckedIndexedAccess: true,
          exactOptionalPropertyTypes: true,
          target: "es2022",
          lib: ["es2023"],
          module: "nodenext",
          moduleResolution: "nodenext",
          types: ["node"],
          typeRoots: [path.join(PROJECT, "node_modules/@types")],
          noEmit: true,
          skipLibCheck: false,
        },
        files: ["example.ts"],
      }),
    );

    const tsc = run(process.execPath, [path.join(PROJECT, "node_modules/typescript-native/bin/tsc"), "-p", "tsconfig.json"], dir);
    expect(tsc).toEqual({ status: 0, out: "" });

    writeFileSync(path.join(dir, "example.mjs"), transformSync(example, { loader: "ts", format: "esm" }).code);
    const ran = run(process.execPath, ["example.mjs"], dir);
    expect(ran.status).toBe(0);
    const lines = ran.out.trimEnd().split("\n");
    expect(lines.slice(0, 3)).toEqual(["allowed", expect.stringMatching(/^ALLOWED: /), "blocked"]);
    expect(lines.slice(3)).toEqual(Array(3).fill(expect.stringMatching(/^[\w./-]+:\d+:\d+ [\w/-]+$/)));
  });
});
