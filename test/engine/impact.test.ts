import { describe, expect, it } from "vitest";
import { compareImpact, impactScope, type ImpactSide } from "../../src/engine/impact.js";
import type { Finding } from "../../src/rules/types.js";
import type { Problem } from "../../src/documents/problem.js";

function finding(manifest: string, over: Partial<Finding> = {}): Finding {
  const location = { file: manifest, line: 17, column: 5 };
  return {
    ruleId: "bulk-limits",
    ruleType: "blast-radius",
    enforcement: "hard-mandatory",
    severity: "error",
    messageId: "maxTargets",
    message: "destroys 883 targets; the limit is 500",
    location,
    manifest,
    evidence: {},
    policy: { file: "policies/p.yaml", line: 20, column: 7 },
    ...over,
  };
}

function side(label: string, findings: Finding[], problems: Problem[] = [], reads: Record<string, string[]> = {}): ImpactSide {
  return { label, findings, problems, reads: new Map(Object.entries(reads)) };
}

const A = "ops/a.yaml";
const B = "ops/b.yaml";

describe("compareImpact", () => {
  it("lists only manifests whose verdict or findings change, by path, with the counts", () => {
    const before = side("base", [finding(B), finding(A, { enforcement: "advisory", severity: "warning", ruleId: "named-intent", messageId: "schema", message: "name the ticket" })]);
    const after = side("head", [finding(A), finding(A, { enforcement: "advisory", severity: "warning", ruleId: "named-intent", messageId: "schema", message: "name the ticket" })]);
    const impact = compareImpact([B, A, "ops/c.yaml"], 3, before, after);
    expect(impact.changed.map((e) => `${e.manifest}: ${e.before} -> ${e.after} +${e.added.length} -${e.removed.length}`)).toEqual([`${A}: allowed -> blocked +1 -0`, `${B}: blocked -> allowed +0 -1`]);
    expect(impact).toMatchObject({ compared: 3, total: 3, verdictChanges: 2, newlyBlocked: 1, newlyAllowed: 1 });
  });

  it("keeps a finding whose rule moved in the policy file, and counts a changed message as one removed and one added", () => {
    const moved = compareImpact([A], 1, side("base", [finding(A)]), side("head", [finding(A, { policy: { file: "policies/p.yaml", line: 90, column: 7 } })]));
    expect(moved.changed).toEqual([]);
    const reworded = compareImpact([A], 1, side("base", [finding(A)]), side("head", [finding(A, { message: "destroys 883 targets; the limit is 400" })]));
    expect(reworded.changed).toHaveLength(1);
    expect(reworded.changed[0]).toMatchObject({ before: "blocked", after: "blocked" });
    expect(reworded.changed[0]!.added.map((f) => f.message)).toEqual(["destroys 883 targets; the limit is 400"]);
    expect(reworded.changed[0]!.removed.map((f) => f.message)).toEqual(["destroys 883 targets; the limit is 500"]);
  });

  it("counts equal findings: a second copy is a finding added", () => {
    const impact = compareImpact([A], 1, side("base", [finding(A)]), side("head", [finding(A), finding(A)]));
    expect(impact.changed[0]!.added).toHaveLength(1);
  });

  it("tells a waived finding from a blocking one (a waiver removed newly blocks)", () => {
    const impact = compareImpact([A], 1, side("base", [finding(A, { enforcement: "soft-mandatory", status: "waived" })]), side("head", [finding(A, { enforcement: "soft-mandatory", status: "blocking" })]));
    expect(impact.changed[0]).toMatchObject({ before: "allowed", after: "blocked", added: [{ status: "blocking" }], removed: [{ status: "waived" }] });
  });

  it("gives a manifest with a problem in its file or its identifier file the verdict error", () => {
    const problem: Problem = { code: "identifier", message: "not an app id", location: { file: "ids/a.txt", line: 3, column: 1 } };
    const impact = compareImpact([A], 1, side("base", []), side("head", [], [problem], { [A]: ["ids/a.txt"] }));
    expect(impact.changed[0]).toMatchObject({ manifest: A, before: "allowed", after: "error" });
    expect(impact.unavailable).toBeUndefined();
  });

  it("compares nothing when a side has a problem no manifest owns (its policies), and says which", () => {
    const problem: Problem = { code: "schema", message: "rules[0].enforcement must be one of ...", location: { file: "policies/p.yaml", line: 9, column: 18 } };
    const impact = compareImpact([A], 1, side("base commit aaaaaaa", []), side("this pull request", [finding(A)], [problem, { ...problem, location: { ...problem.location, line: 12 } }]));
    expect(impact.changed).toEqual([]);
    expect(impact.unavailable).toBe("the policies of this pull request cannot judge: policies/p.yaml:9: rules[0].enforcement must be one of ... (and 1 more problem)");
  });
});

describe("impactScope", () => {
  it("takes the first manifests by path past the cap, and tells how many there are", () => {
    expect(impactScope(["c", "a", "b", "a"], 2)).toEqual({ compared: ["a", "b"], total: 3 });
  });
});
