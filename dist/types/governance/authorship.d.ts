/**
 * Who wrote a pull request: each commit's author and committer (as GitHub links them to accounts)
 * and whoever pushed it (the repository's push activity on the head branch). The ports the callers
 * implement (the Action through the API, the CLI from files) and the pure attribution.
 */
import type { CommitFacts, Permission } from "./facts.js";
/** A commit of the pull request, as GET /repos/{o}/{r}/pulls/{n}/commits lists it (logins null when GitHub links no account). */
export interface PullCommit {
    sha: string;
    author: string | null;
    committer: string | null;
}
/** A push to the head branch, as GET /repos/{o}/{r}/activity lists it. */
export interface PushEvent {
    before: string;
    after: string;
    actor: string | null;
}
/** The pull request's history: commits oldest first, pushes to its head branch, and each commit's files. */
export interface CommitHistory {
    read(): Promise<{
        commits: PullCommit[];
        pushes: PushEvent[];
    }>;
    /** Repository-relative paths a commit changes (a rename names both paths). */
    files(sha: string): Promise<string[]>;
}
/** Reviewers' permissions on the repository. */
export interface PermissionReader {
    permission(login: string): Promise<Permission>;
}
/**
 * Commits with who authored, committed and pushed each. A push covers the commits after its
 * `before` up to its `after` in the pull request's order (all up to `after` when `before` is not
 * one of them: a new branch or a force push), so a pusher is never missed, only over-counted.
 */
export declare function attribute(commits: readonly PullCommit[], pushes: readonly PushEvent[]): Omit<CommitFacts, "files">[];
