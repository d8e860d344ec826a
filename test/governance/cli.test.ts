/**
 * The governance flags end to end, as a policy author reproduces a pull request's verdict: the CLI as
 * a child process in a real git repository, reviews pointing at real commits.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INVENTORY, manifest } from "../support/fixtures.js";
import { Repo, removeTemps, tempDir } from "../support/git-repo.js";
import { BIN, PROJECT } from "../support/repo.js";
import { spawnSync } from "node:child_process";
import { apiFileArgs, apiReview, historyOf, permissionsOf } from "../support/api-files.js";
import { GOV_CATALOG, MANIFEST, IDS, policy, TICKET_RULE } from "./support.js";

afterAll(removeTemps);

const BASE = { "policies/catalog.yaml": GOV_CATALOG, "inventory.ndjson": INVENTORY, "ops/manifest.yaml": MANIFEST, "ids/apps.txt": IDS, "README.md": "ops\n" };
const TEAMS = { "acme/sre": ["dave", "erin"], "acme/apps": ["alice", "frank"], "acme/app-owners": ["gina"] };

const review = apiReview;
const OVERRIDE = "Approved.\n\nblastgate override needs-ticket: OPS-77 is tracked in the incident channel\n";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `blastgate check` in the repository with --reviews/--teams files written next to it. */
function check(repo: Repo, opts: { reviews?: object[]; teams?: object; permissions?: object[]; commits?: object; args?: string[]; json?: boolean }): Run & { report: any } {
  const inputs = tempDir();
  const args = ["check", "--now", "2026-11-24", ...(opts.args ?? [])];
  if (opts.reviews) {
    writeFileSync(path.join(inputs, "reviews.json"), JSON.stringify(opts.reviews, null, 2));
    args.push("--reviews", path.join(inputs, "reviews.json"), "--author", "alice");
    args.push(...apiFileArgs(inputs, opts, writeFileSync));
  }
  if (opts.teams) {
    writeFileSync(path.join(inputs, "teams.json"), JSON.stringify(opts.teams));
    args.push("--teams", path.join(inputs, "teams.json"));
  }
  const run = (extra: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args, ...extra], { cwd: repo.dir, encoding: "utf8", env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" }, timeout: 60_000 });
    expect(r.stderr).not.toMatch(/^\s+at /m);
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const text = run([]);
  const json = run(["--format", "json"]);
  let report: any;
  try {
    report = JSON.parse(json.stdout);
  } catch {
    throw new Error(`not JSON (exit ${json.code}): ${json.stdout}\n${json.stderr}`);
  }
  expect(json.code).toBe(text.code);
  return { ...text, report };
}

describe("overrides through the CLI", () => {
  let repo: Repo;
  let first: string;
  beforeAll(() => {
    repo = new Repo({ ...BASE, "policies/policy.yaml": policy(TICKET_RULE) });
    first = repo.git("rev-parse", "HEAD");
  });

  it("without reviews, the soft-mandatory finding blocks", () => {
    const r = check(repo, {});
    expect(r.code).toBe(1);
    expect(r.report.findings.map((f: any) => [f.ruleId, f.status])).toEqual([["needs-ticket", "blocking"]]);
  });

  it("accepts an override by a member of an overrideTeams team, and says who and why", () => {
    const r = check(repo, { reviews: [review("dave", first, OVERRIDE)], teams: TEAMS });
    expect(r.code).toBe(0);
    const digest = r.report.digests[0].digest;
    expect(r.stdout.split("\n")[0]).toBe("ALLOWED: 1 manifest checked, no blocking findings (1 overridden)");
    expect(r.stdout).toContain(`ops/manifest.yaml (cleanup)  ${digest.slice(0, 19)}`);
    expect(r.stdout).toContain("↷ ops/manifest.yaml:3:1  soft-mandatory, overridden  name the ticket (metadata is missing 'ticket')  (overridden by dave: OPS-77 is tracked in the incident channel)");
    expect(r.stdout).toMatch(/✔ accepted {2}dave overrides needs-ticket on ops\/manifest\.yaml: "OPS-77 is tracked in the incident channel" \(via acme\/sre\) {2}review \d+ at [0-9a-f]{7}, sha256:[0-9a-f]{12}/);
    expect(r.report.overrides).toEqual([
      expect.objectContaining({ ruleId: "needs-ticket", by: "dave", reason: "OPS-77 is tracked in the incident channel", status: "accepted", via: "acme/sre", manifest: "ops/manifest.yaml", commit: first, digest, reviewedDigest: digest }),
    ]);
    expect(r.report.findings[0]).toMatchObject({ status: "overridden", override: { by: "dave", via: "acme/sre", commit: first, digest } });
    expect(r.report.counts).toMatchObject({ softMandatory: 1, blocking: 0, overridden: 1, waived: 0 });
  });

  it("refuses a non-member, listing why; the finding still blocks", () => {
    const r = check(repo, { reviews: [review("frank", first, OVERRIDE)], teams: TEAMS });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`✖ refused  frank overrides needs-ticket: "OPS-77 is tracked in the incident channel": frank may not override 'needs-ticket': it takes a member of acme/sre or one of carol`);
    expect(r.report.overrides.map((o: any) => o.refusal.code)).toEqual(["not-authorized"]);
    expect(r.report.findings[0].status).toBe("blocking");
  });

  it("refuses the pull request's author", () => {
    const r = check(repo, { reviews: [review("alice", first, OVERRIDE)], teams: { ...TEAMS, "acme/sre": ["alice"] } });
    expect(r.code).toBe(1);
    expect(r.report.overrides.map((o: any) => [o.status, o.refusal.code, o.refusal.message])).toEqual([["refused", "self-override", "alice is the pull request's author: an override needs someone else"]]);
  });

  it("refuses when membership cannot be read, and says which token reads it", () => {
    const r = check(repo, { reviews: [review("dave", first, OVERRIDE)], teams: { "acme/apps": ["frank"] } });
    expect(r.code).toBe(1);
    expect(r.report.overrides[0].refusal.code).toBe("membership-unknown");
    expect(r.stdout).toContain("team membership of dave cannot be read (acme/sre: acme/sre is not in the --teams file");
    expect(r.stdout).toContain('reading team membership needs a GitHub App installation token with the organization permission "Members: read"');
  });

  it("without --teams, no membership is confirmed", () => {
    const r = check(repo, { reviews: [review("dave", first, OVERRIDE)] });
    expect(r.code).toBe(1);
    expect(r.report.overrides[0].refusal.message).toContain("acme/sre is not in a --teams file (none was given)");
  });

  it("keeps an override across a push that leaves the manifest and identifiers alone, and voids it after one that changes them", () => {
    const readme = repo.commit({ "README.md": "ops, again\n" }, "docs only");
    expect(readme).not.toBe(first);
    const kept = check(repo, { reviews: [review("dave", first, OVERRIDE)], teams: TEAMS });
    expect(kept.code).toBe(0);
    expect(kept.report.overrides[0].status).toBe("accepted");

    repo.commit({ "ids/apps.txt": "a-0001\na-0002\na-0003\n" }, "one more app");
    const voided = check(repo, { reviews: [review("dave", first, OVERRIDE)], teams: TEAMS });
    expect(voided.code).toBe(1);
    const o = voided.report.overrides[0];
    expect(o.refusal.code).toBe("stale");
    expect(o.reviewedDigest).toBe(kept.report.digests[0].digest);
    expect(o.digest).toBe(voided.report.digests[0].digest);
    expect(o.digest).not.toBe(o.reviewedDigest);
    expect(voided.stdout).toContain(`stale: ops/manifest.yaml or ids/apps.txt changed after the review (${o.reviewedDigest.slice(0, 19)} at ${first.slice(0, 7)}, ${o.digest.slice(0, 19)} at head)`);

    // A fresh approval of the new content counts again.
    const head = repo.git("rev-parse", "HEAD");
    expect(check(repo, { reviews: [review("dave", first, OVERRIDE), review("dave", head, OVERRIDE)], teams: TEAMS }).code).toBe(0);
  });

  it("uncommitted changes to the manifest are not what anyone reviewed", () => {
    const head = repo.git("rev-parse", "HEAD");
    writeFileSync(path.join(repo.dir, "ops/manifest.yaml"), MANIFEST.replace("remove apps", "remove every app"));
    try {
      const r = check(repo, { reviews: [review("dave", head, OVERRIDE)], teams: TEAMS });
      expect(r.code).toBe(1);
      expect(r.report.overrides[0].refusal.code).toBe("stale");
    } finally {
      repo.git("checkout", "--", "ops/manifest.yaml");
    }
  });

  it("a review of a commit the repository does not have is refused with git's reason", () => {
    const r = check(repo, { reviews: [review("dave", "0123456789abcdef0123456789abcdef01234567", OVERRIDE)], teams: TEAMS });
    expect(r.code).toBe(1);
    expect(r.report.overrides[0].refusal.message).toMatch(/ops\/manifest\.yaml cannot be read at the review's commit 0123456: ops\/manifest\.yaml cannot be read at commit 0123456: fatal: /);
  });
});

describe("a hard-mandatory rule through the CLI", () => {
  it("refuses the override; the finding blocks", () => {
    const hard = TICKET_RULE.replace("soft-mandatory", "hard-mandatory");
    const repo = new Repo({ ...BASE, "policies/policy.yaml": policy(hard) });
    const r = check(repo, { reviews: [review("dave", repo.git("rev-parse", "HEAD"), OVERRIDE)], teams: TEAMS });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("rule 'needs-ticket' is hard-mandatory: it cannot be overridden");
    expect(r.report.findings.map((f: any) => f.status)).toEqual(["blocking"]);
  });
});

describe("approvals through the CLI", () => {
  const APPROVALS = `  - id: sign-off
    type: approvals
    enforcement: soft-mandatory
    with: { require: [requestedBy, executedBy] }
`;
  let repo: Repo;
  let head: string;
  beforeAll(() => {
    repo = new Repo({ ...BASE, "ops/manifest.yaml": manifest({ identifiers: "ids/apps.txt" }), "policies/policy.yaml": policy(APPROVALS) });
    head = repo.git("rev-parse", "HEAD");
  });

  it("passes when the requesting and the executing team approved", () => {
    const r = check(repo, { reviews: [review("frank", head), review("dave", head)], teams: TEAMS });
    expect(r.code).toBe(0);
    expect(r.report.approvals.map((a: any) => [a.team, a.approvedBy.map((x: any) => x.login), a.satisfied])).toEqual([
      ["acme/apps", ["frank"], true],
      ["acme/sre", ["dave"], true],
    ]);
    expect(r.stdout).toContain("✔ ops/manifest.yaml  requestedBy acme/apps: 1 of 1 by frank");
  });

  it("blocks on the team that did not approve, at the manifest line naming it", () => {
    const r = check(repo, { reviews: [review("alice", head), review("dave", head)], teams: TEAMS });
    expect(r.code).toBe(1);
    expect(r.report.findings.map((f: any) => [f.messageId, `${f.location.file}:${f.location.line}`, f.evidence.team])).toEqual([["missing", "ops/manifest.yaml:6", "acme/apps"]]);
    expect(r.stdout).toContain("✖ ops/manifest.yaml  requestedBy acme/apps: 0 of 1; not counted: alice is the pull request's author");
  });

  it("the executing team's approval is missing", () => {
    const r = check(repo, { reviews: [review("frank", head)], teams: TEAMS });
    expect(r.code).toBe(1);
    expect(r.report.findings.map((f: any) => [f.messageId, `${f.location.file}:${f.location.line}`, f.evidence.team])).toEqual([["missing", "ops/manifest.yaml:7", "acme/sre"]]);
  });
});

describe("governed scripts through the CLI", () => {
  const RULE = `  - id: scripts-need-manifests
    type: manifest-required
    enforcement: hard-mandatory
    with: { scripts: ["scripts/**"] }
`;
  let repo: Repo;
  beforeAll(() => {
    repo = new Repo({
      ...BASE,
      "ops/manifest.yaml": manifest({ identifiers: "ids/apps.txt", metadata: "  scripts: [scripts/remove-app.sh]\n" }),
      "scripts/remove-app.sh": "#!/bin/sh\n",
      "scripts/purge.sh": "#!/bin/sh\nrm -rf /srv/data\n",
      "ops/other.yaml": manifest({ name: "other", identifiers: "ids/apps.txt" }),
      "policies/policy.yaml": policy(RULE),
    });
  });

  it("a governed script changed without a manifest is a finding on the script", () => {
    const r = check(repo, { args: ["ops/manifest.yaml", "--changed", "scripts/purge.sh"] });
    expect(r.code).toBe(1);
    expect(r.report.findings.map((f: any) => [f.messageId, `${f.location.file}:${f.location.line}:${f.location.column}`])).toEqual([["noManifest", "scripts/purge.sh:1:1"]]);
    expect(r.stdout).toContain("Other findings:\n  ✖ scripts/purge.sh:1:1  hard-mandatory  scripts/purge.sh is a governed script (scripts/**) and no manifest names it");
    // The script is not counted as a manifest (it read "in 1 of 1 manifest", and "5 of 4 manifests" with more).
    expect(r.stdout.split("\n")[0]).toBe("BLOCKED: 1 mandatory finding in 1 other file (not a manifest)");
  });

  it("the headline counts a script's finding apart from the manifests' (a whole-tree run)", () => {
    const r = check(repo, { args: [] });
    expect(r.code).toBe(1);
    // Both manifests pass: it read "in 1 of 2 manifests".
    expect(r.report.manifests).toEqual(["ops/manifest.yaml", "ops/other.yaml"]);
    expect(r.stdout.split("\n")[0]).toBe("BLOCKED: 1 mandatory finding in 1 other file (not a manifest)");
  });

  it("a changed script a manifest names brings that manifest into the check (--changed-files)", () => {
    const list = path.join(tempDir(), "changed.txt");
    writeFileSync(list, "scripts/remove-app.sh\nREADME.md\n\n");
    const r = check(repo, { args: ["ops/other.yaml", "--changed-files", list] });
    expect(r.code).toBe(0);
    expect(r.report.manifests).toEqual(["ops/other.yaml", "ops/manifest.yaml"]);
    expect(r.report.scripts).toEqual([{ script: "scripts/remove-app.sh", rules: ["scripts-need-manifests"], manifests: ["ops/manifest.yaml"] }]);
  });
});

describe("waivers through the CLI", () => {
  const waiver = (expires: string, rules = "[needs-ticket]") =>
    `apiVersion: blastgate.dev/v1\nkind: Waiver\nmetadata:\n  name: incident-77\nspec:\n  manifest: cleanup\n  rules: ${rules}\n  reason: the ticket system was down during the incident\n  owner: acme/platform\n  expires: ${expires}\n`;
  const repoWith = (w: string, files: Record<string, string> = {}) => new Repo({ ...BASE, "policies/policy.yaml": policy(TICKET_RULE), "policies/waivers.yaml": w, ...files });

  it("a valid waiver lifts the finding and is listed with its owner and reason", () => {
    const r = check(repoWith(waiver("2026-12-31")), {});
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("(waived by incident-77, owner acme/platform, until 2026-12-31: the ticket system was down during the incident)");
    expect(r.stdout).toContain("✔ applied  incident-77 (owner acme/platform, until 2026-12-31)  waives needs-ticket on ops/manifest.yaml");
    expect(r.report.waivers).toMatchObject([{ name: "incident-77", status: "applied" }]);
    expect(r.report.findings[0]).toMatchObject({ status: "waived", waiver: { name: "incident-77", owner: "acme/platform" } });
  });

  it("an expired waiver waives nothing and is an advisory finding at its expires line", () => {
    const r = check(repoWith(waiver("2026-11-01")), {});
    expect(r.code).toBe(1);
    expect(r.report.findings.map((f: any) => [f.ruleId, f.status, `${f.location.file}:${f.location.line}`])).toEqual([
      ["needs-ticket", "blocking", "ops/manifest.yaml:3"],
      ["blastgate/waiver-expired", "advisory", "policies/waivers.yaml:10"],
    ]);
    expect(r.stdout).toContain("✖ expired  incident-77 (owner acme/platform, until 2026-11-01)  expired at the end of 2026-11-01 (UTC): it waives nothing");
  });

  it("an unused waiver is reported", () => {
    const r = check(repoWith(waiver("2026-12-31"), { "ops/manifest.yaml": manifest({ identifiers: "ids/apps.txt" }) }), {});
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("! unused  incident-77 (owner acme/platform, until 2026-12-31)  no finding of needs-ticket on ops/manifest.yaml needed waiving");
  });

  it("a waiver naming an unknown rule is an error at its line (exit 2)", () => {
    const r = check(repoWith(waiver("2026-12-31", "[needs-tickte]")), {});
    expect(r.code).toBe(2);
    expect(r.report.problems.map((p: any) => `${p.location.file}:${p.location.line} ${p.message}`)).toEqual([
      "policies/waivers.yaml:7 waiver 'incident-77' names rule 'needs-tickte', which is not a rule of the policies (did you mean 'needs-ticket'?)",
    ]);
  });
});

describe("governance inputs", () => {
  let repo: Repo;
  beforeAll(() => {
    repo = new Repo({ ...BASE, "policies/policy.yaml": policy(TICKET_RULE) });
  });

  it("--reviews needs --author", () => {
    const file = path.join(tempDir(), "r.json");
    writeFileSync(file, "[]");
    const r = spawnSync(process.execPath, [BIN, "check", "--reviews", file], { cwd: repo.dir, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("blastgate: --reviews needs --author <login>: the pull request's author, whose own reviews never approve or override\n");
  });

  it("a malformed reviews file is an error naming its file and line", () => {
    const file = path.join(tempDir(), "reviews.json");
    writeFileSync(file, '[\n  { "id": 1, "user": { "login": "dave" }, "state": "APPROVE" }\n]\n');
    const r = spawnSync(process.execPath, [BIN, "check", "--reviews", file, "--author", "alice", "--format", "json"], { cwd: repo.dir, encoding: "utf8" });
    expect(r.status).toBe(2);
    const problems = JSON.parse(r.stdout).problems;
    expect(problems.map((p: any) => `${p.location.file}:${p.location.line}`)).toEqual([`${file}:2`]);
    expect(problems[0].message).toContain("state");
  });

  it("malformed --permissions and --commits files are errors naming their file and line", () => {
    const dir = tempDir();
    const perms = path.join(dir, "permissions.json");
    writeFileSync(perms, '[\n  { "permission": "write" }\n]\n');
    const commits = path.join(dir, "commits.json");
    writeFileSync(commits, '{\n  "commits": [],\n  "activity": [\n    { "before": "a", "actor": null }\n  ]\n}\n');
    const r = spawnSync(process.execPath, [BIN, "check", "--permissions", perms, "--commits", commits, "--format", "json"], { cwd: repo.dir, encoding: "utf8" });
    expect(r.status).toBe(2);
    const problems = JSON.parse(r.stdout).problems;
    expect(problems.map((p: any) => `${p.location.file}:${p.location.line}`)).toEqual([`${perms}:2`, `${commits}:4`]);
    expect(problems.map((p: any) => p.message).join("\n")).toMatch(/user[\s\S]*after|after[\s\S]*user/);
  });

  it("a teams file that is not JSON is an error naming its line", () => {
    const file = path.join(tempDir(), "teams.json");
    writeFileSync(file, '{\n  "acme/sre": ["dave",\n');
    const r = spawnSync(process.execPath, [BIN, "check", "--teams", file, "--format", "json"], { cwd: repo.dir, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout).problems[0].location.file).toBe(file);
  });
});

// Issue 16: the CLI reaches the Action's verdicts from files shaped like the API's answers.
describe("sign-off by the right person through the CLI", () => {
  let repo: Repo;
  let head: string;
  const byState = (r: { report: any }) => r.report.overrides.map((o: any) => [o.by, o.status, o.refusal?.code ?? null]);
  const line = "blastgate override needs-ticket: OPS-77 is tracked in the incident channel";
  beforeAll(() => {
    repo = new Repo({ ...BASE, "ops/other.yaml": MANIFEST.replace("name: cleanup", "name: other"), "policies/policy.yaml": policy(TICKET_RULE) });
    head = repo.git("rev-parse", "HEAD");
  });
  const one = ["ops/manifest.yaml"];

  it("an override the author added to a teammate's review is refused, naming who edited it; the reviewer's own edit keeps it", () => {
    const r = check(repo, { args: one, reviews: [review("dave", head, OVERRIDE, "APPROVED", ["alice"])], teams: TEAMS });
    expect(r.code).toBe(1);
    expect(byState(r)).toEqual([["dave", "refused", "edited"]]);
    expect(r.stdout).toContain("the review was edited by alice: an override counts only as its reviewer (dave) wrote it");
    expect(check(repo, { args: one, reviews: [review("dave", head, OVERRIDE, "APPROVED", ["dave"])], teams: TEAMS }).code).toBe(0);
  });

  it("a review without its edit history carries no override", () => {
    const { lastEditedAt, editor, userContentEdits, ...rest } = review("dave", head, OVERRIDE);
    const r = check(repo, { args: one, reviews: [rest], teams: TEAMS });
    expect(r.code).toBe(1);
    expect(byState(r)).toEqual([["dave", "refused", "edit-history-unknown"]]);
  });

  it("quotes, lazy continuations, <blockquote>, code and comments carry no override; invisible reasons are none", () => {
    const bodies = [`> ${line}\n`, `> I agree\n${line}\n`, `<blockquote>\n\n${line}\n\n</blockquote>\n`, "```\n" + line + "\n```\n", `LGTM\n\n    ${line}\n`, `<!--\n${line}\n-->\n`, `LGTM <!--\n${line}\n-->\n`];
    const r = check(repo, { args: one, reviews: [...bodies.map((b) => review("dave", head, b)), review("erin", head, "blastgate override needs-ticket: \u200b\u2800\n")], teams: TEAMS });
    expect(r.code).toBe(1);
    expect(byState(r)).toEqual([["erin", "refused", "no-reason"]]);
    const ok = check(repo, { args: one, reviews: [review("dave", head, `Fine by me:\n\n* ${line}\n`)], teams: TEAMS });
    expect(ok.code).toBe(0);
    expect(ok.report.overrides[0]).toMatchObject({ status: "accepted", line: 3 });
  });

  it("a reviewer without write access counts for nothing, the refusal showing the permission (--permissions)", () => {
    const r = check(repo, { args: one, reviews: [review("dave", head, OVERRIDE)], teams: TEAMS, permissions: permissionsOf({ dave: "read" }) });
    expect(r.code).toBe(1);
    expect(byState(r)).toEqual([["dave", "refused", "no-write-access"]]);
    expect(r.stdout).toContain("dave has permission read on the repository: only reviewers with write access count");
    const missing = check(repo, { args: one, reviews: [review("dave", head, OVERRIDE)], teams: TEAMS, permissions: [] });
    expect(byState(missing)).toEqual([["dave", "refused", "permission-unknown"]]);
  });

  it("whoever authored or pushed a commit changing the manifest cannot override it (--commits); a README-only commit does not matter", () => {
    const C1 = "c1".repeat(20);
    const pushed = historyOf(
      [
        { sha: C1, author: "alice", files: ["README.md"] },
        { sha: head, author: "alice", files: ["ops/manifest.yaml"] },
      ],
      [
        { before: "0".repeat(40), after: C1, actor: "alice" },
        { before: C1, after: head, actor: "dave" },
      ],
    );
    const r = check(repo, { args: one, reviews: [review("dave", head, OVERRIDE)], teams: TEAMS, commits: pushed });
    expect(r.code).toBe(1);
    expect(r.report.overrides[0].refusal.message).toBe(`dave pushed commit ${head.slice(0, 7)}, which changes ops/manifest.yaml: whoever wrote the change cannot approve or override it`);
    const authored = historyOf([{ sha: head, author: "erin", committer: "alice", files: ["ids/apps.txt"] }]);
    expect(check(repo, { args: one, reviews: [review("erin", head, OVERRIDE)], teams: TEAMS, commits: authored }).report.overrides[0].refusal.code).toBe("wrote-change");
    // A commit that names no account (no linked author or committer, no push seen) may be the reviewer's.
    const nobody = historyOf([{ sha: head, author: null, committer: null, files: ["ops/manifest.yaml"] }]);
    const unknown = check(repo, { args: one, reviews: [review("dave", head, OVERRIDE)], teams: TEAMS, commits: nobody });
    expect(unknown.code).toBe(1);
    expect(unknown.report.overrides[0].refusal).toEqual({
      code: "authorship-unknown",
      message: `commit ${head.slice(0, 7)}, which changes ops/manifest.yaml, names no GitHub account as its author, committer or pusher, so dave cannot be ruled out as its writer`,
    });
    const nobodyReadme = historyOf([{ sha: head, author: null, committer: null, files: ["README.md"] }]);
    expect(check(repo, { args: one, reviews: [review("dave", head, OVERRIDE)], teams: TEAMS, commits: nobodyReadme }).code).toBe(0);
    const readme = historyOf([{ sha: head, author: "dave", files: ["README.md"] }]);
    expect(check(repo, { args: one, reviews: [review("dave", head, OVERRIDE)], teams: TEAMS, commits: readme }).code).toBe(0);
  });

  it("an unscoped override on two manifests is ambiguous; `for <name>` lifts one", () => {
    const r = check(repo, { reviews: [review("dave", head, OVERRIDE)], teams: TEAMS });
    expect(byState(r)).toEqual([["dave", "refused", "ambiguous"]]);
    const scoped = check(repo, { reviews: [review("dave", head, "blastgate override needs-ticket for other: OPS-77\n")], teams: TEAMS });
    expect(scoped.report.findings.filter((f: any) => f.ruleId === "needs-ticket").map((f: any) => [f.manifest, f.status])).toEqual([
      ["ops/manifest.yaml", "blocking"],
      ["ops/other.yaml", "overridden"],
    ]);
    // Names are lower-case slugs: `for OTHER` is `other`.
    const upper = check(repo, { reviews: [review("dave", head, "blastgate override needs-ticket for OTHER: OPS-77\n")], teams: TEAMS });
    expect(upper.report.findings.filter((f: any) => f.ruleId === "needs-ticket").map((f: any) => f.status)).toEqual(["blocking", "overridden"]);
    // A name no finding of the rule is on is refused, naming the manifests it is on, not "unused".
    const typo = check(repo, { reviews: [review("dave", head, "blastgate override needs-ticket for othr: OPS-77\n")], teams: TEAMS });
    expect(byState(typo)).toEqual([["dave", "refused", "unknown-manifest"]]);
    expect(typo.report.overrides[0].refusal.message).toContain("no manifest named 'othr' has findings of rule 'needs-ticket' (did you mean 'other'?)");
  });

  it("distinctApprovers and distinctTeams", () => {
    const rule = `  - id: sign-off\n    type: approvals\n    enforcement: soft-mandatory\n    with: { require: [requestedBy, executedBy], distinctApprovers: true, distinctTeams: true }\n`;
    const both = { ...TEAMS, "acme/sre": ["dave", "frank"] };
    const r2 = new Repo({ ...BASE, "policies/policy.yaml": policy(rule) });
    const h = r2.git("rev-parse", "HEAD");
    const r = check(r2, { reviews: [review("frank", h)], teams: both });
    expect(r.code).toBe(1);
    expect(r.report.findings.map((f: any) => f.messageId)).toEqual(["notDistinct"]);
    expect(check(r2, { reviews: [review("frank", h), review("dave", h)], teams: both }).code).toBe(0);
    const same = new Repo({ ...BASE, "ops/manifest.yaml": MANIFEST.replace("executedBy: acme/sre", "executedBy: acme/apps"), "policies/policy.yaml": policy(rule) });
    const s = check(same, { reviews: [review("frank", same.git("rev-parse", "HEAD"))], teams: { ...TEAMS, "acme/apps": ["frank", "bob"] } });
    expect(s.report.findings.map((f: any) => f.messageId).sort()).toEqual(["notDistinct", "sameTeam"]);
  });
});

// The starter pack's approvals rule (intent-sign-off: distinctApprovers and distinctTeams, advisory) on the example.
describe("the starter pack's intent-sign-off through the CLI", () => {
  const EXAMPLES = path.join(PROJECT, "examples");
  const FILES = ["policies/starter.yaml", "policies/catalog.yaml", "inventory/objects.ndjson", "manifests/remove-insight-safe.yaml", "ids/insight-apps.txt"];
  const files = (edit: (text: string) => string = (t) => t) => Object.fromEntries(FILES.map((f) => [f, f.startsWith("manifests/") ? edit(readFileSync(path.join(EXAMPLES, f), "utf8")) : readFileSync(path.join(EXAMPLES, f), "utf8")]));
  const signOff = (r: { report: any }) => r.report.findings.filter((f: any) => f.ruleId === "intent-sign-off").map((f: any) => [f.messageId, f.enforcement, f.message]);
  const teams = { "example-org/ecosystem": ["gina", "erin"], "example-org/site-platform": ["hank"] };

  it("one person in two roles does not meet it; a person per role does (advisory: the verdict stays allowed)", () => {
    const repo = new Repo(files());
    const head = repo.git("rev-parse", "HEAD");
    const one = check(repo, { reviews: [review("gina", head), review("hank", head)], teams });
    expect(one.code).toBe(0);
    expect(signOff(one)).toEqual([
      [
        "notDistinct",
        "advisory",
        "the requesting team example-org/ecosystem, the owning team example-org/ecosystem, the executing team example-org/site-platform need 3 different approvers (distinctApprovers), but only 2 approved: gina, hank",
      ],
    ]);
    const each = check(repo, { reviews: [review("gina", head), review("erin", head), review("hank", head)], teams });
    expect(signOff(each)).toEqual([]);
  });

  it("the same team for requestedBy and executedBy is a finding on executedBy", () => {
    const repo = new Repo(files((t) => t.replace("executedBy: example-org/site-platform", "executedBy: example-org/ecosystem")));
    const head = repo.git("rev-parse", "HEAD");
    const r = check(repo, { reviews: [review("gina", head), review("erin", head), review("hank", head)], teams: { "example-org/ecosystem": ["gina", "erin", "hank"] } });
    expect(signOff(r)).toEqual([["sameTeam", "advisory", "metadata.requestedBy and metadata.executedBy both name example-org/ecosystem: the requesting and executing teams must differ (distinctTeams)"]]);
    expect(r.report.findings.find((f: any) => f.ruleId === "intent-sign-off").location).toEqual({ file: "manifests/remove-insight-safe.yaml", line: 9, column: 15 });
  });
});
