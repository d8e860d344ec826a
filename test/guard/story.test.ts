/**
 * The Atlassian story told again, at execution: the approved app-removal manifest runs canary, then
 * wave 1, then wave 2 through `blastgate run`, honouring bake times on a clock the test controls; every
 * way of running something other than what was approved is refused before the deletion API hears a
 * single call. A real git repository with a bare origin, the bundled Action writing the approval record
 * on the pull request's head commit in the fake GitHub API, the CLI as a child process.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GitHubApiServer } from "../support/github-api.js";
import { cleanup } from "../action/harness.js";
import { APPS, approvedWorld, at, blastgate, BLASTGATE_WORKFLOW, checks, CI_WORKFLOW, EXTRA, EXTRA_APPS, git, mergePull, SAFE, tempDir, treeAt, writeFiles, type Run, type World } from "./support.js";

let api: GitHubApiServer;
let deletions: World["deletions"];
let work: string;
let ledger: string;
let env: Record<string, string>;
let headSha: string;

/** `blastgate run <manifest> --stage S ... -- node scripts/remove-app.mjs`, at a time of the test's clock. */
const runStage = (manifest: string, stage: string, now: string, extra: string[] = [], command = [process.execPath, "scripts/remove-app.mjs"]) =>
  blastgate(["run", manifest, "--stage", stage, "--environment", "production", "--ledger", ledger, "--now", now, ...extra, "--", ...command], work, env);

/** A refused run: exit 1, the named check refused with a reason matching, not one deletion call. */
async function expectRefused(run: Promise<Run>, check: string, reason: RegExp): Promise<Record<string, string>> {
  const before = deletions.calls.length;
  const r = await run;
  const lines = checks(r.stdout);
  expect(r.code, r.stdout + r.stderr).toBe(1);
  expect(lines[check]).toMatch(/^refused: /);
  expect(lines[check]).toMatch(reason);
  expect(deletions.calls.length).toBe(before);
  return lines;
}

async function expectGo(run: Promise<Run>, ids: string[]): Promise<void> {
  const before = deletions.calls.length;
  const r = await run;
  expect(r.code, r.stdout + r.stderr).toBe(0);
  expect(Object.values(checks(r.stdout)).map((l) => l.split(":")[0])).toEqual(Array(7).fill("ok"));
  expect(deletions.calls.slice(before)).toEqual(ids.map((id) => `DELETE /apps/${id}`));
}

beforeAll(async () => {
  ({ api, deletions, work, headSha } = await approvedWorld());
  ledger = path.join(await tempDir("ledger"), "runs.jsonl");
  env = { GITHUB_API_URL: api.url, GITHUB_TOKEN: "ghp_engineer", GITHUB_REPOSITORY: "acme/ops", DELETION_API: deletions.url };
}, 120_000);

afterAll(async () => {
  await deletions?.close();
  await cleanup();
});

describe("the approval record", () => {
  it("is a blastgate/approval check run on the head commit per manifest, with the digest, verdict and lifts", () => {
    const records = api.state.checkRuns.filter((c) => c.name === "blastgate/approval");
    expect(records.map((c) => [c.head_sha, c.app, c.conclusion])).toEqual([
      [headSha, "github-actions", "success"],
      [headSha, "github-actions", "success"],
    ]);
    const texts = records.map((c) => JSON.parse(c.output.text!)).sort((a, b) => a.path.localeCompare(b.path));
    expect(texts.map((t) => Object.keys(t))).toEqual([Array.from(["manifest", "path", "digest", "verdict", "overrides", "waivers"]), ["manifest", "path", "digest", "verdict", "overrides", "waivers"]]);
    expect(texts.map((t) => [t.manifest, t.path, t.verdict])).toEqual([
      ["remove-insight-extra", EXTRA, "allowed"],
      ["remove-insight-safe", SAFE, "allowed"],
    ]);
    expect(texts[1].digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe("the README's shell wrapper", () => {
  it("refuses to run when it is not started by blastgate run", async () => {
    const { spawnSync } = await import("node:child_process");
    const r = spawnSync("sh", ["scripts/remove-app.sh"], { cwd: work, encoding: "utf8", env: { PATH: process.env.PATH ?? "", DELETION_API: deletions.url } });
    expect(r.status).toBe(64);
    expect(r.stderr).toMatch(/run me through 'blastgate run <manifest> --stage <stage> --environment <env> -- sh scripts\/remove-app.sh'/);
    expect(deletions.calls).toEqual([]);
  });
});

describe("before the merge", () => {
  it("refuses the manifest run from its unmerged branch", async () => {
    await expectRefused(runStage(SAFE, "canary", at(0)), "merged", /is not on the protected branch origin\/main/);
  });
});

describe("after the merge: canary, wave 1, wave 2, and every refusal on the way", () => {
  beforeAll(() => mergePull(work, api));

  it("refuses when no approval record exists", async () => {
    const saved = api.state.checkRuns.splice(0);
    try {
      await expectRefused(runStage(SAFE, "canary", at(0)), "approved", /no blastgate\/approval record for manifests\/remove-insight-safe.yaml/);
    } finally {
      api.state.checkRuns.push(...saved);
    }
  });

  it("refuses a record for another digest, and a record another app wrote", async () => {
    const record = api.state.checkRuns.find((c) => c.output.text?.includes(SAFE))!;
    const original = record.output.text!;
    record.output.text = original.replace(/sha256:[0-9a-f]{64}/, `sha256:${"0".repeat(64)}`);
    try {
      await expectRefused(runStage(SAFE, "canary", at(0)), "approved", /record is for digest sha256:000000000000, the files now are sha256:/);
    } finally {
      record.output.text = original;
    }
    record.app = "someone-elses-app";
    try {
      await expectRefused(runStage(SAFE, "canary", at(0)), "approved", /1 blastgate\/approval check run of another app than 'github-actions' ignored/);
    } finally {
      record.app = "github-actions";
    }
  });

  it("refuses a record forged by a workflow edited on another branch (read through the contents API), and one no workflow run wrote", async () => {
    // The attacker's branch edits ci.yml to write an 'allowed' record onto the pull request's head commit; the engineer's clone never fetched it.
    const evil = await tempDir("evil");
    git(path.dirname(evil), "clone", "-q", git(work, "remote", "get-url", "origin"), evil);
    git(evil, "checkout", "-q", "-b", "sneaky");
    await writeFiles(evil, { [CI_WORKFLOW]: (await readFile(path.join(evil, CI_WORKFLOW), "utf8")) + "      - run: node forge-approval.js\n" });
    git(evil, "commit", "-q", "-am", "ci: more tests");
    git(evil, "push", "-q", "origin", "sneaky");
    const sneaky = git(evil, "rev-parse", "HEAD");
    api.state.files.set(sneaky, new Map(Object.entries(treeAt(evil, sneaky))));
    const genuine = api.state.checkRuns.find((c) => c.output.text?.includes(SAFE))!;
    const forged = { ...genuine, id: 3_900_001, output: { ...genuine.output }, check_suite_id: 8_100_001 };
    api.state.checkRuns.push(forged);
    api.state.workflowRuns.push({ id: 5151, check_suite_id: 8_100_001, path: CI_WORKFLOW, head_sha: sneaky, head_branch: "sneaky", event: "push" });
    try {
      await expectRefused(
        runStage(SAFE, "canary", at(0)),
        "approved",
        /the approval record \(check run 3900001\) was written by .github\/workflows\/ci.yml as changed on the branch 'sneaky' \(commit [0-9a-f]{7}\), not as it is on main: only the workflows of the protected branch may write it/,
      );
      expect(api.requests.some((r) => r.path.includes("/contents/.github/workflows/ci.yml"))).toBe(true);
      api.state.workflowRuns.pop();
      await expectRefused(runStage(SAFE, "canary", at(0)), "approved", /the approval record \(check run 3900001\) was not written by a workflow run \(its check suite 8100001 belongs to none\)/);
    } finally {
      api.state.checkRuns.splice(api.state.checkRuns.indexOf(forged), 1);
      api.state.workflowRuns.splice(1);
    }
  });

  it("refuses a record forged by the Blastgate workflow itself as edited on the pull request's branch (read with git)", async () => {
    const workflowRun = api.state.workflowRuns[0]!;
    // As if the pull request's head commit held an edited blastgate.yml: the run read it at a commit of the branch that changed it.
    git(work, "checkout", "-q", "-b", "edit-workflow", headSha);
    await writeFiles(work, { [BLASTGATE_WORKFLOW]: "name: blastgate\non: [pull_request]\njobs: { forge: { runs-on: ubuntu-latest, steps: [{ run: node forge.js }] } }\n" });
    git(work, "commit", "-q", "-am", "blastgate: faster");
    const edited = git(work, "rev-parse", "HEAD");
    git(work, "checkout", "-q", "main");
    const saved = { ...workflowRun };
    Object.assign(workflowRun, { head_sha: edited, head_branch: "remove-insight" });
    try {
      await expectRefused(runStage(SAFE, "canary", at(0)), "approved", /was written by .github\/workflows\/blastgate.yml as changed on the branch 'remove-insight' \(commit [0-9a-f]{7}\), not as it is on main/);
    } finally {
      Object.assign(workflowRun, saved);
    }
  });

  it("refuses a record on a pull request that changes a workflow: GitHub may file the edited workflow's record under the Blastgate workflow's check suite", async () => {
    const merged = api.state.pulls.get(7)!;
    merged.files = [SAFE, "ids/insight-apps.txt", EXTRA, "ids/insight-extra.txt"].map((filename) => ({ filename, status: "added" as const }));
    merged.files.push({ filename: CI_WORKFLOW, status: "modified" });
    try {
      await expectRefused(runStage(SAFE, "canary", at(0)), "approved", /pull request #7 changes .github\/workflows\/ci.yml: a pull request that changes a workflow cannot approve its own manifests \(any workflow can write the record\)/);
    } finally {
      delete merged.files;
    }
  });

  it("cannot decide when GitHub cannot say which workflow run wrote the record", async () => {
    const fault = api.fail({ path: /\/actions\/runs$/, status: 500, times: Infinity });
    try {
      const before = deletions.calls.length;
      const r = await runStage(SAFE, "canary", at(0));
      expect(r.code, r.stdout + r.stderr).toBe(2);
      expect(checks(r.stdout).approved).toMatch(/^unknown: GitHub cannot be read at /);
      expect(fault.used).toBeGreaterThan(0);
      expect(deletions.calls.length).toBe(before);
    } finally {
      api.reset();
    }
  });

  it("accepts an App's record without a workflow run to check (BLASTGATE_APPROVAL_APP)", async () => {
    const records = api.state.checkRuns.filter((c) => c.name === "blastgate/approval");
    for (const c of records) c.app = "blastgate-approver";
    try {
      const r = await blastgate(["guard", SAFE, "--stage", "canary", "--environment", "production", "--now", at(0)], work, { ...env, BLASTGATE_APPROVAL_APP: "blastgate-approver" });
      expect(checks(r.stdout).approved).toMatch(/^ok: pull request #7, .*, written by the app 'blastgate-approver' \(no workflow run to check\)$/);
    } finally {
      for (const c of records) c.app = "github-actions";
    }
  });

  it("cannot decide on a ledger whose last line was cut short: exit 2, nothing runs, the ledger named", async () => {
    const damaged = path.join(path.dirname(ledger), "damaged.jsonl");
    await writeFile(damaged, '{"type":"decision","at":"2026-11-24T08:00:00Z"');
    const before = deletions.calls.length;
    const r = await blastgate(["run", SAFE, "--stage", "canary", "--environment", "production", "--ledger", damaged, "--now", at(0), "--", process.execPath, "scripts/remove-app.mjs"], work, env);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(checks(r.stdout).stage).toBe(`unknown: the ledger ${damaged} ends in the middle of line 1 (a write was cut short): repair its last line before any run`);
    expect(checks(r.stdout).budget).toMatch(/^unknown: the ledger .* ends in the middle of line 1/);
    expect(deletions.calls.length).toBe(before);
  });

  it("refuses the wrong environment", async () => {
    await expectRefused(
      blastgate(["run", SAFE, "--stage", "canary", "--environment", "staging", "--ledger", ledger, "--now", at(0), "--", process.execPath, "scripts/remove-app.mjs"], work, env),
      "environment",
      /runs in 'staging', the manifest was approved for 'production'/,
    );
  });

  it("refuses a local edit of the identifier file", async () => {
    const file = path.join(work, "ids/insight-apps.txt");
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace("app-0005", "site-0005"));
    try {
      await expectRefused(runStage(SAFE, "canary", at(0)), "merged", /ids\/insight-apps.txt has local changes/);
    } finally {
      await writeFile(file, text);
    }
  });

  it("refuses a stage out of order", async () => {
    await expectRefused(runStage(SAFE, "wave-1", at(0)), "stage", /comes after stage 'canary', which has not run/);
  });

  it("refuses an identifier list with an extra identifier", async () => {
    const list = path.join(path.dirname(ledger), "canary.txt");
    await writeFile(list, [...APPS.slice(0, 10), "app-0999"].join("\n") + "\n");
    const lines = await expectRefused(runStage(SAFE, "canary", at(0), ["--ids", list]), "ids", /1 not approved for stage 'canary' \('app-0999' line 11\)/);
    expect(lines.merged).toMatch(/^ok/);
  });

  it("runs the canary: its 10 identifiers, in file order, handed to the script; the record was written by the Blastgate workflow as on main", async () => {
    const list = path.join(path.dirname(ledger), "canary-exact.txt");
    await writeFile(list, APPS.slice(0, 10).reverse().join("\n") + "\n");
    await expectGo(runStage(SAFE, "canary", at(0), ["--ids", list]), APPS.slice(0, 10));
    // Asked without a ledger: nothing recorded.
    const r = await blastgate(["guard", SAFE, "--stage", "canary", "--environment", "production", "--now", at(0)], work, env);
    expect(checks(r.stdout).approved).toMatch(/^ok: pull request #7, .*, written by .github\/workflows\/blastgate.yml \(workflow run 4242\) as it is on main$/);
  });

  it("refuses the canary run twice, and wave 1 before the canary's bake is over", async () => {
    await expectRefused(runStage(SAFE, "canary", at(1)), "stage", /stage 'canary' already ran .*: a stage runs once/);
    await expectRefused(runStage(SAFE, "wave-1", at(1)), "stage", /stage 'wave-1' may start at 2026-11-25T09:00:00.\d+Z: stage 'canary' ended at .* and bakes 1d/);
  });

  it("runs wave 1 once the bake is over, after the Blastgate workflow changed on main (the record's workflow is main's as the pull request branched from it)", async () => {
    const workflow = path.join(work, BLASTGATE_WORKFLOW);
    await writeFile(workflow, (await readFile(workflow, "utf8")).replace("acme/blastgate@v1", "acme/blastgate@v2"));
    git(work, "commit", "-q", "-am", "Blastgate v2");
    git(work, "push", "-q", "origin", "main");
    await expectGo(runStage(SAFE, "wave-1", at(25)), APPS.slice(10, 410));
  });

  it("refuses wave 2 while an identifier has become protected in the inventory, and runs it once that is undone", async () => {
    const inventory = path.join(work, "inventory/objects.ndjson");
    const text = await readFile(inventory, "utf8");
    await writeFile(inventory, text.replace(/^(\{"id":"app-0500".*)\}$/m, '$1,"protected":true}'));
    git(work, "commit", "-q", "-am", "app-0500 is under legal hold");
    git(work, "push", "-q", "origin", "main");
    await expectRefused(runStage(SAFE, "wave-2", at(37, 5)), "current", /judged again now, 1 mandatory finding stands: target-kind/);
    git(work, "revert", "--no-edit", "HEAD");
    git(work, "push", "-q", "origin", "main");
    await expectGo(runStage(SAFE, "wave-2", at(37, 10), [], ["sh", "scripts/remove-app.sh"]), APPS.slice(410));
    expect(new Set(deletions.calls).size).toBe(883);
  });

  it("refuses the stage of a second manifest that would take the day past the budget", async () => {
    await expectRefused(runStage(EXTRA, "canary", at(38)), "budget", /873 app destroyed in the last 1d .* and 50 in this stage make 923, over the budget of 900 app per 1d \(policies\/starter.yaml:\d+\)/);
  });

  it("status lists the stages done, due and the refused attempts", async () => {
    const r = await blastgate(["status", SAFE, "--ledger", ledger, "--now", at(40)], work, env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^remove-insight-safe \(manifests\/remove-insight-safe.yaml\): 3 stages$/m);
    expect(r.stdout).toMatch(/^ {2}canary \(10 identifiers\): done, started 2026-11-24T09:00:00.000Z, ended .*, exit code 0$/m);
    expect(r.stdout).toMatch(/^ {2}wave-2 \(473 identifiers\): done/m);
    expect(r.stdout).toMatch(/^refused attempts: 1\d$/m);
    const extra = await blastgate(["status", EXTRA, "--ledger", ledger, "--now", at(40)], work, env);
    expect(extra.stdout).toMatch(/^ {2}canary \(50 identifiers\): due now$/m);
    expect(extra.stdout).toMatch(/^ {2}rest \(50 identifiers\): waits for 'canary'$/m);
  });

  it("refuses an identifier file swapped on the protected branch after the merge", async () => {
    await writeFile(path.join(work, "ids/insight-extra.txt"), EXTRA_APPS.map((id) => id.replace("app-08", "app-07")).join("\n") + "\n");
    git(work, "commit", "-q", "-am", "fix the list");
    git(work, "push", "-q", "origin", "main");
    const lines = await expectRefused(
      runStage(EXTRA, "canary", at(70)),
      "approved",
      /commit [0-9a-f]{7}, which brought ids\/insight-extra.txt to main, belongs to no pull request merged into main: nothing approved this content; open a pull request to have it approved again$/,
    );
    expect(lines.merged).toMatch(/^ok/);
    expect(lines.budget).toMatch(/^ok/);
    expect(deletions.calls.length).toBe(883);
  });
});
