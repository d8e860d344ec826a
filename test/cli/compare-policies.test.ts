import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Repo, removeTemps, tempDir } from "../support/git-repo.js";
import { runCli } from "../support/repo.js";

const EXAMPLES = path.resolve(import.meta.dirname, "../../examples");
const SAFE = "manifests/remove-insight-safe.yaml";
const LEGACY = "manifests/remove-insight-legacy.yaml";
const STARTER = "policies/starter.yaml";

function examples(dir = EXAMPLES, rel = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) Object.assign(out, examples(dir, child));
    else out[child] = readFileSync(path.join(dir, child), "utf8");
  }
  return out;
}

const starter = (maxTargets: number) => examples()[STARTER]!.replace("maxTargets: 10000", `maxTargets: ${maxTargets}`);
const check = (repo: Repo, ...args: string[]) => runCli(["check", "--now", "2026-11-24", ...args], repo.dir);

afterEach(removeTemps);

describe("blastgate check --compare-policies", () => {
  it("lists the manifests a lowered maxTargets newly blocks, one line each, and the counts last", () => {
    const repo = new Repo(examples());
    repo.commit({ [STARTER]: starter(500) }, "lower maxTargets");
    const r = check(repo, "--compare-policies", "HEAD~1");
    expect(r.stderr).toBe("");
    // The check itself judges as without the option: the legacy manifest was blocked already.
    expect(r.code).toBe(1);
    const impact = r.stdout.slice(r.stdout.indexOf("Policy-change impact:")).trimEnd().split("\n");
    const sha = repo.git("rev-parse", "--short=7", "HEAD~1");
    expect(impact).toEqual([
      `Policy-change impact: every manifest judged under the policies of HEAD~1 (commit ${sha}) and of the working tree`,
      `${LEGACY}: blocked -> blocked`,
      `  + bulk-limits: destroys 883 targets; the limit is 500 (${LEGACY}:17)`,
      `${SAFE}: allowed -> blocked`,
      `  + bulk-limits: destroys 883 targets; the limit is 500 (${SAFE}:17)`,
      "1 of 2 manifests changes verdict under the new policies (1 newly blocked); 1 more changes findings only",
    ]);
  });

  it("compares the working tree's uncommitted policies with HEAD; raising the limit back newly allows", () => {
    const repo = new Repo({ ...examples(), [STARTER]: starter(500) });
    repo.commit({ [STARTER]: starter(900) }, "raise it");
    const r = check(repo, SAFE, "--compare-policies", "HEAD~1", "--format", "json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.verdict).toBe("allowed");
    expect(report.impact).toMatchObject({ compared: 2, total: 2, verdictChanges: 1, newlyBlocked: 0, newlyAllowed: 1 });
    expect(report.impact.changed.map((e: { manifest: string; before: string; after: string }) => `${e.manifest}: ${e.before} -> ${e.after}`)).toEqual([`${LEGACY}: blocked -> blocked`, `${SAFE}: blocked -> allowed`]);
    expect(report.impact.changed[1].removed).toEqual([
      { ruleId: "bulk-limits", messageId: "maxTargets", message: "destroys 883 targets; the limit is 500", enforcement: "hard-mandatory", status: "blocking", location: { file: SAFE, line: 17, column: 5 } },
    ]);
  });

  it("says so when nothing changes, and moving a rule within its file changes nothing", () => {
    const repo = new Repo(examples());
    // The rules in another order: each finding's policy line moves, no verdict or finding does.
    const text = examples()[STARTER]!;
    const [head, ...rules] = text.split(/\n(?= {2}- id: )/);
    repo.commit({ [STARTER]: [head, ...rules.reverse()].join("\n").replace(/\n*$/, "\n") }, "reorder");
    const r = check(repo, "--compare-policies", "HEAD~1");
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("0 of 2 manifests change verdict under the new policies");
  });

  it("exits 2 with a clear message for a ref that names no commit, or outside a git repository", () => {
    const repo = new Repo(examples());
    const bad = check(repo, "--compare-policies", "no-such-branch");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`blastgate: --compare-policies no-such-branch: no such commit in the git repository at ${repo.dir}\n`);
    expect(bad.stdout).toBe("");

    const plain = tempDir();
    const outside = runCli(["check", "--compare-policies", "HEAD"], plain);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/^blastgate: --compare-policies HEAD: .* is not in a git repository \(fatal: not a git repository/);
  });

  it("exits 2 when the policies at the ref cannot judge (none there), saying why", () => {
    const files = examples();
    const repo = new Repo({ [SAFE]: files[SAFE]! });
    repo.commit(files, "add the policies");
    const r = check(repo, "--compare-policies", "HEAD~1");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^blastgate: --compare-policies HEAD~1: not compared: the policies of HEAD~1 \(commit [0-9a-f]{7}\) cannot judge: policies:1: policies directory policies\/ does not exist in commit [0-9a-f]{7}/);
  });

  it("names the working tree policy's YAML syntax error, file and line, when it cannot judge", () => {
    const repo = new Repo(examples());
    writeFileSync(path.join(repo.dir, STARTER), `${examples()[STARTER]!}  - id: broken\n    with: { maxTargets: [1\n`);
    const r = check(repo, "--compare-policies", "HEAD");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not compared: the policies of the working tree cannot judge: policies\/starter\.yaml:\d+: /);
    expect(r.stderr).not.toContain("no Policy document");
  });
});
