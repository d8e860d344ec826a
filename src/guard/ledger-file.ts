import { open, readFile, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { isLedgerEntry, type LedgerEntry } from "../check/ledger.js";

/** The ledger cannot be read, written or locked, or refuses the start: nothing runs. */
export class LedgerError extends Error {
  static {
    // The class's own name too: a minified bundle renames classes.
    Object.defineProperty(this, "name", { value: "LedgerError" });
  }

  /** True when the ledger could not be used at all (unreachable, unreadable, not writable): the guard cannot decide (exit 2), rather than refuses (exit 1). */
  constructor(
    message: string,
    readonly unavailable = false,
  ) {
    super(message);
    // Named explicitly: a minified bundle would otherwise show its own class name.
    this.name = "LedgerError";
  }
}

/** `run` refused to start the stage: the guard did not say go, or the ledger changed meanwhile (another run started, the budget filled). */
export class RunRefusedError extends LedgerError {
  static {
    Object.defineProperty(this, "name", { value: "RunRefusedError" });
  }

  constructor(message: string) {
    super(message, false);
    this.name = "RunRefusedError";
  }
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
export class JsonLinesLedger implements Ledger {
  readonly label: string;

  private missing = false;

  constructor(private readonly file: string) {
    this.label = file;
  }

  notice(): string | undefined {
    return this.missing ? `the ledger ${this.file} does not exist yet: no run recorded (or the path is wrong); the first guard creates it` : undefined;
  }

  async read(): Promise<LedgerEntry[]> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (e) {
      // A ledger not yet written holds nothing: the first run creates it, if its directory exists.
      if ((e as NodeJS.ErrnoException).code === "ENOENT") {
        const dir = path.dirname(this.file);
        if (
          !(await stat(dir).then(
            (st) => st.isDirectory(),
            () => false,
          ))
        )
          throw new LedgerError(`the ledger ${this.file} cannot be created: its directory ${dir} does not exist`, true);
        this.missing = true;
        return [];
      }
      throw new LedgerError(`the ledger ${this.file} cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, true);
    }
    const entries: LedgerEntry[] = [];
    const lines = text.split("\n");
    if (lines.at(-1) === "") lines.pop();
    else if (lines.length > 0) throw new LedgerError(`the ledger ${this.file} ends in the middle of line ${lines.length} (a write was cut short): repair its last line before any run`, true);
    lines.forEach((line, i) => {
      let v: unknown;
      try {
        v = JSON.parse(line);
      } catch {
        throw new LedgerError(`the ledger ${this.file}, line ${i + 1}, is not JSON: repair it before any run`, true);
      }
      if (!isLedgerEntry(v)) throw new LedgerError(`the ledger ${this.file}, line ${i + 1}, is not a ledger entry: repair it before any run`, true);
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
      throw new LedgerError(`the ledger ${this.file} cannot be written: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, true);
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
      throw new LedgerError(`the ledger lock ${lock} cannot be created: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, true);
    }
    try {
      return await fn();
    } finally {
      await unlink(lock).catch(() => undefined);
    }
  }
}
