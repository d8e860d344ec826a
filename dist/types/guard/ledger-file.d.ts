import { type LedgerEntry } from "../check/ledger.js";
/** The ledger cannot be read, written or locked, or refuses the start: nothing runs. */
export declare class LedgerError extends Error {
    readonly unavailable: boolean;
    /** True when the ledger could not be used at all (unreachable, unreadable, not writable): the guard cannot decide (exit 2), rather than refuses (exit 1). */
    constructor(message: string, unavailable?: boolean);
}
/** `run` refused to start the stage: the guard did not say go, or the ledger changed meanwhile (another run started, the budget filled). */
export declare class RunRefusedError extends LedgerError {
    constructor(message: string);
}
/** Where entries are kept: a JSON Lines file (here) or a Postgres table (ledger-postgres.ts). */
export interface Ledger {
    readonly label: string;
    read(): Promise<LedgerEntry[]>;
    append(entry: LedgerEntry): Promise<void>;
    /** Runs `fn` while no other guard can start a stage against this ledger. */
    exclusive<T>(fn: () => Promise<T>): Promise<T>;
    /** After read(): a line to tell the user about the ledger (a file that does not exist yet), if any. */
    notice?(): string | undefined;
}
/** An append-only JSON Lines file: one entry a line, each write flushed to disk before the run goes on. */
export declare class JsonLinesLedger implements Ledger {
    private readonly file;
    readonly label: string;
    private missing;
    constructor(file: string);
    notice(): string | undefined;
    read(): Promise<LedgerEntry[]>;
    append(entry: LedgerEntry): Promise<void>;
    exclusive<T>(fn: () => Promise<T>): Promise<T>;
}
