import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

/**
 * The part of `fetch` Octokit uses, over node:http and node:https. Node's own `fetch` loads undici on
 * first use (about 30 ms of a 300 ms cold start: its JavaScript, then its WebAssembly HTTP parser);
 * node:https is a few milliseconds. Bodies are buffered (GitHub's API answers are small), redirects are
 * followed as fetch follows them (Authorization is dropped on a redirect to another origin), connections
 * are kept alive between requests, an abort signal ends the request, and errors take fetch's shape:
 * a network failure is a TypeError("fetch failed") with the cause, an abort rejects with the signal's reason.
 */
export interface FetchLikeResponse {
  readonly status: number;
  readonly statusText: string;
  readonly url: string;
  readonly ok: boolean;
  readonly headers: ResponseHeaders;
  text(): Promise<string>;
  json(): Promise<unknown>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface FetchLikeInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | ArrayBuffer | null;
  redirect?: "follow" | "manual" | "error";
  signal?: AbortSignal | null;
}

const MAX_REDIRECTS = 20;

/**
 * Node's own fetch goes through HTTP_PROXY / HTTPS_PROXY (minding NO_PROXY) when NODE_USE_ENV_PROXY=1 or
 * --use-env-proxy is set (Node 24): these agents do the same, through Node's `proxyEnv` agent option.
 * Node 20 has neither the switch nor the option, and its fetch no proxy support either.
 */
const proxyEnv = process.env.NODE_USE_ENV_PROXY === "1" || process.execArgv.includes("--use-env-proxy") ? { proxyEnv: process.env } : {};
// Idle sockets are unref'd by the agent: they never keep the process alive after the last request.
const agents = { "http:": new HttpAgent({ keepAlive: true, ...proxyEnv }), "https:": new HttpsAgent({ keepAlive: true, ...proxyEnv }) };

/** Response headers as fetch's Headers reads them: names in lower case, iterated in order of name, repeated values joined. */
export class ResponseHeaders {
  private readonly map = new Map<string, string>();

  constructor(raw: IncomingMessage["headers"]) {
    for (const name of Object.keys(raw).sort()) {
      const v = raw[name];
      if (v !== undefined) this.map.set(name.toLowerCase(), Array.isArray(v) ? v.join(", ") : v);
    }
  }

  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.map.entries();
  }
}

export async function nodeFetch(input: string | URL, init: FetchLikeInit = {}): Promise<FetchLikeResponse> {
  let url = new URL(String(input));
  let method = (init.method ?? "GET").toUpperCase();
  let body = toBytes(init.body);
  const headers: Record<string, string> = { ...init.headers };
  const signal = init.signal ?? undefined;
  for (let redirects = 0; ; redirects++) {
    const res = await send(url, method, headers, body, signal);
    const location = res.message.headers.location;
    const redirected = [301, 302, 303, 307, 308].includes(res.status) && location !== undefined;
    if (!redirected || init.redirect === "manual") return response(url, res);
    res.message.resume();
    if (init.redirect === "error") throw new TypeError("fetch failed", { cause: new Error(`redirected to ${location} (redirect: "error")`) });
    if (redirects >= MAX_REDIRECTS) throw new TypeError("fetch failed", { cause: new Error(`more than ${MAX_REDIRECTS} redirects`) });
    const next = new URL(location, url);
    if (next.protocol !== "http:" && next.protocol !== "https:") throw new TypeError("fetch failed", { cause: new Error(`redirected to a ${next.protocol} URL`) });
    // As fetch does: 303 (and 301/302 after a POST) become a GET without a body; credentials stay with their origin.
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === "POST")) {
      if (method !== "HEAD") method = "GET";
      body = undefined;
      for (const name of Object.keys(headers)) if (/^content-/i.test(name)) delete headers[name];
    }
    if (next.origin !== url.origin) for (const name of Object.keys(headers)) if (name.toLowerCase() === "authorization") delete headers[name];
    url = next;
  }
}

interface Sent {
  status: number;
  message: IncomingMessage;
  body: () => Promise<Buffer>;
}

function send(url: URL, method: string, headers: Record<string, string>, body: Buffer | undefined, signal: AbortSignal | undefined): Promise<Sent> {
  return new Promise<Sent>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const outgoing: OutgoingHttpHeaders = { ...headers };
    if (body !== undefined) outgoing["content-length"] = body.length;
    const agent = url.protocol === "https:" ? agents["https:"] : url.protocol === "http:" ? agents["http:"] : undefined;
    if (!agent) return reject(new TypeError("fetch failed", { cause: new Error(`${url.protocol} URLs are not supported`) }));
    const request = (url.protocol === "https:" ? httpsRequest : httpRequest)(url, { method, headers: outgoing, agent });
    let settled = false;
    const onAbort = () => {
      request.destroy();
      if (!settled) {
        settled = true;
        reject(signal!.reason);
      }
      bodyReject?.(signal!.reason);
    };
    let bodyReject: ((e: unknown) => void) | undefined;
    signal?.addEventListener("abort", onAbort, { once: true });
    const done = () => signal?.removeEventListener("abort", onAbort);
    request.on("error", (cause) => {
      done();
      if (!settled) {
        settled = true;
        reject(new TypeError("fetch failed", { cause }));
      }
      bodyReject?.(new TypeError("terminated", { cause }));
    });
    request.on("response", (message) => {
      // The body is read at once (the caller always reads it): the abort signal covers it too.
      const chunks: Buffer[] = [];
      const read = new Promise<Buffer>((res, rej) => {
        bodyReject = rej;
        message.on("data", (c: Buffer) => chunks.push(c));
        message.on("end", () => {
          done();
          res(Buffer.concat(chunks));
        });
        message.on("error", (cause) => {
          done();
          rej(new TypeError("terminated", { cause }));
        });
      });
      read.catch(() => undefined);
      settled = true;
      resolve({ status: message.statusCode ?? 0, message, body: () => read });
    });
    request.end(body);
  });
}

function response(url: URL, sent: Sent): FetchLikeResponse {
  const headers = new ResponseHeaders(sent.message.headers);
  let used = false;
  const bytes = () => {
    if (used) return Promise.reject(new TypeError("Body is unusable: Body has already been read"));
    used = true;
    return sent.body();
  };
  return {
    status: sent.status,
    statusText: sent.message.statusMessage ?? "",
    url: url.href,
    ok: sent.status >= 200 && sent.status < 300,
    headers,
    text: async () => decode(await bytes()),
    json: async () => JSON.parse(decode(await bytes())) as unknown,
    arrayBuffer: async () => {
      const b = await bytes();
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
    },
  };
}

/** UTF-8 decoding as fetch's text() does it: a leading byte order mark is dropped, bad bytes become U+FFFD. */
function decode(b: Buffer): string {
  const text = b.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function toBytes(body: FetchLikeInit["body"]): Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return Buffer.from(body, "utf8");
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError("fetch failed", { cause: new Error("only string and byte bodies are supported") });
}
