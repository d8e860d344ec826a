/** The fields of a GitHub review Blastgate reads; anything else the API sends is ignored. */
export interface Review {
    id: number;
    /** null for a deleted ("ghost") account. */
    user: {
        login: string;
        type?: string;
    } | null;
    body: string | null;
    /** APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or PENDING. */
    state: string;
    /** The head commit the reviewer saw; null for reviews of commits GitHub no longer has. */
    commit_id: string | null;
    /** Absent for PENDING reviews. */
    submitted_at?: string | null;
    /**
     * The body's edit history, from GraphQL (PullRequestReview `lastEditedAt`, `editor`, `userContentEdits`).
     * Absent: not read, so an override in the body cannot be attributed and counts for nothing.
     */
    lastEditedAt?: string | null;
    editor?: {
        login: string;
    } | null;
    userContentEdits?: {
        totalCount?: number;
        nodes: ({
            editedAt?: string | null;
            editor: {
                login: string;
            } | null;
        } | null)[];
    } | null;
    /** Set by a caller that tried to read the edit history and could not: why. */
    editsUnreadable?: string;
}
/** Who edited a review's body besides its reviewer, or why that is not known. */
export type EditHistory = {
    state: "known";
    others: string[];
} | {
    state: "unknown";
    reason: string;
};
/** An approving review that still stands. */
export interface Approval {
    reviewId: number;
    login: string;
    commit: string | null;
    submittedAt: string | null;
}
/** A `blastgate override <rule-id>: <reason>` line of a review, before anyone judged whether it counts. */
export interface OverrideRequest {
    reviewId: number;
    login: string;
    commit: string | null;
    submittedAt: string | null;
    ruleId: string;
    reason: string;
    /** The line of the review body it stands on (1-based). */
    line: number;
    /** `for <name>`: the manifest (its metadata.name) the override is for. */
    manifest?: string;
    /** Who else edited the review's body. */
    edits?: EditHistory;
    /** Set when the review itself cannot carry an override: it does not approve, or a later review withdrew it. */
    notApproving?: {
        code: "not-approved" | "superseded";
        message: string;
    };
}
export interface ReadReviews {
    /** Approving reviews whose author has not withdrawn them (a later CHANGES_REQUESTED or a dismissal does). */
    approvals: Approval[];
    overrides: OverrideRequest[];
}
export declare const sameLogin: (a: string, b: string) => boolean;
/**
 * The approvals and override lines of a pull request's reviews. GitHub counts a reviewer's latest
 * decisive review: an approval followed by a change request or a dismissal no longer approves, and
 * its override lines no longer count either.
 */
export declare function readReviews(reviews: readonly Review[]): ReadReviews;
/**
 * Who edited a review's body other than its reviewer (a deleted account counts as someone else).
 * Without the history (not read) nothing is known, and an override in the body cannot be attributed.
 */
export declare function editHistory(r: Review): EditHistory;
