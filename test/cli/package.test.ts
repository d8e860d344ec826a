import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT } from "../support/repo.js";

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** npm, offline: the package must install from its tarball alone. */
function npm(args: string[], cwd: string) {
  const r = spawnSync(process.platform === "win32" ? "npm.cmd" : "npm", [...args, "--offline", "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) throw new Error(`npm ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

describe("the published package", () => {
  it("holds the bundle, the docs, the editor schemas, the licence and the changelog, and nothing of the sources or tests", () => {
    const [packed] = JSON.parse(npm(["pack", "--dry-run", "--json"], PROJECT)) as { files: { path: string }[] }[];
    const files = packed!.files.map((f) => f.path).sort();
    for (const f of [
      "LICENSE",
      "CHANGELOG.md",
      "README.md",
      "action.yml",
      "bin/blastgate.js",
      "dist/cli.js",
      "dist/index.js",
      "dist/lib.js",
      "docs/rules.md",
      "docs/json-report.md",
      "docs/action.md",
      "docs/catalog.md",
      "docs/editors.md",
      "schemas/operation.schema.json",
      "schemas/catalog.schema.json",
      "schemas/policy.schema.json",
      "schemas/waiver.schema.json",
      "schemas/policy-test.schema.json",
      "policies/starter.yaml",
      "package.json",
    ])
      expect(files).toContain(f);
    expect(files.filter((f) => /^(src|test|scripts|bench|examples|\.ci|\.github)\//.test(f))).toEqual([]);
  });

  it("installs with no dependencies (everything is bundled in dist/) and its CLI and library work", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "blastgate-pack-"));
    made.push(dir);
    npm(["pack", "--pack-destination", dir], PROJECT);
    const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"))!;
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", type: "module", private: true }));
    npm(["install", `./${tarball}`], dir);
    expect(readdirSync(path.join(dir, "node_modules")).filter((f) => !f.startsWith("."))).toEqual(["blastgate"]);

    cpSync(path.join(PROJECT, "examples"), path.join(dir, "examples"), { recursive: true });
    const cli = spawnSync(process.execPath, [path.join(dir, "node_modules/blastgate/bin/blastgate.js"), "check", "--root", "examples", "--now", "2026-11-24"], { cwd: dir, encoding: "utf8" });
    expect(cli.status).toBe(1);
    expect(cli.stdout.split("\n")[0]).toBe("BLOCKED: 9 mandatory findings in 1 of 2 manifests");

    const lib = spawnSync(process.execPath, ["--input-type=module", "-e", 'const m = await import("blastgate"); console.log(typeof m.runCheck, typeof m.evaluate)'], { cwd: dir, encoding: "utf8" });
    expect(lib.stdout.trim()).toBe("function function");
  });
});
