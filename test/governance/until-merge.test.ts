/**
 * Sign-off that stays true until the merge, through the CLI in a real git repository (reviews point
 * at real commits): approvals and overrides bind to the governed scripts and to the resolved plan,
 * and a waiver's expiry cap counts to the end of its day.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { INVENTORY, manifest } from "../support/fixtures.js";
import { Repo, removeTemps, tempDir } from "../support/git-repo.js";
import { apiFileArgs, apiReview } from "../support/api-files.js";
import { BIN } from "../support/repo.js";
import { GOV_CATALOG, IDS, policy, TICKET_RULE } from "./support.js";

afterAll(removeTemps);

const TEAMS = { "acme/sre": ["dave", "erin"], "acme/apps": ["alice", "frank"], "acme/app-owners": ["gina"], "acme/sites": ["hank"] };
const review = (login: string, commit: string, body = "") => apiReview(login, commit, body);
const OVERRIDE = "Approved.\n\nblastgate override needs-ticket: OPS-77 is tracked in the incident channel\n";

/** `blastgate check --format json` in the repository, with reviews and teams files. */
function check(repo: Repo, opts: { reviews?: object[]; now?: string } = {}): { code: number | null; stdout: string; stderr: string; report: any; text: string } {
  const inputs = tempDir();
  const args = ["check", "--now", opts.now ?? "2026-11-24"];
  writeFileSync(path.join(inputs, "reviews.json"), JSON.stringify(opts.reviews ?? []));
  writeFileSync(path.join(inputs, "teams.json"), JSON.stringify(TEAMS));
  args.push("--reviews", path.join(inputs, "reviews.json"), "--author", "alice", "--teams", path.join(inputs, "teams.json"), ...apiFileArgs(inputs, {}, writeFileSync));
  const run = (extra: string[]) => spawnSync(process.execPath, [BIN, ...args, ...extra], { cwd: repo.dir, encoding: "utf8", env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" }, timeout: 60_000 });
  const json = run(["--format", "json"]);
  const text = run([]);
  expect(json.stderr).not.toMatch(/^\s+at /m);
  let report: any;
  try {
    report = JSON.parse(json.stdout);
  } catch {
    throw new Error(`not JSON (exit ${json.status}): ${json.stdout}\n${json.stderr}`);
  }
  expect(text.status).toBe(json.status);
  return { code: json.status, stdout: json.stdout, stderr: json.stderr, report, text: text.stdout };
}

const withScripts = (scripts: string) => manifest({ identifiers: "ids/apps.txt", metadata: `  description: remove apps\n  requestedBy: acme/apps\n  executedBy: acme/sre\n  scripts: ${scripts}\n` });
const BASE = { "policies/catalog.yaml": GOV_CATALOG, "policies/policy.yaml": policy(TICKET_RULE), "inventory.ndjson": INVENTORY, "ids/apps.txt": IDS, "README.md": "ops\n" };

describe("the digest covers the scripts a manifest names", () => {
  it("a push that changes the named script voids the override; the digest lists the script", () => {
    const repo = new Repo({ ...BASE, "ops/manifest.yaml": withScripts("[scripts/remove-app.sh]"), "scripts/remove-app.sh": '#!/bin/sh\nremove-app "$1"\n' });
    const first = repo.git("rev-parse", "HEAD");
    const kept = check(repo, { reviews: [review("dave", first, OVERRIDE)] });
    expect(kept.code).toBe(0);
    expect(kept.report.digests).toEqual([expect.objectContaining({ subject: "ops/manifest.yaml", files: ["ops/manifest.yaml", "ids/apps.txt", "scripts/remove-app.sh"] })]);

    repo.commit({ "scripts/remove-app.sh": '#!/bin/sh\nfor s in $(cat all-sites); do delete-site --hard "$s"; done\n' }, "a harder script");
    const voided = check(repo, { reviews: [review("dave", first, OVERRIDE)] });
    expect(voided.code).toBe(1);
    const o = voided.report.overrides[0];
    expect(o).toMatchObject({ status: "refused", refusal: { code: "stale" } });
    expect(o.refusal.message).toContain(`stale: ops/manifest.yaml or ids/apps.txt or scripts/remove-app.sh changed after the review`);
    expect(voided.report.findings[0].status).toBe("blocking");
  });

  it("a glob is resolved at head and at the review: a script added under it voids the override", () => {
    const repo = new Repo({ ...BASE, "ops/manifest.yaml": withScripts('["scripts/cleanup/*.sh"]'), "scripts/cleanup/a.sh": "echo a\n" });
    const first = repo.git("rev-parse", "HEAD");
    const before = check(repo, { reviews: [review("dave", first, OVERRIDE)] });
    expect(before.code).toBe(0);
    repo.commit({ "scripts/cleanup/b.sh": "delete-site --hard all\n" }, "another script");
    const voided = check(repo, { reviews: [review("dave", first, OVERRIDE)] });
    expect(voided.code).toBe(1);
    expect(voided.report.digests[0].files).toEqual(["ops/manifest.yaml", "ids/apps.txt", "scripts/cleanup/a.sh", "scripts/cleanup/b.sh"]);
    expect(voided.report.overrides[0].refusal.code).toBe("stale");
  });
});

describe("approvals and overrides bind to the resolved plan", () => {
  const MANIFEST = manifest({ identifiers: "ids/apps.txt", metadata: "  description: remove apps\n  requestedBy: acme/apps\n  executedBy: acme/sre\n" });
  it("an inventory change that changes the plan voids the override, showing both plans", () => {
    const repo = new Repo({ ...BASE, "ops/manifest.yaml": MANIFEST });
    const first = repo.git("rev-parse", "HEAD");
    // a-0002 now belongs to customer c-1: same ids, another plan. (It held a database once; the catalog nests databases in db-servers, so that inventory is refused now.)
    const moved = INVENTORY.replace('{"id":"a-0002","kind":"app","tenant":"t-2","customer":"c-2"', '{"id":"a-0002","kind":"app","tenant":"t-1","customer":"c-1"');
    expect(moved).not.toBe(INVENTORY);
    repo.commit({ "inventory.ndjson": moved }, "inventory export");
    const voided = check(repo, { reviews: [review("dave", first, OVERRIDE)] });
    expect(voided.code).toBe(1);
    const o = voided.report.overrides[0];
    expect(o).toMatchObject({ status: "refused", refusal: { code: "plan-changed" } });
    expect(o.refusal.message).toBe(`the plan changed after the review (at ${first.slice(0, 7)}: 2 apps of 2 tenants and 2 customers; at head: 2 apps of 1 tenant and 1 customer)`);
    expect(voided.text).toContain("the plan changed after the review");
  });

  it("an inventory change that leaves the plan as it was keeps the override", () => {
    const repo = new Repo({ ...BASE, "ops/manifest.yaml": MANIFEST });
    const first = repo.git("rev-parse", "HEAD");
    repo.commit({ "inventory.ndjson": INVENTORY + '{"id":"s-0300","kind":"site","tenant":"t-300","customer":"c-300","environment":"production"}\n' }, "a new site");
    const kept = check(repo, { reviews: [review("dave", first, OVERRIDE)] });
    expect(kept.code).toBe(0);
    expect(kept.report.overrides[0]).toMatchObject({ status: "accepted" });
  });
});

describe("the reviews as they stand after a review event decide (what the Action re-judges on pull_request_review)", () => {
  const MANIFEST = manifest({ identifiers: "ids/apps.txt", metadata: "  description: remove apps\n  requestedBy: acme/apps\n  executedBy: acme/sre\n" });
  const at = (r: object, submitted: string) => ({ ...r, submitted_at: submitted });
  it("submitted: the override counts; dismissed, edited away, or followed by a change request: it does not", () => {
    const repo = new Repo({ ...BASE, "ops/manifest.yaml": MANIFEST });
    const head = repo.git("rev-parse", "HEAD");
    const approved = review("dave", head, OVERRIDE);
    expect(check(repo, { reviews: [approved] }).code).toBe(0);
    const dismissed = check(repo, { reviews: [{ ...approved, state: "DISMISSED" }] });
    expect([dismissed.code, dismissed.report.overrides[0].refusal.code]).toEqual([1, "not-approved"]);
    const edited = check(repo, { reviews: [{ ...approved, body: "Approved.\n" }] });
    expect([edited.code, edited.report.overrides]).toEqual([1, []]);
    const withdrawn = check(repo, { reviews: [at(approved, "2026-11-20T10:00:00Z"), at({ ...review("dave", head, "wait"), state: "CHANGES_REQUESTED" }, "2026-11-21T10:00:00Z")] });
    expect([withdrawn.code, withdrawn.report.overrides[0].refusal.code]).toEqual([1, "superseded"]);
  });
});

describe("waivers.maxExpiry counts to the end of the expires day", () => {
  const waiver = (expires: string) =>
    `apiVersion: blastgate.dev/v1\nkind: Waiver\nmetadata:\n  name: ticket-system-down\nspec:\n  manifest: cleanup\n  rules: [needs-ticket]\n  reason: the ticket system was down\n  owner: acme/platform\n  expires: ${expires}\n`;
  const files = (expires: string) => ({ ...BASE, "policies/policy.yaml": policy(TICKET_RULE, "waivers: { maxExpiry: 1d }\n"), "policies/waiver.yaml": waiver(expires), "ops/manifest.yaml": withScripts("[]") });
  it("maxExpiry: 1d refuses a waiver that holds to the end of tomorrow (48 h)", () => {
    const r = check(new Repo(files("2026-11-25")));
    expect(r.code).toBe(2);
    expect(r.report.problems).toEqual([expect.objectContaining({ message: "waiver 'ticket-system-down' holds until the end of 2026-11-25 (UTC), 2d ahead; the Policy at policies/policy.yaml:4 allows waivers at most 1d ahead" })]);
  });
  it("maxExpiry: 1d accepts a waiver that holds to the end of today", () => {
    const r = check(new Repo(files("2026-11-24")));
    expect(r.code).toBe(0);
    expect(r.report.waivers[0].status).toBe("applied");
  });
});
