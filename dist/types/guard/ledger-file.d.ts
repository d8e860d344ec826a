import { type LedgerEntry } from "../check/ledger.js";
/** The ledger cannot be read, written or locked: the guard refuses the run. */
export declare class LedgerError extends Error {
}
/** Where entries are kept. A JSON Lines file today; the interface is what a database table implements. */
export interface Ledger {
    readonly label: string;
    read(): Promise<LedgerEntry[]>;
    append(entry: LedgerEntry): Promise<void>;
    /** Runs `fn` while no other guard can start a stage against this ledger. */
    exclusive<T>(fn: () => Promise<T>): Promise<T>;
}
/** An append-only JSON Lines file: one entry a line, each write flushed to disk before the run goes on. */
export declare class JsonLinesLedger implements Ledger {
    private readonly file;
    readonly label: string;
    constructor(file: string);
    read(): Promise<LedgerEntry[]>;
    append(entry: LedgerEntry): Promise<void>;
    exclusive<T>(fn: () => Promise<T>): Promise<T>;
}
/** The ledger a `--ledger` value names. */
export declare function openLedger(spec: string): Ledger;
