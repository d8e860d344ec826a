import type { Octokit } from "@octokit/core";

/**
 * Retries and rate limits for the GitHub client, as GitHub's REST guidance asks: 5xx and network
 * failures are retried after 1 s, 4 s, 9 s; a secondary rate limit waits `retry-after` (60 s when
 * absent); an exhausted primary limit waits until `x-ratelimit-reset`; no more than 10 requests are in
 * flight, and writes are a second apart. The same rules as @octokit/plugin-retry and
 * @octokit/plugin-throttling, without their schedulers: those put several timer turns on every request
 * (about 15 ms each, most of a round trip to a nearby server), which the Action paid on each of its
 * sequential requests.
 */

interface ErrorLike {
  status?: number;
  message?: string;
  name?: string;
  request?: { method?: string; url?: string };
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

export interface ResilienceOptions {
  /** Retries of a 5xx or network error (waits 1 s, 4 s, 9 s, ...). */
  retries: number;
  /** Longest rate-limit wait accepted (seconds); a longer one fails at once. */
  maxRateLimitWait: number;
  log: (message: string) => void;
}

/** What to do about a failed request: wait and try again, or give up (undefined). */
export interface Retry {
  waitMs: number;
  /** For the log, when the reason is a rate limit. */
  limit?: "primary" | "secondary";
}

/** Statuses a retry cannot change. */
const DO_NOT_RETRY = new Set([400, 401, 403, 404, 410, 422, 451]);
/** Rate-limit waits per request before giving up. */
const MAX_LIMIT_RETRIES = 2;
/** GitHub: "If the retry-after response header is not present, ... wait for at least one minute". */
const SECONDARY_FALLBACK_SECONDS = 60;

/**
 * Decides whether a failed request is tried again and after how long. `failures` counts earlier
 * retries of 5xx and network errors, `limitWaits` earlier rate-limit waits, for the same request. Pure.
 */
export function retryDecision(error: unknown, failures: number, limitWaits: number, opts: Pick<ResilienceOptions, "retries" | "maxRateLimitWait">, nowMs: number): Retry | { refusedLimit: "primary" | "secondary"; waitSeconds: number } | undefined {
  const e = (error ?? {}) as ErrorLike;
  const status = typeof e.status === "number" ? e.status : undefined;
  const headers = e.response?.headers ?? {};
  if (status === 403 || status === 429) {
    let limit: "primary" | "secondary" | undefined;
    let seconds = 0;
    if (/\bsecondary rate\b/i.test(e.message ?? "")) {
      limit = "secondary";
      seconds = Number(headers["retry-after"]) || SECONDARY_FALLBACK_SECONDS;
    } else if (String(headers["x-ratelimit-remaining"]) === "0") {
      limit = "primary";
      // One second past the reset, so the retry comes after it.
      seconds = Math.max(Math.ceil((Number(headers["x-ratelimit-reset"]) * 1000 - nowMs) / 1000) + 1, 0);
    } else if (status === 429 && headers["retry-after"] !== undefined) {
      limit = "secondary";
      seconds = Number(headers["retry-after"]) || SECONDARY_FALLBACK_SECONDS;
    }
    if (limit) {
      if (limitWaits < MAX_LIMIT_RETRIES && seconds <= opts.maxRateLimitWait) return { waitMs: seconds * 1000, limit };
      return { refusedLimit: limit, waitSeconds: seconds };
    }
  }
  // Network errors and timeouts reach here as status 500 (octokit's fetch wrapper), or without a status.
  if (status !== undefined && (status < 400 || DO_NOT_RETRY.has(status))) return undefined;
  if (failures >= opts.retries) return undefined;
  return { waitMs: (failures + 1) ** 2 * 1000 };
}

const MAX_IN_FLIGHT = 10;
const WRITE_SPACING_MS = 1000;

/** A wait that ends early, by rejecting with the signal's reason, when the signal aborts. */
function abortableSleep(signal: AbortSignal | undefined): (ms: number) => Promise<void> {
  return (ms) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal!.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
}

/**
 * Installs the retry and rate-limit rules on a client. When `signal` aborts (the run is over), waits
 * end and no request is tried again: a request still retrying must not keep the step alive.
 */
export function installResilience(octokit: Pick<Octokit, "hook">, opts: ResilienceOptions & { signal?: AbortSignal }, sleep: (ms: number) => Promise<void> = abortableSleep(opts.signal)): void {
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  let nextWriteAt = 0;

  // A freed slot is handed to the oldest waiter directly: a request started meanwhile cannot take it too.
  const acquire = (): Promise<void> | undefined => {
    if (inFlight < MAX_IN_FLIGHT) {
      inFlight++;
      return undefined;
    }
    return new Promise<void>((r) => waiting.push(r));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else inFlight--;
  };

  octokit.hook.wrap("request", async (request, options) => {
    const method = String(options.method ?? "GET").toUpperCase();
    let failures = 0;
    let limitWaits = 0;
    for (;;) {
      if (method !== "GET" && method !== "HEAD") {
        // Writes a second apart (GitHub's guidance against secondary limits); reserved before waiting, so they queue in order.
        const at = Math.max(Date.now(), nextWriteAt);
        nextWriteAt = at + WRITE_SPACING_MS;
        if (at > Date.now()) await sleep(at - Date.now());
      }
      if (opts.signal?.aborted) throw opts.signal.reason;
      await acquire();
      let error: unknown;
      try {
        return await request(options);
      } catch (e) {
        error = e;
      } finally {
        release();
      }
      const decision = retryDecision(error, failures, limitWaits, opts, Date.now());
      const e = error as ErrorLike;
      const what = `${e.request?.method ?? method} ${e.request?.url ?? options.url ?? ""}`;
      if (decision === undefined) throw error;
      if ("refusedLimit" in decision) {
        opts.log(`GitHub ${decision.refusedLimit} rate limit on ${what}: not waiting ${decision.waitSeconds}s`);
        throw error;
      }
      if (decision.limit) {
        limitWaits++;
        opts.log(`GitHub ${decision.limit} rate limit on ${what}: retrying in ${decision.waitMs / 1000}s`);
      } else failures++;
      await sleep(decision.waitMs);
    }
  });
}
