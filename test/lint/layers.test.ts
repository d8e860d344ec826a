/**
 * The house's walls are in the lint configuration: an adapter imported into the core fails `npm run lint`
 * (ESLint's Node API with the project's own eslint.config.js, on files placed where a developer would put
 * them), and so does a cycle between folders at any depth (scripts/folder-cycles.mjs).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { afterEach, describe, expect, it } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const placed: string[] = [];

afterEach(async () => {
  await Promise.all(placed.splice(0).map((f) => rm(f, { force: true })));
});

/** Writes a module into src/ (removed after the tests) and returns its path. */
async function place(folder: string, code: string): Promise<string> {
  const file = path.join(ROOT, "src", folder, `lint-fixture-${process.pid}-${folder}-${placed.length}.ts`);
  placed.push(file);
  await writeFile(file, code);
  return file;
}

describe("the layers (eslint.config.js)", () => {
  it("fail lint on an adapter imported into engine/, rules/ or measure/ (type-only imports and re-exports included), and pass an import that points up", async () => {
    const files = {
      engine: await place("engine", 'import { createGitHub } from "../github/client.js";\n\nexport const make = createGitHub;\n'),
      rules: await place("rules", 'import type { LocalFiles } from "../workspace/files.js";\n\nexport type Files = LocalFiles;\n'),
      measure: await place("measure", 'export { toText } from "../report/text.js";\n'),
      fine: await place("engine", 'import type { SourceLocation } from "../documents/source.js";\n\nexport type Where = SourceLocation;\n'),
    };
    const eslint = new ESLint({ cwd: ROOT });
    const results = await eslint.lintFiles(Object.values(files));
    const byFile = new Map(results.map((r) => [r.filePath, r.messages.map((m) => `${m.ruleId}: ${m.message}`)]));

    expect(byFile.get(files.engine)).toEqual([expect.stringMatching(/^import-x\/no-restricted-paths: .*src\/engine\/ may not import src\/github\/ \(a layer above it\)/)]);
    expect(byFile.get(files.rules)).toEqual([expect.stringMatching(/^import-x\/no-restricted-paths: .*src\/rules\/ may not import src\/workspace\/ \(a layer above it\)/)]);
    expect(byFile.get(files.measure)).toEqual([expect.stringMatching(/^import-x\/no-restricted-paths: .*src\/measure\/ may not import src\/report\/ \(a layer above it\)/)]);
    expect(byFile.get(files.fine)).toEqual([]);
    // `npm run lint` is eslint: the same files make it exit non-zero.
    const cli = spawnSync(process.execPath, [path.join(ROOT, "node_modules/eslint/bin/eslint.js"), files.engine], { cwd: ROOT, encoding: "utf8" });
    expect([cli.status, cli.stdout]).toEqual([1, expect.stringContaining("import-x/no-restricted-paths")]);
  });
});

describe("folder cycles (scripts/folder-cycles.mjs)", () => {
  const script = path.join(ROOT, "scripts/folder-cycles.mjs");

  it("src/ has none", () => {
    expect(execFileSync(process.execPath, [script, path.join(ROOT, "src")], { encoding: "utf8" })).toBe("no folder cycles in src/\n");
  });

  it("finds one two levels down, through a type-only import", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "blastgate-cycles-"));
    try {
      await mkdir(path.join(dir, "report/markdown"), { recursive: true });
      await mkdir(path.join(dir, "report/shared"), { recursive: true });
      await writeFile(path.join(dir, "report/markdown/comment.ts"), 'import { esc } from "../shared/escape.js";\nexport const c = esc;\n');
      await writeFile(path.join(dir, "report/shared/escape.ts"), 'import type { C } from "../markdown/types.js";\nexport const esc = (s: C) => s;\n');
      await writeFile(path.join(dir, "report/markdown/types.ts"), "export type C = string;\n");
      let out = "";
      try {
        execFileSync(process.execPath, [script, dir], { cwd: dir, encoding: "utf8", stdio: "pipe" });
      } catch (e) {
        out = String((e as { stderr: string }).stderr);
      }
      expect(out).toBe("folder cycle:\n  report/markdown/comment.ts -> report/shared/escape.ts\n  report/shared/escape.ts -> report/markdown/types.ts\n");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
