/**
 * The Action behind a proxy, as on a self-hosted runner: HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either
 * case) are honoured by default, and a private CA comes from NODE_EXTRA_CA_CERTS. The API's host name
 * (github-api.test) resolves nowhere but at the proxy, so a run that passes went through it.
 */
import { execFileSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { createServer, request as httpRequest, type Server } from "node:http";
import { connect, type createServer as createNetServer, type AddressInfo, type Socket } from "node:net";
import path from "node:path";
import { createServer as createTlsServer } from "node:tls";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cleanup, pullRequest, runAction, SAFE, tempDir } from "./harness.js";

const HOST = "github-api.test";

afterEach(cleanup);

/** A CA and a certificate for HOST it signed (openssl), as a company's private CA would. */
async function certificates(): Promise<{ dir: string; ca: string; key: string; cert: string }> {
  const dir = await tempDir("ca");
  const at = (f: string) => path.join(dir, f);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "ignore" });
  openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Blastgate test CA");
  openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "api.key", "-out", "api.csr", "-subj", `/CN=${HOST}`);
  await writeFile(at("san.ext"), `subjectAltName=DNS:${HOST}\n`);
  openssl("x509", "-req", "-in", "api.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "api.pem", "-days", "2", "-extfile", "san.ext");
  return { dir, ca: at("ca.pem"), key: at("api.key"), cert: at("api.pem") };
}

const listen = (server: Server | ReturnType<typeof createNetServer>): Promise<number> => new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));

function pipeTo(port: number, client: Socket, head?: Buffer): Socket {
  const upstream = connect(port, "127.0.0.1", () => {
    if (head?.length) upstream.write(head);
    upstream.pipe(client).pipe(upstream);
  });
  upstream.on("error", () => client.destroy());
  client.on("error", () => upstream.destroy());
  return upstream;
}

let certs: Awaited<ReturnType<typeof certificates>>;
let apiPort = 0;
const servers: { close(): unknown }[] = [];
/** What the proxy was asked: "CONNECT host:port" for a tunnel, "METHOD url" for a forwarded request. */
const proxied: string[] = [];
let proxyUrl = "";

beforeAll(async () => {
  certs = await certificates();
  const { readFileSync } = await import("node:fs");
  // The HTTPS face of the fake API: TLS with the private CA's certificate, then the plain fake API behind.
  const tls = createTlsServer({ key: readFileSync(certs.key), cert: readFileSync(certs.cert) }, (socket) => pipeTo(apiPort, socket));
  const tlsPort = await listen(tls);
  // A forwarding proxy that knows where HOST lives: tunnels (CONNECT) and absolute-form requests.
  const proxy = createServer((req, res) => {
    proxied.push(`${req.method} ${req.url}`);
    const url = new URL(req.url!);
    const upstream = httpRequest({ host: "127.0.0.1", port: apiPort, path: url.pathname + url.search, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  proxy.on("connect", (req, socket: Socket, head: Buffer) => {
    proxied.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? "").split(":");
    if (host !== HOST) return void socket.end("HTTP/1.1 502 Bad Gateway\r\n\r\n");
    socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
    pipeTo(port === "443" ? tlsPort : port === "80" ? apiPort : Number(port), socket, head);
  });
  proxyUrl = `http://127.0.0.1:${await listen(proxy)}`;
  servers.push(tls, proxy);
});

afterAll(() => {
  for (const s of servers) {
    (s as Server).closeAllConnections?.();
    s.close();
  }
});

/** A pull request whose fake API the proxy serves as HOST. */
async function behindProxy() {
  const fixture = await pullRequest([SAFE]);
  apiPort = Number(new URL(fixture.api.url).port);
  proxied.length = 0;
  return fixture;
}

describe(`behind a proxy (Node ${process.versions.node})`, () => {
  it("reaches an HTTPS API through HTTPS_PROXY, trusting the private CA NODE_EXTRA_CA_CERTS names", async () => {
    const { api, workspace, payload } = await behindProxy();
    const run = await runAction({ api, workspace, payload, env: { GITHUB_API_URL: `https://${HOST}`, HTTPS_PROXY: proxyUrl, NODE_EXTRA_CA_CERTS: certs.ca } });

    expect(run.log.filter((l) => /could not|fetch failed/.test(l))).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.outputs.verdict).toBe("allowed");
    expect(api.requests.map((r) => r.path)).toContain("/repos/acme/ops/pulls/7/files");
    expect(proxied.length).toBeGreaterThan(0);
    expect(new Set(proxied)).toEqual(new Set([`CONNECT ${HOST}:443`]));
    expect(api.violations).toEqual([]);
  });

  it("reads the variables in lower case too (https_proxy), and fails closed when the proxy's CA is not trusted", async () => {
    const { api, workspace, payload } = await behindProxy();
    const run = await runAction({ api, workspace, payload, env: { GITHUB_API_URL: `https://${HOST}`, https_proxy: proxyUrl } });

    expect(proxied[0]).toBe(`CONNECT ${HOST}:443`);
    expect(run.code).toBe(2);
    expect(run.outputs.verdict).toBe("error");
    expect(api.requests).toEqual([]);
    // Not retried: asking again cannot make the certificate trusted. One tunnel per request the run starts
    // together (changed files, policies, reviews, earlier comment); with retries there would be 4 per request.
    expect(proxied.length).toBeLessThanOrEqual(4);
    expect(run.annotations[0]!.message).toMatch(/could not list the pull request's changed files: the TLS certificate of GitHub's API or of the proxy is not trusted \(.+\)\. .* NODE_EXTRA_CA_CERTS\.$/);
  });

  it("reaches an HTTP API through HTTP_PROXY", async () => {
    const { api, workspace, payload } = await behindProxy();
    const run = await runAction({ api, workspace, payload, env: { GITHUB_API_URL: `http://${HOST}`, HTTP_PROXY: proxyUrl } });

    expect(run.code).toBe(0);
    expect(run.outputs.verdict).toBe("allowed");
    expect(api.requests.length).toBeGreaterThan(0);
    expect(new Set(proxied)).toEqual(new Set([`CONNECT ${HOST}:80`]));
  });

  it("goes straight to a host NO_PROXY names", async () => {
    const { api, workspace, payload } = await behindProxy();
    // Here HOST resolves to this machine (a preloaded lookup), so a direct connection can reach it.
    const lookup = path.join(await tempDir("preload"), "lookup.cjs");
    await writeFile(lookup, `const dns = require("node:dns"); const real = dns.lookup;\ndns.lookup = function (host, ...rest) { return real.call(this, host === ${JSON.stringify(HOST)} ? "127.0.0.1" : host, ...rest); };\n`);
    const env = { GITHUB_API_URL: `http://${HOST}:${apiPort}`, HTTP_PROXY: proxyUrl, HTTPS_PROXY: proxyUrl, NODE_OPTIONS: `--require ${lookup}` };

    const direct = await runAction({ api, workspace, payload, env: { ...env, NO_PROXY: `example.com,${HOST}` } });
    expect(direct.code).toBe(0);
    expect(proxied).toEqual([]);
    const count = api.requests.length;
    expect(count).toBeGreaterThan(0);

    const lower = await runAction({ api, workspace, payload, env: { ...env, no_proxy: `.api.test,.test` } });
    expect(lower.code).toBe(0);
    expect(proxied).toEqual([]);

    // Without it, the same run goes through the proxy.
    const viaProxy = await runAction({ api, workspace, payload, env });
    expect(viaProxy.code).toBe(0);
    expect(new Set(proxied)).toEqual(new Set([`CONNECT ${HOST}:${apiPort}`]));
  });
});
