import { type CheckLine } from "../check/ledger.js";
import type { Problem } from "../documents/problem.js";
export interface GuardOptions {
    /** The manifest, relative to `cwd`. */
    manifest: string;
    stage?: string;
    /** The identifiers the script is about to act on (the text of an identifier list, or the ids themselves). */
    ids?: string | readonly string[];
    /** Where this runs; default BLASTGATE_ENVIRONMENT. */
    environment?: string;
    /** The protected branch; default the remote's default branch. */
    branch?: string;
    /** owner/name; default GITHUB_REPOSITORY. */
    repo?: string;
    /** A JSON Lines file or a postgres:// URL; default BLASTGATE_LEDGER. */
    ledger?: string;
    now?: Date;
    cwd?: string;
    /** The policies directory, repository-relative (default `policies`). */
    policies?: string;
    /** The live inventory's connection string, when the catalog names a database (default: from the environment, as the check reads it). */
    inventoryUrl?: string;
    /** The git remote (default `origin`). */
    remote?: string;
    env?: Record<string, string | undefined>;
}
export type Decision = "go" | "refused" | "unknown";
/** How the run's function ended, when a bare exit code does not say it all. */
export interface RunOutcome {
    exitCode: number;
    /** The signal that ended the command (its exit code is then 128 + n). */
    signal?: string;
    /** The command could not be started: the ledger records the run as not having happened (the stage stays pending, the budget does not count it). */
    notStarted?: true;
}
export interface GuardResult {
    decision: Decision;
    /** 0 go, 1 refused, 2 cannot decide. */
    exitCode: 0 | 1 | 2;
    checks: CheckLine[];
    /** One line per check: `<check>: ok|refused|unknown: <reason>`. */
    text: string;
    /** What the user should know besides the checks (a ledger file that did not exist yet). */
    notes: string[];
    manifest?: {
        name: string;
        path: string;
        digest: string;
    };
    /** The stage and the identifiers approved for it (what the run acts on). */
    stage?: {
        name: string;
        identifiers: string[];
    };
    /**
     * Records the stage's start, calls `fn` with its approved identifiers, records its end and exit code
     * (a throw records exit code 1 and is rethrown). Refuses (RunRefusedError) when the guard did not say go,
     * or when the ledger changed meanwhile so that the stage or the budget no longer holds; LedgerError
     * when the ledger cannot be used.
     */
    run(fn: (identifiers: string[]) => Promise<number | void | RunOutcome>, command?: string[]): Promise<number>;
}
export declare function formatChecks(checks: readonly CheckLine[]): string;
/** Asks every check and records the decision in the ledger. Never throws for a reason it understands. */
export declare function guard(opts: GuardOptions): Promise<GuardResult>;
/** The problem to show first: one at a line of a file before one about a whole directory ("no Policy document in policies/"). */
export declare function firstProblem(problems: readonly Problem[]): Problem | undefined;
