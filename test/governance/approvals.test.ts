import { describe, expect, it } from "vitest";
import { StaticTeams } from "../../src/governance/teams.js";
import { CATALOG, manifest } from "../support/fixtures.js";
import { GOV_CATALOG, judge, MANIFEST, OLD_SHA, policy, review, TEAMS, type World } from "./support.js";

const rule = (w = "{ require: [requestedBy, executedBy, kindOwner] }") => `  - id: sign-off
    type: approvals
    enforcement: soft-mandatory
    with: ${w}
`;
const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;
const ok = (login: string, commit?: string) => review(login, "APPROVED", "", commit);

interface Case {
  name: string;
  world?: Partial<World>;
  reviews: ReturnType<typeof review>[];
  /** "team roles have/need ✔|✖" per approval record. */
  records: string[];
  /** messageId @ file:line of each finding. */
  findings: string[];
  /** A fragment of the first finding's message. */
  says?: string;
}

const M = "ops/manifest.yaml";
const at = (file: string, text: string, needle: string) => `${file}:${lineOf(text, needle)}`;

const cases: Case[] = [
  {
    name: "every required team approved by a member",
    reviews: [ok("frank"), ok("dave"), ok("gina")],
    records: ["acme/apps requestedBy 1/1 ✔", "acme/sre executedBy 1/1 ✔", "acme/app-owners kindOwner 1/1 ✔"],
    findings: [],
  },
  {
    name: "the kind's owner is missing: the finding is on the catalog's owner line",
    reviews: [ok("frank"), ok("dave")],
    records: ["acme/apps requestedBy 1/1 ✔", "acme/sre executedBy 1/1 ✔", "acme/app-owners kindOwner 0/1 ✖"],
    findings: [`missing @ ${at("policies/catalog.yaml", GOV_CATALOG, "owner: acme/app-owners")}`],
    says: "the owning team acme/app-owners has 0 of 1 approval of this manifest as it is at head",
  },
  {
    name: "the requesting team's only approval is the author's own",
    reviews: [ok("alice"), ok("dave"), ok("gina")],
    records: ["acme/apps requestedBy 0/1 ✖", "acme/sre executedBy 1/1 ✔", "acme/app-owners kindOwner 1/1 ✔"],
    findings: [`missing @ ${at(M, MANIFEST, "requestedBy:")}`],
    says: "not counted: alice is the pull request's author",
  },
  {
    name: "an approval of other content does not count",
    reviews: [ok("frank", OLD_SHA), ok("dave"), ok("gina")],
    records: ["acme/apps requestedBy 0/1 ✖", "acme/sre executedBy 1/1 ✔", "acme/app-owners kindOwner 1/1 ✔"],
    findings: [`missing @ ${at(M, MANIFEST, "requestedBy:")}`],
    says: "stale: ops/manifest.yaml or ids/apps.txt changed after the review",
  },
  {
    name: "a later approval of head content counts",
    reviews: [ok("frank", OLD_SHA), { ...ok("frank"), submitted_at: "2026-11-22T00:00:00Z" }, ok("dave"), ok("gina")],
    records: ["acme/apps requestedBy 1/1 ✔", "acme/sre executedBy 1/1 ✔", "acme/app-owners kindOwner 1/1 ✔"],
    findings: [],
  },
  {
    name: "minPerTeam counts distinct members",
    world: { policy: policy(rule("{ require: [executedBy], minPerTeam: 2 }")) },
    reviews: [ok("dave"), { ...ok("dave"), submitted_at: "2026-11-22T00:00:00Z" }],
    records: ["acme/sre executedBy 1/2 ✖"],
    findings: [`missing @ ${at(M, MANIFEST, "executedBy:")}`],
    says: "has 1 of 2 approvals",
  },
  {
    name: "minPerTeam met",
    world: { policy: policy(rule("{ require: [executedBy], minPerTeam: 2 }")) },
    reviews: [ok("dave"), ok("erin")],
    records: ["acme/sre executedBy 2/2 ✔"],
    findings: [],
  },
  {
    name: "one team in two roles is one requirement",
    world: { files: { [M]: manifest({ identifiers: "ids/apps.txt", metadata: "  requestedBy: acme/sre\n  executedBy: acme/sre\n" }) }, policy: policy(rule("{ require: [requestedBy, executedBy] }")) },
    reviews: [ok("erin")],
    records: ["acme/sre requestedBy,executedBy 1/1 ✔"],
    findings: [],
  },
  {
    name: "a bare slug is a team of the repository's organisation",
    world: { files: { [M]: manifest({ identifiers: "ids/apps.txt", metadata: "  executedBy: sre\n" }) }, policy: policy(rule("{ require: [executedBy] }")) },
    reviews: [ok("dave")],
    records: ["acme/sre executedBy 1/1 ✔"],
    findings: [],
  },
  {
    name: "a bare slug without a known organisation",
    world: { files: { [M]: manifest({ identifiers: "ids/apps.txt", metadata: "  executedBy: sre\n" }) }, policy: policy(rule("{ require: [executedBy] }")), governance: { org: undefined } },
    reviews: [ok("dave")],
    records: [],
    findings: ["badTeam @ ops/manifest.yaml:5"],
    says: "write org/sre",
  },
  {
    name: "a manifest that names no executing team",
    world: { files: { [M]: manifest({ identifiers: "ids/apps.txt", metadata: "  requestedBy: acme/apps\n" }) }, policy: policy(rule("{ require: [requestedBy, executedBy] }")) },
    reviews: [ok("frank")],
    records: ["acme/apps requestedBy 1/1 ✔"],
    findings: ["noTeam @ ops/manifest.yaml:3"],
    says: "metadata.executedBy names no team",
  },
  {
    name: "identifiers of another kind need that kind's owner too",
    world: { files: { "ids/apps.txt": "s-0001\n" }, policy: policy(rule("{ require: [kindOwner] }")) },
    reviews: [ok("gina")],
    records: ["acme/app-owners kindOwner 1/1 ✔", "acme/sites kindOwner 0/1 ✖"],
    findings: [`missing @ ${at("policies/catalog.yaml", GOV_CATALOG, "owner: acme/sites")}`],
  },
  {
    name: "a kind without an owner",
    world: { files: { "policies/catalog.yaml": CATALOG }, policy: policy(rule("{ require: [kindOwner] }")) },
    reviews: [ok("gina")],
    records: [],
    findings: [`noOwner @ ${at("policies/catalog.yaml", CATALOG, "  app:")}`],
  },
  {
    name: "membership that cannot be read does not count",
    world: { governance: { teams: new StaticTeams({ "acme/apps": TEAMS["acme/apps"], "acme/sre": TEAMS["acme/sre"] }) } },
    reviews: [ok("frank"), ok("dave"), ok("gina")],
    records: ["acme/apps requestedBy 1/1 ✔", "acme/sre executedBy 1/1 ✔", "acme/app-owners kindOwner 0/1 ✖"],
    findings: [`missing @ ${at("policies/catalog.yaml", GOV_CATALOG, "owner: acme/app-owners")}`],
    says: 'membership of gina in acme/app-owners cannot be read (acme/app-owners is not in the teams file); reading team membership needs a GitHub App installation token with the organization permission "Members: read"',
  },
  {
    name: "no reviews at all",
    world: { policy: policy(rule("{ require: [executedBy] }")) },
    reviews: [],
    records: ["acme/sre executedBy 0/1 ✖"],
    findings: [`missing @ ${at(M, MANIFEST, "executedBy:")}`],
  },
];

describe("rule approvals", () => {
  for (const c of cases) {
    it(c.name, async () => {
      const r = await judge({ policy: policy(rule()), ...c.world, governance: { reviews: c.reviews, ...c.world?.governance } });
      expect(r.problems).toEqual([]);
      expect((r.approvals ?? []).map((a) => `${a.team} ${a.roles.join(",")} ${a.approvedBy.length}/${a.need} ${a.satisfied ? "✔" : "✖"}`)).toEqual(c.records);
      expect(r.findings.map((f) => `${f.messageId} @ ${f.location.file}:${f.location.line}`)).toEqual(c.findings);
      if (c.says) expect(r.findings[0]!.message).toContain(c.says);
      expect(r.verdict).toBe(c.findings.length > 0 ? "blocked" : "allowed");
    });
  }

  it("records who approved, on which review and commit", async () => {
    const dave = ok("dave");
    const r = await judge({ policy: policy(rule("{ require: [executedBy] }")), governance: { reviews: [dave] } });
    expect(r.approvals).toEqual([
      {
        manifest: M,
        ruleId: "sign-off",
        roles: ["executedBy"],
        team: "acme/sre",
        need: 1,
        approvedBy: [{ login: "dave", reviewId: dave.id, commit: dave.commit_id }],
        refused: [],
        satisfied: true,
        location: { file: M, line: lineOf(MANIFEST, "executedBy:"), column: 15 },
      },
    ]);
  });
});
