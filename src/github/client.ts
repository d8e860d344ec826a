import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import type { Octokit as Core, OctokitOptions } from "@octokit/core";
import { Octokit } from "@octokit/rest";
import { certificateFailure } from "./errors.js";
import { proxyAwareFetch, ResponseTooLarge } from "./fetch.js";

function hasCause(e: unknown, type: new (...args: never[]) => Error): boolean {
  for (let c: unknown = e, depth = 0; c && typeof c === "object" && depth < 5; c = (c as { cause?: unknown }).cause, depth++) if (c instanceof type) return true;
  return false;
}

/**
 * Per request, before the retry plugin looks at a failure: nothing is tried again once the run is over,
 * nor when asking again cannot help (an untrusted certificate, an answer too large to read).
 */
function noPointlessRetry(octokit: Core, options: OctokitOptions & { runSignal?: AbortSignal }): void {
  const signal = options.runSignal;
  octokit.hook.error("request", (error, request) => {
    if (signal?.aborted || certificateFailure(error) || hasCause(error, ResponseTooLarge)) {
      // plugin-retry's documented per-request option: a request that cannot succeed by asking again is not retried.
      request.request = { ...request.request, retries: 0 };
    }
    throw error;
  });
}

// Registered before retry, so its error hook runs first (octokit's hooks wrap outward in order).
const Client: typeof Octokit = Octokit.plugin(noPointlessRetry, retry, throttling);
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

export const USER_AGENT = "blastgate-action";

/** Rate-limit waits per request before giving up. */
const MAX_LIMIT_RETRIES = 2;

/**
 * @octokit/rest with @octokit/plugin-retry (5xx and network errors after 1 s, 4 s, 9 s) and
 * @octokit/plugin-throttling (secondary and primary rate limits waited out when the wait is short,
 * at most 10 requests at once, writes a second apart), over a fetch that honours the runner's proxy
 * variables and gives every request a timeout: all bounded, so a broken API ends in a clear failure
 * rather than a job that hangs.
 */
export function createGitHub(opts: ClientOptions): GitHub {
  const maxWait = opts.maxRateLimitWait ?? 120;
  const onLimit = (kind: "primary" | "secondary") => (retryAfter: number, options: Parameters<Core["request"]["endpoint"]["parse"]>[0], octokit: Core, retryCount: number) => {
    if (opts.signal?.aborted) return false;
    const { method, url } = octokit.request.endpoint.parse(options);
    const what = `${method} ${url}`;
    if (retryCount >= MAX_LIMIT_RETRIES || retryAfter > maxWait) {
      opts.log(`GitHub ${kind} rate limit on ${what}: not waiting ${retryAfter}s`);
      return false;
    }
    opts.log(`GitHub ${kind} rate limit on ${what}: retrying in ${retryAfter}s`);
    return true;
  };
  return new Client({
    auth: opts.token,
    baseUrl: opts.baseUrl.replace(/\/+$/, ""),
    userAgent: USER_AGENT,
    log: { debug: () => {}, info: () => {}, warn: opts.log, error: opts.log },
    request: { fetch: proxyAwareFetch({ timeoutMs: opts.timeoutMs ?? 30_000, ...(opts.signal ? { signal: opts.signal } : {}) }) },
    retry: { retries: opts.retries ?? 3 },
    throttle: { onRateLimit: onLimit("primary"), onSecondaryRateLimit: onLimit("secondary") },
    ...(opts.signal ? { runSignal: opts.signal } : {}),
  });
}
