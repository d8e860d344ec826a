/**
 * The runtime guard's world: a real git repository with a bare "origin", the bundled Action judging a
 * pull request against the fake GitHub API (it writes the approval record there), and a local HTTP
 * server standing in for the deletion API, counting every call.
 */
import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { BIN } from "../support/repo.js";
import { EXAMPLES, tempDir } from "../action/harness.js";

export const T0 = Date.parse("2026-11-24T09:00:00Z");
export const at = (hours: number, minutes = 0) => new Date(T0 + hours * 3_600_000 + minutes * 60_000).toISOString();

export function git(dir: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", ...args], { cwd: dir, encoding: "utf8" }).trim();
}

export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
}

/** A commit's files, as the fake GitHub API's tree for it. */
export function treeAt(dir: string, commit: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of git(dir, "ls-tree", "-r", "--name-only", commit).split("\n").filter(Boolean)) out[f] = git(dir, "show", `${commit}:${f}`) + "\n";
  return out;
}

export const example = (rel: string) => readFileSync(path.join(EXAMPLES, rel), "utf8");

/** The deletion API: `DELETE /apps/<id>`; every call counted. */
export async function deletionApi(): Promise<{ url: string; calls: string[]; close(): Promise<void> }> {
  const calls: string[] = [];
  const server: Server = createServer((req, res) => {
    calls.push(`${req.method} ${req.url}`);
    res.writeHead(req.method === "DELETE" ? 204 : 405).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI as a child process (async: the fake APIs answer from this process). */
export function blastgate(args: string[], cwd: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The lines a guard printed, by check. */
export function checks(stdout: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of stdout.matchAll(/^(merged|approved|current|ids|stage|environment|budget): (ok|refused|unknown): (.*)$/gm)) out[m[1]!] = `${m[2]}: ${m[3]}`;
  return out;
}

/** The maintenance script: deletes every identifier it is handed (BLASTGATE_IDS_FILE), after checking stdin holds the same list. */
export const DELETE_SCRIPT = `import { readFileSync } from "node:fs";
const fromFile = readFileSync(process.env.BLASTGATE_IDS_FILE, "utf8");
let fromStdin = "";
for await (const c of process.stdin) fromStdin += c;
if (fromStdin !== fromFile) process.exit(4);
for (const id of fromFile.split("\\n").filter(Boolean)) {
  const r = await fetch(process.env.DELETION_API + "/apps/" + id, { method: "DELETE" });
  if (!r.ok) process.exit(3);
}
`;

export { tempDir };
