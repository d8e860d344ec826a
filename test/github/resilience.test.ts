import { describe, expect, it } from "vitest";
import { installResilience, retryDecision } from "../../src/github/resilience.js";

const opts = { retries: 3, maxRateLimitWait: 120 };
const NOW = Date.parse("2026-11-24T12:00:00Z");
const err = (status: number | undefined, message = "x", headers: Record<string, string> = {}) => ({ status, message, response: { headers } });

describe("when a failed GitHub request is tried again", () => {
  it("a 5xx or a network failure: after 1 s, 4 s, 9 s, then no more", () => {
    expect([0, 1, 2, 3].map((n) => retryDecision(err(502), n, 0, opts, NOW))).toEqual([{ waitMs: 1000 }, { waitMs: 4000 }, { waitMs: 9000 }, undefined]);
    // octokit reports a network failure or a timeout as status 500; anything without a status is retried too.
    expect(retryDecision(err(500, "fetch failed"), 0, 0, opts, NOW)).toEqual({ waitMs: 1000 });
    expect(retryDecision(new TypeError("fetch failed"), 0, 0, opts, NOW)).toEqual({ waitMs: 1000 });
  });

  it("a status a retry cannot change: never", () => {
    for (const status of [400, 401, 403, 404, 410, 422, 451]) expect(retryDecision(err(status), 0, 0, opts, NOW)).toBeUndefined();
    expect(retryDecision(err(304), 0, 0, opts, NOW)).toBeUndefined();
  });

  it("a secondary rate limit: after retry-after (60 s when GitHub gives none), twice at most, never longer than allowed", () => {
    const secondary = (headers: Record<string, string> = {}) => err(403, "You have exceeded a secondary rate limit. Please wait a few minutes", headers);
    expect(retryDecision(secondary({ "retry-after": "3" }), 0, 0, opts, NOW)).toEqual({ waitMs: 3000, limit: "secondary" });
    expect(retryDecision(secondary(), 0, 0, opts, NOW)).toEqual({ waitMs: 60_000, limit: "secondary" });
    expect(retryDecision(secondary({ "retry-after": "3" }), 0, 2, opts, NOW)).toEqual({ refusedLimit: "secondary", waitSeconds: 3 });
    expect(retryDecision(secondary({ "retry-after": "600" }), 0, 0, opts, NOW)).toEqual({ refusedLimit: "secondary", waitSeconds: 600 });
    expect(retryDecision(err(429, "slow down", { "retry-after": "2" }), 0, 0, opts, NOW)).toEqual({ waitMs: 2000, limit: "secondary" });
  });

  it("an exhausted primary rate limit: until one second past the reset, when that is soon enough", () => {
    const reset = (inSeconds: number) => err(403, "API rate limit exceeded", { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(NOW / 1000 + inSeconds) });
    expect(retryDecision(reset(30), 0, 0, opts, NOW)).toEqual({ waitMs: 31_000, limit: "primary" });
    expect(retryDecision(reset(3600), 0, 0, opts, NOW)).toEqual({ refusedLimit: "primary", waitSeconds: 3601 });
    // A 403 that is not a rate limit is a permission problem: not retried.
    expect(retryDecision(err(403, "Resource not accessible by integration", { "x-ratelimit-remaining": "4999" }), 0, 0, opts, NOW)).toBeUndefined();
  });
});

describe("the client's request hook", () => {
  /** A stand-in for Octokit's hook: `send` is the request the wrapper wraps. */
  function client(send: (options: { method: string; url: string }) => Promise<unknown>, sleep: (ms: number) => Promise<void>) {
    let wrapper: ((request: typeof send, options: { method: string; url: string }) => Promise<unknown>) | undefined;
    const octokit = { hook: { wrap: (_name: string, w: typeof wrapper) => void (wrapper = w) } };
    installResilience(octokit as never, { retries: 3, maxRateLimitWait: 120, log: () => {} }, sleep);
    return (method: string, url: string) => wrapper!(send, { method, url });
  }

  it("keeps at most 10 requests in flight", async () => {
    let inFlight = 0;
    let most = 0;
    const request = client(async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return "ok";
    }, async () => {});
    expect(await Promise.all(Array.from({ length: 25 }, (_, i) => request("GET", `/r/${i}`)))).toHaveLength(25);
    expect(most).toBe(10);
  });

  it("hands a freed slot to the oldest waiting request: one that arrives later waits its turn", async () => {
    let inFlight = 0;
    let most = 0;
    const finish: (() => void)[] = [];
    const order: string[] = [];
    const request = client(async ({ url }) => {
      most = Math.max(most, ++inFlight);
      order.push(url);
      await new Promise<void>((r) => finish.push(r));
      inFlight--;
      return url;
    }, async () => {});
    const first = Array.from({ length: 11 }, (_, i) => request("GET", `/r/${i}`));
    await new Promise((r) => setTimeout(r, 5));
    expect(order).toHaveLength(10);
    // One finishes and a new request arrives: the waiting /r/10 goes first, and never 11 at once.
    finish.shift()!();
    const late = request("GET", "/late");
    await new Promise((r) => setTimeout(r, 5));
    expect(order.slice(10)).toEqual(["/r/10"]);
    while (finish.length > 0) {
      finish.shift()!();
      await new Promise((r) => setTimeout(r, 1));
    }
    await Promise.all([...first, late]);
    expect(order.at(-1)).toBe("/late");
    expect(most).toBe(10);
  });

  it("stops waiting and asking again once the run is over", async () => {
    const over = new AbortController();
    let asked = 0;
    let wrapper: ((request: (o: unknown) => Promise<unknown>, options: { method: string; url: string }) => Promise<unknown>) | undefined;
    installResilience({ hook: { wrap: (_n: string, w: typeof wrapper) => void (wrapper = w) } } as never, { retries: 3, maxRateLimitWait: 120, log: () => {}, signal: over.signal });
    const pending = wrapper!(async () => {
      asked++;
      throw Object.assign(new Error("Bad Gateway"), { status: 502 });
    }, { method: "GET", url: "/r" });
    await new Promise((r) => setTimeout(r, 20));
    over.abort(new Error("the run is over"));
    await expect(pending).rejects.toThrow("the run is over");
    expect(asked).toBe(1);
  });

  it("puts a second between writes, and retries a failed request after its wait", async () => {
    const sleeps: number[] = [];
    let failures = 1;
    const request = client(async ({ method }) => {
      if (method === "GET" && failures-- > 0) throw Object.assign(new Error("Bad Gateway"), { status: 502 });
      return method;
    }, async (ms) => void sleeps.push(ms));
    expect(await request("GET", "/a")).toBe("GET");
    expect(sleeps).toEqual([1000]);
    sleeps.length = 0;
    await Promise.all([request("POST", "/c"), request("PATCH", "/c/1")]);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(900);
  });
});
