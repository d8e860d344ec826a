import { readFileSync } from "node:fs";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { makeRepo, PROJECT, runCli, runJson } from "../support/repo.js";
import { sarifOf, type SarifResult } from "../support/sarif.js";

const NOW = ["--now", "2026-11-24"];
const LEGACY = "manifests/remove-insight-legacy.yaml";
const RULES_MD = readFileSync(path.join(PROJECT, "docs/rules.md"), "utf8");

describe("--format sarif", () => {
  it("is valid SARIF 2.1.0 with a descriptor per rule id linking its section of docs/rules.md, results where the JSON report puts them", () => {
    const json = runJson(["check", "--root", "examples", ...NOW], PROJECT).report;
    const r = runCli(["check", "--root", "examples", ...NOW, "--format", "sarif"], PROJECT);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const log = sarifOf(r.stdout);
    expect(log.version).toBe("2.1.0");
    const [run] = log.runs;
    const rules = run!.tool.driver.rules;
    // Every rule in force is named once, with its type's description and the anchor of its section (which exists).
    const policyRules = (json as unknown as { rules: { id: string; type: string }[] }).rules;
    expect(rules.map((d) => d.id)).toEqual(policyRules.map((p) => p.id));
    for (const d of rules) {
      const type = policyRules.find((p) => p.id === d.id)!.type;
      expect(d.helpUri).toBe(`https://github.com/blastgate/blastgate/blob/main/docs/rules.md#${type}`);
      expect(RULES_MD).toContain(`\n## ${type}\n`);
      expect(d.shortDescription.text.length).toBeGreaterThan(10);
    }
    // One result per finding, at the finding's file, line and column; hard- and soft-mandatory blocking findings are errors.
    const results = run!.results;
    expect(results).toHaveLength(json.findings.length);
    const place = (x: { ruleId: string; file: string; line: number; column: number; level?: string }) => `${x.ruleId} ${x.file}:${x.line}:${x.column} ${x.level ?? ""}`;
    expect(
      results
        .map((res) =>
          place({
            ruleId: res.ruleId,
            file: res.locations[0]!.physicalLocation.artifactLocation.uri,
            line: res.locations[0]!.physicalLocation.region.startLine,
            column: res.locations[0]!.physicalLocation.region.startColumn,
            level: res.level,
          }),
        )
        .sort(),
    ).toEqual(json.findings.map((f) => place({ ruleId: f.ruleId, ...f.location, level: f.enforcement === "advisory" ? "warning" : "error" })).sort());
    expect(results.every((res) => rules[res.ruleIndex]!.id === res.ruleId)).toBe(true);
    expect(results.find((res) => res.locations[0]!.physicalLocation.artifactLocation.uri === "ids/insight-sites.txt")!.message.text).toContain("883 of 883 identifiers are site, not app");
    expect(run!.invocations).toEqual([{ executionSuccessful: true }]);
  });

  it("keeps each alert's fingerprint when lines move, and tells repeated findings apart", () => {
    const repo = makeRepo({}, path.join(PROJECT, "examples"));
    const before = sarifOf(runCli(["check", ...NOW, "--format", "sarif"], repo).stdout).runs[0]!.results;
    const text = readFileSync(path.join(repo, LEGACY), "utf8");
    const moved = makeRepo({ [LEGACY]: `# a comment\n# and another\n${text}` }, repo);
    const after = sarifOf(runCli(["check", ...NOW, "--format", "sarif"], moved).stdout).runs[0]!.results;
    const key = (res: SarifResult) => res.partialFingerprints["blastgate/v1"]!;
    expect(new Set(before.map(key)).size).toBe(before.length);
    expect(after.map(key).sort()).toEqual(before.map(key).sort());
    const line = (res: SarifResult) => res.locations[0]!.physicalLocation.region.startLine;
    const inManifest = (rs: SarifResult[]) => rs.filter((res) => res.locations[0]!.physicalLocation.artifactLocation.uri === LEGACY);
    expect(inManifest(after).map(line)).toEqual(inManifest(before).map((res) => line(res) + 2));
  });

  it("reports input problems as errors of their own rule, still valid SARIF, exit 2", () => {
    const repo = makeRepo(
      { "ops/bad.yaml": "apiVersion: blastgate.dev/v1\nkind: Operation\nmetadata: { name: bad }\nspec:\n  environment: production\n  action: remove-app\n  target: { kind: app, identifiers: [x] }\n  deletion: { mode: sometimes }\n" },
      path.join(PROJECT, "examples"),
    );
    const r = runCli(["check", "ops/bad.yaml", ...NOW, "--format", "sarif"], repo);
    expect(r.code).toBe(2);
    const [run] = sarifOf(r.stdout).runs;
    const problem = run!.results.find((res) => res.ruleId === "blastgate/input-problem")!;
    expect(problem).toMatchObject({ level: "error", locations: [{ physicalLocation: { artifactLocation: { uri: "ops/bad.yaml" }, region: { startLine: 8, startColumn: 21 } } }] });
    expect(problem.message.text).toContain("spec.deletion.mode must be one of 'soft', 'hard'");
    expect(run!.tool.driver.rules.map((d) => d.id)).toContain("blastgate/input-problem");
    // The run could not decide: code scanning must not read its few alerts as a clean bill.
    expect(run!.invocations[0]!.executionSuccessful).toBe(false);
    expect(run!.invocations[0]!.toolExecutionNotifications![0]!.message.text).toContain("Blastgate could not decide: 1 input problem (the first: ops/bad.yaml:8:21 ");
  });
});

describe("--format junit", () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => ["testsuite", "testcase"].includes(name) });
  type Case = { classname: string; name: string; failure?: { message: string; "#text": string }; "system-out"?: string; error?: { message: string; "#text": string } };
  type Suites = { testsuites: { tests: string; failures: string; errors: string; testsuite: { name: string; tests: string; failures: string; testcase: Case[] }[] } };

  it("is well-formed JUnit XML: a suite per manifest, a case per rule, blocking findings as failures", () => {
    const r = runCli(["check", "--root", "examples", ...NOW, "--format", "junit"], PROJECT);
    expect(r.code).toBe(1);
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    const doc = parser.parse(r.stdout) as Suites;
    const suites = doc.testsuites.testsuite;
    expect(suites.map((s) => s.name).sort()).toEqual([LEGACY, "manifests/remove-insight-safe.yaml"]);
    const legacy = suites.find((s) => s.name === LEGACY)!;
    const failed = legacy.testcase.filter((c) => c.failure);
    expect(failed.map((c) => c.name).sort()).toEqual(["bulk-limits", "customer-data-limits", "one-restore-point", "recoverable", "target-kind"]);
    expect(legacy.failures).toBe(String(failed.length));
    expect(failed.find((c) => c.name === "target-kind")!.failure!["#text"]).toContain("ids/insight-sites.txt:3:1 hard-mandatory: 883 of 883 identifiers are site, not app");
    const safe = suites.find((s) => s.name !== LEGACY)!;
    expect(safe.testcase.every((c) => c.failure === undefined)).toBe(true);
    expect(doc.testsuites.failures).toBe(String(failed.length));
  });

  it("lists input problems as errors, and escapes what manifests quote", () => {
    const repo = makeRepo(
      { "ops/bad.yaml": "apiVersion: blastgate.dev/v1\nkind: Operation\nmetadata: { name: bad }\nspec:\n  environment: production\n  action: remove-app\n  target: { kind: app, identifiers: [x] }\n  deletion: { mode: '</error>&<x>' }\n" },
      path.join(PROJECT, "examples"),
    );
    const r = runCli(["check", "ops/bad.yaml", ...NOW, "--format", "junit"], repo);
    expect(r.code).toBe(2);
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    const doc = parser.parse(r.stdout) as Suites;
    const bad = doc.testsuites.testsuite.find((s) => s.name === "ops/bad.yaml")!;
    expect(bad.testcase[0]!.error!["#text"]).toContain("not '</error>&<x>'");
    // Each problem counts once: it is the manifest's error case, not also a case of "input problems".
    expect(doc.testsuites.testsuite.map((s) => s.name)).toEqual(["ops/bad.yaml"]);
    expect(doc.testsuites.errors).toBe("1");
  });

  it("a problem that is no manifest's (a policy file's) is a case of 'input problems'", () => {
    const repo = makeRepo({ "policies/extra.yaml": "apiVersion: blastgate.dev/v1\nkind: Policy\nmetadata: { name: extra }\nrules: [{ id: x, type: nope, enforcement: advisory }]\n" }, path.join(PROJECT, "examples"));
    const r = runCli(["check", "manifests/remove-insight-safe.yaml", ...NOW, "--format", "junit"], repo);
    expect(r.code).toBe(2);
    const suites = (parser.parse(r.stdout) as Suites).testsuites.testsuite;
    expect(suites.find((s) => s.name === "input problems")!.testcase[0]!.error!.message).toMatch(/not a rule type/);
  });

  it("shows a manifest with an input problem as an error, not its rules as passing", () => {
    const repo = makeRepo({ "ops/typo.yaml": readFileSync(path.join(PROJECT, "examples/manifests/remove-insight-safe.yaml"), "utf8").replace("deletion:", "deletoin:") }, path.join(PROJECT, "examples"));
    const r = runCli(["check", "ops/typo.yaml", "manifests/remove-insight-safe.yaml", ...NOW, "--format", "junit"], repo);
    expect(r.code).toBe(2);
    const suites = (parser.parse(r.stdout) as Suites).testsuites.testsuite;
    const typo = suites.find((s) => s.name === "ops/typo.yaml")!;
    expect(typo.testcase.map((c) => c.name)).toEqual(["not judged (input problems)"]);
    expect(typo.testcase[0]!.error!.message).toMatch(/^not judged: /);
    expect(typo.testcase[0]!.error!["#text"]).toMatch(/^ops\/typo\.yaml:\d+:\d+ /);
    expect(typo.testcase[0]!.error!["#text"]).toContain("deletoin");
    // The manifest that was judged keeps its case per rule.
    expect(suites.find((s) => s.name === "manifests/remove-insight-safe.yaml")!.testcase.length).toBeGreaterThan(1);
  });

  it("a manifest with a plan but a problem of its own (an action the catalog lacks) is not judged either", () => {
    const repo = makeRepo({ "ops/act.yaml": readFileSync(path.join(PROJECT, "examples/manifests/remove-insight-safe.yaml"), "utf8").replace("action: remove-app", "action: remove-apps") }, path.join(PROJECT, "examples"));
    const r = runCli(["check", "ops/act.yaml", ...NOW, "--format", "junit"], repo);
    expect(r.code).toBe(2);
    const act = (parser.parse(r.stdout) as Suites).testsuites.testsuite.find((s) => s.name === "ops/act.yaml")!;
    expect(act.testcase.map((c) => c.name)).toEqual(["not judged (input problems)"]);
    expect(act.testcase[0]!.error!["#text"]).toContain("remove-apps");
  });
});
