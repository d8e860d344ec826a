import { type ApprovalCheckRun, type RunApproval } from "../governance/approval.js";
import type { Repo } from "./changes.js";
import type { GitHub } from "./client.js";
/** A pull request GitHub associates with a commit (the one that merged it, or whose branch holds it). */
export interface AssociatedPull {
    number: number;
    mergedAt: string | null;
    baseRef: string;
    headSha: string;
}
export declare function pullsForCommit(gh: GitHub, repo: Repo, sha: string): Promise<AssociatedPull[]>;
/** The `blastgate/approval` check runs of a commit, whoever wrote them (the caller decides whose count). */
export declare function approvalRuns(gh: GitHub, repo: Repo, sha: string): Promise<ApprovalCheckRun[]>;
/**
 * Writes one record per manifest on the commit (the Action, on a pull request's head commit; needs `checks: write`),
 * unless the latest record for that manifest there already says the same: a re-run does not pile up records.
 * Returns the records written.
 */
export declare function writeApprovals(gh: GitHub, repo: Repo, sha: string, records: readonly RunApproval[]): Promise<RunApproval[]>;
