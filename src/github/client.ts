import { Octokit } from "@octokit/core";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import { nodeFetch, type FetchLikeInit } from "./http.js";
import { installResilience } from "./resilience.js";

// Octokit's core and pagination only: the calls name their routes ("GET /repos/{owner}/{repo}/pulls/{pull_number}/files"),
// so the 80 KiB of @octokit/rest's endpoint table, of which Blastgate would use eight entries, stays out of the bundle.
const Client = Octokit.plugin(paginateRest);
/** An Octokit with GitHub's retry and rate-limit guidance built in (createGitHub). */
export type GitHub = InstanceType<typeof Client>;

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
  /** Aborts whatever is still in flight or waiting to be retried (the Action aborts it when its run is over). */
  signal?: AbortSignal;
}

export const USER_AGENT = "blastgate-action";

/**
 * Retries 5xx and network errors, waits out 429 and secondary rate limits when the wait is short
 * (resilience.ts), and gives every request a timeout: all bounded, so a broken
 * API ends in a clear failure rather than a job that hangs.
 */
export function createGitHub(opts: ClientOptions): GitHub {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  // Each request ends after timeoutMs, or when the caller's signal says the run is over.
  const deadline = () => (opts.signal ? AbortSignal.any([opts.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs));
  const timedFetch = (input: string | URL, init?: FetchLikeInit) => nodeFetch(input, { ...init, signal: init?.signal ?? deadline() });
  const octokit = new Client({
    auth: opts.token,
    baseUrl: opts.baseUrl.replace(/\/+$/, ""),
    userAgent: USER_AGENT,
    log: { debug: () => {}, info: () => {}, warn: opts.log, error: opts.log },
    request: { fetch: timedFetch },
  });
  installResilience(octokit, { retries: opts.retries ?? 3, maxRateLimitWait: opts.maxRateLimitWait ?? 120, log: opts.log, ...(opts.signal ? { signal: opts.signal } : {}) });
  return octokit;
}
