/**
 * Governance through the bundled Action against the fake GitHub API: overrides in approving reviews,
 * team membership read through the REST API, the digest binding across pushes, sign-off by intent,
 * governed scripts and waivers.
 */
import { readFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import type { GitHubApiInit, GitHubApiServer } from "../support/github-api.js";
import { BASE_SHA, cleanup, commentsByBot, exampleRepo, HEAD_SHA, LEGACY, pull, pullRequestPayload, runAction, SAFE, startApi, treeOf, write, type ActionRun } from "./harness.js";

afterEach(cleanup);

/** A soft-mandatory rule the safe manifest breaks (it names no change window), overridable by acme/sre and carol. */
const WINDOW_RULE = `  - id: change-window
    type: schema
    enforcement: soft-mandatory
    overrideTeams: [acme/sre]
    overrideUsers: [carol]
    with:
      message: name the change window
      schema: { properties: { metadata: { required: [changeWindow] } } }
`;
const policy = (rules: string) => `apiVersion: blastgate.dev/v1\nkind: Policy\nmetadata: { name: governance }\nrules:\n${rules}`;

const TEAMS = { "acme/sre": ["dave", "erin"], "acme/apps": ["alice", "frank"], "example-org/ecosystem": ["gina"], "example-org/site-platform": ["hank", "ivan"] };
const OVERRIDE = "Looks right.\n\nblastgate override change-window: agreed with the on-call in OPS-88\n";
/** An older head of the pull request with the same manifest and identifiers (only the README differs). */
const SAME_SHA = "c".repeat(40);
/** An older head whose manifest differs from head. */
const OLD_SHA = "d".repeat(40);

type ReviewInit = NonNullable<GitHubApiInit["reviews"]>[number];
const approve = (user: string, body = "", commit = HEAD_SHA): ReviewInit => ({ pull_number: 7, state: "APPROVED", user, body, commit_id: commit });

interface Fixture {
  api: GitHubApiServer;
  run: ActionRun;
  report: any;
  comment: string;
}

/**
 * A pull request adding the safe manifest, judged by the example policies plus `governance.yaml`
 * (on the base branch and unchanged at head). SAME_SHA is head with another README; OLD_SHA head
 * with another manifest description.
 */
async function judgeWith(opts: { rules?: string; policyFiles?: Record<string, string>; reviews?: ReviewInit[]; teams?: GitHubApiInit["teams"]; edit?: (ws: string) => Promise<void>; inputs?: Record<string, string>; before?: (api: GitHubApiServer) => void; event?: string }): Promise<Fixture> {
  const ws = await exampleRepo([LEGACY]);
  await write(ws, "policies/governance.yaml", policy(opts.rules ?? WINDOW_RULE));
  for (const [file, text] of Object.entries(opts.policyFiles ?? {})) await write(ws, file, text);
  await opts.edit?.(ws);
  const head = await treeOf(ws);
  const base = Object.fromEntries(Object.entries(head).filter(([f]) => !f.startsWith("manifests/") && !f.startsWith("scripts/")));
  const same = { ...head, "README.md": "an older head\n" };
  const old = { ...head, [SAFE]: head[SAFE]!.replace("Remove the deprecated standalone Insight app", "Remove the Insight app") };
  const p = pull();
  const api = await startApi({ pulls: [p], files: { [BASE_SHA]: base, [HEAD_SHA]: head, [SAME_SHA]: same, [OLD_SHA]: old }, reviews: opts.reviews ?? [], teams: opts.teams ?? TEAMS });
  opts.before?.(api);
  const payload = opts.event === "merge_group" ? { merge_group: { base_sha: BASE_SHA, head_sha: HEAD_SHA, head_ref: "refs/heads/gh-readonly-queue/main/pr-7-bbbbbbb", base_ref: "refs/heads/main" } } : pullRequestPayload(p);
  const run = await runAction({ api, workspace: ws, payload, ...(opts.event ? { event: opts.event } : {}), ...(opts.inputs ? { inputs: opts.inputs } : {}) });
  expect(run.stderr).toBe("");
  const report = JSON.parse(await readFile(run.outputs.report!, "utf8"));
  const comment = commentsByBot(api)[0]?.body ?? "";
  return { api, run, report, comment };
}

describe("overrides on the pull request", () => {
  it("an override by a member of an overrideTeams team is accepted, listed with who and why, and the step passes", async () => {
    const { api, run, report, comment } = await judgeWith({ reviews: [approve("dave", OVERRIDE)] });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: "allowed", "soft-mandatory": "1", blocking: "0", overridden: "1", waived: "0" });
    const digest = report.digests.find((d: any) => d.subject === SAFE).digest;
    expect(report.overrides).toEqual([expect.objectContaining({ ruleId: "change-window", by: "dave", reason: "agreed with the on-call in OPS-88", status: "accepted", via: "acme/sre", manifest: SAFE, commit: HEAD_SHA, digest, reviewedDigest: digest })]);
    expect(report.findings.find((f: any) => f.ruleId === "change-window")).toMatchObject({ status: "overridden", override: { by: "dave", reason: "agreed with the on-call in OPS-88" } });

    // The lifted finding is a notice, not an error.
    expect(run.annotations.filter((a) => a.level === "error")).toEqual([]);
    expect(run.annotations).toContainEqual(expect.objectContaining({ level: "notice", file: SAFE, title: "Blastgate: change-window (soft-mandatory, overridden)", message: "name the change window (metadata is missing 'changeWindow') (overridden by dave: agreed with the on-call in OPS-88)" }));

    for (const text of [comment, run.summary]) {
      expect(text.split("\n")[0]).toBe("✅ **Blastgate: allowed**: 1 manifest checked against the policies of the base commit aaaaaaa, no blocking findings (1 overridden)");
      expect(text).toContain("| ↷ soft-mandatory | ↷ overridden by &#64;dave: agreed with the on-call in OPS-88 |");
      expect(text).toMatch(/\| ✅ accepted \| &#64;dave \| `change-window` \| `manifests\/remove-insight-safe\.yaml` \| agreed with the on-call in OPS-88 \| via acme\/sre · `sha256:[0-9a-f]{12}` \|/);
      expect(text).toContain(`Content digest \`${digest.slice(0, 19)}\``);
    }
    // Membership was read through the REST API.
    expect(api.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toContain("GET /orgs/acme/teams/sre/memberships/dave 200");
    expect(api.violations).toEqual([]);
  });
});

describe("many reviews", () => {
  it("an override in the 150th review (the second page of reviews) is read and accepted", async () => {
    const chatter = Array.from({ length: 149 }, (_, i): ReviewInit => ({ pull_number: 7, state: "COMMENTED", user: `reviewer${i}`, body: `note ${i}`, commit_id: HEAD_SHA }));
    const { api, run, report } = await judgeWith({ reviews: [...chatter, approve("dave", OVERRIDE)] });
    expect(api.requests.filter((r) => r.path.endsWith("/pulls/7/reviews")).map((r) => r.query.page ?? "1")).toEqual(["1", "2"]);
    expect(run.code).toBe(0);
    expect(report.overrides).toEqual([expect.objectContaining({ ruleId: "change-window", by: "dave", status: "accepted" })]);
    expect(run.log).toContainEqual(expect.stringMatching(/^150 reviews by 150 reviewer\(s\); author /));
    expect(api.violations).toEqual([]);
  });
});

describe("overrides that are refused", () => {
  it("by a reviewer in none of the override teams: refused and listed, the finding blocks", async () => {
    const { api, run, report, comment } = await judgeWith({ reviews: [approve("frank", OVERRIDE)] });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ verdict: "blocked", blocking: "1", overridden: "0" });
    expect(report.overrides).toEqual([expect.objectContaining({ by: "frank", status: "refused", refusal: expect.objectContaining({ code: "not-authorized" }) })]);
    expect(report.findings.find((f: any) => f.ruleId === "change-window").status).toBe("blocking");
    expect(run.annotations).toContainEqual(expect.objectContaining({ level: "error", file: SAFE, title: "Blastgate: change-window (soft-mandatory)" }));
    expect(comment.split("\n")[0]).toMatch(/^⛔ \*\*Blastgate: blocked\*\*: 1 blocking finding in 1 manifest; first: name the change window/);
    expect(comment).toMatch(/\| ❌ refused \| &#64;frank \| `change-window` \| +\| agreed with the on-call in OPS-88 \| frank may not override 'change-window': it takes a member of acme\/sre or one of carol/);
    // frank's membership was asked, and GitHub's 404 counted as "not a member" only because the team itself could be read.
    expect(api.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(expect.arrayContaining(["GET /orgs/acme/teams/sre/memberships/frank 404", "GET /orgs/acme/teams/sre 200"]));
    expect(api.violations).toEqual([]);
  });

  it("by the pull request's author, even one in the team: refused", async () => {
    const { api, run, report } = await judgeWith({ reviews: [approve("alice", OVERRIDE)], teams: { ...TEAMS, "acme/sre": ["alice"] } });
    expect(run.code).toBe(1);
    expect(report.overrides.map((o: any) => [o.status, o.refusal.code, o.refusal.message])).toEqual([["refused", "self-override", "alice is the pull request's author: an override needs someone else"]]);
    expect(run.summary).toContain("alice is the pull request's author: an override needs someone else");
    expect(api.violations).toEqual([]);
  });

  it("of a hard-mandatory rule: refused, the finding blocks", async () => {
    const { api, run, report } = await judgeWith({ rules: WINDOW_RULE.replace("soft-mandatory", "hard-mandatory"), reviews: [approve("dave", OVERRIDE)] });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ verdict: "blocked", "hard-mandatory": "1", blocking: "1", overridden: "0" });
    expect(report.overrides).toEqual([expect.objectContaining({ status: "refused", refusal: { code: "not-soft-mandatory", message: expect.stringContaining("rule 'change-window' is hard-mandatory: it cannot be overridden") } })]);
    expect(run.summary).toContain("rule 'change-window' is hard-mandatory: it cannot be overridden");
    expect(api.violations).toEqual([]);
  });

  it("membership that cannot be read (403): refused with the token it takes, never accepted", async () => {
    const { api, run, report, comment } = await judgeWith({
      reviews: [approve("dave", OVERRIDE)],
      before: (api) => void api.fail({ path: /^\/orgs\//, preset: "not-accessible", times: Infinity }),
    });
    expect(run.code).toBe(1);
    const o = report.overrides[0];
    expect(o).toMatchObject({ by: "dave", status: "refused", refusal: { code: "membership-unknown" } });
    expect(o.refusal.message).toContain("GitHub answered 403 Resource not accessible by integration when asked to read dave's membership of acme/sre: the token in the 'token' input cannot read organization teams; pass one that can in the 'teams-token' input");
    expect(o.refusal.message).toContain('a GitHub App installation token with the organization permission "Members: read"');
    expect(comment).toContain("Members: read");
    expect(api.violations).toEqual([]);
  });

  it("a team the token cannot see (404 for the team too) is unknown, not 'not a member'; the teams-token input is the one sent", async () => {
    const { api, run, report } = await judgeWith({ reviews: [approve("dave", OVERRIDE)], teams: { "acme/apps": ["frank"] }, inputs: { "teams-token": "ghs_appinstallation" } });
    expect(run.code).toBe(1);
    expect(report.overrides[0].refusal.code).toBe("membership-unknown");
    expect(report.overrides[0].refusal.message).toContain("GitHub answered 404 for the team acme/sre: it does not exist, or the token in the 'teams-token' input cannot see it");
    const orgs = api.requests.filter((r) => r.path.startsWith("/orgs/"));
    expect(orgs.map((r) => `${r.path} ${r.status}`)).toEqual(["/orgs/acme/teams/sre/memberships/dave 404", "/orgs/acme/teams/sre 404"]);
    expect(orgs.every((r) => r.headers.authorization === "token ghs_appinstallation")).toBe(true);
    expect(api.requests.filter((r) => !r.path.startsWith("/orgs/")).every((r) => r.headers.authorization === "token ghs_workflowtoken")).toBe(true);
    expect(api.violations).toEqual([]);
  });
});

describe("overrides bind to the manifest's content", () => {
  it("an override given at an older head with the same manifest and identifiers still holds", async () => {
    const { api, run, report, comment } = await judgeWith({ reviews: [approve("dave", OVERRIDE, SAME_SHA)] });
    expect(run.code).toBe(0);
    expect(report.overrides[0]).toMatchObject({ status: "accepted", commit: SAME_SHA });
    expect(report.overrides[0].reviewedDigest).toBe(report.overrides[0].digest);
    expect(comment).toContain("✅ accepted");
    // The manifest was read at the review's commit to compare.
    expect(api.requests.map((r) => `${r.method} ${r.path}?ref=${r.query.ref} ${r.status}`)).toContain(`GET /repos/acme/ops/contents/${SAFE}?ref=${SAME_SHA} 200`);
    expect(api.violations).toEqual([]);
  });

  it("an override given before the manifest changed is void (stale), and says both digests", async () => {
    const { api, run, report, comment } = await judgeWith({ reviews: [approve("dave", OVERRIDE, OLD_SHA)] });
    expect(run.code).toBe(1);
    const o = report.overrides[0];
    expect(o).toMatchObject({ status: "refused", refusal: { code: "stale" }, commit: OLD_SHA });
    expect(o.reviewedDigest).not.toBe(o.digest);
    expect(o.refusal.message).toContain(`stale: ${SAFE} or ids/insight-apps.txt changed after the review (${o.reviewedDigest.slice(0, 19)} at ddddddd, ${o.digest.slice(0, 19)} at head)`);
    expect(comment).toContain("❌ refused");
    expect(api.violations).toEqual([]);
  });

  it("a review of a commit GitHub cannot show is void, never accepted", async () => {
    const { api, run, report } = await judgeWith({ reviews: [approve("dave", OVERRIDE, "e".repeat(40))] });
    expect(run.code).toBe(1);
    expect(report.overrides[0].refusal.code).toBe("stale");
    expect(report.overrides[0].refusal.message).toContain(`${SAFE} cannot be read at the review's commit eeeeeee`);
    expect(report.overrides[0].refusal.message).toContain("reviewed commit eeeeeee");
    expect(api.violations).toEqual([]);
  });
});

const SIGN_OFF = `  - id: sign-off
    type: approvals
    enforcement: soft-mandatory
    with: { require: [requestedBy, executedBy, kindOwner] }
`;

describe("sign-off by intent (approvals)", () => {
  it("with an approval by a member of each required team, passes; the comment lists who, under the plan", async () => {
    const { api, run, report, comment } = await judgeWith({ rules: SIGN_OFF, reviews: [approve("gina"), approve("hank")] });
    expect(run.code).toBe(0);
    expect(report.approvals.map((a: any) => [a.team, a.roles, a.satisfied, a.approvedBy.map((x: any) => x.login)])).toEqual([
      ["example-org/ecosystem", ["requestedBy", "kindOwner"], true, ["gina"]],
      ["example-org/site-platform", ["executedBy"], true, ["hank"]],
    ]);
    const lines = comment.split("\n");
    const plan = lines.findIndex((l) => l.startsWith("Plan: remove-app deletes 883 apps"));
    expect(plan).toBeGreaterThan(0);
    expect(lines.slice(plan + 1, plan + 5)).toEqual([
      "",
      "**Sign-off requested**: approving this pull request approves the plan above, as it is now.",
      "- ✅ `example-org/ecosystem` (requestedBy, kindOwner): approved, 1 of 1 by &#64;gina",
      "- ✅ `example-org/site-platform` (executedBy): approved, 1 of 1 by &#64;hank",
    ]);
    expect(api.violations).toEqual([]);
  });

  it("with a team's approval missing, blocks on that team only; an author's own approval does not count", async () => {
    const { api, run, report, comment } = await judgeWith({ rules: SIGN_OFF, reviews: [approve("gina"), approve("alice")], teams: { ...TEAMS, "example-org/site-platform": ["hank", "alice"] } });
    expect(run.code).toBe(1);
    const missing = report.findings.filter((f: any) => f.ruleId === "sign-off");
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ status: "blocking", messageId: "missing", location: { file: SAFE } });
    const platform = report.approvals.find((a: any) => a.team === "example-org/site-platform");
    expect(platform).toMatchObject({ satisfied: false, approvedBy: [] });
    expect(platform.refused).toEqual([expect.objectContaining({ login: "alice", reason: "alice is the pull request's author" })]);
    expect(comment).toContain("- ✅ `example-org/ecosystem` (requestedBy, kindOwner): approved, 1 of 1 by &#64;gina");
    expect(comment).toContain("- ⬜ `example-org/site-platform` (executedBy): missing, 0 of 1; not counted: alice (alice is the pull request's author)");
    expect(api.violations).toEqual([]);
  });

  it("with no approval at all, each required team is a finding", async () => {
    const { api, run, report } = await judgeWith({ rules: SIGN_OFF });
    expect(run.code).toBe(1);
    expect(report.findings.filter((f: any) => f.ruleId === "sign-off")).toHaveLength(2);
    expect(report.approvals.every((a: any) => !a.satisfied)).toBe(true);
    expect(api.violations).toEqual([]);
  });
});

describe("governed scripts (manifest-required)", () => {
  // The starter pack ships its own (scripts-need-manifests); this one is the policy's.
  const RULE = `  - id: governed-scripts
    type: manifest-required
    enforcement: hard-mandatory
    with: { scripts: ["scripts/**"] }
`;
  it("a changed governed script no manifest names is a finding on the script; one a manifest names is not", async () => {
    const { api, run, report, comment } = await judgeWith({
      rules: RULE,
      edit: async (ws) => {
        await write(ws, "scripts/remove-app.sh", "#!/bin/sh\necho remove\n");
        await write(ws, "scripts/purge-sites.sh", "#!/bin/sh\necho purge\n");
      },
    });
    expect(run.code).toBe(1);
    const findings = report.findings.filter((f: any) => f.ruleId === "governed-scripts");
    expect(findings).toEqual([expect.objectContaining({ manifest: "scripts/purge-sites.sh", location: { file: "scripts/purge-sites.sh", line: 1, column: 1 }, status: "blocking" })]);
    expect(report.scripts).toEqual(expect.arrayContaining([expect.objectContaining({ script: "scripts/remove-app.sh", manifests: [SAFE] }), expect.objectContaining({ script: "scripts/purge-sites.sh", manifests: [] })]));
    expect(run.annotations).toContainEqual(expect.objectContaining({ level: "error", file: "scripts/purge-sites.sh", line: 1 }));
    expect(comment).toContain("### Other findings");
    expect(api.violations).toEqual([]);
  });
});

const waiver = (spec: string) => `apiVersion: blastgate.dev/v1
kind: Waiver
metadata:
  name: window-exception
spec:
  manifest: remove-insight-safe
${spec}  reason: the Insight removal runs in the standing maintenance slot
  owner: acme/platform
`;

describe("waivers among the policy files", () => {
  it("a valid waiver lifts the soft-mandatory finding and says so", async () => {
    const { api, run, report, comment } = await judgeWith({ policyFiles: { "policies/waivers.yaml": waiver("  rules: [change-window]\n  expires: 2026-12-31\n") } });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: "allowed", blocking: "0", waived: "1" });
    expect(report.waivers).toEqual([expect.objectContaining({ name: "window-exception", status: "applied", waived: [expect.objectContaining({ ruleId: "change-window", manifest: SAFE })] })]);
    expect(run.annotations).toContainEqual(expect.objectContaining({ level: "notice", title: "Blastgate: change-window (soft-mandatory, waived)" }));
    expect(comment).toContain("↷ waived by waiver `window-exception` (owner acme/platform, until 2026-12-31): the Insight removal runs in the standing maintenance slot");
    expect(comment).toMatch(/\| ✅ applied \| `window-exception` `policies\/waivers\.yaml:\d+:\d+` \| `change-window` \|/);
    expect(api.violations).toEqual([]);
  });

  it("an expired waiver waives nothing and is a finding", async () => {
    const { api, run, report, comment } = await judgeWith({ policyFiles: { "policies/waivers.yaml": waiver("  rules: [change-window]\n  expires: 2026-11-01\n") } });
    expect(run.code).toBe(1);
    expect(report.waivers[0]).toMatchObject({ status: "expired" });
    expect(report.findings.map((f: any) => [f.ruleId, f.status])).toEqual(expect.arrayContaining([["change-window", "blocking"], ["blastgate/waiver-expired", "advisory"]]));
    expect(comment).toContain("❌ expired");
    expect(api.violations).toEqual([]);
  });

  it("an unused waiver is reported", async () => {
    const { api, run, report, comment } = await judgeWith({ rules: WINDOW_RULE.replace("soft-mandatory", "advisory").replace(/    override\w+: .*\n/g, ""), policyFiles: { "policies/waivers.yaml": waiver("  rules: [one-restore-point]\n  expires: 2026-12-31\n") } });
    expect(run.code).toBe(0);
    expect(report.waivers[0]).toMatchObject({ status: "unused" });
    expect(comment).toContain("⚠️ unused");
    expect(api.violations).toEqual([]);
  });

  it("a waiver naming an unknown rule is an error (exit 2) at the waiver's line", async () => {
    const { api, run, report } = await judgeWith({ policyFiles: { "policies/waivers.yaml": waiver("  rules: [change-windw]\n  expires: 2026-12-31\n") } });
    expect(run.code).toBe(2);
    expect(run.outputs.verdict).toBe("error");
    expect(report.problems).toEqual([expect.objectContaining({ location: expect.objectContaining({ file: "policies/waivers.yaml" }), message: expect.stringContaining("change-windw") })]);
    expect(run.annotations).toContainEqual(expect.objectContaining({ level: "error", file: "policies/waivers.yaml" }));
    expect(api.violations).toEqual([]);
  });
});

describe("outside a pull request", () => {
  it("a merge group applies the reviews of the pull request its head ref names: the override given there holds for the same content", async () => {
    const { api, run, report } = await judgeWith({ event: "merge_group", reviews: [approve("dave", OVERRIDE)] });
    expect(run.code).toBe(0);
    expect(report.overrides).toEqual([expect.objectContaining({ by: "dave", status: "accepted" })]);
    expect(report.findings.find((f: any) => f.ruleId === "change-window").status).toBe("overridden");
    expect(run.summary).toContain("> Judged with the reviews of pull request #7 (named by the merge queue's head ref)");
    expect(api.violations).toEqual([]);
  });

  it("a merge group with fail-on: hard-mandatory passes a soft-mandatory finding the pull request's check judged", async () => {
    const { api, run } = await judgeWith({ event: "merge_group", inputs: { "fail-on": "hard-mandatory" } });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: "blocked", blocking: "1", "hard-mandatory": "0" });
    expect(api.violations).toEqual([]);
  });
});
