import { Octokit } from "@octokit/rest";
/** An Octokit with GitHub's retry and rate-limit guidance built in (createGitHub). */
export type GitHub = Octokit;
export interface ClientOptions {
    token: string;
    /** GITHUB_API_URL: https://api.github.com, or https://HOST/api/v3 on GitHub Enterprise Server. */
    baseUrl: string;
    /** Where octokit's own messages go (never annotations: a deprecation notice is not a finding). */
    log: (message: string) => void;
    /** Retries of a 5xx or network error (default 3: waits 1 s, 4 s, 9 s). */
    retries?: number;
    /** Longest rate-limit wait Blastgate accepts before giving up (seconds, default 120). */
    maxRateLimitWait?: number;
    /** Per-request timeout (ms, default 30 s): a hung connection is retried, never waited on for hours. */
    timeoutMs?: number;
    /** Aborts whatever is still in flight, and stops retries (the Action aborts it when its run is over). */
    signal?: AbortSignal;
}
export declare const USER_AGENT = "blastgate-action";
/**
 * @octokit/rest with @octokit/plugin-retry (5xx and network errors after 1 s, 4 s, 9 s) and
 * @octokit/plugin-throttling (secondary and primary rate limits waited out when the wait is short,
 * at most 10 requests at once, writes a second apart), over a fetch that honours the runner's proxy
 * variables and gives every request a timeout: all bounded, so a broken API ends in a clear failure
 * rather than a job that hangs.
 */
export declare function createGitHub(opts: ClientOptions): GitHub;
