import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import { nodeFetch, type FetchLikeInit } from "./http.js";

const Client = Octokit.plugin(retry, throttling);
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
}

export const USER_AGENT = "blastgate-action";

/**
 * Retries 5xx and network errors (plugin-retry), waits out 429 and secondary rate limits when the
 * wait is short (plugin-throttling), and gives every request a timeout: all bounded, so a broken
 * API ends in a clear failure rather than a job that hangs.
 */
export function createGitHub(opts: ClientOptions): GitHub {
  const maxWait = opts.maxRateLimitWait ?? 120;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const onLimit = (kind: string) => (retryAfter: number, options: { method?: string; url?: string }, _octokit: unknown, retryCount: number) => {
    const again = retryCount < 2 && retryAfter <= maxWait;
    opts.log(`GitHub ${kind} rate limit on ${options.method ?? ""} ${options.url ?? ""}: ${again ? `retrying in ${retryAfter}s` : `not waiting ${retryAfter}s`}`);
    return again;
  };
  const timedFetch = (input: string | URL, init?: FetchLikeInit) => nodeFetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
  return new Client({
    auth: opts.token,
    baseUrl: opts.baseUrl.replace(/\/+$/, ""),
    userAgent: USER_AGENT,
    log: { debug: () => {}, info: () => {}, warn: opts.log, error: opts.log },
    request: { fetch: timedFetch },
    retry: { retries: opts.retries ?? 3 },
    throttle: { onRateLimit: onLimit("primary"), onSecondaryRateLimit: onLimit("secondary") },
  });
}
