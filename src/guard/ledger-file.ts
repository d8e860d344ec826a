import { open, readFile, unlink } from "node:fs/promises";
import { isLedgerEntry, type LedgerEntry } from "../check/ledger.js";

/** The ledger cannot be read, written or locked: the guard refuses the run. */
export class LedgerError extends Error {}

/** Where entries are kept. A JSON Lines file today; the interface is what a database table implements. */
export interface Ledger {
  readonly label: string;
  read(): Promise<LedgerEntry[]>;
  append(entry: LedgerEntry): Promise<void>;
  /** Runs `fn` while no other guard can start a stage against this ledger. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
}

/** An append-only JSON Lines file: one entry a line, each write flushed to disk before the run goes on. */
export class JsonLinesLedger implements Ledger {
  readonly label: string;

  constructor(private readonly file: string) {
    this.label = file;
  }

  async read(): Promise<LedgerEntry[]> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (e) {
      // A ledger not yet written holds nothing: the first run creates it.
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw new LedgerError(`the ledger ${this.file} cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const entries: LedgerEntry[] = [];
    const lines = text.split("\n");
    if (lines.at(-1) === "") lines.pop();
    else if (lines.length > 0) throw new LedgerError(`the ledger ${this.file} ends in the middle of line ${lines.length} (a write was cut short): repair its last line before any run`);
    lines.forEach((line, i) => {
      let v: unknown;
      try {
        v = JSON.parse(line);
      } catch {
        throw new LedgerError(`the ledger ${this.file}, line ${i + 1}, is not JSON: repair it before any run`);
      }
      if (!isLedgerEntry(v)) throw new LedgerError(`the ledger ${this.file}, line ${i + 1}, is not a ledger entry: repair it before any run`);
      entries.push(v);
    });
    return entries;
  }

  async append(entry: LedgerEntry): Promise<void> {
    try {
      const handle = await open(this.file, "a");
      try {
        await handle.write(JSON.stringify(entry) + "\n");
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (e) {
      throw new LedgerError(`the ledger ${this.file} cannot be written: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }

  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const lock = `${this.file}.lock`;
    try {
      const handle = await open(lock, "wx");
      await handle.write(`${process.pid} ${new Date().toISOString()}\n`);
      await handle.close();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST") {
        const holder = await readFile(lock, "utf8").catch(() => "");
        throw new LedgerError(`the ledger is locked by another guard (${holder.trim() || "unknown holder"}): if no guard is running, remove ${lock}`);
      }
      throw new LedgerError(`the ledger lock ${lock} cannot be created: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    try {
      return await fn();
    } finally {
      await unlink(lock).catch(() => undefined);
    }
  }
}

/** The ledger a `--ledger` value names. */
export function openLedger(spec: string): Ledger {
  if (/^postgres(ql)?:\/\//i.test(spec)) throw new LedgerError("a Postgres ledger is not supported yet: give a JSON Lines file");
  return new JsonLinesLedger(spec);
}
