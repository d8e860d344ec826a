import path from "node:path";
import { JsonLinesLedger, type Ledger } from "./ledger-file.js";
import { PostgresLedger } from "./ledger-postgres.js";

/** The ledger a `--ledger` value (or BLASTGATE_LEDGER) names: a postgres:// URL, or a JSON Lines file relative to `cwd`. */
export function openLedger(spec: string, cwd: string): Ledger {
  if (/^postgres(ql)?:\/\//i.test(spec)) return new PostgresLedger(spec);
  return new JsonLinesLedger(path.resolve(cwd, spec));
}
