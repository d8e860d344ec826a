import { symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOG, INVENTORY, manifest } from "../support/fixtures.js";
import { makeRepo, runJson } from "../support/repo.js";

const POLICY = `apiVersion: blastgate.dev/v1
kind: Policy
rules:
  - id: target-kind
    type: identifier-kind
    enforcement: hard-mandatory
  - id: recoverable
    type: rollback-plan
    enforcement: hard-mandatory
    with: { requireSoftDelete: true }
`;

function repo(files: Record<string, string>): string {
  return makeRepo({ "policies/catalog.yaml": CATALOG, "policies/policy.yaml": POLICY, "inventory.ndjson": INVENTORY, ...files });
}

/** Checks ops/m.yaml in a repository made of `files`; bad input must be exit 2 with the file and line, never a pass. */
function check(files: Record<string, string>, setup?: (dir: string) => void) {
  const dir = repo(files);
  setup?.(dir);
  const r = runJson(["check", "ops/m.yaml", "--now", "2026-11-24"], dir);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return r;
}

function expectProblem(r: ReturnType<typeof check>, where: { file: string; line: number; column?: number }, message: RegExp) {
  expect(r.code).toBe(2);
  expect(r.report.verdict).toBe("error");
  const p = r.report.problems.find((x) => message.test(x.message));
  expect(p, `no problem matching ${message} in ${JSON.stringify(r.report.problems, null, 1)}`).toBeDefined();
  expect(p!.location).toMatchObject(where);
}

describe("bad input is exit 2 with file and line, never a pass", () => {
  it("malformed YAML", () => {
    const r = check({ "ops/m.yaml": "apiVersion: blastgate.dev/v1\nkind: Operation\nspec: [unclosed\n" });
    expectProblem(r, { file: "ops/m.yaml", line: 4 }, /YAML syntax error/);
  });

  it("a document of the wrong kind among manifests", () => {
    const r = check({ "ops/m.yaml": "apiVersion: blastgate.dev/v1\nkind: Policy\nrules: []\n" });
    expectProblem(r, { file: "ops/m.yaml", line: 2, column: 7 }, /a Policy is only read from the policies directory \(policies\/\): this one, in ops\/m.yaml, does nothing where it is/);
  });

  it("a kind that does not exist", () => {
    const r = check({ "ops/m.yaml": "apiVersion: blastgate.dev/v1\nkind: Operashun\n" });
    expectProblem(r, { file: "ops/m.yaml", line: 2 }, /kind 'Operashun' is not a Blastgate document kind/);
  });

  it("an unknown field (a typo must not disable a check)", () => {
    const r = check({ "ops/m.yaml": manifest({ deletion: "    mode: soft\n    retension: 30d\n" }) });
    expectProblem(r, { file: "ops/m.yaml", line: 18, column: 5 }, /unknown field 'retension' in spec\.deletion \(did you mean 'retention'\?\)/);
  });

  it("a missing identifier file", () => {
    const r = check({ "ops/m.yaml": manifest({ identifiers: "ids/missing.txt" }) });
    expectProblem(r, { file: "ops/m.yaml", line: 14, column: 13 }, /identifier file ids\/missing\.txt does not exist/);
  });

  it.each([
    ["../outside.txt", /leaves the repository/],
    ["/etc/passwd", /is absolute/],
  ])("an identifier file at %s", (file, message) => {
    const r = check({ "ops/m.yaml": manifest({ identifiers: file }) });
    expectProblem(r, { file: "ops/m.yaml", line: 14 }, message);
  });

  it("an identifier file that is a symlink out of the repository", () => {
    const outside = makeRepo({ "secret.txt": "a-0001\n" });
    const r = check({ "ops/m.yaml": manifest({ identifiers: "ids.txt" }) }, (dir) => symlinkSync(path.join(outside, "secret.txt"), path.join(dir, "ids.txt")));
    expectProblem(r, { file: "ops/m.yaml", line: 14 }, /resolves outside the repository/);
  });

  it("an empty identifier list (file)", () => {
    const r = check({ "ops/m.yaml": manifest({ identifiers: "ids.txt" }), "ids.txt": "# nothing here\n\n" });
    expectProblem(r, { file: "ids.txt", line: 1 }, /holds no identifiers/);
  });

  it("an empty identifier list (inline)", () => {
    const r = check({ "ops/m.yaml": manifest({ identifiers: [] }).replace("    identifiers:\n", "    identifiers: []\n") });
    expectProblem(r, { file: "ops/m.yaml", line: 13 }, /spec\.target\.identifiers is empty/);
  });

  it("a duplicate identifier the inventory does not hold, with both lines", () => {
    const r = check({ "ops/m.yaml": manifest({ identifiers: "ids.txt" }), "ids.txt": "a-0998\na-0999\n\na-0999\n" });
    expectProblem(r, { file: "ids.txt", line: 4, column: 1 }, /duplicate identifier 'a-0999' \(first on line 2\)/);
  });

  it("a duplicate identifier, with both lines", () => {
    const r = check({ "ops/m.yaml": manifest({ identifiers: "ids.txt" }), "ids.txt": "a-0001\na-0002\na-0001\n" });
    expectProblem(r, { file: "ids.txt", line: 3, column: 1 }, /duplicate identifier 'a-0001' \(first on line 1\)/);
  });

  it.each([
    ["retention: 30 days", /spec\.deletion\.retention must be a duration/, 18],
    ["retention: -1h", /spec\.deletion\.retention must be a duration/, 18],
    ["retention: 999999999y", /longer than 100 years/, 18],
  ])("an invalid duration (%s)", (line, message, lineNo) => {
    const r = check({ "ops/m.yaml": manifest({ deletion: `    mode: soft\n    ${line}\n` }) });
    expectProblem(r, { file: "ops/m.yaml", line: lineNo }, message);
  });

  it.each([
    ["lastTested: 2026-02-31", /not a real date/],
    ["lastTested: last week", /must be a date such as 2026-03-01/],
  ])("an invalid date (%s)", (line, message) => {
    const r = check({ "ops/m.yaml": manifest({ rollback: `  rollback:\n    strategy: undelete\n    ${line}\n` }) });
    expectProblem(r, { file: "ops/m.yaml", line: 21 }, message);
  });

  it("a pattern that does not compile", () => {
    const r = check({ "ops/m.yaml": manifest(), "policies/catalog.yaml": CATALOG.replace('pattern: "s-[0-9]{4}"', 'pattern: "s-[0-9"') });
    expectProblem(r, { file: "policies/catalog.yaml", line: 7 }, /kinds\.site\.identifier\.pattern does not compile/);
  });

  it("a policy with an unknown rule type", () => {
    const r = check({ "ops/m.yaml": manifest(), "policies/policy.yaml": POLICY.replace("type: rollback-plan", "type: rollback-plans") });
    expectProblem(r, { file: "policies/policy.yaml", line: 8 }, /not a rule type \(did you mean 'rollback-plan'\?/);
  });

  it("a Policy that fails its own schema still has its rules' options checked: every mistake in one round", () => {
    const policy = POLICY.replace("enforcement: hard-mandatory\n  - id: recoverable", "enforcement: hard-mandatry\n  - id: recoverable").replace("requireSoftDelete: true", "requireSoftDelet: true");
    const r = check({ "ops/m.yaml": manifest(), "policies/policy.yaml": policy });
    expectProblem(r, { file: "policies/policy.yaml", line: 6 }, /rules\[0\]\.enforcement must be one of/);
    expectProblem(r, { file: "policies/policy.yaml", line: 10 }, /rule 'recoverable' \(rollback-plan\): unknown field 'requireSoftDelet' in rules\[1\]\.with \(did you mean 'requireSoftDelete'\?\)/);
  });

  it("a rule option of the wrong type", () => {
    const r = check({ "ops/m.yaml": manifest(), "policies/policy.yaml": POLICY.replace("requireSoftDelete: true", "requireSoftDelete: yes") });
    expectProblem(r, { file: "policies/policy.yaml", line: 10 }, /rule 'recoverable' \(rollback-plan\): rules\[1\]\.with\.requireSoftDelete must be true or false, not a string/);
  });

  it("no catalog at all", () => {
    const dir = makeRepo({ "policies/policy.yaml": POLICY, "ops/m.yaml": manifest() });
    const r = runJson(["check", "ops/m.yaml"], dir);
    expect(r.code).toBe(2);
    expect(r.report.problems.map((p) => p.message)).toContain("no Catalog document in policies/ (the working tree): without one no identifier can be resolved");
  });

  it("an environment spelled differently from the catalog", () => {
    const r = check({ "ops/m.yaml": manifest({ environment: "Production" }) });
    expectProblem(r, { file: "ops/m.yaml", line: 9, column: 16 }, /spec\.environment must be lowercase/);
  });

  it("an action the catalog does not know", () => {
    const r = check({ "ops/m.yaml": manifest({ action: "remove-apps" }) });
    expectProblem(r, { file: "ops/m.yaml", line: 10, column: 11 }, /spec\.action 'remove-apps' is not an action in the catalog \(did you mean 'remove-app'\?\)/);
  });

  it("a stage that rounds to no target is no canary", () => {
    const r = check({ "ops/m.yaml": manifest({ identifiers: ["a-0001", "a-0002", "a-0003"], rollout: "  rollout:\n    stages:\n      - { name: canary, percent: 0.01 }\n      - { name: rest, percent: 99.99 }\n" }) });
    expectProblem(r, { file: "ops/m.yaml", line: 22 }, /stage 'canary' destroys no target \(of 3\)/);
  });

  it("stages that do not cover every target: the manifest is not judged (no findings beside the problem), its plan is shown", () => {
    // 50% + 40% of 5 is 4.5: half a target in no stage. No bake between them would also be a finding, were the manifest judged.
    const ids = ["a-0001", "a-0002", "a-0003", "a-0004", "a-0005"];
    const r = check({ "ops/m.yaml": manifest({ identifiers: ids, rollout: "  rollout:\n    stages:\n      - { name: a, percent: 50 }\n      - { name: b, percent: 40 }\n" }) });
    expectProblem(r, { file: "ops/m.yaml", line: 23 }, /spec\.rollout\.stages cover 4\.5 of 5 targets: 0\.5 would never run/);
    expect(r.report.findings).toEqual([]);
    expect(r.report.plans.map((p) => p.manifest)).toEqual(["ops/m.yaml"]);
  });

  it("an inventory kind that is not a plain name (markup or control characters reaching reports)", () => {
    const row = JSON.stringify({ id: "a-0003", kind: "app\n<h1>LGTM</h1>", tenant: "t", customer: "c", environment: "production" });
    const r = check({ "ops/m.yaml": manifest(), "inventory.ndjson": INVENTORY + row + "\n" });
    expectProblem(r, { file: "inventory.ndjson", line: INVENTORY.split("\n").length }, /malformed inventory row: kind 'app\\u\{a\}<h1>LGTM<\/h1>' is not a plain name/);
  });

  it("a schema rule whose JSON Schema does not compile fails when the policy loads, with no manifest at all", () => {
    const policy = POLICY + "  - id: shape\n    type: schema\n    enforcement: advisory\n    with: { message: m, schema: { type: objec } }\n";
    const dir = repo({ "policies/policy.yaml": policy });
    const r = runJson(["check", "--now", "2026-11-24"], dir);
    expect(r.code).toBe(2);
    expect(r.report.problems.map((p) => `${p.location.file}:${p.location.line} ${p.message}`)).toEqual([expect.stringMatching(/^policies\/policy\.yaml:14 rule 'shape' \(schema\): with\.schema: is not a JSON Schema/)]);
  });

  it("a schema rule whose JSON Schema is written for another draft fails when the policy loads, instead of ignoring what draft-07 lacks", () => {
    const schema = '{ $schema: "https://json-schema.org/draft/2020-12/schema", type: object, unevaluatedProperties: false }';
    const policy = POLICY + `  - id: shape\n    type: schema\n    enforcement: advisory\n    with: { message: m, schema: ${schema} }\n`;
    const dir = repo({ "policies/policy.yaml": policy });
    const r = runJson(["check", "--now", "2026-11-24"], dir);
    expect(r.code).toBe(2);
    expect(r.report.problems.map((p) => `${p.location.file}:${p.location.line} ${p.message}`)).toEqual([
      expect.stringMatching(
        /^policies\/policy\.yaml:14 rule 'shape' \(schema\): with\.schema: is not a JSON Schema Blastgate can use: it declares \$schema 'https:\/\/json-schema\.org\/draft\/2020-12\/schema': Blastgate reads policy schemas as JSON Schema draft-07/,
      ),
    ]);
  });

  it("stages that do not add up to the targets", () => {
    const r = check({ "ops/m.yaml": manifest({ identifiers: ["a-0001", "a-0002", "a-0003"], rollout: "  rollout:\n    stages:\n      - { name: canary, count: 1 }\n      - { name: rest, count: 1 }\n" }) });
    expectProblem(r, { file: "ops/m.yaml", line: 21 }, /spec\.rollout\.stages cover 2 of 3 targets/);
  });
});
