import { type LedgerEntry } from "../check/ledger.js";
import { type Ledger } from "./ledger-file.js";
export declare const DEFAULT_LEDGER_TABLE = "blastgate_ledger";
/** The table's DDL (docs/runtime-guard.md prints the same), for a table name already checked against TABLE_NAME. */
export declare function ledgerDdl(table: string): string;
export declare class PostgresLedger implements Ledger {
    readonly label: string;
    private readonly url;
    private readonly table;
    private readonly redact;
    /** The connection of the exclusive section under way: read and append go through its transaction. */
    private tx;
    private ensured;
    /** `postgres://user:password@host:port/database[?table=schema.name]`; the table defaults to blastgate_ledger. */
    constructor(spec: string);
    read(): Promise<LedgerEntry[]>;
    append(entry: LedgerEntry): Promise<void>;
    /**
     * One transaction holding a transaction-scoped advisory lock keyed on the table: a second guard's
     * exclusive section waits for the first's commit, then reads its `start`. The key is the table, not
     * the manifest, because budgets add up every manifest's runs: two manifests' stages deciding at once
     * could each stay within a budget that together they exceed. The section is a read and an insert,
     * so serialising every guard of the ledger costs milliseconds. SERIALIZABLE would also be correct,
     * but its conflicts surface as errors (40001) every caller would have to retry; the lock just waits,
     * and a crash releases it with the connection.
     */
    exclusive<T>(fn: () => Promise<T>): Promise<T>;
    /** Runs `fn` on the exclusive section's connection, or on a connection of its own; every failure a LedgerError naming the ledger. */
    private use;
    private failing;
    private connect;
    /** Creates the table when it is missing (a role with only INSERT and SELECT never needs to). */
    private ensure;
}
