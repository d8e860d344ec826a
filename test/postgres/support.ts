import { readFileSync } from "node:fs";
import pg from "pg";
import { inject } from "vitest";
import { runCliAsync, type CliRun, type JsonReport } from "../support/repo.js";
import { RO_PASSWORD, RO_USER } from "./roles.js";

export { RO_PASSWORD, RO_USER };

/** The column names the test tables use: unlike the fields', so the mapping is exercised. */
export const COLUMNS = { id: "object_id", kind: "object_type", tenant: "tenant_id", customer: "customer_id", environment: "env", parent: "parent_id", protected: "is_protected" } as const;

export function adminUrl(database = "postgres"): string {
  const u = new URL(inject("postgresAdminUrl"));
  u.pathname = `/${database}`;
  return u.toString();
}

/** A connection string for the read-only role (its password has characters a URL must escape). */
export function roUrl(database: string, { user = RO_USER, password = RO_PASSWORD, port = inject("postgresPort"), query = "" } = {}): string {
  return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}${query}`;
}

export async function sql<R extends pg.QueryResultRow = pg.QueryResultRow>(database: string, text: string, values: unknown[] = []): Promise<R[]> {
  const c = new pg.Client(adminUrl(database));
  await c.connect();
  try {
    return (await c.query<R>(text, values)).rows;
  } finally {
    await c.end();
  }
}

let counter = 0;
/** A new database the read-only role may connect to. */
export async function freshDatabase(prefix = "inv"): Promise<string> {
  const name = `${prefix}_${process.pid}_${++counter}_${Date.now() % 100000}`;
  await sql("postgres", `CREATE DATABASE ${name}`);
  await sql("postgres", `GRANT CONNECT ON DATABASE ${name} TO ${RO_USER}`);
  return name;
}

export type Row = Record<string, string | boolean | null | undefined>;

/** The rows of an NDJSON inventory file. */
export function ndjsonRows(file: string): Row[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Row);
}

/**
 * Creates inventory.objects (mapped column names, indexes on id and parent, no constraints so bad data
 * can be loaded) with the rows, readable by the read-only role.
 */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the assertion types the default, from which the parameter is inferred
export async function loadTable(database: string, rows: Row[], { table = "inventory.objects", types = {} as Partial<Record<keyof typeof COLUMNS, string>> } = {}): Promise<void> {
  const [schema] = table.split(".");
  const type = (f: keyof typeof COLUMNS) => types[f] ?? (f === "protected" ? "boolean" : "text");
  await sql(database, `CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await sql(
    database,
    `CREATE TABLE ${table} (${Object.entries(COLUMNS)
      .map(([f, c]) => `${c} ${type(f as keyof typeof COLUMNS)}`)
      .join(", ")})`,
  );
  await sql(database, `CREATE INDEX ON ${table} (${COLUMNS.id})`);
  await sql(database, `CREATE INDEX ON ${table} (${COLUMNS.parent})`);
  const fields = Object.keys(COLUMNS) as (keyof typeof COLUMNS)[];
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    const arrays = fields.map((f) => chunk.map((r) => (f === "protected" ? (r.protected === undefined ? false : r.protected) : (r[f] ?? null))));
    const unnest = `unnest(${fields.map((f, j) => `$${j + 1}::${f === "protected" ? "boolean" : "text"}[]`).join(", ")}) AS u(${fields.map((_, j) => `c${j}`).join(", ")})`;
    await sql(database, `INSERT INTO ${table} SELECT ${fields.map((f, j) => `c${j}::${type(f)}`).join(", ")} FROM ${unnest}`, arrays);
  }
  await sql(database, `GRANT USAGE ON SCHEMA ${schema} TO ${RO_USER}`);
  await sql(database, `GRANT SELECT ON ${table} TO ${RO_USER}`);
}

/** The catalog's `inventory:` block for a table with the test's column names. */
export function postgresBlock({ table = "inventory.objects", query, url = "env:BLASTGATE_INVENTORY_URL", columns = COLUMNS }: { table?: string; query?: string; url?: string; columns?: Record<string, string> } = {}): string {
  const source = query !== undefined ? `    query: ${JSON.stringify(query)}\n` : `    table: ${table}\n`;
  return `inventory:\n  postgres:\n    url: ${url}\n${source}    columns: { ${Object.entries(columns)
    .map(([f, c]) => `${f}: ${c}`)
    .join(", ")} }\n`;
}

export type Run = CliRun;

/** The CLI as a child process, asynchronously (a test may restart the server while it runs). */
export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return runCliAsync(args, cwd, { HOME: process.env.HOME ?? "", ...env });
}

export async function runJson(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run & { report: JsonReport & { inventory?: Record<string, unknown> } }> {
  const r = await runCli([...args, "--format", "json"], cwd, env);
  try {
    return { ...r, report: JSON.parse(r.stdout) };
  } catch {
    throw new Error(`not JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
}
