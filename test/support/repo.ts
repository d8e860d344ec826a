import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const BIN = path.join(PROJECT, "bin/blastgate.js");

/** A throwaway repository made of the given files (paths relative to its root). */
export function makeRepo(files: Record<string, string | Buffer>, from?: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "blastgate-test-"));
  if (from) cpSync(from, dir, { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as a user does: a child process, in `cwd`. */
export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** runCli without blocking: cases run side by side, and a test may act (restart a server) while the CLI runs. */
export function runCliAsync(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") });
    });
  });
}

/** The JSON report of a check (fails the test with the CLI's output when it is not JSON). */
export function runJson(args: string[], cwd: string): CliRun & { report: JsonReport } {
  const r = runCli([...args, "--format", "json"], cwd);
  let report: JsonReport;
  try {
    report = JSON.parse(r.stdout) as JsonReport;
  } catch {
    throw new Error(`not JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
  return { ...r, report };
}

export interface JsonLocation {
  file: string;
  line: number;
  column: number;
}
export interface JsonReport {
  reportVersion: number;
  verdict: "allowed" | "blocked" | "error";
  counts: { advisory: number; softMandatory: number; hardMandatory: number; problems: number };
  manifests: string[];
  plans: Array<Record<string, any> & { manifest: string; summary: string; targets: number; byKind: Record<string, number> }>;
  findings: Array<{ ruleId: string; ruleType: string; enforcement: string; severity: string; messageId: string; message: string; location: JsonLocation; manifest: string; evidence: Record<string, unknown> }>;
  problems: Array<{ code: string; message: string; location: JsonLocation }>;
}
