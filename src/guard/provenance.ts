/**
 * Who wrote the approval record. Any workflow of the repository can create a `blastgate/approval` check
 * run with its token, so the record counts only when the workflow run that owns its check suite ran a
 * workflow file the protected branch holds: unchanged at the run's commit from the branch's tip, or from
 * where that commit left the branch (its merge base: the branch's workflow may have changed since).
 */
import { workflowRunsOfSuite, blobAt, type WorkflowRunInfo } from "../github/approval.js";
import { listPullFiles, type Repo } from "../github/changes.js";
import type { GitHub } from "../github/client.js";
import { APPROVAL_APP } from "../governance/approval.js";
import { printable } from "../documents/identifiers.js";
import { runGit } from "../workspace/git.js";

export type Provenance = { status: "ok"; note: string } | { status: "refused"; reason: string };

export interface ProvenanceInput {
  gh: GitHub;
  repo: Repo;
  root: string;
  /** The protected branch's tip and name. */
  tip: string;
  branch: string;
  checkRun: number;
  suite: number | undefined;
  /** The merged pull request whose head commit holds the record. */
  pull: number;
  /** The app whose records count (`BLASTGATE_APPROVAL_APP`, default github-actions). */
  app: string;
}

/** Refused when the record's check suite has no workflow run, or its workflow file is not the protected branch's. API failures throw. */
export async function checkRecordWriter(a: ProvenanceInput): Promise<Provenance> {
  // A GitHub App's check suites are not workflow runs: its private key is what vouches for the record (docs/runtime-guard.md).
  if (a.app !== APPROVAL_APP) return { status: "ok", note: `written by the app '${a.app}' (no workflow run to check)` };
  const record = `the approval record (check run ${a.checkRun})`;
  const edits = await workflowEdits(a);
  if (edits) return { status: "refused", reason: edits };
  if (a.suite === undefined) return { status: "refused", reason: `${record} names no check suite: it was not written by a workflow run` };
  const runs = await workflowRunsOfSuite(a.gh, a.repo, a.suite);
  const run = runs[0];
  if (!run) return { status: "refused", reason: `${record} was not written by a workflow run (its check suite ${a.suite} belongs to none)` };
  const files = workflowFiles(run, a.repo);
  if (typeof files === "string") return { status: "refused", reason: `${record} was written by ${files}, a workflow of another repository` };
  for (const f of files) {
    const same = await sameAsProtected(a, f.path, f.sha);
    if (same !== true) {
      const where = run.headBranch ? `on the branch '${printable(run.headBranch)}' (commit ${f.sha.slice(0, 7)})` : `at commit ${f.sha.slice(0, 7)}`;
      const what = f.path === files[0]!.path ? f.path : `${files[0]!.path}, which calls ${f.path},`;
      return {
        status: "refused",
        reason: `${record} was written by ${what} ${same === "missing" ? `which is not on ${a.branch}` : `as changed ${where}, not as it is on ${a.branch}`}: only the workflows of the protected branch may write it`,
      };
    }
  }
  return { status: "ok", note: `written by ${files[0]!.path} (workflow run ${run.id}) as it is on ${a.branch}` };
}

/**
 * A pull request that changes a workflow cannot vouch for its own records. A workflow token cannot choose
 * the check suite of a check run it creates: GitHub files it under a suite of its own choosing on that
 * commit (often the first workflow run's), so a record written by the edited workflow may well sit in the
 * unchanged Blastgate workflow's suite, where the content check below would pass it.
 */
async function workflowEdits(a: ProvenanceInput): Promise<string | undefined> {
  const changed = await listPullFiles(a.gh, a.repo, a.pull);
  const edits = changed.files.filter((f) => [f.filename, f.previousFilename ?? ""].some((n) => /^\.github\/(workflows|actions)\//.test(n))).map((f) => f.filename);
  if (edits.length > 0) {
    const list = edits.slice(0, 3).join(", ") + (edits.length > 3 ? ` and ${edits.length - 3} more` : "");
    return `pull request #${a.pull} changes ${printable(list)}: a pull request that changes a workflow cannot approve its own manifests (any workflow can write the record). Merge the workflow change in a pull request of its own, then have the manifests judged again`;
  }
  if (!changed.complete) return `pull request #${a.pull} changes too many files for GitHub to list them all: whether it changes a workflow cannot be told`;
  return undefined;
}

/** The run's workflow file and the reusable workflows of this repository it called, repository-relative, with the commit each was read at. */
function workflowFiles(run: WorkflowRunInfo, repo: Repo): { path: string; sha: string }[] | string {
  const own = (p: string): string | undefined => {
    const bare = p.replace(/@[^@/]*$/, "");
    const prefix = `${repo.owner}/${repo.repo}/`;
    if (bare.toLowerCase().startsWith(prefix.toLowerCase())) return bare.slice(prefix.length);
    return /^\.github\//.test(bare) ? bare : undefined;
  };
  const main = own(run.path);
  if (main === undefined) return printable(run.path);
  const out = [{ path: main, sha: run.headSha }];
  // A reusable workflow of another repository is pinned by its caller (unchanged, as checked); this repository's are checked like the caller.
  for (const r of run.referenced) {
    const p = own(r.path);
    if (p !== undefined && r.path.toLowerCase().startsWith(`${repo.owner}/${repo.repo}/`.toLowerCase())) out.push({ path: p, sha: r.sha });
  }
  return out;
}

/** Whether `file` at `sha` equals the protected branch's: at its tip, or at the merge base with `sha`. */
async function sameAsProtected(a: ProvenanceInput, file: string, sha: string): Promise<true | "changed" | "missing"> {
  const blob = async (rev: string) => {
    const r = await runGit(a.root, ["rev-parse", "--verify", "--quiet", `${rev}:${file}`]);
    return r.ok ? r.stdout.trim() : undefined;
  };
  const atTip = await blob(a.tip);
  if (atTip === undefined) return "missing";
  // The run's commit is usually here (a merge commit's second parent); otherwise GitHub gives the blob id.
  const local = (await runGit(a.root, ["cat-file", "-e", `${sha}^{commit}`])).ok;
  const atRun = local ? await blob(sha) : await blobAt(a.gh, a.repo, file, sha);
  if (atRun === atTip) return true;
  if (!local || atRun === undefined) return "changed";
  const base = await runGit(a.root, ["merge-base", sha, a.tip]);
  if (base.ok && (await blob(base.stdout.trim())) === atRun) return true;
  return "changed";
}
