import { describe, expect, it } from "vitest";
import { readReviews } from "../../src/governance/reviews.js";
import { StaticTeams } from "../../src/governance/teams.js";
import { manifest } from "../support/fixtures.js";
import { IDS_SHA, judge, OLD_SHA, policy, review, SAME_SHA, TICKET_RULE, type World } from "./support.js";

const HARD_RULE = `  - id: needs-description
    type: schema
    enforcement: hard-mandatory
    overrideTeams: [acme/sre]
    with: { schema: { required: [metadata], properties: { metadata: { required: [description] } } }, message: "describe it" }
`;
const NO_OVERRIDERS = `  - id: needs-ticket
    type: schema
    enforcement: soft-mandatory
    with: { schema: { required: [metadata], properties: { metadata: { required: [ticket] } } }, message: "name the ticket" }
`;
const override = (rule = "needs-ticket", reason = "ticket is in the incident channel") => `LGTM\n\nblastgate override ${rule}: ${reason}\n`;

interface Case {
  name: string;
  world?: Partial<World>;
  reviews: ReturnType<typeof review>[];
  /** Status and refusal code of each override record, in order. */
  records: string[];
  /** The needs-ticket finding's status. */
  finding: "blocking" | "overridden";
  /** A fragment of the first record's refusal message. */
  says?: string;
}

const cases: Case[] = [
  { name: "a member of an overrideTeams team", reviews: [review("dave", "APPROVED", override())], records: ["accepted"], finding: "overridden" },
  { name: "a login in overrideUsers", reviews: [review("carol", "APPROVED", override())], records: ["accepted"], finding: "overridden" },
  { name: "a bulleted line among others", reviews: [review("dave", "APPROVED", "Looks fine.\n- blastgate override needs-ticket: filed after the fact\n")], records: ["accepted"], finding: "overridden" },
  { name: "a non-member", reviews: [review("frank", "APPROVED", override())], records: ["refused:not-authorized"], finding: "blocking", says: "frank may not override 'needs-ticket': it takes a member of acme/sre or one of carol" },
  { name: "the pull request's author", world: { governance: { author: "dave" } }, reviews: [review("dave", "APPROVED", override())], records: ["refused:self-override"], finding: "blocking", says: "dave is the pull request's author" },
  { name: "an unknown author", world: { governance: { author: undefined } }, reviews: [review("dave", "APPROVED", override())], records: ["refused:author-unknown"], finding: "blocking" },
  { name: "no reason", reviews: [review("dave", "APPROVED", "blastgate override needs-ticket:  \n")], records: ["refused:no-reason"], finding: "blocking", says: "an override needs a reason" },
  { name: "no colon, no reason", reviews: [review("dave", "APPROVED", "blastgate override needs-ticket\n")], records: ["refused:no-reason"], finding: "blocking" },
  { name: "no rule id", reviews: [review("dave", "APPROVED", "blastgate override\n")], records: ["refused:malformed"], finding: "blocking" },
  { name: "an unknown rule id", reviews: [review("dave", "APPROVED", override("needs-tiket"))], records: ["refused:unknown-rule"], finding: "blocking", says: "did you mean 'needs-ticket'?" },
  {
    name: "a hard-mandatory rule",
    world: { policy: policy(TICKET_RULE + HARD_RULE), files: { "ops/manifest.yaml": manifest({ identifiers: "ids/apps.txt", metadata: "  requestedBy: acme/apps\n" }) } },
    reviews: [review("dave", "APPROVED", override() + override("needs-description", "it is obvious"))],
    records: ["accepted", "refused:not-soft-mandatory"],
    finding: "overridden",
  },
  { name: "a rule nobody may override", world: { policy: policy(NO_OVERRIDERS) }, reviews: [review("dave", "APPROVED", override())], records: ["refused:not-overridable"], finding: "blocking" },
  { name: "a comment, not an approval", reviews: [review("dave", "COMMENTED", override())], records: ["refused:not-approved"], finding: "blocking", says: "not an approval" },
  {
    name: "an approval withdrawn by a later change request",
    reviews: [review("dave", "APPROVED", override()), review("dave", "CHANGES_REQUESTED", "wait", SAME_SHA, "2026-11-21T10:00:00Z")],
    records: ["refused:superseded"],
    finding: "blocking",
  },
  { name: "an approval a later comment leaves standing", reviews: [review("dave", "APPROVED", override()), review("dave", "COMMENTED", "nit", SAME_SHA, "2026-11-21T10:00:00Z")], records: ["accepted"], finding: "overridden" },
  { name: "an approval of other manifest content", reviews: [review("dave", "APPROVED", override(), OLD_SHA)], records: ["refused:stale"], finding: "blocking", says: "stale: ops/manifest.yaml or ids/apps.txt changed after the review" },
  { name: "an approval of other identifiers", reviews: [review("dave", "APPROVED", override(), IDS_SHA)], records: ["refused:stale"], finding: "blocking" },
  {
    name: "a review of a commit that cannot be read",
    reviews: [review("dave", "APPROVED", override(), "5555555555555555555555555555555555555555")],
    records: ["refused:stale"],
    finding: "blocking",
    says: "cannot be read at the review's commit",
  },
  { name: "a review without a commit", reviews: [{ ...review("dave", "APPROVED", override()), commit_id: null }], records: ["refused:no-commit"], finding: "blocking" },
  {
    name: "a team whose membership cannot be read",
    world: { governance: { teams: new StaticTeams({ "acme/apps": ["frank"] }) } },
    reviews: [review("dave", "APPROVED", override())],
    records: ["refused:membership-unknown"],
    finding: "blocking",
    says: 'cannot be read (acme/sre: acme/sre is not in the teams file), so the override cannot be attributed and is refused; reading team membership needs a GitHub App installation token with the organization permission "Members: read"',
  },
  { name: "no team directory at all", world: { governance: { teams: undefined } }, reviews: [review("dave", "APPROVED", override())], records: ["refused:membership-unknown"], finding: "blocking", says: "no team directory was given" },
  { name: "no way to read past commits", world: { governance: { filesAt: undefined } }, reviews: [review("dave", "APPROVED", override())], records: ["refused:stale"], finding: "blocking", says: "no way to read past commits" },
  {
    name: "a rule that found nothing",
    world: { files: { "ops/manifest.yaml": manifest({ identifiers: "ids/apps.txt", metadata: "  ticket: OPS-1\n" }) } },
    reviews: [review("dave", "APPROVED", override())],
    records: ["unused"],
    finding: "blocking",
  },
];

describe("overrides", () => {
  for (const c of cases) {
    it(c.name, async () => {
      const r = await judge({ policy: policy(TICKET_RULE), ...c.world, governance: { reviews: c.reviews, ...c.world?.governance } });
      expect(r.problems).toEqual([]);
      const records = r.overrides ?? [];
      expect(records.map((o) => (o.refusal ? `${o.status}:${o.refusal.code}` : o.status))).toEqual(c.records);
      if (c.says) expect(records[0]!.refusal?.message).toContain(c.says);
      const ticket = r.findings.filter((f) => f.ruleId === "needs-ticket");
      if (c.records[0] === "unused") {
        expect(ticket).toEqual([]);
        expect(r.verdict).toBe("allowed");
        return;
      }
      expect(ticket.map((f) => f.status)).toEqual([c.finding]);
      if (c.finding === "overridden") {
        const accepted = records.find((o) => o.status === "accepted")!;
        expect(accepted).toMatchObject({ by: c.reviews[0]!.user!.login, manifest: "ops/manifest.yaml", commit: SAME_SHA });
        expect(accepted.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
        expect(accepted.reviewedDigest).toBe(accepted.digest);
        expect(ticket[0]!.override).toMatchObject({ by: accepted.by, reason: accepted.reason, reviewId: accepted.reviewId, digest: accepted.digest });
        expect(r.counts.overridden).toBe(1);
      }
      const blocking = r.findings.some((f) => f.status === "blocking");
      expect(r.verdict).toBe(blocking ? "blocked" : "allowed");
    });
  }

  it("binds to the digest the report shows for the manifest", async () => {
    const r = await judge({ policy: policy(TICKET_RULE), governance: { reviews: [review("dave", "APPROVED", override())] } });
    expect(r.digests).toEqual([{ subject: "ops/manifest.yaml", files: ["ops/manifest.yaml", "ids/apps.txt"], digest: r.overrides![0]!.digest }]);
    expect(r.verdict).toBe("allowed");
  });

  it("a hard-mandatory finding blocks whatever the reviews say", async () => {
    const r = await judge({
      policy: policy(HARD_RULE),
      files: { "ops/manifest.yaml": manifest({ identifiers: "ids/apps.txt" }) },
      governance: { reviews: [review("dave", "APPROVED", override("needs-description", "fine"))] },
    });
    expect(r.findings.map((f) => [f.ruleId, f.status])).toEqual([["needs-description", "blocking"]]);
    expect(r.verdict).toBe("blocked");
  });
});

describe("reading reviews", () => {
  it("keeps a reviewer's standing approvals and every override line, in review order", () => {
    const read = readReviews([
      { id: 3, user: { login: "b" }, body: "blastgate override r: x", state: "APPROVED", commit_id: "c2", submitted_at: "2026-11-21T00:00:00Z" },
      { id: 1, user: { login: "a" }, body: "ok", state: "APPROVED", commit_id: "c1", submitted_at: "2026-11-20T00:00:00Z" },
      { id: 2, user: { login: "A" }, body: "", state: "DISMISSED", commit_id: "c1", submitted_at: "2026-11-20T01:00:00Z" },
      { id: 4, user: null, body: "blastgate override r: ghost", state: "APPROVED", commit_id: "c2", submitted_at: "2026-11-21T00:00:00Z" },
      { id: 5, user: { login: "c" }, body: "> blastgate override r: quoted", state: "APPROVED", commit_id: "c2", submitted_at: "2026-11-22T00:00:00Z" },
      { id: 6, user: { login: "d" }, body: "blastgate override r: pending", state: "PENDING", commit_id: "c2" },
    ]);
    // a's approval was dismissed (logins compare case-insensitively); a ghost, a quote and a pending review carry nothing.
    expect(read.approvals.map((a) => a.login)).toEqual(["b", "c"]);
    expect(read.overrides.map((o) => [o.login, o.ruleId, o.reason, o.line])).toEqual([["b", "r", "x", 1]]);
  });

  it("shows control and bidirectional characters of a review escaped, never obeyed", () => {
    const read = readReviews([{ id: 1, user: { login: "a" }, body: "blastgate override r: fine\u001b[2J\u202eevil", state: "APPROVED", commit_id: "c", submitted_at: "2026-11-20T00:00:00Z" }]);
    expect(read.overrides[0]!.reason).toBe("fine\\u{1b}[2J\\u{202e}evil");
  });
});
