import { APPROVAL_CHECK, parseApproval, type ApprovalCheckRun, type RunApproval } from "../governance/approval.js";
import type { Repo } from "./changes.js";
import type { GitHub } from "./client.js";
import { statusOf } from "./errors.js";

/** A pull request GitHub associates with a commit (the one that merged it, or whose branch holds it). */
export interface AssociatedPull {
  number: number;
  mergedAt: string | null;
  baseRef: string;
  headSha: string;
}

export async function pullsForCommit(gh: GitHub, repo: Repo, sha: string): Promise<AssociatedPull[]> {
  const pulls = await gh.paginate("GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls", { ...repo, commit_sha: sha, per_page: 100 });
  return pulls.map((p) => ({ number: p.number, mergedAt: p.merged_at ?? null, baseRef: p.base.ref, headSha: p.head.sha }));
}

/** The `blastgate/approval` check runs of a commit, whoever wrote them (the caller decides whose count). */
export async function approvalRuns(gh: GitHub, repo: Repo, sha: string): Promise<ApprovalCheckRun[]> {
  const runs = await gh.paginate("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", { ...repo, ref: sha, check_name: APPROVAL_CHECK, filter: "all", per_page: 100 });
  return runs.map((r) => ({ id: r.id, name: r.name, app: r.app?.slug, text: r.output?.text ?? undefined, ...(r.check_suite?.id !== undefined ? { suite: r.check_suite.id } : {}) }));
}

/** A GitHub Actions workflow run: the workflow file it ran and the commit that file was read at. */
export interface WorkflowRunInfo {
  id: number;
  /** As GitHub reports it: ".github/workflows/x.yml", or "owner/repo/.github/workflows/x.yml@ref". */
  path: string;
  headSha: string;
  headBranch: string | null;
  event: string;
  /** Reusable workflows it called, with the commit each was read at. */
  referenced: { path: string; sha: string }[];
}

/** The workflow runs owning a check suite (one, for a suite of GitHub Actions; none for any other app's). */
export async function workflowRunsOfSuite(gh: GitHub, repo: Repo, suite: number): Promise<WorkflowRunInfo[]> {
  const { data } = await gh.request("GET /repos/{owner}/{repo}/actions/runs", { ...repo, check_suite_id: suite, per_page: 100 });
  return data.workflow_runs.map((w) => ({
    id: Number(w.id),
    path: w.path,
    headSha: w.head_sha,
    headBranch: w.head_branch,
    event: w.event,
    referenced: (w.referenced_workflows ?? []).map((r) => ({ path: r.path, sha: r.sha })),
  }));
}

/** The git blob id of a file at a commit, through the contents API (undefined: no such file there). */
export async function blobAt(gh: GitHub, repo: Repo, path: string, ref: string): Promise<string | undefined> {
  try {
    const { data } = await gh.request("GET /repos/{owner}/{repo}/contents/{path}", { ...repo, path, ref });
    return !Array.isArray(data) && data.type === "file" ? data.sha : undefined;
  } catch (e) {
    if (statusOf(e) === 404) return undefined;
    throw e;
  }
}

/**
 * Writes one record per manifest on the commit (the Action, on a pull request's head commit; needs `checks: write`),
 * unless the latest record for that manifest there already says the same: a re-run does not pile up records.
 * Returns the records written.
 */
export async function writeApprovals(gh: GitHub, repo: Repo, sha: string, records: readonly RunApproval[]): Promise<RunApproval[]> {
  const existing = (await approvalRuns(gh, repo, sha)).sort((a, b) => b.id - a.id);
  const latestText = (path: string) =>
    existing
      .map((r) => r.text)
      .find((t) => {
        const parsed = parseApproval(t);
        return typeof parsed !== "string" && parsed.path === path;
      });
  const fresh = records.filter((r) => latestText(r.path) !== JSON.stringify(r));
  for (const r of fresh) {
    const allowed = r.verdict === "allowed";
    await gh.request("POST /repos/{owner}/{repo}/check-runs", {
      ...repo,
      name: APPROVAL_CHECK,
      head_sha: sha,
      status: "completed",
      conclusion: allowed ? "success" : "failure",
      output: {
        title: `${r.path}: ${r.verdict}`,
        summary: `The content digest ${r.digest} of ${r.path} was ${r.verdict} on this commit${r.overrides.length + r.waivers.length > 0 ? ` (${r.overrides.length} override(s), ${r.waivers.length} waiver(s))` : ""}. The runtime guard (blastgate guard, blastgate run) reads this record.`,
        text: JSON.stringify(r),
      },
    });
  }
  return fresh;
}
