import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeFetch } from "../../src/github/http.js";

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** Two local servers (two origins): each records what it was sent and answers by path. */
function server(seen: Seen[], answer: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<{ server: Server; origin: string }> {
  const s = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      answer(req, res, body);
    });
  });
  return new Promise((resolve) => s.listen(0, "127.0.0.1", () => resolve({ server: s, origin: `http://127.0.0.1:${(s.address() as AddressInfo).port}` })));
}

const seen: Seen[] = [];
let a: { server: Server; origin: string };
let b: { server: Server; origin: string };

beforeAll(async () => {
  b = await server(seen, (_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("other origin"));
  a = await server(seen, (req, res, body) => {
    const path = req.url!;
    if (path === "/json") return void res.writeHead(200, { "content-type": "application/json; charset=utf-8", "x-b": "2", "X-A": "1", link: '<x>; rel="next"' }).end(JSON.stringify({ ok: true }));
    if (path === "/echo") return void res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ method: req.method, body, length: req.headers["content-length"] }));
    if (path === "/moved") return void res.writeHead(301, { location: "/json" }).end();
    if (path === "/elsewhere") return void res.writeHead(302, { location: `${b.origin}/x` }).end();
    if (path === "/see-other") return void res.writeHead(303, { location: "/echo" }).end();
    if (path === "/loop") return void res.writeHead(302, { location: "/loop" }).end();
    if (path === "/bom") return void res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end("\ufeffkind: Policy\n");
    if (path === "/bytes") return void res.writeHead(200, { "content-type": "application/octet-stream" }).end(Buffer.from([0, 1, 254, 255]));
    if (path === "/slow") return void setTimeout(() => res.writeHead(200).end("late"), 2000);
    if (path === "/error") return void res.writeHead(404, "Not Found", { "content-type": "application/json" }).end(JSON.stringify({ message: "Not Found" }));
    res.writeHead(500).end();
  });
});
afterAll(() => {
  a.server.closeAllConnections();
  b.server.closeAllConnections();
  a.server.close();
  b.server.close();
});

describe("nodeFetch, the fetch the GitHub client uses", () => {
  it("answers a GET with fetch's status, headers (lower case, in order of name) and JSON body", async () => {
    const res = await nodeFetch(`${a.origin}/json`, { headers: { accept: "application/json" } });
    expect([res.status, res.ok, res.url]).toEqual([200, true, `${a.origin}/json`]);
    expect(res.headers.get("X-A")).toBe("1");
    expect([...res.headers].map(([k]) => k).filter((k) => /^(x-|link)/.test(k))).toEqual(["link", "x-a", "x-b"]);
    expect(await res.json()).toEqual({ ok: true });
    await expect(res.text()).rejects.toThrow(/already been read/);
  });

  it("sends a body with its length, and says what an error status says", async () => {
    const res = await nodeFetch(`${a.origin}/echo`, { method: "POST", body: JSON.stringify({ body: "ünïcode" }), headers: { "content-type": "application/json" } });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ method: "POST", body: '{"body":"ünïcode"}', length: String(Buffer.byteLength('{"body":"ünïcode"}')) });
    const missing = await nodeFetch(`${a.origin}/error`);
    expect([missing.status, missing.ok, missing.statusText]).toEqual([404, false, "Not Found"]);
  });

  it("follows redirects as fetch does: the token stays with its origin, a 303 becomes a GET, a loop ends", async () => {
    seen.length = 0;
    const moved = await nodeFetch(`${a.origin}/moved`, { headers: { authorization: "token s3cret" } });
    expect([moved.status, moved.url]).toEqual([200, `${a.origin}/json`]);
    expect(seen.map((s) => [s.url, s.headers.authorization])).toEqual([
      ["/moved", "token s3cret"],
      ["/json", "token s3cret"],
    ]);
    seen.length = 0;
    const away = await nodeFetch(`${a.origin}/elsewhere`, { headers: { Authorization: "token s3cret" } });
    expect(await away.text()).toBe("other origin");
    expect(seen.map((s) => [s.url, s.headers.authorization])).toEqual([
      ["/elsewhere", "token s3cret"],
      ["/x", undefined],
    ]);
    const other = await nodeFetch(`${a.origin}/see-other`, { method: "POST", body: "x", headers: { "content-type": "text/plain" } });
    expect(await other.json()).toEqual({ method: "GET", body: "" });
    const manual = await nodeFetch(`${a.origin}/moved`, { redirect: "manual" });
    expect([manual.status, manual.headers.get("location")]).toEqual([301, "/json"]);
    await expect(nodeFetch(`${a.origin}/loop`)).rejects.toMatchObject({ name: "TypeError", message: "fetch failed", cause: { message: "more than 20 redirects" } });
  });

  it("reads text without a byte order mark, and bytes as they are", async () => {
    expect(await (await nodeFetch(`${a.origin}/bom`)).text()).toBe("kind: Policy\n");
    expect([...new Uint8Array(await (await nodeFetch(`${a.origin}/bytes`)).arrayBuffer())]).toEqual([0, 1, 254, 255]);
  });

  it("rejects as fetch does: with the signal's reason on a timeout, with TypeError('fetch failed') and the cause when nothing listens", async () => {
    await expect(nodeFetch(`${a.origin}/slow`, { signal: AbortSignal.timeout(100) })).rejects.toMatchObject({ name: "TimeoutError" });
    const closed = await server([], () => undefined);
    await new Promise((r) => closed.server.close(r));
    await expect(nodeFetch(`${closed.origin}/`)).rejects.toMatchObject({ name: "TypeError", message: "fetch failed", cause: { code: "ECONNREFUSED" } });
  });
});
