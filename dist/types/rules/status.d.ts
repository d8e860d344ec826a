/** The data governance adds to a check: what a finding's status is and why, and the records reporters list. */
import type { SourceLocation } from "../documents/source.js";
import type { WaiverDocument } from "../documents/types.js";
/**
 * What a finding does to the verdict. `blocking`: a mandatory finding that stands; `overridden` and
 * `waived`: a soft-mandatory finding a valid override or waiver lifted; `advisory`: never blocks.
 */
export type FindingStatus = "blocking" | "overridden" | "waived" | "advisory";
/** On a finding an override lifted: who, why, and the content they saw. */
export interface OverrideRef {
    by: string;
    reason: string;
    reviewId: number;
    commit: string;
    /** The digest at the review's commit, equal to the one at head. */
    digest: string;
    /** The team (`org/slug`) or `user` that entitles the reviewer. */
    via: string;
}
/** On a finding a waiver lifted. */
export interface WaiverRef {
    name: string;
    reason: string;
    owner: string;
    expires: string;
    location: SourceLocation;
}
export type RefusalCode = "malformed" | "not-approved" | "superseded" | "unknown-rule" | "no-reason" | "not-soft-mandatory" | "not-overridable" | "author-unknown" | "self-override" | "not-authorized" | "membership-unknown" | "no-commit" | "stale" | "plan-changed" | "edited" | "edit-history-unknown" | "no-write-access" | "permission-unknown" | "wrote-change" | "authorship-unknown" | "ambiguous" | "unknown-manifest";
/**
 * One `blastgate override` line, judged. One record per line and manifest the rule found something
 * on; one record without `manifest` when the rule found nothing (`unused`) or the line is refused
 * before any manifest matters.
 */
export interface OverrideRecord {
    ruleId: string;
    reason: string;
    by: string;
    reviewId: number;
    /** The line of the review body. */
    line: number;
    commit: string | null;
    submittedAt: string | null;
    status: "accepted" | "refused" | "unused";
    refusal?: {
        code: RefusalCode;
        message: string;
    };
    /** `for <name>` on the line: the manifest's metadata.name it is scoped to. */
    for?: string;
    manifest?: string;
    /** Digest of the manifest (or governed script) at head, and at the review's commit (null: could not be read). */
    digest?: string;
    reviewedDigest?: string | null;
    via?: string;
}
export type WaiverStatus = "applied" | "unused" | "expired" | "stale" | "ambiguous" | "not-checked";
/** A waiver as its document's `spec` says it (manifest, rules, reason, owner, expires, digest), and its name. */
export type WaiverTerms = WaiverDocument["spec"] & {
    name: string;
};
export interface WaiverRecord extends WaiverTerms {
    /** The waiver document (its metadata.name). */
    location: SourceLocation;
    status: WaiverStatus;
    /** Why, for every status but `applied`. */
    message?: string;
    /** The manifest files it was matched against in this run. */
    files: string[];
    /** Findings it lifted. */
    waived: {
        ruleId: string;
        manifest: string;
        location: SourceLocation;
    }[];
    /** Rules it names that it cannot lift here, and why (a hard-mandatory rule, for one). */
    notApplied: {
        ruleId: string;
        manifest: string;
        reason: string;
    }[];
}
export type ApprovalRole = "requestedBy" | "executedBy" | "kindOwner";
/** One team's sign-off on one manifest, as an `approvals` rule requires it. */
export interface ApprovalRecord {
    manifest: string;
    ruleId: string;
    /** Why the team must sign (a team may hold several roles). */
    roles: ApprovalRole[];
    team: string;
    need: number;
    approvedBy: {
        login: string;
        reviewId: number;
        commit: string;
    }[];
    /** Approving reviews that did not count for this team, and why. */
    refused: {
        login: string;
        reviewId: number;
        reason: string;
    }[];
    satisfied: boolean;
    /** Where the team is named: the manifest's metadata field, or the catalog kind's owner. */
    location: SourceLocation;
}
/** The content an approval or override of a manifest (or a governed script) binds to. */
export interface DigestEntry {
    /** The manifest file, or a governed script without one. */
    subject: string;
    /** The files it covers: the manifest, its identifier file and the scripts it names. */
    files: string[];
    digest: string;
}
/** A governed script the change touches, and the manifests at head that name it. */
export interface ScriptEntry {
    script: string;
    /** The `manifest-required` rules that govern it. */
    rules: string[];
    manifests: string[];
}
