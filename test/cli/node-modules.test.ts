import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT, runCli } from "../support/repo.js";

/** A repository after `npm i -D blastgate && npx blastgate init`: the package's own policies lie under node_modules/. */
function installedRepo(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "blastgate-npm-"));
  expect(runCli(["init"], dir).code).toBe(0);
  cpSync(path.join(PROJECT, "policies"), path.join(dir, "node_modules/blastgate/policies"), { recursive: true });
  writeFileSync(path.join(dir, "node_modules/blastgate/package.json"), '{ "name": "blastgate" }\n');
  return dir;
}

describe("a package's policy files under node_modules/", () => {
  it("are neither read nor refused by check: the README's npm quick start is ALLOWED", () => {
    const dir = installedRepo();
    const r = runCli(["check"], dir);
    expect(r.stdout).not.toContain("node_modules");
    expect(r.stdout).toMatch(/^ALLOWED: 1 manifest checked/m);
    expect(r.code).toBe(0);
  });

  it("an Operation under node_modules/ is still judged", () => {
    const dir = installedRepo();
    cpSync(path.join(dir, "ops/remove-stale-apps.yaml"), path.join(dir, "node_modules/cleanup/op.yaml"));
    const r = runCli(["check", "--format", "json"], dir);
    expect((JSON.parse(r.stdout) as { manifests: string[] }).manifests).toEqual(["node_modules/cleanup/op.yaml", "ops/remove-stale-apps.yaml"]);
  });

  it("a PolicyTest under node_modules/ is not run by blastgate test, even of a directory holding it", () => {
    const dir = installedRepo();
    const own = runCli(["test"], dir);
    expect(own.stdout).toContain("PASSED: 11 of 11 cases passed");
    expect(own.code).toBe(0);
    // A directory of tests that is also a package with its own node_modules/.
    cpSync(path.join(dir, "policies/tests"), path.join(dir, "ci"), { recursive: true });
    cpSync(path.join(dir, "node_modules"), path.join(dir, "ci/node_modules"), { recursive: true });
    const sub = runCli(["test", "ci"], dir);
    expect(sub.stdout).not.toContain("node_modules");
    expect(sub.stdout).toContain("PASSED: 11 of 11 cases passed");
    expect(sub.code).toBe(0);
  });
});
