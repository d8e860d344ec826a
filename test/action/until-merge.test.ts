/**
 * Sign-off that stays true until the merge, through the bundled Action against the fake GitHub API:
 * the digest covers the governed scripts, approvals and overrides bind to the resolved plan, review
 * events re-judge the head commit, the merge queue applies the queued pull request's reviews, and a
 * waiver's expiry cap counts to the end of its day.
 */
import { readFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import type { GitHubApiInit, GitHubApiServer } from "../support/github-api.js";
import { BASE_SHA, cleanup, exampleRepo, HEAD_SHA, LEGACY, pull, pullRequestPayload, runAction, SAFE, startApi, treeOf, write, type ActionRun } from "./harness.js";

afterEach(cleanup);

const WINDOW_RULE = `  - id: change-window
    type: schema
    enforcement: soft-mandatory
    overrideTeams: [acme/sre]
    with:
      message: name the change window
      schema: { properties: { metadata: { required: [changeWindow] } } }
`;
const SIGN_OFF = `  - id: sign-off
    type: approvals
    enforcement: soft-mandatory
    with: { require: [executedBy] }
`;
const policy = (rules: string, extra = "") => `apiVersion: blastgate.dev/v1\nkind: Policy\nmetadata: { name: governance }\n${extra}rules:\n${rules}`;
const TEAMS = { "acme/sre": ["dave"], "example-org/site-platform": ["hank"] };
const OVERRIDE = "Looks right.\n\nblastgate override change-window: agreed with the on-call in OPS-88\n";
/** The commit the reviewer saw: head with `reviewed` applied. */
const REVIEWED_SHA = "c".repeat(40);
const SCRIPT = '#!/bin/sh\n# removes the Insight app, one site at a time\nremove-app "$1"\n';

type ReviewInit = NonNullable<GitHubApiInit["reviews"]>[number];
const approve = (user: string, body = "", commit = REVIEWED_SHA): ReviewInit => ({ pull_number: 7, state: "APPROVED", user, body, commit_id: commit });

interface Fixture {
  api: GitHubApiServer;
  run: ActionRun;
  report: any;
}

/**
 * A pull request adding the safe manifest (which names scripts/remove-app.sh) and its script, judged by
 * the example policies plus `policies/governance.yaml`. `reviewed` gives the reviewed commit's files
 * that differ from head; `base` files of the base branch (and head) that differ from the examples.
 */
async function judge(opts: {
  rules?: string;
  extra?: string;
  reviewed?: Record<string, string>;
  base?: Record<string, string>;
  reviews?: ReviewInit[];
  event?: string;
  payload?: (p: ReturnType<typeof pull>) => object;
  policyFiles?: Record<string, string>;
}): Promise<Fixture> {
  const ws = await exampleRepo([LEGACY]);
  await write(ws, "policies/governance.yaml", policy(opts.rules ?? WINDOW_RULE, opts.extra));
  await write(ws, "scripts/remove-app.sh", SCRIPT);
  for (const [file, text] of Object.entries({ ...opts.base, ...opts.policyFiles })) await write(ws, file, text);
  const head = await treeOf(ws);
  const base = Object.fromEntries(Object.entries(head).filter(([f]) => !f.startsWith("manifests/") && !f.startsWith("scripts/")));
  const p = pull();
  const api = await startApi({ pulls: [p], files: { [BASE_SHA]: base, [HEAD_SHA]: head, [REVIEWED_SHA]: { ...head, ...opts.reviewed } }, reviews: opts.reviews ?? [], teams: TEAMS });
  const run = await runAction({ api, workspace: ws, payload: opts.payload ? opts.payload(p) : pullRequestPayload(p), ...(opts.event ? { event: opts.event } : {}) });
  expect(run.stderr).toBe("");
  const report = JSON.parse(await readFile(run.outputs.report!, "utf8"));
  return { api, run, report };
}

describe("the digest covers the scripts a manifest names", () => {
  it("an override given before a push that hardened the named script is void (stale), naming the script", async () => {
    const { api, run, report } = await judge({ reviewed: { "scripts/remove-app.sh": SCRIPT.replace('remove-app "$1"', 'delete-site --hard "$1"') }, reviews: [approve("dave", OVERRIDE)] });
    expect(run.code).toBe(1);
    expect(report.digests.find((d: any) => d.subject === SAFE).files).toEqual([SAFE, "ids/insight-apps.txt", "scripts/remove-app.sh"]);
    expect(report.overrides[0]).toMatchObject({ status: "refused", refusal: { code: "stale" } });
    expect(report.overrides[0].refusal.message).toContain(`stale: ${SAFE} or ids/insight-apps.txt or scripts/remove-app.sh changed after the review`);
    expect(api.requests.map((r) => `${r.method} ${r.path}?ref=${r.query.ref} ${r.status}`)).toContain(`GET /repos/acme/ops/contents/scripts/remove-app.sh?ref=${REVIEWED_SHA} 200`);
    expect(api.violations).toEqual([]);
  });

  it("an override given on the same script still holds", async () => {
    const { api, run, report } = await judge({ reviewed: { "README.md": "older\n" }, reviews: [approve("dave", OVERRIDE)] });
    expect(run.code).toBe(0);
    expect(report.overrides[0]).toMatchObject({ status: "accepted" });
    // The inventory at the review's commit is the workspace's by git blob id (its directory listing): it is not downloaded.
    const atReview = api.requests.filter((r) => r.query.ref === REVIEWED_SHA).map((r) => r.path);
    expect(atReview).toContain("/repos/acme/ops/contents/inventory");
    expect(atReview).not.toContain("/repos/acme/ops/contents/inventory/objects.ndjson");
    expect(api.violations).toEqual([]);
  });
});

describe("approvals and overrides bind to the resolved plan", () => {
  // The inventory the reviewer's commit held; head (and the base, where it was merged on its own) has another.
  const original = async () => (await treeOf(await exampleRepo()))["inventory/objects.ndjson"]!;
  const regrouped = (inv: string) => inv.replace(/("id":"app-0\d\d\d","kind":"app","tenant":")tenant-\d+(","customer":")customer-\d+"/g, '$1tenant-0001$2customer-0001"');

  it("an inventory change merged separately that changes the plan voids the override, showing both plans", async () => {
    const inv = await original();
    expect(regrouped(inv)).not.toBe(inv);
    const { api, run, report } = await judge({ base: { "inventory/objects.ndjson": regrouped(inv) }, reviewed: { "inventory/objects.ndjson": inv }, reviews: [approve("dave", OVERRIDE)] });
    expect(run.code).toBe(1);
    const o = report.overrides[0];
    expect(o).toMatchObject({ status: "refused", refusal: { code: "plan-changed" } });
    expect(o.refusal.message).toBe("the plan changed after the review (at ccccccc: 883 apps of 883 tenants and 775 customers; at head: 883 apps of 1 tenant and 1 customer)");
    expect(run.summary).toContain("the plan changed after the review");
    expect(api.violations).toEqual([]);
  });

  it("the same for an approval: it is not counted, with both plans", async () => {
    const inv = await original();
    const { run, report } = await judge({ rules: SIGN_OFF, base: { "inventory/objects.ndjson": regrouped(inv) }, reviewed: { "inventory/objects.ndjson": inv }, reviews: [approve("hank")] });
    expect(run.code).toBe(1);
    expect(report.approvals[0]).toMatchObject({
      satisfied: false,
      approvedBy: [],
      refused: [expect.objectContaining({ login: "hank", reason: expect.stringContaining("the plan changed after the review (at ccccccc: 883 apps of 883 tenants") })],
    });
  });

  it("an inventory change that leaves the plan as it was keeps the override", async () => {
    const inv = await original();
    const grown = inv + '{"id":"site-9999","kind":"site","tenant":"tenant-9999","customer":"customer-9999","environment":"production"}\n';
    const { api, run, report } = await judge({ base: { "inventory/objects.ndjson": grown }, reviewed: { "inventory/objects.ndjson": inv }, reviews: [approve("dave", OVERRIDE)] });
    expect(run.code).toBe(0);
    expect(report.overrides[0]).toMatchObject({ status: "accepted" });
    expect(api.violations).toEqual([]);
  });
});

describe("review events re-judge the head commit", () => {
  const reviewPayload = (action: string, login: string) => (p: ReturnType<typeof pull>) => ({
    ...pullRequestPayload(p),
    action,
    review: { id: 1, user: { login }, state: action === "dismissed" ? "dismissed" : "approved", commit_id: HEAD_SHA },
  });

  it("pull_request_review submitted: an approving override lifts the finding and the check passes", async () => {
    const { api, run, report } = await judge({ event: "pull_request_review", payload: reviewPayload("submitted", "dave"), reviews: [approve("dave", OVERRIDE, HEAD_SHA)] });
    expect(run.code).toBe(0);
    expect(run.log).toContain("review submitted by dave: judging head bbbbbbb again with the reviews as they stand now");
    expect(report.overrides[0]).toMatchObject({ status: "accepted", by: "dave" });
    expect(api.violations).toEqual([]);
  });

  it("pull_request_review dismissed: the dismissed override no longer counts, and the soft-mandatory finding fails the check", async () => {
    const dismissed: ReviewInit = { pull_number: 7, state: "DISMISSED", user: "dave", body: OVERRIDE, commit_id: HEAD_SHA };
    const { api, run, report } = await judge({ event: "pull_request_review", payload: reviewPayload("dismissed", "dave"), reviews: [dismissed] });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ verdict: "blocked", blocking: "1", overridden: "0" });
    expect(report.overrides[0]).toMatchObject({ status: "refused", refusal: { code: "not-approved" } });
    expect(api.violations).toEqual([]);
  });
});

describe("review events re-judge the head commit (more)", () => {
  const payload = (action: string) => (p: ReturnType<typeof pull>) => ({ ...pullRequestPayload(p), action, review: { id: 1, user: { login: "dave" }, state: "commented", commit_id: HEAD_SHA } });

  it("pull_request_review edited: an override line edited away no longer lifts the finding", async () => {
    const { api, run, report } = await judge({ event: "pull_request_review", payload: payload("edited"), reviews: [approve("dave", "Looks right.\n", HEAD_SHA)] });
    expect(run.code).toBe(1);
    expect(run.log).toContain("review edited by dave: judging head bbbbbbb again with the reviews as they stand now");
    expect(report.overrides).toEqual([]);
    expect(api.violations).toEqual([]);
  });

  it("pull_request_review submitted with changes requested: the overrider's earlier approval and override are withdrawn", async () => {
    const later: ReviewInit = { pull_number: 7, state: "CHANGES_REQUESTED", user: "dave", body: "wait", commit_id: HEAD_SHA, submitted_at: "2026-11-23T10:00:00Z" };
    const { run, report } = await judge({ event: "pull_request_review", payload: payload("submitted"), reviews: [{ ...approve("dave", OVERRIDE, HEAD_SHA), submitted_at: "2026-11-22T10:00:00Z" }, later] });
    expect(run.code).toBe(1);
    expect(report.overrides[0]).toMatchObject({ status: "refused", refusal: { code: "superseded" } });
  });
});

describe("the merge queue applies the reviews of the queued pull request", () => {
  const queue = (ref: string) => () => ({ merge_group: { base_sha: BASE_SHA, head_sha: HEAD_SHA, head_ref: ref, base_ref: "refs/heads/main" } });
  const REF = `refs/heads/gh-readonly-queue/main/pr-7-${"f".repeat(40)}`;

  it("an override given on pull request #7 lifts its soft-mandatory finding in the queue", async () => {
    const { api, run, report } = await judge({ event: "merge_group", payload: queue(REF), reviews: [approve("dave", OVERRIDE)], reviewed: { "README.md": "older\n" } });
    expect(run.code).toBe(0);
    expect(report.overrides[0]).toMatchObject({ status: "accepted", by: "dave" });
    // Notes are escaped as text (GitHub shows "#7", without linking it).
    expect(run.summary).toContain("Judged with the reviews of pull request &#35;7 (named by the merge queue's head ref)");
    expect(api.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(expect.arrayContaining(["GET /repos/acme/ops/pulls/7 200", "GET /repos/acme/ops/pulls/7/reviews 200"]));
    expect(api.violations).toEqual([]);
  });

  it("an override of content the group no longer holds is void there", async () => {
    const { run, report } = await judge({ event: "merge_group", payload: queue(REF), reviews: [approve("dave", OVERRIDE)], reviewed: { "scripts/remove-app.sh": "echo older\n" } });
    expect(run.code).toBe(1);
    expect(report.overrides[0].refusal.code).toBe("stale");
  });

  it("the pull request author's own override does not count in the queue either", async () => {
    const { run, report } = await judge({ event: "merge_group", payload: queue(REF), reviews: [approve("alice", OVERRIDE)] });
    expect(run.code).toBe(1);
    expect(report.overrides[0].refusal.code).toBe("self-override");
  });

  it("a head ref that names no pull request: no reviews apply, and the summary says why", async () => {
    const { api, run } = await judge({ event: "merge_group", payload: queue("refs/heads/some-branch"), reviews: [approve("dave", OVERRIDE)] });
    expect(run.code).toBe(1);
    expect(run.summary).toContain("names no pull request in its head ref");
    expect(api.requests.some((r) => r.path.includes("/pulls/"))).toBe(false);
  });
});

describe("waivers.maxExpiry counts to the end of the expires day", () => {
  const waiver = (expires: string) =>
    `apiVersion: blastgate.dev/v1\nkind: Waiver\nmetadata:\n  name: window-exception\nspec:\n  manifest: remove-insight-safe\n  rules: [change-window]\n  reason: the standing maintenance slot\n  owner: acme/platform\n  expires: ${expires}\n`;
  it("maxExpiry: 1d refuses a waiver that holds to the end of tomorrow (48 h): exit 2 at its expires line", async () => {
    const { run, report } = await judge({ extra: "waivers: { maxExpiry: 1d }\n", policyFiles: { "policies/waivers.yaml": waiver("2026-11-25") } });
    expect(run.code).toBe(2);
    expect(report.problems).toEqual([expect.objectContaining({ location: expect.objectContaining({ file: "policies/waivers.yaml", line: 10 }), message: expect.stringContaining("holds until the end of 2026-11-25 (UTC), 2d ahead") })]);
  });

  it("maxExpiry: 1d accepts a waiver that holds to the end of today", async () => {
    const { run, report } = await judge({ extra: "waivers: { maxExpiry: 1d }\n", policyFiles: { "policies/waivers.yaml": waiver("2026-11-24") } });
    expect(run.code).toBe(0);
    expect(report.waivers[0].status).toBe("applied");
  });
});
