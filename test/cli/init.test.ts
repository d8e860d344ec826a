import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PROJECT, runCli } from "../support/repo.js";

const WRITTEN = ["policies/catalog.yaml", "policies/starter.yaml", "policies/tests/starter.yaml", ".github/workflows/blastgate.yml", "ops/remove-stale-apps.yaml"];

const README = readFileSync(path.join(PROJECT, "README.md"), "utf8");

/** The YAML block of the README's Workflow section. */
function readmeWorkflow(): string {
  const section = README.slice(README.indexOf("\n### Workflow\n"));
  return /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
}

function files(dir: string, rel = ""): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(dir, path.posix.join(rel, e.name)) : [path.posix.join(rel, e.name)]));
}

describe("blastgate init", () => {
  it("writes a repository that passes test (at 100% coverage) and check at once", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "blastgate-init-"));
    const init = runCli(["init"], dir);
    expect(init.stderr).toBe("");
    expect(init.code).toBe(0);
    expect(files(dir).sort()).toEqual([...WRITTEN].sort());
    const test = runCli(["test", "--coverage", "--min-coverage", "100"], dir);
    expect(test.stdout).toContain("coverage: 100%");
    expect(test.code).toBe(0);
    const check = runCli(["check"], dir);
    expect(check.stdout).toMatch(/^ALLOWED/m);
    expect(check.stdout).toContain("ops/remove-stale-apps.yaml");
    expect(check.code).toBe(0);
    const written = readFileSync(path.join(dir, ".github/workflows/blastgate.yml"), "utf8");
    const workflow = parse(written);
    expect(workflow.jobs.blastgate.steps.map((s: { uses: string }) => s.uses)).toEqual(["actions/checkout@v4", "blastgate/blastgate@v0"]);
    // The README's outputs, as its init walkthrough quotes them (each part of the comment after `#`).
    for (const [command, run] of [
      ["npx blastgate test --coverage", test],
      ["npx blastgate check", check],
    ] as const) {
      const quoted = README.split("\n").find((l) => l.startsWith(`${command} `) && l.includes("#"));
      expect(quoted, command).toBeDefined();
      for (const part of quoted!.split("#")[1]!.trim().split(", ")) expect(run.stdout, command).toContain(part);
    }
    // The workflow it writes is the README's (comments aside), permissions and policy-tests job included.
    expect(workflow).toEqual(parse(readmeWorkflow()));
    expect(workflow.permissions).toEqual({ contents: "read", "pull-requests": "write", checks: "write" });
    expect(workflow.jobs["policy-tests"].steps.at(-1).run).toBe("npx --yes blastgate@0 test --coverage --min-coverage 100");
    expect(readFileSync(path.join(dir, "policies/catalog.yaml"), "utf8")).toMatch(/^# /);
  });

  it("writes into the directory named, creating it", () => {
    const parent = mkdtempSync(path.join(tmpdir(), "blastgate-init-"));
    expect(runCli(["init", "repo"], parent).code).toBe(0);
    expect(files(path.join(parent, "repo")).sort()).toEqual([...WRITTEN].sort());
  });

  it("writes nothing and exits 1 when any of its files exists", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "blastgate-init-"));
    mkdirSync(path.join(dir, "policies/tests"), { recursive: true });
    writeFileSync(path.join(dir, "policies/tests/starter.yaml"), "mine\n");
    const r = runCli(["init", dir], tmpdir());
    expect(r.stderr).toContain("nothing written: policies/tests/starter.yaml already exists");
    expect(r.code).toBe(1);
    expect(files(dir)).toEqual(["policies/tests/starter.yaml"]);
    expect(readFileSync(path.join(dir, "policies/tests/starter.yaml"), "utf8")).toBe("mine\n");
    expect(existsSync(path.join(dir, ".github"))).toBe(false);
  });
  it("writes nothing and exits 1 when policies/ already holds a Catalog or a Policy, whatever the file is called", () => {
    for (const [file, text, kind] of [
      ["policies/our-catalog.yaml", "apiVersion: blastgate.dev/v1\nkind: Catalog\nmetadata: { name: ours }\n", "Catalog"],
      ["policies/team/rules.yml", "# ours\napiVersion: blastgate.dev/v1\nkind: Policy\nmetadata: { name: ours }\nrules: [\n", "Policy"],
    ]) {
      const dir = mkdtempSync(path.join(tmpdir(), "blastgate-init-"));
      mkdirSync(path.dirname(path.join(dir, file!)), { recursive: true });
      writeFileSync(path.join(dir, file!), text!);
      const r = runCli(["init"], dir);
      expect(r.stderr).toContain(`nothing written: policies/ in ${dir} already holds a ${kind} (${file})`);
      expect(r.code).toBe(1);
      expect(files(dir)).toEqual([file]);
    }
  });
});
