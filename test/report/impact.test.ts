import { describe, expect, it } from "vitest";
import type { CheckResult } from "../../src/check/run.js";
import type { ImpactFinding, PolicyImpact } from "../../src/engine/impact.js";
import { MAX_COMMENT_CHARS, toComment, toSummary } from "../../src/report/markdown.js";
import { impactText } from "../../src/report/impact.js";

const finding = (file: string, i: number): ImpactFinding => ({
  ruleId: "bulk-limits",
  messageId: "maxTargets",
  message: `destroys 883 targets; the limit is 500 ${"and a long explanation ".repeat(40)}${i}`,
  enforcement: "hard-mandatory",
  status: "blocking",
  location: { file, line: 17, column: 5 },
});

function resultWith(changed: number): CheckResult {
  const manifests = Array.from({ length: changed }, (_, i) => `ops/m${String(i).padStart(3, "0")}.yaml`);
  const impact: PolicyImpact = {
    before: "base commit aaaaaaa",
    after: "this pull request",
    compared: 2000,
    total: 2345,
    changed: manifests.map((manifest) => ({ manifest, before: "allowed", after: "blocked", added: [0, 1, 2, 3, 4].map((i) => finding(manifest, i)), removed: [] })),
    newlyBlocked: changed,
    newlyAllowed: 0,
    verdictChanges: changed,
  };
  return { verdict: "allowed", findings: [], plans: [], problems: [], counts: { advisory: 0, softMandatory: 0, hardMandatory: 0, problems: 0 }, manifests: [], policiesDir: "policies", rules: [], impact };
}

describe("the policy-change impact in Markdown", () => {
  it("the comment shows 20 rows of 3 findings each, stays under GitHub's limit, and says what it left out; the counts say the comparison was capped", () => {
    const comment = toComment({ result: resultWith(25), detailsUrl: "https://github.com/acme/ops/actions/runs/1" });
    expect([...comment].length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(comment.match(/^\| `ops\/m\d{3}\.yaml` \| ✅ allowed → \*\*⛔ blocked\*\* \|/gm)).toHaveLength(20);
    expect(comment).toContain("<br>and 2 more |");
    expect(comment.split("\n")).toContain("**5 more changed manifests not shown here**: see [the job summary](https://github.com/acme/ops/actions/runs/1).");
    expect(comment.split("\n")).toContain(
      "⛔ **25 manifests newly blocked** by the new policies. 25 of 2,000 manifests change verdict under the new policies (25 newly blocked); only the first 2,000 of 2,345 manifests (by path) were compared, the rest were not.",
    );
  });

  it("the summary shows every row up to 500", () => {
    const summary = toSummary({ result: resultWith(25) });
    expect(summary.match(/^\| `ops\/m\d{3}\.yaml` \|/gm)).toHaveLength(25);
    expect(summary).not.toContain("not shown here");
  });

  it("the text names a comparison it could not make", () => {
    const result = resultWith(0);
    const text = impactText({ ...result.impact!, unavailable: "the policies of this pull request cannot judge: policies/p.yaml:9: bad" });
    expect(text.trimEnd().split("\n").at(-1)).toBe("not compared: the policies of this pull request cannot judge: policies/p.yaml:9: bad");
  });
});
