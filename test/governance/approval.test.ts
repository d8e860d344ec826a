/** The approval record: built from a check's result, read back, and the one that counts chosen. */
import { describe, expect, it } from "vitest";
import { approvalsOf, chooseApproval, liftedBy, parseApproval, type RunApproval } from "../../src/governance/approval.js";
import { diffIdentifiers } from "../../src/measure/stages.js";
import type { Finding } from "../../src/rules/types.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const finding = (ruleId: string, enforcement: Finding["enforcement"], status: Finding["status"], extra: Partial<Finding> = {}): Finding => ({
  ruleId,
  ruleType: "rpo-alignment",
  enforcement,
  severity: "error",
  messageId: "x",
  message: "x",
  location: { file: "ops/a.yaml", line: 1, column: 1 },
  manifest: "ops/a.yaml",
  evidence: {},
  policy: { file: "policies/p.yaml", line: 1, column: 1 },
  ...(status ? { status } : {}),
  ...extra,
});
const record = (r: Partial<RunApproval> = {}): RunApproval => ({ manifest: "a", path: "ops/a.yaml", digest: DIGEST, verdict: "allowed", overrides: [], waivers: [], ...r });

describe("approvalsOf", () => {
  it("one record per manifest with a digest: its verdict and the findings reviewers or waivers lifted", () => {
    const findings = [
      finding("one-restore-point", "soft-mandatory", "overridden", { override: { by: "dave", reason: "tracked in OPS-1", reviewId: 1, commit: "c", digest: DIGEST, via: "acme/sre" } }),
      finding("named-intent", "advisory", "advisory"),
      finding("bulk-limits", "hard-mandatory", "blocking", { manifest: "ops/b.yaml" }),
    ];
    const plans = [
      { manifest: "ops/a.yaml", name: "a" },
      { manifest: "ops/b.yaml", name: "b" },
      { manifest: "ops/c.yaml", name: "c" },
    ];
    const digests = [
      { subject: "ops/a.yaml", files: [], digest: DIGEST },
      { subject: "ops/b.yaml", files: [], digest: DIGEST },
    ];
    expect(approvalsOf({ verdict: "blocked", findings, plans, digests })).toEqual([
      record({ overrides: [{ rule: "one-restore-point", by: "dave", reason: "tracked in OPS-1" }] }),
      record({ manifest: "b", path: "ops/b.yaml", verdict: "blocked" }),
    ]);
  });
});

describe("parseApproval and chooseApproval", () => {
  const run = (id: number, text: unknown, app = "github-actions") => ({ id, name: "blastgate/approval", app, text });
  it("reads back what approvalsOf wrote", () => {
    expect(parseApproval(JSON.stringify(record()))).toEqual(record());
  });
  it.each([
    [undefined, "the check run has no output text"],
    ["{", "its output text is not JSON"],
    ["[]", "its output text is not a JSON object"],
    [JSON.stringify({ ...record(), digest: 1 }), "its output text has no string 'digest'"],
    [JSON.stringify({ ...record(), verdict: "fine" }), "its output text has no verdict"],
    [JSON.stringify({ ...record(), overrides: [{ rule: 1 }] }), "its overrides or waivers are malformed"],
  ])("refuses %j", (text, reason) => {
    expect(parseApproval(text)).toBe(reason);
  });
  it("takes the latest record of the expected app for the path; other apps' records are ignored and counted", () => {
    const runs = [run(1, JSON.stringify(record())), run(3, JSON.stringify(record({ verdict: "blocked" }))), run(4, JSON.stringify(record({ verdict: "allowed" })), "forger"), run(2, JSON.stringify(record({ path: "ops/b.yaml" })))];
    expect(chooseApproval(runs, "ops/a.yaml")).toEqual({ ok: true, record: record({ verdict: "blocked" }), id: 3, ignored: 1 });
    expect(chooseApproval([run(4, JSON.stringify(record()), "forger")], "ops/a.yaml")).toEqual({
      ok: false,
      reason: "no blastgate/approval record for ops/a.yaml (1 blastgate/approval check run of another app than 'github-actions' ignored)",
    });
    expect(chooseApproval([run(4, JSON.stringify(record()), "forger")], "ops/a.yaml", "forger")).toMatchObject({ ok: true });
  });
});

describe("liftedBy", () => {
  it("lifts only soft-mandatory findings whose rule the record overrode or waived", () => {
    const r = record({ overrides: [{ rule: "one-restore-point", by: "dave", reason: "" }], waivers: [{ rule: "needs-ticket", waiver: "w" }] });
    expect(liftedBy(r, finding("one-restore-point", "soft-mandatory", "blocking"))).toBe(true);
    expect(liftedBy(r, finding("needs-ticket", "soft-mandatory", "blocking"))).toBe(true);
    expect(liftedBy(r, finding("one-restore-point", "hard-mandatory", "blocking"))).toBe(false);
    expect(liftedBy(r, finding("other", "soft-mandatory", "waived"))).toBe(false);
    expect(liftedBy(undefined, finding("one-restore-point", "soft-mandatory", "overridden"))).toBe(false);
  });
});

describe("diffIdentifiers", () => {
  it("lists the first extra ids with their line and the first missing ones", () => {
    const given = ["a", "x", "c", "y"].map((id, i) => ({ id, line: i + 1 }));
    expect(diffIdentifiers(["a", "b", "c"], given, 1)).toEqual({ extra: [{ id: "x", line: 2 }], missing: ["b"], extraCount: 2, missingCount: 1 });
  });
});
