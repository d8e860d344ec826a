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
async function judgeWith(opts: {
  rules?: string;
  policyFiles?: Record<string, string>;
  reviews?: ReviewInit[];
  teams?: GitHubApiInit["teams"];
  edit?: (ws: string) => Promise<void>;
  inputs?: Record<string, string>;
  before?: (api: GitHubApiServer) => void;
  event?: string;
  /** More of the fake API's state (permissions, commits, activity, a path prefix). */
  init?: Partial<GitHubApiInit>;
  env?: Record<string, string>;
  /** Keep the legacy manifest too (two manifests in the pull request). */
  legacy?: boolean;
}): Promise<Fixture> {
  const ws = await exampleRepo(opts.legacy ? [] : [LEGACY]);
  await write(ws, "policies/governance.yaml", policy(opts.rules ?? WINDOW_RULE));
  for (const [file, text] of Object.entries(opts.policyFiles ?? {})) await write(ws, file, text);
  await opts.edit?.(ws);
  const head = await treeOf(ws);
  const base = Object.fromEntries(Object.entries(head).filter(([f]) => !f.startsWith("manifests/") && !f.startsWith("scripts/")));
  const same = { ...head, "README.md": "an older head\n" };
  const old = { ...head, [SAFE]: head[SAFE]!.replace("Remove the deprecated standalone Insight app", "Remove the Insight app") };
  const p = pull();
  const api = await startApi({ pulls: [p], files: { [BASE_SHA]: base, [HEAD_SHA]: head, [SAME_SHA]: same, [OLD_SHA]: old }, reviews: opts.reviews ?? [], teams: opts.teams ?? TEAMS, ...opts.init });
  opts.before?.(api);
  const payload = opts.event === "merge_group" ? { merge_group: { base_sha: BASE_SHA, head_sha: HEAD_SHA, head_ref: "refs/heads/gh-readonly-queue/main/pr-7-bbbbbbb", base_ref: "refs/heads/main" } } : pullRequestPayload(p);
  const run = await runAction({ api, workspace: ws, payload, ...(opts.event ? { event: opts.event } : {}), ...(opts.inputs ? { inputs: opts.inputs } : {}), ...(opts.env ? { env: opts.env } : {}) });
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
    expect(report.overrides).toEqual([
      expect.objectContaining({ ruleId: "change-window", by: "dave", reason: "agreed with the on-call in OPS-88", status: "accepted", via: "acme/sre", manifest: SAFE, commit: HEAD_SHA, digest, reviewedDigest: digest }),
    ]);
    expect(report.findings.find((f: any) => f.ruleId === "change-window")).toMatchObject({ status: "overridden", override: { by: "dave", reason: "agreed with the on-call in OPS-88" } });

    // The lifted finding is a notice, not an error.
    expect(run.annotations.filter((a) => a.level === "error")).toEqual([]);
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        level: "notice",
        file: SAFE,
        title: "Blastgate: change-window (soft-mandatory, overridden)",
        message: "name the change window (metadata is missing 'changeWindow') (overridden by dave: agreed with the on-call in OPS-88)",
      }),
    );

    for (const text of [comment, run.summary]) {
      expect(text.split("\n")[0]).toBe("✅ **Blastgate: allowed**: 1 manifest checked against the policies of the base commit aaaaaaa, no blocking findings (1 overridden, 2 advisory findings)");
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
    expect(run.log).toContainEqual(expect.stringMatching(/^150 reviews by 150 reviewers; author /));
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
    expect(o.refusal.message).toContain(
      "GitHub answered 403 Resource not accessible by integration when asked to read dave's membership of acme/sre: the token in the 'token' input cannot read organization teams; pass one that can in the 'teams-token' input",
    );
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
    // acme/sre for the override; the starter pack's intent-sign-off also asks whether dave's approval counts for its teams.
    expect(orgs.map((r) => `${r.path} ${r.status}`).sort()).toEqual([
      "/orgs/acme/teams/sre 404",
      "/orgs/acme/teams/sre/memberships/dave 404",
      "/orgs/example-org/teams/ecosystem 404",
      "/orgs/example-org/teams/ecosystem/memberships/dave 404",
      "/orgs/example-org/teams/site-platform 404",
      "/orgs/example-org/teams/site-platform/memberships/dave 404",
    ]);
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
    expect(report.approvals.filter((a: any) => a.ruleId === "sign-off").map((a: any) => [a.team, a.roles, a.satisfied, a.approvedBy.map((x: any) => x.login)])).toEqual([
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
    expect(report.findings.map((f: any) => [f.ruleId, f.status])).toEqual(
      expect.arrayContaining([
        ["change-window", "blocking"],
        ["blastgate/waiver-expired", "advisory"],
      ]),
    );
    expect(comment).toContain("❌ expired");
    expect(api.violations).toEqual([]);
  });

  it("an unused waiver is reported", async () => {
    const { api, run, report, comment } = await judgeWith({
      rules: WINDOW_RULE.replace("soft-mandatory", "advisory").replace(/ {4}override\w+: .*\n/g, ""),
      policyFiles: { "policies/waivers.yaml": waiver("  rules: [one-restore-point]\n  expires: 2026-12-31\n") },
    });
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
    expect(run.summary).toContain("> Judged with the reviews of pull request &#35;7 (named by the merge queue's head ref)");
    expect(api.violations).toEqual([]);
  });

  it("a merge group with fail-on: hard-mandatory passes a soft-mandatory finding the pull request's check judged", async () => {
    const { api, run } = await judgeWith({ event: "merge_group", inputs: { "fail-on": "hard-mandatory" } });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: "blocked", blocking: "1", "hard-mandatory": "0" });
    expect(api.violations).toEqual([]);
  });
});

// Issue 16: sign-off that only the right person can give.
const byState = (report: any) => report.overrides.map((o: any) => [o.by, o.status, o.refusal?.code ?? null]);

describe("an override counts only as its reviewer wrote it (edit history through GraphQL)", () => {
  it("an override the author added to a teammate's approval is refused, naming who edited it", async () => {
    const { api, run, report, comment } = await judgeWith({ reviews: [{ ...approve("dave", OVERRIDE), edits: [{ editor: "alice" }] }] });
    expect(run.code).toBe(1);
    expect(byState(report)).toEqual([["dave", "refused", "edited"]]);
    expect(report.overrides[0].refusal.message).toBe("the review was edited by alice: an override counts only as its reviewer (dave) wrote it");
    expect(comment).toContain("the review was edited by alice");
    const graphql = api.requests.filter((r) => r.path === "/graphql");
    expect(graphql.map((r) => r.status)).toEqual([200]);
    expect((graphql[0]!.body as any).query).toContain("userContentEdits");
    expect(graphql[0]!.headers.authorization).toBe("token ghs_workflowtoken");
    expect(api.violations).toEqual([]);
  });

  it("a reviewer's own edit keeps the override", async () => {
    const { api, run, report } = await judgeWith({ reviews: [{ ...approve("dave", OVERRIDE), edits: [{ editor: "dave" }] }] });
    expect(run.code).toBe(0);
    expect(byState(report)).toEqual([["dave", "accepted", null]]);
    expect(api.violations).toEqual([]);
  });

  it("on GitHub Enterprise Server, GraphQL is asked at /api/graphql", async () => {
    const { api, run, report } = await judgeWith({ reviews: [{ ...approve("dave", OVERRIDE), edits: [{ editor: "alice" }] }], init: { pathPrefix: "/api/v3" } });
    expect(run.code).toBe(1);
    expect(report.overrides[0].refusal.message).toContain("edited by alice");
    expect(api.requests.filter((r) => r.operationId === "graphql").map((r) => `${r.path} ${r.status}`)).toEqual(["/api/graphql 200"]);
    expect(api.violations).toEqual([]);
  });

  it("GITHUB_GRAPHQL_URL is where GraphQL is asked; when it cannot answer, no override counts", async () => {
    const { api, run, report } = await judgeWith({ reviews: [approve("dave", OVERRIDE)], env: { GITHUB_GRAPHQL_URL: "http://127.0.0.1:9/graphql" } });
    expect(run.code).toBe(1);
    expect(byState(report)).toEqual([["dave", "refused", "edit-history-unknown"]]);
    expect(report.overrides[0].refusal.message).toMatch(/^the review's edit history cannot be read \(could not read the reviews' edit history \(GraphQL\)/);
    expect(api.requests.some((r) => r.operationId === "graphql")).toBe(false);
    expect(api.violations).toEqual([]);
  });
});

describe("text that does not read as an override", () => {
  const line = "blastgate override change-window: agreed with the on-call in OPS-88";
  const hidden: Record<string, string> = {
    quote: `> ${line}\n`,
    lazy: `> I agree with the change\n${line}\n`,
    blockquote: `<blockquote>\n\n${line}\n\n</blockquote>\n`,
    fenced: "```\n" + line + "\n```\n",
    indented: `LGTM\n\n    ${line}\n`,
    comment: `LGTM\n\n<!--\n${line}\n-->\n`,
    "comment in a paragraph": `LGTM <!--\n${line}\n-->\n`,
  };
  it("a quote, lazy continuation, <blockquote>, code (fenced or indented) or HTML comment carries no override; a reason of invisible characters is none", async () => {
    const reviews = [...Object.values(hidden).map((body) => approve("dave", body)), approve("dave", "blastgate override change-window: \u200b\n"), approve("erin", "blastgate override change-window: \u2800\u2800\n")];
    const { api, run, report } = await judgeWith({ reviews });
    expect(run.code).toBe(1);
    expect(byState(report)).toEqual([
      ["dave", "refused", "no-reason"],
      ["erin", "refused", "no-reason"],
    ]);
    expect(report.findings.find((f: any) => f.ruleId === "change-window").status).toBe("blocking");
    expect(api.violations).toEqual([]);
  });

  it("a list item or a paragraph line is one", async () => {
    const { api, run, report } = await judgeWith({ reviews: [approve("dave", `Checked with SRE:\n\n- ${line}\n- nothing else\n`)] });
    expect(run.code).toBe(0);
    expect(report.overrides).toEqual([expect.objectContaining({ by: "dave", status: "accepted", line: 3, reason: "agreed with the on-call in OPS-88" })]);
    expect(api.violations).toEqual([]);
  });
});

describe("reviewers without write access", () => {
  it("an override by a team member with read permission is refused, showing the permission", async () => {
    const { api, run, report } = await judgeWith({ reviews: [approve("dave", OVERRIDE)], init: { permissions: { dave: "read" } } });
    expect(run.code).toBe(1);
    expect(byState(report)).toEqual([["dave", "refused", "no-write-access"]]);
    expect(report.overrides[0].refusal.message).toBe("dave has permission read on the repository: only reviewers with write access count");
    expect(api.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toContain("GET /repos/acme/ops/collaborators/dave/permission 200");
    expect(api.violations).toEqual([]);
  });

  it("a login GitHub does not know (renamed away) has no access; an approval by one does not count", async () => {
    const { api, run, report } = await judgeWith({ rules: SIGN_OFF, reviews: [approve("gina"), approve("hank")], init: { permissions: { hank: null } } });
    expect(run.code).toBe(1);
    const platform = report.approvals.find((a: any) => a.team === "example-org/site-platform");
    expect(platform).toMatchObject({ satisfied: false, approvedBy: [] });
    expect(platform.refused).toEqual([expect.objectContaining({ login: "hank", reason: "hank has permission none on the repository: only reviewers with write access count" })]);
    expect(api.violations).toEqual([]);
  });
});

describe("whoever wrote the change does not sign it off", () => {
  const C1 = "1".repeat(40);
  const C2 = "2".repeat(40);
  it("a teammate who pushed the commit changing the manifest cannot override it", async () => {
    const { api, run, report } = await judgeWith({
      reviews: [approve("dave", OVERRIDE)],
      init: {
        commits: [
          { pull_number: 7, sha: C1, author: "alice", files: ["README.md"] },
          { pull_number: 7, sha: HEAD_SHA, author: "alice", files: [SAFE] },
        ],
        activity: [
          { before: "0".repeat(40), after: C1, actor: "alice", ref: "refs/heads/cleanup" },
          { before: C1, after: HEAD_SHA, actor: "dave", ref: "refs/heads/cleanup" },
        ],
      },
    });
    expect(run.code).toBe(1);
    expect(byState(report)).toEqual([["dave", "refused", "wrote-change"]]);
    expect(report.overrides[0].refusal.message).toBe(`dave pushed commit bbbbbbb, which changes ${SAFE}: whoever wrote the change cannot approve or override it`);
    const lines = api.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(lines).toEqual(expect.arrayContaining(["GET /repos/acme/ops/pulls/7/commits 200", "GET /repos/acme/ops/activity 200", `GET /repos/acme/ops/commits/${HEAD_SHA} 200`]));
    // Only the commit dave wrote needed its files read.
    expect(lines).not.toContain(`GET /repos/acme/ops/commits/${C1} 200`);
    expect(api.violations).toEqual([]);
  });

  it("the author of a commit changing the manifest cannot approve it; one who changed only the README can", async () => {
    const { api, run, report } = await judgeWith({
      rules: SIGN_OFF,
      reviews: [approve("gina"), approve("hank")],
      init: {
        commits: [
          { pull_number: 7, sha: C2, author: "gina", committer: "alice", files: ["README.md"] },
          { pull_number: 7, sha: HEAD_SHA, author: "hank", committer: "alice", files: [SAFE] },
        ],
      },
    });
    expect(run.code).toBe(1);
    const platform = report.approvals.find((a: any) => a.team === "example-org/site-platform");
    expect(platform.refused).toEqual([expect.objectContaining({ login: "hank", reason: `hank authored commit bbbbbbb, which changes ${SAFE}: whoever wrote the change cannot approve or override it` })]);
    expect(report.approvals.find((a: any) => a.team === "example-org/ecosystem")).toMatchObject({ satisfied: true, approvedBy: [expect.objectContaining({ login: "gina" })] });
    expect(api.violations).toEqual([]);
  });
});

describe("one person, several roles", () => {
  const DISTINCT = SIGN_OFF.replace("with: { require: [requestedBy, executedBy, kindOwner] }", "with: { require: [requestedBy, executedBy, kindOwner], distinctApprovers: true, distinctTeams: true }");
  it("distinctApprovers: one approval does not fill two roles", async () => {
    const { api, run, report } = await judgeWith({ rules: DISTINCT, reviews: [approve("gina"), approve("hank")] });
    expect(run.code).toBe(1);
    const f = report.findings.filter((x: any) => x.ruleId === "sign-off");
    expect(f).toEqual([expect.objectContaining({ messageId: "notDistinct", status: "blocking" })]);
    expect(f[0].message).toBe("the requesting team example-org/ecosystem, the owning team example-org/ecosystem, the executing team example-org/site-platform need 3 different approvers (distinctApprovers), but only 2 approved: gina, hank");
    expect(api.violations).toEqual([]);
  });

  it("distinctApprovers: met by a person per role", async () => {
    const { api, run } = await judgeWith({ rules: DISTINCT, reviews: [approve("gina"), approve("hank"), approve("ivan")], teams: { ...TEAMS, "example-org/ecosystem": ["gina", "ivan"] } });
    expect(run.code).toBe(0);
    expect(api.violations).toEqual([]);
  });

  it("distinctTeams: a manifest naming one team to request and execute is a finding", async () => {
    const { api, run, report } = await judgeWith({
      rules: DISTINCT,
      reviews: [approve("gina"), approve("ivan"), approve("jo")],
      teams: { ...TEAMS, "example-org/ecosystem": ["gina", "ivan", "jo"] },
      edit: async (ws) => write(ws, SAFE, (await readFile(`${ws}/${SAFE}`, "utf8")).replace("executedBy: example-org/site-platform", "executedBy: example-org/ecosystem")),
    });
    expect(run.code).toBe(1);
    expect(report.findings.filter((x: any) => x.ruleId === "sign-off").map((x: any) => [x.messageId, x.message])).toEqual([
      ["sameTeam", "metadata.requestedBy and metadata.executedBy both name example-org/ecosystem: the requesting and executing teams must differ (distinctTeams)"],
    ]);
    expect(api.violations).toEqual([]);
  });
});

describe("the starter pack's intent-sign-off (distinctApprovers and distinctTeams, advisory)", () => {
  const signOff = (report: any) => report.findings.filter((f: any) => f.ruleId === "intent-sign-off").map((f: any) => [f.messageId, f.enforcement, f.status, f.message]);
  it("one person in two roles: gina alone approves for the requesting and the owning team", async () => {
    const { api, run, report } = await judgeWith({ reviews: [approve("gina"), approve("hank")] });
    // Advisory: it asks, it does not block (only this file's soft-mandatory change-window does).
    expect(report.findings.filter((f: any) => f.status === "blocking").map((f: any) => f.ruleId)).toEqual(["change-window"]);
    expect(signOff(report)).toEqual([
      [
        "notDistinct",
        "advisory",
        "advisory",
        "the requesting team example-org/ecosystem, the owning team example-org/ecosystem, the executing team example-org/site-platform need 3 different approvers (distinctApprovers), but only 2 approved: gina, hank",
      ],
    ]);
    expect(run.annotations).toContainEqual(expect.objectContaining({ level: "warning", title: "Blastgate: intent-sign-off (advisory)", file: SAFE, line: 8 }));
    expect(api.violations).toEqual([]);
  });

  it("a person per role meets it", async () => {
    const { api, report } = await judgeWith({ reviews: [approve("gina"), approve("ivan"), approve("hank")], teams: { ...TEAMS, "example-org/ecosystem": ["gina", "ivan"] } });
    expect(signOff(report)).toEqual([]);
    expect(report.approvals.filter((a: any) => a.ruleId === "intent-sign-off").map((a: any) => [a.team, a.satisfied])).toEqual([
      ["example-org/ecosystem", true],
      ["example-org/site-platform", true],
    ]);
    expect(api.violations).toEqual([]);
  });

  it("the same team for requestedBy and executedBy", async () => {
    const { api, report } = await judgeWith({
      reviews: [approve("gina"), approve("ivan"), approve("jo")],
      teams: { ...TEAMS, "example-org/ecosystem": ["gina", "ivan", "jo"] },
      edit: async (ws) => write(ws, SAFE, (await readFile(`${ws}/${SAFE}`, "utf8")).replace("executedBy: example-org/site-platform", "executedBy: example-org/ecosystem")),
    });
    expect(signOff(report)).toEqual([["sameTeam", "advisory", "advisory", "metadata.requestedBy and metadata.executedBy both name example-org/ecosystem: the requesting and executing teams must differ (distinctTeams)"]]);
    expect(report.findings.find((f: any) => f.ruleId === "intent-sign-off").location).toMatchObject({ file: SAFE, line: 9 });
    expect(api.violations).toEqual([]);
  });
});

describe("an override names its manifest", () => {
  it("an unscoped override when two manifests have the finding is refused as ambiguous", async () => {
    const { api, report } = await judgeWith({ legacy: true, reviews: [approve("dave", OVERRIDE)] });
    expect(byState(report)).toEqual([["dave", "refused", "ambiguous"]]);
    expect(report.overrides[0].refusal.message).toBe(
      `rule 'change-window' has findings on 2 manifests, remove-insight-legacy (${LEGACY}), remove-insight-safe (${SAFE}): name the one this override is for, \`blastgate override change-window for <name>: <reason>\``,
    );
    expect(report.findings.filter((f: any) => f.ruleId === "change-window").map((f: any) => f.status)).toEqual(["blocking", "blocking"]);
    expect(api.violations).toEqual([]);
  });

  it("`for <name>` lifts the finding on that manifest only", async () => {
    const { api, report } = await judgeWith({ legacy: true, reviews: [approve("dave", "blastgate override change-window for remove-insight-safe: agreed with the on-call in OPS-88\n")] });
    expect(report.overrides).toEqual([expect.objectContaining({ status: "accepted", for: "remove-insight-safe", manifest: SAFE })]);
    expect(report.findings.filter((f: any) => f.ruleId === "change-window").map((f: any) => [f.manifest, f.status])).toEqual([
      [LEGACY, "blocking"],
      [SAFE, "overridden"],
    ]);
    expect(api.violations).toEqual([]);
  });
});
