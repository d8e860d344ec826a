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
/** A GitHub Actions workflow run: the workflow file it ran and the commit that file was read at. */
export interface WorkflowRunInfo {
    id: number;
    /** As GitHub reports it: ".github/workflows/x.yml", or "owner/repo/.github/workflows/x.yml@ref". */
    path: string;
    headSha: string;
    headBranch: string | null;
    event: string;
    /** Reusable workflows it called, with the commit each was read at. */
    referenced: {
        path: string;
        sha: string;
    }[];
}
/** The workflow runs owning a check suite (one, for a suite of GitHub Actions; none for any other app's). */
export declare function workflowRunsOfSuite(gh: GitHub, repo: Repo, suite: number): Promise<WorkflowRunInfo[]>;
/** The git blob id of a file at a commit, through the contents API (undefined: no such file there). */
export declare function blobAt(gh: GitHub, repo: Repo, path: string, ref: string): Promise<string | undefined>;
/**
 * Writes one record per manifest on the commit (the Action, on a pull request's head commit; needs `checks: write`),
 * unless the latest record for that manifest there already says the same: a re-run does not pile up records.
 * Returns the records written.
 */
export declare function writeApprovals(gh: GitHub, repo: Repo, sha: string, records: readonly RunApproval[]): Promise<RunApproval[]>;
