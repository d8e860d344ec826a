import { type RequestInit, type Response } from "undici";
/** Larger answers are refused, not read: GitHub's are far smaller (a page of 100 changed files, a policy file). */
export declare const MAX_RESPONSE_BYTES: number;
/** An answer over MAX_RESPONSE_BYTES (its name tells the client not to retry). */
export declare class ResponseTooLarge extends Error {
    readonly name = "ResponseTooLarge";
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
export declare function proxyAwareFetch(opts: FetchOptions): Fetch;
export {};
