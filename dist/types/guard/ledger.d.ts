import { type Ledger } from "./ledger-file.js";
/** The ledger a `--ledger` value (or BLASTGATE_LEDGER) names: a postgres:// URL, or a JSON Lines file relative to `cwd`. */
export declare function openLedger(spec: string, cwd: string): Ledger;
