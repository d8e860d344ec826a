import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT, runCli, runJson } from "../support/repo.js";

const EXAMPLES = path.join(PROJECT, "examples");
const NOW = ["--now", "2026-11-24"];
/** The safe twin without reviews: each team the starter pack's `intent-sign-off` asks still owes its approval (advisory). */
const SAFE_SIGN_OFF = [
  ["intent-sign-off", "advisory", "the requesting and owning team example-org/ecosystem has 0 of 1 approval of this manifest as it is at head"],
  ["intent-sign-off", "advisory", "the executing team example-org/site-platform has 0 of 1 approval of this manifest as it is at head"],
];

describe("the README's first command on examples/", () => {
  it("blocks the Atlassian-style manifest and passes its safe twin (exit 1)", () => {
    const { code, report, stderr } = runJson(["check", "--root", "examples", ...NOW], PROJECT);
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(report.verdict).toBe("blocked");
    expect(report.manifests.sort()).toEqual(["manifests/remove-insight-legacy.yaml", "manifests/remove-insight-safe.yaml"]);
    // The safe twin's only findings: the starter pack's advisory sign-off, which the CLI cannot see without --reviews.
    expect(report.findings.filter((f) => f.manifest === "manifests/remove-insight-safe.yaml").map((f) => [f.ruleId, f.enforcement, f.message])).toEqual(SAFE_SIGN_OFF);

    const legacy = report.findings.filter((f) => f.manifest === "manifests/remove-insight-legacy.yaml");
    const at = (ruleType: string, messageId: string) => legacy.find((f) => f.ruleType === ruleType && f.messageId === messageId);
    // identifier-kind: one finding for 883 site ids, on the first id's line of the identifier file (after two comment lines).
    expect(legacy.filter((f) => f.ruleType === "identifier-kind")).toHaveLength(1);
    expect(at("identifier-kind", "wrongKind")).toMatchObject({
      ruleId: "target-kind",
      enforcement: "hard-mandatory",
      location: { file: "ids/insight-sites.txt", line: 3, column: 1 },
      evidence: { declaredKind: "app", resolvedKind: "site", count: 883, total: 883 },
    });
    expect(at("identifier-kind", "wrongKind")!.message).toContain("883 of 883 identifiers are site, not app");
    // blast-radius: no staged rollout (the spec: key, line 11, since rollout is missing), 775 customers and 73.6% of all sites.
    expect(at("blast-radius", "unstaged")!.location).toEqual({ file: "manifests/remove-insight-legacy.yaml", line: 11, column: 1 });
    expect(at("blast-radius", "maxCustomers")).toMatchObject({ ruleId: "customer-data-limits", evidence: { count: 775, max: 25 } });
    expect(at("blast-radius", "maxShareOfKind")).toMatchObject({ evidence: { kind: "site", count: 883, of: 1200 } });
    // rollback-plan: hard delete (line 20), restore 883 at 4/h against 6h (line 23), drill from 2021 (line 25).
    expect(at("rollback-plan", "hardDelete")!.location).toMatchObject({ line: 20, column: 11 });
    expect(at("rollback-plan", "restoreTooSlow")!.location).toMatchObject({ line: 23, column: 18 });
    expect(at("rollback-plan", "restoreTooSlow")!.evidence).toMatchObject({ targets: 883, restoreSeconds: 794700, rtoSeconds: 21600 });
    expect(at("rollback-plan", "staleDrill")!.location).toMatchObject({ line: 25, column: 17 });

    const plan = report.plans.find((p) => p.manifest === "manifests/remove-insight-legacy.yaml")!;
    expect(plan).toMatchObject({ targets: 883, byKind: { site: 883 }, customers: 775, tenants: 883, contained: { total: 883, byKind: { app: 883 } } });
    expect(plan.summary).toContain("remove-app permanently deletes 883 sites of 775 customers in production (the manifest declares app)");
    expect(plan.summary).toContain("hard delete, no staged rollout");
  });

  it("prints a text report a reviewer reads, without colour when not on a terminal", () => {
    const { code, stdout } = runCli(["check", "--root", "examples", ...NOW], PROJECT);
    expect(code).toBe(1);
    expect(stdout).not.toMatch(/\u001b\[/);
    expect(stdout.split("\n")[0]).toBe("BLOCKED: 9 mandatory findings in 1 of 2 manifests");
    expect(stdout).toContain("ids/insight-sites.txt:3:1  hard-mandatory  883 of 883 identifiers are site, not app");
    expect(stdout).toMatch(
      /remove-insight-safe\.yaml[^\n]*\n {2}Plan: remove-app deletes 883 apps of 775 customers in production[^\n]*\n(?: {2}[A-Z][^\n]*:\n(?: {4}[^\n]+\n)+)* {2}! manifests\/remove-insight-safe\.yaml:8:16 {2}advisory {2}the requesting and owning team example-org\/ecosystem has 0 of 1 approval[^\n]*\n {2}! manifests\/remove-insight-safe\.yaml:9:15 {2}advisory {2}the executing team example-org\/site-platform has 0 of 1 approval[^\n]* {2}intent-sign-off\n/,
    );
    expect(stdout).not.toMatch(/remove-insight-safe\.yaml[^\n]*(hard|soft)-mandatory/);
  });

  it("`npm run example` runs the same command", () => {
    const scripts = (JSON.parse(readFileSync(path.join(PROJECT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    const argv = scripts.example!.split(" ");
    expect(argv.slice(0, 2)).toEqual(["node", "bin/blastgate.js"]);
    const r = runCli(argv.slice(2), PROJECT);
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n")[0]).toBe("BLOCKED: 9 mandatory findings in 1 of 2 manifests");
  });

  it("colours on request", () => {
    expect(runCli(["check", "--root", "examples", ...NOW, "--color"], PROJECT).stdout).toMatch(/\u001b\[31m/);
  });

  it("exits 0 when the named manifest passes", () => {
    const r = runCli(["check", "manifests/remove-insight-safe.yaml", ...NOW], EXAMPLES);
    expect(r.stdout.split("\n")[0]).toBe("ALLOWED: 1 manifest checked, no mandatory findings (2 advisory)");
    expect(r.code).toBe(0);
  });

  it("selects manifests by glob", () => {
    const { report } = runJson(["check", "manifests/*-safe.yaml", ...NOW], EXAMPLES);
    expect(report.manifests).toEqual(["manifests/remove-insight-safe.yaml"]);
  });

  it("measures drill age at --now", () => {
    const later = runJson(["check", "manifests/remove-insight-safe.yaml", "--now", "2027-06-01"], EXAMPLES);
    expect(later.code).toBe(1);
    expect(later.report.findings.filter((f) => f.enforcement !== "advisory").map((f) => f.messageId)).toEqual(["staleDrill"]);
    expect(later.report.findings.filter((f) => f.enforcement === "advisory").map((f) => `${f.ruleId}/${f.messageId}`)).toEqual(["intent-sign-off/missing", "intent-sign-off/missing"]);
  });

  it("writes the JSON report to --output as well", async () => {
    const { readFileSync, mkdtempSync } = await import("node:fs");
    const out = path.join(mkdtempSync(path.join((await import("node:os")).tmpdir(), "bg-")), "report.json");
    runCli(["check", ...NOW, "--output", out], EXAMPLES);
    expect(JSON.parse(readFileSync(out, "utf8")).verdict).toBe("blocked");
  });
});

describe("usage", () => {
  it.each([
    [["check", "--bogus"], /^blastgate check: unknown option '--bogus' \(blastgate check --help lists the options\)\n$/],
    [["test", "--min-coverage"], /^blastgate test: option '--min-coverage' needs a value \(blastgate test --help lists the options\)\n$/],
    [["init", "--force"], /^blastgate init: unknown option '--force' \(blastgate init --help lists the options\)\n$/],
    [["check", "--format", "xml"], /--format must be text, json, sarif or junit, not .xml./],
    [["check", "--now", "yesterday"], /--now must be an ISO 8601 date/],
    [["frobnicate"], /unknown command 'frobnicate'/],
    [[], /a command is required/],
    [["check", "--now", "2026-02-31"], /--now must be an ISO 8601 date/],
    [["check", "--root", "no/such/dir"], /--root no\/such\/dir is not a directory/],
  ])("%j is exit 2 with a message", (args, message) => {
    const r = runCli(args, EXAMPLES);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("--help and --version", () => {
    expect(runCli(["--help"], EXAMPLES).stdout).toContain("Exit status: 0 allowed, 1 blocked, 2 usage or input error.");
    expect(runCli(["--version"], EXAMPLES).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it("a named manifest that does not exist is exit 2", () => {
    const r = runCli(["check", "manifests/nope.yaml", ...NOW], EXAMPLES);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("manifests/nope.yaml does not exist");
  });
});
