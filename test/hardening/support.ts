import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, onTestFinished } from "vitest";
import { runCliAsync } from "../support/repo.js";

/** The fixture repository of hostile input: policies/, policies-cases/<case>/, manifests/<group>/, ids/hostile/. */
export const REPO = fileURLToPath(new URL("./fixtures/repo", import.meta.url));
/** A repository whose manifests are written so a quick `kind: Operation` test misses them. */
export const DISCOVERY = fileURLToPath(new URL("./fixtures/discovery", import.meta.url));

export interface Located {
  file: string;
  line: number;
  column: number;
}
export interface Report {
  verdict: "allowed" | "blocked" | "error";
  plans: Array<{ manifest: string; targets: number; byKind: Record<string, number> } & Record<string, unknown>>;
  findings: Array<{ ruleId: string; messageId: string; message: string; enforcement: string; location: Located; evidence: Record<string, unknown> }>;
  problems: Array<{ code: string; message: string; location: Located }>;
}
export interface Outcome {
  exit: number | null;
  stdout: string;
  stderr: string;
  report: Report;
}

export const where = (l: Located) => `${l.file}:${l.line}:${l.column}`;

/** Runs the CLI as a child process (asynchronously, so cases can run side by side). */
async function run(args: string[], cwd: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const r = await runCliAsync(args, cwd);
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs `blastgate check <manifest> --root <root> --policies <policies> --format json --now 2026-11-24`
 * as a child process, the way a user or CI does, and checks what every run must hold: no stack trace,
 * no internal error, an exit code that agrees with the verdict.
 */
export async function check(manifest: string | undefined, opts: { policies?: string; root?: string; args?: string[] } = {}): Promise<Outcome> {
  return checkWith([...(manifest === undefined ? [] : [manifest]), ...(opts.args ?? []), "--policies", opts.policies ?? "policies"], opts.root ?? REPO);
}

/** `check` with any arguments after `check` (several paths, `--changed`, ...), in the root given. */
export async function checkWith(args: string[], root: string): Promise<Outcome> {
  const r = await run(["check", ...args, "--root", root, "--format", "json", "--now", "2026-11-24"], root);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/internal error/);
  let report: Report;
  try {
    report = JSON.parse(r.stdout) as Report;
  } catch {
    throw new Error(`not a JSON report (exit ${r.status}):\n${r.stdout.slice(0, 2000)}\n${r.stderr.slice(0, 2000)}`);
  }
  expect(r.status).toBe({ allowed: 0, blocked: 1, error: 2 }[report.verdict]);
  return { exit: r.status, stdout: r.stdout, stderr: r.stderr, report };
}

/** Runs the text report too: what a person reads must name the place, and carry no stack trace. */
export async function checkText(manifest: string, opts: { policies?: string; root?: string } = {}): Promise<{ exit: number | null; stdout: string; stderr: string }> {
  const root = opts.root ?? REPO;
  const r = await run(["check", manifest, "--root", root, "--policies", opts.policies ?? "policies", "--now", "2026-11-24"], root);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stdout).not.toMatch(/^\s+at .*\.js:\d+/m);
  return { exit: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A throwaway copy of the fixture repository, for cases made at test time (symlinks, sparse 1 GB files). */
export function copyOfRepo(finished: typeof onTestFinished = onTestFinished): string {
  const dir = mkdtempSync(path.join(tmpdir(), "blastgate-hardening-"));
  const root = path.join(dir, "repo");
  cpSync(REPO, root, { recursive: true });
  // In a concurrent test, pass the test context's onTestFinished: the imported one may belong to another test, which would remove this copy while it is in use.
  finished(() => rmSync(dir, { recursive: true, force: true }));
  return root;
}

/** [code, file:line:column, message] of every problem, in report order. */
export function problemsOf(o: Outcome): [string, string, string][] {
  return o.report.problems.map((p) => [p.code, where(p.location), p.message]);
}

/** [rule id, message id, file:line:column] of every mandatory finding, in report order. */
export function mandatoryOf(o: Outcome): [string, string, string][] {
  return o.report.findings.filter((f) => f.enforcement !== "advisory").map((f) => [f.ruleId, f.messageId, where(f.location)]);
}

/**
 * Every finding except the sign-off each team owes under the starter pack's advisory `intent-sign-off`
 * (`missing`), which a run without --reviews always has: those are counted, the rest returned as they are.
 */
export function besideOwedSignOff(o: Outcome): { owed: number; rest: Report["findings"] } {
  const owed = (f: Report["findings"][number]) => f.ruleId === "intent-sign-off" && f.enforcement === "advisory" && f.messageId === "missing";
  return { owed: o.report.findings.filter(owed).length, rest: o.report.findings.filter((f) => !owed(f)) };
}
