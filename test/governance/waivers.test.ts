import { describe, expect, it } from "vitest";
import { manifest } from "../support/fixtures.js";
import { judge, MANIFEST, policy, TICKET_RULE, type World } from "./support.js";

const HARD_RULE = `  - id: needs-description
    type: schema
    enforcement: hard-mandatory
    with: { schema: { required: [metadata], properties: { metadata: { required: [description] } } }, message: "describe it" }
`;
const waiver = (spec: Record<string, string> = {}, name = "ticket-system-down") => {
  const s = { manifest: "cleanup", rules: "[needs-ticket]", reason: "the ticket system was down", owner: "acme/platform", expires: "2026-12-31", ...spec };
  return `apiVersion: blastgate.dev/v1\nkind: Waiver\nmetadata:\n  name: ${name}\nspec:\n${Object.entries(s)
    .filter(([, v]) => v !== "")
    .map(([k, v]) => `  ${k}: ${v}\n`)
    .join("")}`;
};
const W = "policies/waiver.yaml";
const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;
const run = (w: Partial<World> & { waiver?: string }) => judge({ policy: policy(TICKET_RULE + HARD_RULE), ...w, files: { [W]: w.waiver ?? waiver(), ...w.files } });

describe("waivers", () => {
  it("a valid waiver lifts the soft-mandatory finding, naming itself, its owner and reason", async () => {
    const r = await run({});
    expect(r.problems).toEqual([]);
    expect(r.findings.map((f) => [f.ruleId, f.status])).toEqual([["needs-ticket", "waived"]]);
    expect(r.findings[0]!.waiver).toEqual({ name: "ticket-system-down", reason: "the ticket system was down", owner: "acme/platform", expires: "2026-12-31", location: { file: W, line: 4, column: 9 } });
    expect(r.waivers).toMatchObject([{ name: "ticket-system-down", status: "applied", files: ["ops/manifest.yaml"], waived: [{ ruleId: "needs-ticket", manifest: "ops/manifest.yaml" }] }]);
    expect(r.counts).toMatchObject({ softMandatory: 1, blocking: 0, waived: 1 });
    expect(r.verdict).toBe("allowed");
  });

  it("holds through the end of its expiry day (UTC)", async () => {
    const r = await run({ waiver: waiver({ expires: "2026-11-24" }), now: "2026-11-24T23:59:59Z" });
    expect(r.waivers![0]!.status).toBe("applied");
  });

  it("an expired waiver waives nothing and is an advisory finding on its expires line", async () => {
    const text = waiver({ expires: "2026-11-23" });
    const r = await run({ waiver: text });
    expect(r.problems).toEqual([]);
    expect(r.findings.map((f) => [f.ruleId, f.status, f.enforcement, `${f.location.file}:${f.location.line}`])).toEqual([
      ["needs-ticket", "blocking", "soft-mandatory", "ops/manifest.yaml:3"],
      ["blastgate/waiver-expired", "advisory", "advisory", `${W}:${lineOf(text, "expires:")}`],
    ]);
    expect(r.findings[1]!.message).toBe("waiver 'ticket-system-down' expired on 2026-11-23: rule needs-ticket blocks this manifest again; renew the waiver with a new date, or remove it");
    expect(r.waivers![0]!.status).toBe("expired");
    expect(r.verdict).toBe("blocked");
  });

  it("an unused waiver is reported", async () => {
    const r = await run({ files: { "ops/manifest.yaml": manifest({ identifiers: "ids/apps.txt", metadata: "  description: d\n  ticket: OPS-1\n" }) } });
    expect(r.findings).toEqual([]);
    expect(r.waivers).toMatchObject([{ status: "unused", message: "no finding of needs-ticket on ops/manifest.yaml needed waiving" }]);
    expect(r.verdict).toBe("allowed");
  });

  it("never lifts a hard-mandatory finding", async () => {
    const r = await run({ waiver: waiver({ rules: "[needs-ticket, needs-description]" }), files: { "ops/manifest.yaml": manifest({ identifiers: "ids/apps.txt", metadata: "  requestedBy: acme/apps\n" }) } });
    expect(r.findings.map((f) => [f.ruleId, f.status])).toEqual([
      ["needs-description", "blocking"],
      ["needs-ticket", "waived"],
    ]);
    expect(r.waivers![0]!.notApplied).toEqual([{ ruleId: "needs-description", manifest: "ops/manifest.yaml", reason: "rule 'needs-description' is hard-mandatory: no waiver lifts it" }]);
    expect(r.verdict).toBe("blocked");
  });

  it("with spec.digest, holds for that content only", async () => {
    const digest = (await run({})).digests![0]!.digest;
    const bound = await run({ waiver: waiver({ digest }) });
    expect(bound.waivers![0]!.status).toBe("applied");
    const other = await run({ waiver: waiver({ digest: `sha256:${"0".repeat(64)}` }) });
    expect(other.waivers![0]).toMatchObject({ status: "stale" });
    expect(other.waivers![0]!.message).toContain("ops/manifest.yaml or ids/apps.txt changed");
    expect(other.findings.map((f) => f.status)).toEqual(["blocking"]);
    expect(other.verdict).toBe("blocked");
  });

  it("waives nothing when two manifests share the name it names", async () => {
    const r = await run({ files: { "ops/copy.yaml": MANIFEST } });
    expect(r.waivers![0]).toMatchObject({ status: "ambiguous", message: "2 manifests are named 'cleanup' (ops/copy.yaml, ops/manifest.yaml): a waiver names exactly one, so it waives nothing" });
    expect(r.verdict).toBe("blocked");
  });

  it("is listed as not checked when its manifest is not judged", async () => {
    const r = await run({ files: { "ops/other.yaml": manifest({ name: "other", identifiers: "ids/apps.txt" }) }, waiver: waiver({ manifest: "other" }) });
    expect(r.waivers![0]).toMatchObject({ status: "not-checked", files: [] });
    expect(r.findings.map((f) => f.status)).toEqual(["blocking"]);
  });

  const problems: { name: string; waiver: string; policy?: string; says: string; at: string }[] = [
    { name: "an unknown rule", waiver: waiver({ rules: "[needs-tickets]" }), says: "waiver 'ticket-system-down' names rule 'needs-tickets', which is not a rule of the policies (did you mean 'needs-ticket'?)", at: "rules:" },
    {
      name: "an unknown manifest",
      waiver: waiver({ manifest: "clean-up" }),
      says: "waiver 'ticket-system-down' names manifest 'clean-up', but no manifest in the repository has that metadata.name (did you mean 'cleanup'?)",
      at: "manifest:",
    },
    { name: "no expiry date", waiver: waiver({ expires: "" }), says: "expires", at: "spec:" },
    { name: "a date that does not exist", waiver: waiver({ expires: "2026-02-30" }), says: "spec.expires: '2026-02-30' is not a real date", at: "expires:" },
    {
      name: "an expiry further ahead than a Policy allows",
      waiver: waiver({ expires: "2027-06-01" }),
      policy: policy(TICKET_RULE, "waivers: { maxExpiry: 90d }\n"),
      says: "waiver 'ticket-system-down' holds until the end of 2027-06-01 (UTC), 190d ahead; the Policy at policies/policy.yaml:4 allows waivers at most 90d ahead",
      at: "expires:",
    },
    { name: "a blank reason", waiver: waiver({ reason: '" "' }), says: "reason", at: "reason:" },
    { name: "a reason with a control character", waiver: waiver({ reason: '"ok\\u001b[2J"' }), says: "reason", at: "reason:" },
    { name: "a reason over several lines", waiver: waiver({ reason: '"first\\nsecond"' }), says: "reason", at: "reason:" },
  ];
  for (const p of problems) {
    it(`${p.name} is an error naming the waiver's line`, async () => {
      const r = await judge({ policy: p.policy ?? policy(TICKET_RULE + HARD_RULE), files: { [W]: p.waiver } });
      expect(r.verdict).toBe("error");
      expect(r.problems.map((x) => `${x.location.file}:${x.location.line}`)).toEqual([`${W}:${lineOf(p.waiver, p.at)}`]);
      expect(r.problems[0]!.message).toContain(p.says);
    });
  }

  it("a Waiver among the manifests is an error", async () => {
    const r = await judge({ policy: policy(TICKET_RULE), files: { "ops/manifest.yaml": waiver() } });
    expect(r.verdict).toBe("error");
    expect(r.problems.map((p) => p.message)).toEqual(["a Waiver is only read from the policies directory (policies/): this one, in ops/manifest.yaml, does nothing where it is; move it there"]);
  });
});
