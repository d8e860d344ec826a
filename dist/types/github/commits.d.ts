import type { CommitHistory, PullCommit, PushEvent } from "../governance/authorship.js";
import type { Repo } from "./changes.js";
import type { GitHub } from "./client.js";
/** GitHub lists at most this many commits of a pull request. */
export declare const MAX_PULL_COMMITS = 250;
/**
 * Who wrote a pull request: its commits (GET /repos/{o}/{r}/pulls/{n}/commits), the pushes to its
 * head branch in the head repository's activity (GET /repos/{o}/{r}/activity), and a commit's
 * files (GET /repos/{o}/{r}/commits/{sha}) when one of its writers signs the pull request off.
 */
export declare class GitHubCommitHistory implements CommitHistory {
    private readonly gh;
    private readonly repo;
    private readonly pull;
    constructor(gh: GitHub, repo: Repo, pull: {
        number: number;
        headRepo: Repo | undefined;
        headRef: string | undefined;
        commits: number | undefined;
    });
    read(): Promise<{
        commits: PullCommit[];
        pushes: PushEvent[];
    }>;
    files(sha: string): Promise<string[]>;
}
