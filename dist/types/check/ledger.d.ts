/**
 * The ledger of runs: every guard decision and every stage's start, end and exit code, append-only.
 * Pure: entries in, the state of each stage and the guard's stage decision out. Where the entries live
 * (a JSON Lines file, a database table) is the caller's business.
 */
import type { PastSpend, Spend } from "../measure/budgets.js";
import type { StageSlice } from "../measure/stages.js";
export type CheckName = "merged" | "approved" | "current" | "ids" | "stage" | "environment" | "budget";
export declare const CHECK_NAMES: readonly CheckName[];
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
export type LedgerEntry = (Base & {
    type: "decision";
    decision: "go" | "refused" | "unknown";
    checks: CheckLine[];
    digest?: string;
}) | (Base & {
    type: "start";
    run: string;
    digest: string;
    count: number;
    spend: Spend;
    command?: string[];
})
/** `notStarted`: the command could not be started (not found, not executable): the run did nothing, and neither the stage nor the budget counts it. */
 | (Base & {
    type: "end";
    run: string;
    exitCode: number | null;
    signal?: string;
    notStarted?: true;
})
/**
 * Someone looked at a stage that did not finish cleanly: `done` lets the next stage go (its bake counts from the mark),
 * `retry` lets it run again. `destroyed`: how many objects the run did destroy, said with `retry` (default: all it was handed).
 */
 | (Base & {
    type: "mark";
    run: string;
    as: "done" | "retry";
    reason: string;
    destroyed?: number;
});
export type StageState = 
/** `ended`: when the bake starts, the mark's time for a stage marked done (`exited`: its own end, if any). */
{
    status: "done";
    started: string;
    ended: string;
    exitCode: number | null;
    marked?: string;
    exited?: string;
}
/** Started and not ended: still running, or it crashed and nobody marked it. */
 | {
    status: "running";
    started: string;
    run: string;
} | {
    status: "failed";
    started: string;
    ended: string;
    exitCode: number | null;
    signal?: string;
    run: string;
} | {
    status: "pending";
};
/** Each stage's state, from the entries of one manifest (by name or path: a rename does not reset it). */
export declare function stageStates(entries: readonly LedgerEntry[], manifest: {
    name: string;
    path: string;
}, stages: readonly {
    name: string;
}[]): Map<string, StageState>;
/** The run of a stage that did not end cleanly (what `mark` names), if any. */
export declare function unfinishedRun(states: ReadonlyMap<string, StageState>, stage: string): string | undefined;
/** When a pending stage may start: its predecessor's end plus that stage's bake (undefined: its predecessor has not finished). */
export declare function dueAt(slices: readonly StageSlice[], states: ReadonlyMap<string, StageState>, index: number): Date | undefined;
/** A stage runs once, in the manifest's order, and not before the previous stage ended plus its bake. */
export declare function judgeStage(slices: readonly StageSlice[], states: ReadonlyMap<string, StageState>, stage: string | undefined, now: Date): CheckLine;
/**
 * What the ledger says was destroyed: every stage that started, of every manifest (a failed stage may have
 * destroyed all of it), except a command that never started. A run marked for retry counts what the mark says
 * it destroyed (`--destroyed N`: at most N of each kind; 0: nothing), else all of it.
 */
export declare function pastSpend(entries: readonly LedgerEntry[]): PastSpend[];
/** Checks a line read from a ledger is an entry this version wrote; anything else makes the ledger unreadable. */
export declare function isLedgerEntry(v: unknown): v is LedgerEntry;
export {};
