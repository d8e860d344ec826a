/**
 * The ledger of runs: every guard decision and every stage's start, end and exit code, append-only.
 * Pure: entries in, the state of each stage and the guard's stage decision out. Where the entries live
 * (a JSON Lines file, a database table) is the caller's business.
 */
import type { PastSpend, Spend } from "../measure/budgets.js";
import { formatDuration } from "../documents/units.js";
import type { StageSlice } from "../measure/stages.js";

export type CheckName = "merged" | "approved" | "current" | "ids" | "stage" | "environment" | "budget";
export const CHECK_NAMES: readonly CheckName[] = ["merged", "approved", "current", "ids", "stage", "environment", "budget"];
export type CheckStatus = "ok" | "refused" | "unknown";

export interface CheckLine {
  check: CheckName;
  status: CheckStatus;
  reason: string;
}

interface Base {
  /** ISO 8601. */
  at: string;
  /** The manifest's metadata.name and its repository-relative path: a run is known by either. */
  manifest: string;
  path: string;
  stage: string;
  /** Who ran it (login or user@host). */
  by: string;
}

export type LedgerEntry =
  | (Base & { type: "decision"; decision: "go" | "refused" | "unknown"; checks: CheckLine[]; digest?: string })
  | (Base & { type: "start"; run: string; digest: string; count: number; spend: Spend; command?: string[] })
  /** `notStarted`: the command could not be started (not found, not executable): the run did nothing, and neither the stage nor the budget counts it. */
  | (Base & { type: "end"; run: string; exitCode: number | null; signal?: string; notStarted?: true })
  /**
   * Someone looked at a stage that did not finish cleanly: `done` lets the next stage go (its bake counts from the mark),
   * `retry` lets it run again. `destroyed`: how many objects the run did destroy, said with `retry` (default: all it was handed).
   */
  | (Base & { type: "mark"; run: string; as: "done" | "retry"; reason: string; destroyed?: number });

export type StageState =
  /** `ended`: when the bake starts, the mark's time for a stage marked done (`exited`: its own end, if any). */
  | { status: "done"; started: string; ended: string; exitCode: number | null; marked?: string; exited?: string }
  /** Started and not ended: still running, or it crashed and nobody marked it. */
  | { status: "running"; started: string; run: string }
  | { status: "failed"; started: string; ended: string; exitCode: number | null; signal?: string; run: string }
  | { status: "pending" };

const belongs = (e: LedgerEntry, manifest: { name: string; path: string }) => e.manifest === manifest.name || e.path === manifest.path;

/** Each stage's state, from the entries of one manifest (by name or path: a rename does not reset it). */
export function stageStates(entries: readonly LedgerEntry[], manifest: { name: string; path: string }, stages: readonly { name: string }[]): Map<string, StageState> {
  const out = new Map<string, StageState>(stages.map((s) => [s.name, { status: "pending" }]));
  const runs = new Map<string, { stage: string; started: string; ended?: string; exitCode?: number | null; signal?: string; notStarted?: boolean; mark?: { as: "done" | "retry"; at: string } }>();
  for (const e of entries) {
    if (!belongs(e, manifest)) continue;
    if (e.type === "start") runs.set(e.run, { stage: e.stage, started: e.at });
    else if (e.type === "end") {
      const r = runs.get(e.run);
      if (r) Object.assign(r, { ended: e.at, exitCode: e.exitCode, ...(e.signal ? { signal: e.signal } : {}), ...(e.notStarted ? { notStarted: true } : {}) });
    } else if (e.type === "mark") {
      const r = runs.get(e.run);
      if (r) r.mark = { as: e.as, at: e.at };
    }
  }
  for (const [run, r] of runs) {
    if (!out.has(r.stage)) out.set(r.stage, { status: "pending" });
    if (r.mark?.as === "retry" || r.notStarted) continue;
    let state: StageState;
    // A stage marked done bakes from the mark: that is when someone said what it did.
    if (r.mark?.as === "done") state = { status: "done", started: r.started, ended: r.mark.at, exitCode: r.exitCode ?? null, marked: r.mark.at, ...(r.ended ? { exited: r.ended } : {}) };
    else if (r.ended === undefined) state = { status: "running", started: r.started, run };
    else if (r.exitCode === 0) state = { status: "done", started: r.started, ended: r.ended, exitCode: 0 };
    else state = { status: "failed", started: r.started, ended: r.ended, exitCode: r.exitCode ?? null, run, ...(r.signal ? { signal: r.signal } : {}) };
    out.set(r.stage, state);
  }
  return out;
}

/** The run of a stage that did not end cleanly (what `mark` names), if any. */
export function unfinishedRun(states: ReadonlyMap<string, StageState>, stage: string): string | undefined {
  const s = states.get(stage);
  return s && (s.status === "running" || s.status === "failed") ? s.run : undefined;
}

/** When a pending stage may start: its predecessor's end plus that stage's bake (undefined: its predecessor has not finished). */
export function dueAt(slices: readonly StageSlice[], states: ReadonlyMap<string, StageState>, index: number): Date | undefined {
  if (index === 0) return new Date(0);
  const prev = slices[index - 1]!;
  const p = states.get(prev.name);
  if (p?.status !== "done") return undefined;
  return new Date(Date.parse(p.ended) + prev.bakeSeconds * 1000);
}

/** A stage runs once, in the manifest's order, and not before the previous stage ended plus its bake. */
export function judgeStage(slices: readonly StageSlice[], states: ReadonlyMap<string, StageState>, stage: string | undefined, now: Date): CheckLine {
  const line = (status: CheckStatus, reason: string): CheckLine => ({ check: "stage", status, reason });
  const names = slices.map((s) => s.name).join(", ");
  if (stage === undefined) {
    if (slices.length === 1) stage = slices[0]!.name;
    else return line("refused", `the manifest runs in ${slices.length} stages (${names}): name the one to run with --stage`);
  }
  const index = slices.findIndex((s) => s.name === stage);
  if (index < 0) return line("refused", `the manifest has no stage '${stage}' (its stages: ${names})`);
  const own = states.get(stage)!;
  if (own.status === "done") return line("refused", `stage '${stage}' already ran (started ${own.started}, ${own.marked ? `marked done ${own.marked}` : `ended ${own.ended}`}, exit code ${own.exitCode ?? "none"}): a stage runs once`);
  if (own.status === "running")
    return line("refused", `stage '${stage}' started at ${own.started} and has no end in the ledger: it is still running, or it crashed. Once you know which, mark it (blastgate mark --stage ${stage} --as done|retry)`);
  if (own.status === "failed")
    return line(
      "refused",
      `stage '${stage}' ended at ${own.ended} with ${own.signal ? `signal ${own.signal}` : `exit code ${own.exitCode ?? "none"}`}: a stage runs once. Once you have checked what it did, mark it (blastgate mark --stage ${stage} --as done|retry)`,
    );
  // A later stage that already started means this one is out of order for good.
  const later = slices.slice(index + 1).find((s) => states.get(s.name)?.status !== "pending");
  if (later) return line("refused", `stage '${later.name}' already started, after stage '${stage}' in the manifest's order`);
  if (index === 0) return line("ok", `stage '${stage}' (1 of ${slices.length}, ${slices[0]!.identifiers.length} identifiers) has not run`);
  const prev = slices[index - 1]!;
  const p = states.get(prev.name)!;
  if (p.status === "pending") return line("refused", `stage '${stage}' comes after stage '${prev.name}', which has not run (the order: ${names})`);
  if (p.status !== "done") return line("refused", `stage '${stage}' comes after stage '${prev.name}', which has not finished cleanly (${p.status})`);
  const due = dueAt(slices, states, index)!;
  if (now.getTime() < due.getTime()) {
    return line("refused", `stage '${stage}' may start at ${due.toISOString()}: stage '${prev.name}' ${endedAt(p)} and bakes ${formatDuration(prev.bakeSeconds)} (${formatDuration((due.getTime() - now.getTime()) / 1000)} to go)`);
  }
  return line(
    "ok",
    `stage '${stage}' (${index + 1} of ${slices.length}, ${slices[index]!.identifiers.length} identifiers) has not run; stage '${prev.name}' ${endedAt(p)}${prev.bakeSeconds > 0 ? ` and baked ${formatDuration(prev.bakeSeconds)}` : ""}`,
  );
}

/**
 * What the ledger says was destroyed: every stage that started, of every manifest (a failed stage may have
 * destroyed all of it), except a command that never started. A run marked for retry counts what the mark says
 * it destroyed (`--destroyed N`: at most N of each kind; 0: nothing), else all of it.
 */
export function pastSpend(entries: readonly LedgerEntry[]): PastSpend[] {
  const retried = new Map<string, number | undefined>();
  const notStarted = new Set<string>();
  for (const e of entries) {
    if (e.type === "mark" && e.as === "retry") retried.set(e.run, e.destroyed);
    else if (e.type === "end" && e.notStarted) notStarted.add(e.run);
  }
  const out: PastSpend[] = [];
  for (const e of entries) {
    if (e.type !== "start" || notStarted.has(e.run)) continue;
    const destroyed = retried.get(e.run);
    const label = `${e.manifest}/${e.stage}${retried.has(e.run) ? ` (retried${destroyed === undefined ? "" : `, ${destroyed} destroyed`})` : ""}`;
    out.push({ at: new Date(e.at), label, ...(destroyed === undefined ? e.spend : capSpend(e.spend, destroyed)) });
  }
  return out;
}

/** At most `n` objects of each kind (which kinds the n were is not known), and no customer when nothing was destroyed. */
function capSpend(spend: Spend, n: number): Spend {
  const byKind = Object.fromEntries(Object.entries(spend.byKind).map(([k, c]) => [k, Math.min(c, n)]));
  return { byKind, customers: n === 0 ? {} : spend.customers };
}

/** "ended at T", or "was marked done at T" (the bake counts from the mark). */
function endedAt(s: Extract<StageState, { status: "done" }>): string {
  return s.marked ? `was marked done at ${s.marked}` : `ended at ${s.ended}`;
}

/** Checks a line read from a ledger is an entry this version wrote; anything else makes the ledger unreadable. */
export function isLedgerEntry(v: unknown): v is LedgerEntry {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const e = v as Record<string, unknown>;
  const str = (k: string) => typeof e[k] === "string";
  if (!str("at") || Number.isNaN(Date.parse(e.at as string)) || !str("manifest") || !str("path") || !str("stage") || !str("by")) return false;
  switch (e.type) {
    case "decision":
      return str("decision") && Array.isArray(e.checks);
    case "start": {
      const spend = e.spend as Record<string, unknown> | null;
      return str("run") && str("digest") && typeof e.count === "number" && spend !== null && typeof spend === "object" && typeof spend.byKind === "object" && typeof spend.customers === "object";
    }
    case "end":
      return str("run") && (e.exitCode === null || typeof e.exitCode === "number") && (e.notStarted === undefined || e.notStarted === true);
    case "mark":
      return str("run") && (e.as === "done" || e.as === "retry") && str("reason") && (e.destroyed === undefined || (Number.isSafeInteger(e.destroyed) && (e.destroyed as number) >= 0));
    default:
      return false;
  }
}
