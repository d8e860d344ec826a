import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeRepo, PROJECT, runCli } from "../support/repo.js";

const read = (f: string) => readFileSync(path.join(PROJECT, f), "utf8");
const STARTER = { "policies/catalog.yaml": read("policies/catalog.yaml"), "policies/starter.yaml": read("policies/starter.yaml") };
const STARTER_TESTS = read("policies/tests/starter.yaml");

/** The starter test file without the case of this name (cases are separated by a blank line). */
function withoutCase(name: string): string {
  const [head, ...cases] = STARTER_TESTS.split(/\n(?= {2}- name: )/);
  const kept = cases.filter((c) => !c.startsWith(`  - name: ${name}\n`));
  expect(kept).toHaveLength(cases.length - 1);
  return [head, ...kept].join("\n");
}

const SMALL_POLICY = `apiVersion: blastgate.dev/v1
kind: Policy
metadata: { name: small }
overrideTeams: [acme/platform]
rules:
  - id: few
    type: blast-radius
    enforcement: soft-mandatory
    with: { maxTargets: 2 }
`;
const MANIFEST = `apiVersion: blastgate.dev/v1
kind: Operation
metadata: { name: three-apps }
spec:
  environment: staging
  action: remove-app
  target: { kind: app, identifiers: [app-0001, app-0002, app-0003] }
  deletion: { mode: soft, retention: 30d }
`;

describe("blastgate test", () => {
  it("runs the starter pack's own tests at 100% coverage, one line per case and per rule", () => {
    const r = runCli(["test", "--coverage", "--min-coverage", "100"], PROJECT);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("policies/tests/starter.yaml\n  ✔ a small, soft, reversible app removal in production is allowed\n");
    expect(r.stdout).toMatch(/PASSED: (\d+) of \1 cases passed/);
    const coverage = r.stdout.split("\n").filter((l) => / fires: /.test(l));
    expect(coverage.map((l) => l.replace(/ +/g, " "))).toEqual([
      "target-kind fires: yes holds: yes",
      "bulk-limits fires: yes holds: yes",
      "customer-data-limits fires: yes holds: yes",
      "recoverable fires: yes holds: yes",
      "one-restore-point fires: yes holds: yes",
      "named-intent fires: yes holds: yes",
      "intent-sign-off fires: yes holds: yes",
      "scripts-need-manifests fires: yes holds: yes",
    ]);
    expect(r.stdout).toContain("coverage: 100% (minimum 100%)");
    expect(r.code).toBe(0);
  });

  it("fails --min-coverage 100 when a starter-pack rule has no firing case", () => {
    const dir = makeRepo({ ...STARTER, "policies/tests/starter.yaml": withoutCase("a bulk delete of 60 apps in one wave is blocked") });
    const r = runCli(["test", "--min-coverage", "100"], dir);
    expect(r.stdout).toMatch(/^bulk-limits +fires: no holds: yes$/m);
    // 15 of 16 yes answers, rounded (not cut) to a tenth.
    expect(r.stdout).toContain("coverage: 93.8% (minimum 100%: below it)");
    expect(r.code).toBe(1);
    // Without a minimum, the same cases pass.
    expect(runCli(["test", "--coverage"], dir).code).toBe(0);
    // The minimum is compared with the exact share (15 of 16 is 93.75%), not the rounded one shown.
    const shown = runCli(["test", "--min-coverage", "93.8"], dir);
    expect(shown.stdout).toContain("coverage: 93.8% (minimum 93.8%: below it)");
    expect(shown.code).toBe(1);
    expect(runCli(["test", "--min-coverage", "93.75"], dir).code).toBe(0);
  });

  it("counts a rule judged over the change as holding only where a script it governs changed", () => {
    const dir = makeRepo({ ...STARTER, "policies/tests/starter.yaml": withoutCase("a changed cleanup script that a manifest names is judged with it") });
    const r = runCli(["test", "--coverage"], dir);
    expect(r.stdout).toMatch(/^scripts-need-manifests fires: yes holds: no$/m);
    expect(r.code).toBe(0);
  });

  it("shows a failing case with the findings expected and found, and exits 1", () => {
    const tests = STARTER_TESTS.replace("      rules: [bulk-limits, intent-sign-off]", "      rules: [recoverable, intent-sign-off]");
    const dir = makeRepo({ ...STARTER, "policies/tests/starter.yaml": tests });
    const r = runCli(["test"], dir);
    const line = tests.split("\n").findIndex((l) => l.includes("name: a bulk delete of 60 apps")) + 1;
    expect(r.stdout).toContain(`  ✖ a bulk delete of 60 apps in one wave is blocked  (policies/tests/starter.yaml:${line})\n`);
    expect(r.stdout).toContain("      - recoverable  (expected to fire, did not)\n");
    expect(r.stdout).toMatch(/ {6}\+ bulk-limits {2}hard-mandatory {2}\w+ {2}policies\/tests\/starter\.yaml:\d+:\d+ {2}.+ {2}\(not expected\)\n/);
    expect(r.stdout).toMatch(/FAILED: \d+ of \d+ cases passed, 1 failed/);
    expect(r.code).toBe(1);
  });

  it("judges a manifest file, reviews and teams as fixtures, and finer expectations", () => {
    const dir = makeRepo({
      "policies/catalog.yaml": STARTER["policies/catalog.yaml"],
      "policies/small.yaml": SMALL_POLICY,
      "ops/three.yaml": MANIFEST,
      "policies/tests/small.yaml": `apiVersion: blastgate.dev/v1
kind: PolicyTest
metadata: { name: small }
cases:
  - name: three apps are too many
    manifest: ops/three.yaml
    expect:
      verdict: blocked
      rules: [few]
      findings: [{ rule: few, messageId: maxTargets, enforcement: soft-mandatory, status: blocking, file: ops/three.yaml, line: 7 }]
  - name: a platform member's override lifts it
    manifest: ops/three.yaml
    fixtures:
      author: alice
      reviews: [{ user: bob, state: APPROVED, body: "blastgate override few: three is fine here" }]
      teams: { acme/platform: [bob] }
    expect:
      verdict: allowed
      rules: [few]
      findings: [{ rule: few, status: overridden }]
  - name: an override someone else edited into the review does not
    manifest: ops/three.yaml
    fixtures:
      author: alice
      reviews: [{ user: bob, state: APPROVED, body: "blastgate override few: three is fine here", editedBy: carol }]
      teams: { acme/platform: [bob] }
    expect: { verdict: blocked, rules: [few], findings: [{ rule: few, status: blocking }] }
  - name: nor one by a reviewer without write access
    manifest: ops/three.yaml
    fixtures:
      author: alice
      reviews: [{ user: bob, state: APPROVED, body: "blastgate override few: three is fine here" }]
      teams: { acme/platform: [bob] }
      permissions: { bob: read }
    expect: { verdict: blocked, rules: [few] }
  - name: the author's own override does not
    manifest: ops/three.yaml
    fixtures:
      author: bob
      reviews: [{ user: bob, state: APPROVED, body: "blastgate override few: mine" }]
      teams: { acme/platform: [bob] }
    expect: { verdict: blocked, rules: [few], findings: [{ rule: few, line: 99 }] }
`,
    });
    const r = runCli(["test"], dir);
    expect(r.stdout).toContain("  ✔ three apps are too many\n");
    expect(r.stdout).toContain("  ✔ a platform member's override lifts it\n");
    expect(r.stdout).toContain("  ✔ an override someone else edited into the review does not\n");
    expect(r.stdout).toContain("  ✔ nor one by a reviewer without write access\n");
    expect(r.stdout).toContain("  ✖ the author's own override does not  (policies/tests/small.yaml:36)\n");
    expect(r.stdout).toContain("      - finding few  line 99  (no finding matches)\n");
    expect(r.stdout).toMatch(/ {6}\+ few {2}soft-mandatory {2}maxTargets {2}ops\/three\.yaml:7:\d+ {2}/);
    expect(r.code).toBe(1);
  });

  it("names the file and line of a test file that does not validate, and exits 2", () => {
    const dir = makeRepo({
      ...STARTER,
      "policies/tests/bad.yaml": `apiVersion: blastgate.dev/v1
kind: PolicyTest
metadata: { name: bad }
cases:
  - name: a typo
    manifest: ops/none.yaml
    expect: { verdict: blocked, rulez: [few] }
`,
    });
    const r = runCli(["test"], dir);
    expect(r.stdout).toMatch(/^ {2}policies\/tests\/bad\.yaml:7:\d+ {2}.*rulez/m);
    expect(r.code).toBe(2);
    const missing = makeRepo({ ...STARTER, "policies/tests/t.yaml": `apiVersion: blastgate.dev/v1\nkind: PolicyTest\nmetadata: { name: t }\ncases:\n  - name: gone\n    manifest: ops/none.yaml\n    expect: { verdict: allowed }\n` });
    const m = runCli(["test"], missing);
    expect(m.stdout).toContain("policies/tests/t.yaml:5:");
    expect(m.stdout).toContain("manifest ops/none.yaml does not exist");
    expect(m.code).toBe(2);
    const none = runCli(["test"], makeRepo(STARTER));
    expect(none.stdout).toContain("policies/tests does not exist");
    expect(none.code).toBe(2);
    expect(runCli(["test", "--min-coverage", "lots"], PROJECT).code).toBe(2);
  });

  it("refuses, at file:line:col with a did-you-mean, an expectation naming a rule or message id the policies do not have (exit 2)", () => {
    const dir = makeRepo({
      ...STARTER,
      "ops/three.yaml": MANIFEST,
      "policies/tests/t.yaml": `apiVersion: blastgate.dev/v1
kind: PolicyTest
metadata: { name: t }
cases:
  - name: misspelt rule
    manifest: ops/three.yaml
    expect: { verdict: blocked, rules: [bulk-limitz] }
  - name: ghost finding
    manifest: ops/three.yaml
    expect:
      verdict: blocked
      findings: [{ rule: ghost-rule }, { rule: bulk-limits, messageId: maxTargetz }]
`,
    });
    const r = runCli(["test"], dir);
    expect(r.stdout).toContain("policies/tests/t.yaml:7:41  'bulk-limitz' is not a rule of the loaded policies (did you mean 'bulk-limits'? rules: target-kind, ");
    expect(r.stdout).toContain("policies/tests/t.yaml:12:26  'ghost-rule' is not a rule of the loaded policies (rules: ");
    expect(r.stdout).toMatch(/policies\/tests\/t\.yaml:12:72 {2}rule 'bulk-limits' has no message 'maxTargetz' \(did you mean 'maxTargets'\? its messages: /);
    expect(r.stdout).not.toContain("✖");
    expect(r.code).toBe(2);
  });

  it("exits 2 naming the load problem when the policies do not load (two Catalogs), running no case", () => {
    const dir = makeRepo({ ...STARTER, "policies/tests/starter.yaml": STARTER_TESTS, "policies/z-second.yaml": STARTER["policies/catalog.yaml"] });
    const r = runCli(["test"], dir);
    expect(r.stdout).toMatch(/^ {2}policies\/z-second\.yaml:\d+:\d+ {2}a second Catalog document \(the first is in policies\/catalog\.yaml\): keep one catalog$/m);
    expect(r.stdout).not.toMatch(/[✔✖]/);
    expect(r.code).toBe(2);
  });

  it("says a case's manifest is not an Operation manifest when it names a policy file (exit 2)", () => {
    const dir = makeRepo({
      ...STARTER,
      "policies/tests/t.yaml": "apiVersion: blastgate.dev/v1\nkind: PolicyTest\nmetadata: { name: t }\ncases:\n  - name: wrong file\n    manifest: policies/catalog.yaml\n    expect: { verdict: allowed }\n",
    });
    const r = runCli(["test"], dir);
    expect(r.stdout).toContain("policies/tests/t.yaml:6:15  case 'wrong file': policies/catalog.yaml is not an Operation manifest (it holds a Catalog)");
    expect(r.stdout).not.toContain("move it there");
    expect(r.code).toBe(2);
  });

  it("check skips PolicyTest documents among the policy files", () => {
    const dir = makeRepo({
      ...STARTER,
      "policies/tests/starter.yaml": STARTER_TESTS,
      "ops/three.yaml": MANIFEST.replace("metadata: { name: three-apps }", "metadata: { name: three-apps, ticket: OPS-1, requestedBy: a/b, executedBy: a/c }"),
    });
    const r = runCli(["check", "--now", "2026-11-24"], dir);
    expect(r.stdout).not.toContain("PolicyTest");
    expect(r.stdout).toMatch(/^ALLOWED/m);
    expect(r.code).toBe(0);
  });
});
