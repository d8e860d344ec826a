import { APPROVAL_CHECK, parseApproval, type ApprovalCheckRun, type RunApproval } from "../governance/approval.js";
import type { Repo } from "./changes.js";
import type { GitHub } from "./client.js";

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
  return runs.map((r) => ({ id: r.id, name: r.name, app: r.app?.slug, text: r.output?.text ?? undefined }));
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
