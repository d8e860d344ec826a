import { HttpClient } from "@actions/http-client";
import { fetch as undiciFetch, type Dispatcher, type RequestInit, type Response } from "undici";

/** Larger answers are refused, not read: GitHub's are far smaller (a page of 100 changed files, a policy file). */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** An answer over MAX_RESPONSE_BYTES (its name tells the client not to retry). */
export class ResponseTooLarge extends Error {
  override readonly name = "ResponseTooLarge";
}

export interface FetchOptions {
  /** Each request ends after this long (ms). */
  timeoutMs: number;
  /** Largest body read (default MAX_RESPONSE_BYTES). */
  maxBytes?: number;
  /** Ends every request still in flight (the run is over). */
  signal?: AbortSignal;
}

type Fetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

/**
 * The fetch octokit is given, as @actions/github builds it: undici's fetch with, per origin, the proxy
 * dispatcher @actions/http-client chooses from HTTPS_PROXY / HTTP_PROXY / NO_PROXY in process.env
 * (either case; the toolkit's own rules, loopback never proxied). Node's default certificate store, which
 * NODE_EXTRA_CA_CERTS extends, verifies both the API and an HTTPS proxy. A request ends after
 * `timeoutMs` or when `signal` aborts; a body is read up to MAX_RESPONSE_BYTES.
 */
export function proxyAwareFetch(opts: FetchOptions): Fetch {
  const proxies = new HttpClient("blastgate-action", [], { keepAlive: true });
  const dispatchers = new Map<string, Dispatcher | undefined>();
  const dispatcherFor = (url: URL): Dispatcher | undefined => {
    const key = `${url.protocol}//${url.host}`;
    if (!dispatchers.has(key)) dispatchers.set(key, proxies.getAgentDispatcher(key));
    return dispatchers.get(key);
  };
  return async (input, init = {}) => {
    const url = new URL(String(input));
    const timeout = AbortSignal.timeout(opts.timeoutMs);
    const signal = AbortSignal.any([timeout, ...(opts.signal ? [opts.signal] : []), ...(init.signal ? [init.signal] : [])]);
    const dispatcher = dispatcherFor(url);
    const res = await undiciFetch(url, { ...init, signal, ...(dispatcher ? { dispatcher } : {}) });
    return limited(res, opts.maxBytes ?? MAX_RESPONSE_BYTES);
  };
}

const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** The response with its body read here, up to `max` bytes: octokit reads it whole, and would swallow a read error. */
async function limited(res: Response, max: number): Promise<Response> {
  if (res.body === null || NULL_BODY.has(res.status)) return res;
  const declared = Number(res.headers.get("content-length"));
  if (declared > max) {
    await res.body.cancel();
    throw tooLarge(res.url, declared, max);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > max) throw tooLarge(res.url, size, max);
    chunks.push(chunk);
  }
  const copy = new (res.constructor as typeof Response)(Buffer.concat(chunks), { status: res.status, statusText: res.statusText, headers: res.headers });
  Object.defineProperty(copy, "url", { value: res.url });
  return copy;
}

function tooLarge(url: string, bytes: number, max: number): TypeError {
  return new TypeError("fetch failed", { cause: new ResponseTooLarge(`the answer to ${new URL(url).pathname} is over ${max} bytes (${bytes} or more): not read`) });
}
