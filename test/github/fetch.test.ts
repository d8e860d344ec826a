import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitHub } from "../../src/github/client.js";
import { proxyAwareFetch, ResponseTooLarge } from "../../src/github/fetch.js";

let server: Server;
let origin = "";
let asked: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    asked.push(req.url!);
    if (req.url === "/declared") return void res.writeHead(200, { "content-type": "application/json", "content-length": "5000" }).end("x".repeat(5000));
    if (req.url === "/chunked") {
      res.writeHead(200, { "content-type": "application/json" });
      for (let i = 0; i < 10; i++) res.write("y".repeat(500));
      return void res.end();
    }
    if (req.url === "/small") return void res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    if (req.url === "/empty") return void res.writeHead(204).end();
    if (req.url?.startsWith("/repos/")) return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ big: "z".repeat(65 * 1024 * 1024) }));
    // /hang: never answers.
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("the fetch the GitHub client uses", () => {
  const fetch = proxyAwareFetch({ timeoutMs: 300, maxBytes: 4096 });

  it("reads a body up to the limit, and answers without a body as they are", async () => {
    const res = await fetch(`${origin}/small`);
    expect([res.status, res.url, await res.json()]).toEqual([200, `${origin}/small`, { ok: true }]);
    expect((await fetch(`${origin}/empty`)).status).toBe(204);
  });

  it("refuses a body over the limit, declared or streamed, instead of buffering it", async () => {
    for (const path of ["/declared", "/chunked"]) {
      const e = (await fetch(`${origin}${path}`).catch((err: unknown) => err)) as TypeError;
      expect(e).toBeInstanceOf(TypeError);
      expect(e.cause).toBeInstanceOf(ResponseTooLarge);
      expect((e.cause as Error).message).toMatch(new RegExp(`^the answer to ${path} is over 4096 bytes \\(\\d+ or more\\): not read$`));
    }
  });

  it("ends a request that hangs after the timeout", async () => {
    await expect(fetch(`${origin}/hang`)).rejects.toMatchObject({ name: "TimeoutError" });
  });

  it("ends a request in flight when the run is over", async () => {
    const over = new AbortController();
    const pending = proxyAwareFetch({ timeoutMs: 30_000, signal: over.signal })(`${origin}/hang`);
    setTimeout(() => over.abort(new Error("the run is over")), 50);
    await expect(pending).rejects.toThrow("the run is over");
  });

  it("through the client: an answer too large (64 MiB by default) is not asked for again", async () => {
    asked = [];
    const gh = createGitHub({ token: "t", baseUrl: origin, log: () => {} });
    await expect(gh.request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "ops" })).rejects.toMatchObject({ status: 500, message: expect.stringMatching(/is over 67108864 bytes/) });
    expect(asked).toEqual(["/repos/acme/ops"]);
  });
});
