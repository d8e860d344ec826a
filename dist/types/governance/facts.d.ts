/**
 * What governance knows once the I/O is done (see collect.ts): reviews read, memberships gathered,
 * digests at head and at each review's commit. Everything here is pure lookups over that data.
 */
import type { SourceLocation } from "../documents/source.js";
import type { DigestResult } from "./digest.js";
import { type ReadReviews } from "./reviews.js";
import { MembershipTable } from "./teams.js";
import type { ApprovalRecord, ApprovalRole, DigestEntry } from "../rules/status.js";
import type { CompiledWaiver } from "./waivers.js";
import type { ChangeSet } from "../rules/types.js";
/** A reviewer's permission on the repository (GET /repos/{o}/{r}/collaborators/{user}/permission), or why it is not known. */
export type Permission = {
    state: "known";
    permission: string;
} | {
    state: "unknown";
    reason: string;
};
/** Permissions that let a review count, as GitHub counts required reviews: write access. */
export declare const WRITE_PERMISSIONS: string[];
/** One commit of the pull request and who wrote it: author, committer and whoever pushed it. */
export interface CommitFacts {
    sha: string;
    authors: string[];
    committers: string[];
    pushers: string[];
    /** The files it changes; undefined when they could not be read (`filesUnknown` says why). */
    files: string[] | undefined;
    filesUnknown?: string;
}
/** Who wrote the pull request's commits, or why it is not known. */
export type Authorship = {
    state: "known";
    commits: CommitFacts[];
} | {
    state: "unknown";
    reason: string;
};
/** The files a subject's sign-off covers: its manifest and identifier file (paths), and the governed scripts it names (paths or globs). */
export interface JudgedFiles {
    paths: string[];
    scripts: string[];
}
export interface GovernanceFacts {
    /** The pull request's author; unknown means no review can be told apart from a self-approval, so none counts. */
    author: string | undefined;
    /** The repository's organisation, for teams written as a bare slug. */
    org: string | undefined;
    reviews: ReadReviews;
    memberships: MembershipTable;
    /** Subject (a manifest file, or a governed script) -> its digest at head. */
    head: Map<string, DigestEntry>;
    /** Review commit -> subject -> its digest at that commit (or why it could not be read). */
    atCommit: Map<string, Map<string, DigestResult>>;
    /** Manifest -> the scope of its plan at head (`planScope`); set by the engine as it measures each manifest. */
    plans: Map<string, string>;
    /**
     * Review commit -> manifest -> the scope of its plan with the inventory at that commit. Absent: the
     * inventory there is head's, so the plan is too (the digest holds everything else it depends on).
     */
    planAt: Map<string, Map<string, PlanAt>>;
    waivers: CompiledWaiver[];
    changes: ChangeSet | undefined;
    /** Every manifest name in the workspace -> its files; undefined when the caller did not look. */
    manifestNames: Map<string, string[]> | undefined;
    /** Lower-cased login -> permission on the repository; a login not in it is unknown. */
    permissions: Map<string, Permission>;
    /** Who wrote which commit of the pull request; undefined when nobody looked (then nobody can be cleared). */
    authorship: Authorship | undefined;
    /** Subject -> the files whose change makes their writers unable to sign it off. */
    judged: Map<string, JudgedFiles>;
}
export type PlanAt = {
    ok: true;
    scope: string;
} | {
    ok: false;
    reason: string;
};
export declare function emptyFacts(): GovernanceFacts;
/** Why a reviewer's review cannot count for lack of write access, or undefined when they have it. */
export declare function noWriteAccess(facts: GovernanceFacts, login: string): {
    code: "no-write-access" | "permission-unknown";
    message: string;
} | undefined;
/**
 * Why a reviewer cannot sign off a subject because they wrote part of it (authored, committed or
 * pushed a commit that changes one of its files), or undefined. As GitHub's "approval of the most
 * recent reviewable push": whoever wrote the change is not its reviewer.
 */
export declare function wroteChange(facts: GovernanceFacts, subject: string, login: string): {
    code: "wrote-change" | "authorship-unknown";
    message: string;
} | undefined;
/**
 * Whether what a reviewer saw at `commit` is what head holds now, for one subject: the same files
 * (digest), and for a manifest the same plan (what its identifiers are, whose, and what lies inside).
 */
export declare function boundTo(facts: GovernanceFacts, subject: string, commit: string | null): {
    ok: true;
    digest: string;
    reviewed: string;
} | {
    ok: false;
    reason: string;
    reviewed: string | null;
    digest?: string;
    code?: "plan-changed";
};
/** Why a membership does not count, or undefined when the login is a member. */
export declare function notMember(facts: GovernanceFacts, team: string, login: string): string | undefined;
/**
 * One team's approvals of one manifest: approving reviews by members other than the author, of the
 * content at head. Each approving review that does not count is listed with the reason.
 */
export declare function judgeApprovals(facts: GovernanceFacts, req: {
    manifest: string;
    ruleId: string;
    roles: ApprovalRole[];
    team: string;
    need: number;
    location: SourceLocation;
}): ApprovalRecord;
