import pg from "pg";
import { printable } from "../documents/identifiers.js";
import { describeTarget, redactor } from "./postgres-url.js";
import type { Problem } from "../documents/problem.js";
import { INVENTORY_FIELDS, type InventoryField, type PostgresInventorySource } from "../resolve/catalog.js";
import { an, describeCycle, Inventory, parentCycles, NAME, printableName, type InventoryInfo, type LiveInventory, type LiveInventoryRequest } from "../resolve/inventory.js";

/** Identifiers per statement: `= ANY($1::text[])` with this many values stays one index scan per batch. */
export const BATCH = 20_000;
export { redactor };
export const DEFAULT_URL_VARIABLE = "BLASTGATE_INVENTORY_URL";

const TEXT_TYPES = new Set([25, 1043, 1042, 19]); // text, varchar, char, name
const BOOL = 16;
const TYPE_NAMES: Record<number, string> = {
  16: "boolean",
  20: "bigint",
  21: "smallint",
  23: "integer",
  25: "text",
  700: "real",
  701: "double precision",
  1043: "character varying",
  1042: "character",
  1082: "date",
  1114: "timestamp",
  1184: "timestamptz",
  1700: "numeric",
  2950: "uuid",
  114: "json",
  3802: "jsonb",
};

export interface PostgresInventoryOptions {
  /** A connection string given directly (the CLI's --inventory-url, the Action's inventory-url input); wins over the variable. */
  url?: string;
  /** Where `url` came from, for messages: "--inventory-url", "input 'inventory-url'". */
  urlFrom?: string;
  env: Record<string, string | undefined>;
  /** Counts statements sent (the benchmark reports round trips). */
  onStatement?: () => void;
}

/** A reading failed: its message is already redacted and says what to fix. */
class InventoryError extends Error {}

/** The inventory in Postgres, read in one read-only snapshot per run: only the rows the run names, and counts over the rest. */
export class PostgresInventory implements LiveInventory {
  constructor(
    private readonly source: PostgresInventorySource,
    private readonly options: PostgresInventoryOptions,
  ) {}

  async read(request: LiveInventoryRequest): Promise<{ inventory?: Inventory; info?: InventoryInfo; problems: Problem[] }> {
    const problem = (message: string): Problem => ({ code: "inventory", message, location: this.source.location });
    const variable = this.source.urlVariable ?? DEFAULT_URL_VARIABLE;
    const url = this.options.url || this.options.env[variable];
    const from = this.options.url ? (this.options.urlFrom ?? "the given connection string") : `the variable ${variable}`;
    if (!url) {
      return {
        problems: [
          problem(
            `the catalog's inventory is in Postgres, but no connection string was given: set ${variable}${this.source.urlVariable ? " (the variable inventory.postgres.url names)" : ""} or pass --inventory-url (the Action: input inventory-url, from a secret)`,
          ),
        ],
      };
    }
    const redact = redactor(url);
    let target: string;
    try {
      target = describeTarget(url);
    } catch (e) {
      return { problems: [problem(redact(`the inventory connection string in ${from} ${(e as Error).message}`))] };
    }
    const timeoutMs = Math.max(1, Math.round(request.timeoutSeconds * 1000));
    const reader = new Reader(this.source, url, timeoutMs, this.options.onStatement);
    try {
      const out = await reader.run(request);
      return { ...out, problems: out.problems.map((p) => problem(redact(p))) };
    } catch (e) {
      const message = e instanceof InventoryError ? e.message : explain(e, { target, from, timeoutSeconds: request.timeoutSeconds, source: this.source, timedOut: reader.timedOut });
      return { problems: [problem(redact(`${message}; nothing was judged`))] };
    } finally {
      await reader.close();
    }
  }
}

/** One run's connection and transaction. */
class Reader {
  private readonly client: pg.Client;
  private readonly deadline: NodeJS.Timeout;
  private connected = false;
  private readonly timeoutMs: number;
  timedOut = false;
  /** The rows' source in a FROM clause, under an alias. */
  private readonly from: (alias?: string) => string;
  private readonly col: (f: InventoryField) => string;

  constructor(
    private readonly source: PostgresInventorySource,
    url: string,
    timeoutMs: number,
    private readonly onStatement?: () => void,
  ) {
    this.client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, application_name: "blastgate" });
    // A socket error between statements would otherwise be thrown from an event: the next statement reports it.
    this.client.on("error", () => {});
    // The whole read has one deadline (the server's statement_timeout bounds each statement; this bounds them together).
    this.deadline = setTimeout(() => {
      this.timedOut = true;
      (this.client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    }, timeoutMs);
    const relation = source.table !== undefined ? source.table.split(".").map(quoteName).join(".") : `(${source.query})`;
    this.from = (alias = "inventory_rows") => `${relation} AS ${alias}`;
    this.col = (f) => quoteName(source.columns[f]!);
    this.timeoutMs = timeoutMs;
  }

  async close(): Promise<void> {
    clearTimeout(this.deadline);
    if (this.connected) await this.client.end().catch(() => {});
  }

  private query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = [], rowMode?: "array"): Promise<pg.QueryResult<R>> {
    this.onStatement?.();
    return (rowMode ? this.client.query({ text, values, rowMode }) : this.client.query<R>(text, values)) as Promise<pg.QueryResult<R>>;
  }

  async run(request: LiveInventoryRequest): Promise<{ inventory?: Inventory; info?: InventoryInfo; problems: string[] }> {
    const problems: string[] = [];
    await this.client.connect();
    this.connected = true;
    const name = this.source.table ?? "the inventory query";
    // One snapshot for every statement (REPEATABLE READ), nothing written (READ ONLY), each statement bounded.
    this.onStatement?.();
    const begun = (await this.client.query(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL statement_timeout = ${this.timeoutMs}; SELECT now() AS as_of`)) as unknown as pg.QueryResult[];
    const asOf = (begun[begun.length - 1]!.rows[0] as { as_of: Date }).as_of.toISOString();

    const mapped = INVENTORY_FIELDS.filter((f) => this.source.columns[f] !== undefined);
    const selected = mapped.map((f) => this.col(f)).join(", ");
    // The mapped columns exist and have usable types (a LIMIT 0 reads no row).
    const shape = await this.query(`SELECT ${selected} FROM ${this.from()} LIMIT 0`);
    for (const [i, f] of mapped.entries()) {
      const type = shape.fields[i]!.dataTypeID;
      const ok = f === "protected" ? type === BOOL : TEXT_TYPES.has(type);
      if (!ok) {
        const typeName = TYPE_NAMES[type] ?? (await this.query<{ t: string }>("SELECT format_type($1::oid, NULL) AS t", [type])).rows[0]?.t ?? `type ${type}`;
        problems.push(
          `inventory.postgres.columns.${f}: the column ${this.source.columns[f]} of ${name} is ${typeName}; it must be ${f === "protected" ? "boolean" : "text (or varchar)"}${f === "id" || f === "parent" ? ` (identifiers are compared as text: use query: with ${this.source.columns[f]}::text AS ${this.source.columns[f]}, and index that expression)` : ""}`,
        );
      }
    }
    if (problems.length > 0) return { problems };

    // Pushed down: how many objects of each kind and which environments the whole inventory holds (maxShareOfKind), rows without an id or kind.
    const env = this.source.columns.environment !== undefined ? this.col("environment") : "NULL::text";
    const totalsResult = await this.query(`SELECT ${this.col("kind")} AS kind, ${env} AS environment, count(*) AS n, count(*) FILTER (WHERE ${this.col("id")} IS NULL) AS no_id FROM ${this.from()} GROUP BY 1, 2`, [], "array");
    const kinds = new Map<string, number>();
    const environments = new Set<string>();
    let rows = 0;
    let noId = 0;
    let noKind = 0;
    const known = new Set(request.kinds);
    const unknownKinds = new Map<string, number>();
    const envCounts = new Map<string, number>();
    let noEnvironment = 0;
    for (const [kind, environment, n, nulls] of totalsResult.rows as [string | null, string | null, string, string][]) {
      const count = Number(n);
      rows += count;
      noId += Number(nulls);
      if (kind === null) {
        noKind += count;
        continue;
      }
      kinds.set(kind, (kinds.get(kind) ?? 0) + count);
      if (!known.has(kind)) unknownKinds.set(kind, (unknownKinds.get(kind) ?? 0) + count);
      if (environment !== null && environment !== "") {
        if (!NAME.test(environment)) problems.push(`${name} holds the environment '${printable(environment)}' (column ${this.source.columns.environment}), which is not a plain name (letters, digits, . _ -)`);
        environments.add(environment);
        envCounts.set(environment, (envCounts.get(environment) ?? 0) + count);
      } else noEnvironment += count;
    }
    problems.push(...this.environmentProblems(name, envCounts, noEnvironment, request.model?.environments));
    if (noId > 0) problems.push(`${name} holds ${noId} row${noId === 1 ? "" : "s"} with no id (NULL in the column ${this.source.columns.id}): every object needs one`);
    if (noKind > 0) problems.push(`${name} holds ${noKind} row${noKind === 1 ? "" : "s"} with no kind (NULL in the column ${this.source.columns.kind}): every object needs one`);
    for (const [kind, n] of unknownKinds) {
      problems.push(
        `${name} holds ${n} object${n === 1 ? "" : "s"} of kind '${printable(kind)}' (column ${this.source.columns.kind}), which the catalog does not define (kinds: ${request.kinds.join(", ")}): add the kind to the catalog, or select only known kinds with query:`,
      );
    }
    if (problems.length > 0) return { problems };

    const inventory = new Inventory(this.source.table ?? "postgres query");
    inventory.setTotals({ kinds, environments: [...environments].sort(), rows });
    const loaded = new RowLoader(inventory, this.source, name);
    await this.lookup(request.identifiers, loaded);
    problems.push(...loaded.problems());
    if (problems.length === 0 && request.model && this.source.columns.parent !== undefined) problems.push(...(await this.parentProblems(inventory, request.model.parentKinds, name)));
    this.onStatement?.();
    await this.client.query("ROLLBACK");
    if (problems.length > 0) return { problems };
    inventory.settle();
    const info: InventoryInfo = { source: "postgres", asOf, rows };
    if (this.source.table !== undefined) info.table = this.source.table;
    return { inventory, info, problems };
  }

  /** Environments the whole table holds that the catalog does not list, and rows without one when it lists some (as a file inventory's rows are refused). */
  private environmentProblems(name: string, counts: ReadonlyMap<string, number>, none: number, listed: readonly string[] | undefined): string[] {
    if (!listed || listed.length === 0) return [];
    const column = this.source.columns.environment;
    const out: string[] = [];
    for (const [environment, n] of counts) {
      if (listed.includes(environment) || !NAME.test(environment)) continue;
      out.push(
        `${name} holds ${n} object${n === 1 ? "" : "s"} in the environment '${environment}' (column ${column}), which is not one of the catalog's environments (${listed.join(", ")}): add it to the catalog's environments, or select only listed ones with query:`,
      );
    }
    if (none > 0) {
      const where = column === undefined ? "inventory.postgres.columns names no environment column" : `NULL or empty in the column ${column}`;
      out.push(`${name} holds ${none} row${none === 1 ? "" : "s"} with no environment (${where}); the catalog lists environments (${listed.join(", ")}), so each row names one`);
    }
    return out;
  }

  /**
   * The parents of the rows read (targets and the objects inside them): each an id of the table, of the
   * kind the catalog nests the row's kind in, and no cycle among them. Parents not read yet are looked up,
   * a batch per statement; the rest of the table is not walked (a live inventory is read only where a run looks).
   */
  private async parentProblems(inv: Inventory, parentKinds: ReadonlyMap<string, string | undefined>, name: string): Promise<string[]> {
    const out: string[] = [];
    let more = 0;
    const refuse = (r: number, why: string) => (out.length < 5 ? out.push(`${name}: the row with id '${printable(inv.idAt(r))}' ${why}`) : more++);
    const kindCheck = (r: number, parentId: string, parentKind: string) => {
      const kind = inv.kindOf(r);
      const expected = parentKinds.get(kind);
      if (expected === undefined) refuse(r, `is ${an(kind)}, inside nothing in the catalog (kinds.${kind} names no parent), but its parent is '${printable(parentId)}' (${an(parentKind)})`);
      else if (parentKind !== expected) refuse(r, `has the parent '${printable(parentId)}', ${an(parentKind)}; the catalog puts ${an(kind)} inside ${an(expected)} (kinds.${kind}.parent)`);
    };
    for (let r = 0; r < inv.size; r++) {
      const p = inv.parentRow(r);
      if (p >= 0) kindCheck(r, inv.idAt(p), inv.kindOf(p));
    }
    const waiting = new Map<string, number[]>();
    for (const [r, parent] of inv.unknownParents()) waiting.set(parent, [...(waiting.get(parent) ?? []), r]);
    const ids = [...waiting.keys()];
    for (let i = 0; i < ids.length; i += BATCH) {
      const result = await this.query(`SELECT ${this.col("id")}, ${this.col("kind")} FROM ${this.from()} WHERE ${this.col("id")} = ANY($1::text[])`, [ids.slice(i, i + BATCH)], "array");
      for (const [id, kind] of result.rows as [string, string | null][]) {
        for (const r of waiting.get(id) ?? []) kindCheck(r, id, kind ?? "");
        waiting.delete(id);
      }
    }
    for (const [parent, rows] of waiting) for (const r of rows) refuse(r, `has the parent '${printable(parent)}', which is not an id in ${name}`);
    const [cycle] = parentCycles(inv);
    if (cycle) out.push(`${name}: ${describeCycle(inv, cycle)}`);
    if (more > 0) out.push(`${more} more rows of ${name} with a bad parent`);
    return out;
  }

  /** The rows of the identifiers, a batch per statement, each with the objects inside it (by parent, transitively). */
  private async lookup(identifiers: Iterable<string>, loader: RowLoader): Promise<void> {
    const cols = INVENTORY_FIELDS.map((f) => (this.source.columns[f] !== undefined ? this.col(f) : f === "protected" ? "false" : "NULL::text"));
    const select = (alias: string) => cols.map((c) => (/^(false|NULL::text)$/.test(c) ? c : `${alias}.${c}`)).join(", ");
    const id = this.col("id");
    let text: string;
    if (this.source.columns.parent !== undefined) {
      const parent = this.col("parent");
      // UNION (not ALL) in the recursion: a parent cycle ends instead of looping.
      text =
        `WITH RECURSIVE targets AS (SELECT ${select("t")} FROM ${this.from("t")} WHERE t.${id} = ANY($1::text[])), ` +
        `inside AS (SELECT ${select("c")} FROM ${this.from("c")} JOIN targets p ON c.${parent} = p.id UNION SELECT ${select("c")} FROM ${this.from("c")} JOIN inside p ON c.${parent} = p.id) ` +
        `SELECT 0, * FROM targets UNION ALL SELECT 1, * FROM inside`;
      // The CTE's columns are named after the fields (id, kind, ...), whatever the table calls them.
      text = text.replace(/WITH RECURSIVE targets AS/, `WITH RECURSIVE targets(${INVENTORY_FIELDS.join(", ")}) AS`).replace(/inside AS/, `inside(${INVENTORY_FIELDS.join(", ")}) AS`);
    } else {
      text = `SELECT 0, ${cols.join(", ")} FROM ${this.from()} WHERE ${id} = ANY($1::text[])`;
    }
    let batch: string[] = [];
    const flush = async () => {
      const result = await this.query(text, [batch], "array");
      loader.add(result.rows as Row[]);
      batch = [];
    };
    for (const value of identifiers) {
      // Postgres text cannot hold NUL: such an identifier names no row, and is not sent.
      if (value.includes("\0")) continue;
      batch.push(value);
      if (batch.length === BATCH) await flush();
    }
    if (batch.length > 0) await flush();
  }
}

type Row = [number, string | null, string | null, string | null, string | null, string | null, string | null, boolean | null];

/** Adds fetched rows to the inventory with the file's checks, naming each bad row. */
class RowLoader {
  private readonly bad: string[] = [];
  private badCount = 0;
  private duplicates: string[] = [];
  private duplicateCount = 0;
  /** Rows added as objects inside a target (not looked up by id): meeting one again as a target is no duplicate. */
  private readonly inside = new Set<number>();

  constructor(
    private readonly inventory: Inventory,
    private readonly source: PostgresInventorySource,
    private readonly name: string,
  ) {}

  add(rows: Row[]): void {
    const start = this.inventory.size;
    // Targets first: a row met as a target in this batch and inside another target is one object.
    for (const level of [0, 1]) {
      for (const row of rows) {
        if (row[0] !== level) continue;
        const [, id, kind, tenant, customer, environment, parent, isProtected] = row;
        const why = this.check(id, kind, tenant, customer, environment, parent);
        if (why) {
          if (++this.badCount <= 5) this.bad.push(why);
          continue;
        }
        const existing = this.inventory.row(id!);
        if (existing !== undefined) {
          if (level === 1) continue;
          if (this.inside.delete(existing) && existing < start) continue;
          if (++this.duplicateCount <= 3) this.duplicates.push(id!);
          continue;
        }
        this.inventory.addRow(id!, kind!, tenant!, customer!, environment ?? "", parent || undefined, isProtected === true);
        if (level === 1) this.inside.add(this.inventory.size - 1);
      }
    }
  }

  private check(id: string | null, kind: string | null, tenant: string | null, customer: string | null, environment: string | null, parent: string | null): string | undefined {
    const c = this.source.columns;
    const where = `${this.name}: the row with id '${printable(id ?? "")}'`;
    if (id === null) return `${this.name}: a row with no id (NULL in the column ${c.id})`;
    if (kind === null) return `${where} has no kind (NULL in the column ${c.kind})`;
    if (!NAME.test(kind)) return `${where} has the kind '${printable(kind)}', which is not a plain name (letters, digits, . _ -)`;
    if (environment !== null && environment !== "" && !NAME.test(environment)) return `${where} has the environment '${printable(environment)}', which is not a plain name`;
    for (const [field, value] of [
      ["id", id],
      ["tenant", tenant],
      ["customer", customer],
      ["parent", parent],
    ] as const) {
      if (value === null) {
        if (field === "tenant" || field === "customer") return `${where} has no ${field} (NULL in the column ${c[field]})`;
        continue;
      }
      if (field === "parent" && value === "") continue;
      if (!printableName(value)) return `${where} has ${field === "id" ? "an id" : `the ${field} '${printable(value)}'`} ${value.length > 512 ? "longer than 512 characters" : "holding white space, control or non-ASCII characters"}`;
    }
    return undefined;
  }

  problems(): string[] {
    const out = [...this.bad];
    if (this.badCount > 5) out.push(`${this.badCount - 5} more bad rows in ${this.name}`);
    for (const id of this.duplicates)
      out.push(`${this.name} holds more than one row for the id '${printable(id)}' (column ${this.source.columns.id})${this.source.query !== undefined ? ": the query must return one row per id" : ": ids must be unique"}`);
    if (this.duplicateCount > 3) out.push(`${this.duplicateCount - 3} more duplicate ids in ${this.name}`);
    return out;
  }
}

/** A Postgres identifier, quoted: the catalog's names are checked already, quoting keeps their case. */
function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** What went wrong, and what to fix, for a database error. */
function explain(e: unknown, ctx: { target: string; from: string; timeoutSeconds: number; source: PostgresInventorySource; timedOut: boolean }): string {
  const err = e as { code?: string; message?: string; column?: string };
  const code = err?.code;
  const msg = String(err?.message ?? e);
  const name = ctx.source.table ?? "the inventory query";
  if (ctx.timedOut || code === "57014" || /timeout exceeded when trying to connect/i.test(msg)) {
    return `the inventory database (${ctx.target}) did not answer within limits.inventoryTimeout (${ctx.timeoutSeconds}s): add an index on the id${ctx.source.columns.parent ? " and parent" : ""} columns, or raise limits.inventoryTimeout in the Policy`;
  }
  if (code === "ECONNREFUSED") return `cannot connect to the inventory database at ${ctx.target}: connection refused (is the server running, and are the host and port in ${ctx.from} right?)`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `cannot connect to the inventory database at ${ctx.target}: the host name does not resolve (check ${ctx.from})`;
  if (code === "28P01") return `the inventory database at ${ctx.target} refused the password for its user (check the secret in ${ctx.from})`;
  if (code === "3D000") return `the inventory database at ${ctx.target} does not exist (check the database name in ${ctx.from})`;
  if (code === "28000" && /no encryption/i.test(msg)) return `the inventory database at ${ctx.target} accepts only TLS connections: add ?sslmode=require (or verify-full with the server's CA) to ${ctx.from}`;
  if (code === "28000") return `the inventory database at ${ctx.target} refused the connection (pg_hba.conf has no entry for this user and host): ${firstLine(msg)}`;
  if (/server does not support SSL/i.test(msg)) return `the inventory database at ${ctx.target} does not offer TLS, but ${ctx.from} asks for it (sslmode)`;
  if (code === "42P01") return `${name}: ${firstLine(msg)} (check inventory.postgres.table, and that the role may see its schema)`;
  if (code === "42703") {
    const column = /column "?([^" ]+)"? does not exist/.exec(msg)?.[1];
    const field = column ? INVENTORY_FIELDS.find((f) => ctx.source.columns[f] === column.replace(/^\w+\./, "")) : undefined;
    return `${name} has no column ${column ?? "(unnamed)"}${field ? ` (inventory.postgres.columns.${field} names it)` : ""}: map each field to a column that exists`;
  }
  if (code === "42501") return `the inventory database's role may not read ${name}: ${firstLine(msg)} (GRANT SELECT to the role, see docs/inventory.md)`;
  if (code === "42601" || code === "42883" || code === "42804") return `inventory.postgres.query: ${firstLine(msg)}`;
  if (code === "57P01" || code === "57P02" || code === "57P03" || code === "ECONNRESET" || code === "EPIPE" || /Connection terminated|connection terminated|Client has encountered a connection error/i.test(msg)) {
    return `the connection to the inventory database at ${ctx.target} was lost mid-run (the server restarted or closed it): run the check again`;
  }
  return `the inventory database at ${ctx.target} failed${code ? ` (${code})` : ""}: ${firstLine(msg)}`;
}

function firstLine(s: string): string {
  return printable(s.split("\n")[0]!, 300);
}
