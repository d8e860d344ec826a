/**
 * The ledger as a Postgres table: one row per entry, insert only. The entry itself is kept whole
 * (jsonb, the same object a JSON Lines line holds); the columns beside it are what an operator
 * queries and indexes. Each operation opens its own connection and closes it: a stage that runs for
 * hours holds no idle connection a server or a proxy could drop between its start and its end.
 */
import type pg from "pg";
import { isLedgerEntry, type LedgerEntry } from "../check/ledger.js";
import { printable } from "../documents/identifiers.js";
import { describeTarget, redactor } from "../inventory/postgres-url.js";
import { LedgerError, type Ledger } from "./ledger-file.js";

export const DEFAULT_LEDGER_TABLE = "blastgate_ledger";
const CONNECT_TIMEOUT_MS = 10_000;
const STATEMENT_TIMEOUT_MS = 30_000;
/** How long `run` waits for another guard's exclusive section (a read and an insert: milliseconds, normally). */
const LOCK_TIMEOUT = "60s";
const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}(\.[A-Za-z_][A-Za-z0-9_]{0,62})?$/;

/** The table's DDL (docs/runtime-guard.md prints the same), for a table name already checked against TABLE_NAME. */
export function ledgerDdl(table: string): string {
  const q = quoteTable(table);
  const base = table.split(".").pop()!;
  const index = (suffix: string, cols: string) => `CREATE INDEX IF NOT EXISTS "${base}_${suffix}" ON ${q} (${cols});`;
  return [
    `CREATE TABLE IF NOT EXISTS ${q} (`,
    "  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,",
    "  at timestamptz NOT NULL,",
    "  manifest text NOT NULL,",
    "  path text NOT NULL,",
    "  stage text NOT NULL,",
    "  type text NOT NULL CHECK (type IN ('decision', 'start', 'end', 'mark')),",
    "  entry jsonb NOT NULL,",
    "  recorded_at timestamptz NOT NULL DEFAULT now()",
    ");",
    index("manifest", "manifest, stage"),
    index("path", "path, stage"),
    index("at", "at"),
    index("type", "type"),
  ].join("\n");
}

function quoteTable(table: string): string {
  return table
    .split(".")
    .map((p) => `"${p}"`)
    .join(".");
}

type Phase = "reached" | "read" | "written" | "locked";

export class PostgresLedger implements Ledger {
  readonly label: string;
  private readonly url: string;
  private readonly table: string;
  private readonly redact: (text: string) => string;
  /** The connection of the exclusive section under way: read and append go through its transaction. */
  private tx: pg.Client | undefined;
  private ensured = false;

  /** `postgres://user:password@host:port/database[?table=schema.name]`; the table defaults to blastgate_ledger. */
  constructor(spec: string) {
    this.redact = redactor(spec);
    let url = spec;
    let table = DEFAULT_LEDGER_TABLE;
    try {
      const u = new URL(spec);
      const named = u.searchParams.get("table");
      if (named !== null) {
        u.searchParams.delete("table");
        url = u.toString();
        table = named;
      }
      this.label = `postgres://${describeTarget(url)} (table ${printable(table)})`;
    } catch (e) {
      throw new LedgerError(this.redact(`the ledger ${spec} ${(e as Error).message}`), true);
    }
    if (!TABLE_NAME.test(table)) throw new LedgerError(`the ledger ${this.label}: ?table= must be a table name, optionally schema-qualified (letters, digits, _)`, true);
    this.url = url;
    this.table = table;
  }

  async read(): Promise<LedgerEntry[]> {
    return this.use("read", async (client) => {
      const { rows } = await client.query<{ seq: string; entry: unknown }>(`SELECT seq, entry FROM ${quoteTable(this.table)} ORDER BY seq`);
      return rows.map((r) => {
        if (!isLedgerEntry(r.entry)) throw new LedgerError(`the ledger ${this.label}, row seq ${r.seq}, is not a ledger entry: repair it before any run`, true);
        return r.entry;
      });
    });
  }

  async append(entry: LedgerEntry): Promise<void> {
    await this.use("written", (client) =>
      client.query(`INSERT INTO ${quoteTable(this.table)} (at, manifest, path, stage, type, entry) VALUES ($1, $2, $3, $4, $5, $6::jsonb)`, [entry.at, entry.manifest, entry.path, entry.stage, entry.type, JSON.stringify(entry)]),
    );
  }

  /**
   * One transaction holding a transaction-scoped advisory lock keyed on the table: a second guard's
   * exclusive section waits for the first's commit, then reads its `start`. The key is the table, not
   * the manifest, because budgets add up every manifest's runs: two manifests' stages deciding at once
   * could each stay within a budget that together they exceed. The section is a read and an insert,
   * so serialising every guard of the ledger costs milliseconds. SERIALIZABLE would also be correct,
   * but its conflicts surface as errors (40001) every caller would have to retry; the lock just waits,
   * and a crash releases it with the connection.
   */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.tx) return fn();
    return this.use("locked", async (client) => {
      await client.query("BEGIN");
      try {
        await client.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
        await client.query("SELECT pg_advisory_xact_lock(hashtext('blastgate ledger'), hashtext($1))", [this.table]);
        this.tx = client;
        const out = await fn();
        this.tx = undefined;
        await client.query("COMMIT");
        return out;
      } catch (e) {
        this.tx = undefined;
        await client.query("ROLLBACK").catch(() => undefined);
        throw e;
      }
    });
  }

  /** Runs `fn` on the exclusive section's connection, or on a connection of its own; every failure a LedgerError naming the ledger. */
  private async use<T>(phase: Phase, fn: (client: pg.Client) => Promise<T>): Promise<T> {
    if (this.tx) return this.failing(phase, () => fn(this.tx!));
    let client: pg.Client | undefined;
    try {
      client = await this.failing("reached", () => this.connect());
      const c = client;
      await this.failing(phase, () => this.ensure(c));
      return await this.failing(phase, () => fn(c));
    } finally {
      await client?.end().catch(() => undefined);
    }
  }

  private async failing<T>(phase: Phase, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof LedgerError) throw e;
      const err = e as { code?: string };
      throw new LedgerError(this.redact(`the ledger ${this.label} cannot be ${phase}: ${explain(e, this.table)}`), err.code !== "55P03");
    }
  }

  private async connect(): Promise<pg.Client> {
    const { default: driver } = await import("pg");
    const client = new driver.Client({ connectionString: this.url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, statement_timeout: STATEMENT_TIMEOUT_MS, application_name: "blastgate guard" });
    // A socket error between statements would otherwise be thrown from an event: the next statement reports it.
    client.on("error", () => undefined);
    await client.connect();
    return client;
  }

  /** Creates the table when it is missing (a role with only INSERT and SELECT never needs to). */
  private async ensure(client: pg.Client): Promise<void> {
    if (this.ensured) return;
    const { rows } = await client.query<{ t: string | null }>("SELECT to_regclass($1)::text AS t", [quoteTable(this.table)]);
    if (rows[0]?.t === null) {
      try {
        await client.query(ledgerDdl(this.table));
      } catch (e) {
        const code = (e as { code?: string }).code;
        // Another guard created it at the same moment.
        if (code !== "42P07" && code !== "23505") throw Object.assign(e as Error, { creating: true });
      }
    }
    this.ensured = true;
  }
}

/** What went wrong, and what to fix, for a database error. */
function explain(e: unknown, table: string): string {
  const err = e as { code?: string; message?: string; creating?: boolean };
  const msg = printable(String(err?.message ?? e).split("\n")[0]!, 300);
  switch (err?.code) {
    case "ECONNREFUSED":
      return "connection refused (is the server running, and are the host and port right?)";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "the host name does not resolve";
    case "28P01":
      return "the server refused the password for its user (check the secret the ledger URL comes from)";
    case "3D000":
      return "the database does not exist";
    case "28000":
      return `the server refused the connection: ${msg}`;
    case "42501":
      if (err.creating) return `the table ${table} does not exist and the role may not create it (${msg}): create it once with the DDL in docs/runtime-guard.md`;
      return `${msg} (the role that runs the guard needs SELECT and INSERT on ${table}: see docs/runtime-guard.md)`;
    case "55P03":
      return `another guard has held the ledger's lock for over ${LOCK_TIMEOUT}: try again once it has recorded its start`;
    case "57014":
      return `a statement ran past ${STATEMENT_TIMEOUT_MS / 1000}s`;
  }
  if (/timeout expired|timeout exceeded when trying to connect/i.test(msg)) return `the server did not answer within ${CONNECT_TIMEOUT_MS / 1000}s`;
  if (/Connection terminated|ECONNRESET|EPIPE/i.test(msg)) return "the connection was lost (the server restarted or closed it)";
  return `${err?.code ? `(${err.code}) ` : ""}${msg}`;
}
