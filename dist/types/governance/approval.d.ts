/**
 * The approval record: what the Action leaves on a pull request's head commit (a check run named
 * `blastgate/approval`, one per manifest judged) so that the runtime guard can tell, days later, that this
 * exact content was allowed and which soft-mandatory findings reviewers lifted. Pure: building the record
 * from a check's result, reading it back, choosing the one that counts.
 */
import type { Finding } from "../rules/types.js";
import type { DigestEntry } from "../rules/status.js";
export declare const APPROVAL_CHECK = "blastgate/approval";
/** The app whose check runs count: the Action writes them with the workflow's token, which acts as GitHub Actions. */
export declare const APPROVAL_APP = "github-actions";
export interface RunApproval {
    /** The manifest's metadata.name. */
    manifest: string;
    /** Repository-relative path of the manifest. */
    path: string;
    /** What the verdict binds to: the manifest, its identifier file and its scripts. */
    digest: string;
    verdict: "allowed" | "blocked" | "error";
    /** Soft-mandatory findings reviewers lifted. */
    overrides: {
        rule: string;
        by: string;
        reason: string;
    }[];
    /** Soft-mandatory findings a waiver lifted. */
    waivers: {
        rule: string;
        waiver: string;
    }[];
}
/** The records of one check: one per manifest whose digest is known. */
export declare function approvalsOf(result: {
    verdict: "allowed" | "blocked" | "error";
    findings: readonly Finding[];
    plans: readonly {
        manifest: string;
        name: string;
    }[];
    digests?: readonly DigestEntry[];
}): RunApproval[];
/** A record read back from a check run's `output.text`, or why it is not one. */
export declare function parseApproval(text: unknown): RunApproval | string;
/** A check run as the guard reads it. */
export interface ApprovalCheckRun {
    id: number;
    name: string;
    app: string | undefined;
    text: unknown;
    /** The check suite GitHub filed it under (a workflow run's, for the workflow token). */
    suite?: number;
}
export type ChosenApproval = {
    ok: true;
    record: RunApproval;
    id: number;
    suite?: number;
    ignored: number;
} | {
    ok: false;
    reason: string;
};
/**
 * The record that counts for a manifest on one commit: the latest `blastgate/approval` check run of the
 * expected app that names the manifest's path (a review can re-judge the commit: the last judgement stands).
 * Check runs of any other app are ignored and counted: anyone with `checks: write` could have written them.
 */
export declare function chooseApproval(runs: readonly ApprovalCheckRun[], path: string, app?: string): ChosenApproval;
/** Whether the record lifts a finding found again at execution: a soft-mandatory one its reviewers overrode or a waiver lifted; nothing else. */
export declare function liftedBy(record: RunApproval | undefined, f: Finding): boolean;
