import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { startPostgres } from "../../scripts/postgres-server.mjs";
import { CATALOG, INVENTORY, manifest } from "../support/fixtures.js";
import { makeRepo, PROJECT } from "../support/repo.js";
import { COLUMNS, freshDatabase, loadTable, postgresBlock, RO_PASSWORD, roUrl, runCli, runJson, sql, type Row } from "./support.js";
import { TLS_USER } from "./roles.js";

const NOW = ["--now", "2026-11-24"];
const rows = INVENTORY.trim()
  .split("\n")
  .map((l) => JSON.parse(l) as Row);
let database: string;

beforeAll(async () => {
  database = await freshDatabase("faults");
  await loadTable(database, rows);
  await loadTable(database, [...rows, { id: null, kind: "app", tenant: "t", customer: "c", environment: "production" }], { table: "inventory.null_ids" });
  await loadTable(database, [...rows, { id: "a-0999", kind: null, tenant: "t", customer: "c" }], { table: "inventory.null_kinds" });
  await loadTable(database, [...rows, rows.find((r) => r.id === "a-0001")!], { table: "inventory.duplicates" });
  await loadTable(database, [...rows, { id: "w-1", kind: "widget", tenant: "t", customer: "c", environment: "production" }], { table: "inventory.unknown_kinds" });
  await loadTable(database, [{ id: "1", kind: "app", tenant: "t", customer: "c" }], { table: "inventory.integer_ids", types: { id: "integer" } });
  await loadTable(database, rows, { table: "inventory.text_flags", types: { protected: "text" } });
  await loadTable(
    database,
    [...rows, { id: "a-0003", kind: "app", tenant: null, customer: "c", environment: "production" }].filter((r, i, all) => r.id !== "a-0003" || i === all.length - 1),
    { table: "inventory.null_tenants" },
  );
  await sql(database, "CREATE TABLE inventory.secret AS SELECT * FROM inventory.objects");
  // The checks a file inventory's rows get: parents (unknown, of another kind, cycles) and environments the catalog lists.
  const without = (id: string) => rows.filter((r) => r.id !== id);
  await loadTable(database, without("s-0002"), { table: "inventory.unknown_parent" });
  await loadTable(database, [...without("a-0002"), { ...rows.find((r) => r.id === "a-0002")!, parent: "db-001" }], { table: "inventory.wrong_parent_kind" });
  await loadTable(database, [...without("a-0003"), { ...rows.find((r) => r.id === "a-0003")!, parent: "x-0001" }, { id: "x-0001", kind: "app", tenant: "t", customer: "c", environment: "production", parent: "a-0003" }], {
    table: "inventory.parent_cycle",
  });
  await loadTable(database, [...rows, { id: "s-0900", kind: "site", tenant: "t", customer: "c", environment: "qa" }], { table: "inventory.unlisted_environment" });
  await loadTable(database, [...rows, { id: "s-0901", kind: "site", tenant: "t", customer: "c", environment: null }], { table: "inventory.no_environment" });
});

/** A repository judging two app ids against the catalog with `block` as its inventory. */
function repo(block: string, policyLimits = ""): string {
  return makeRepo({
    "policies/catalog.yaml": CATALOG.replace(/^inventory: .*\n/m, block),
    "policies/starter.yaml": readFileSync(path.join(PROJECT, "policies/starter.yaml"), "utf8").replace(/^rules:/m, `${policyLimits}rules:`),
    "ops/apps.yaml": manifest({ name: "apps", identifiers: ["a-0001", "a-0002", "a-0003"] }),
  });
}

const SECRETS = [RO_PASSWORD, encodeURIComponent(RO_PASSWORD)];

/** Exit 2, one clear problem, nothing judged, no password anywhere (JSON and text, stdout and stderr). */
async function failsClosed(dir: string, env: Record<string, string>, message: RegExp, args: string[] = [], secrets = SECRETS) {
  const json = await runJson(["check", ...NOW, ...args], dir, env);
  const text = await runCli(["check", ...NOW, ...args], dir, env);
  expect(json.code).toBe(2);
  expect(text.code).toBe(2);
  expect(json.stderr).toBe("");
  expect(json.report.verdict).toBe("error");
  expect(json.report.findings).toEqual([]);
  expect(json.report.plans).toEqual([]);
  expect(json.report.problems.map((p) => p.message)).toEqual([expect.stringMatching(message)]);
  expect(json.report.problems[0]!.location.file).toBe("policies/catalog.yaml");
  expect(text.stdout).toContain(json.report.problems[0]!.message);
  for (const out of [json.stdout, json.stderr, text.stdout, text.stderr]) for (const secret of secrets) expect(out).not.toContain(secret);
  return json.report.problems[0]!.message;
}

describe("a Postgres inventory that cannot be read fails closed (exit 2), names what to fix, and never prints the password", () => {
  it("reads the table when all is well (the cases below differ from this one in one thing)", async () => {
    const r = await runJson(["check", ...NOW], repo(postgresBlock()), { BLASTGATE_INVENTORY_URL: roUrl(database) });
    expect(r.stderr).toBe("");
    expect(r.report.problems).toEqual([]);
    expect(r.report.plans[0]).toMatchObject({ targets: 3, byKind: { app: 3 }, customers: 3 });
    for (const secret of SECRETS) expect(r.stdout).not.toContain(secret);
    const text = await runCli(["check", ...NOW], repo(postgresBlock()), { BLASTGATE_INVENTORY_URL: roUrl(database) });
    expect(text.stdout.split("\n")[1]).toMatch(/^inventory: postgres inventory\.objects as of \d\d:\d\d:\d\dZ$/);
  });

  it("no connection string: names the variable and the flag", async () => {
    await failsClosed(repo(postgresBlock({ url: "env:MY_INVENTORY" })), {}, /no connection string was given: set MY_INVENTORY \(the variable inventory\.postgres\.url names\) or pass --inventory-url/);
  });

  it("--inventory-url wins over the variable", async () => {
    const r = await runJson(["check", ...NOW, "--inventory-url", roUrl(database)], repo(postgresBlock()), { BLASTGATE_INVENTORY_URL: roUrl("nowhere") });
    expect(r.report.problems).toEqual([]);
    expect(r.report.inventory).toMatchObject({ source: "postgres", rows: rows.length });
  });

  it("a connection string written in the catalog is refused without being echoed", async () => {
    const dir = repo(postgresBlock({ url: roUrl(database) }));
    const r = await runJson(["check", ...NOW], dir);
    expect(r.code).toBe(2);
    expect(r.report.problems.map((p) => p.message)).toEqual([expect.stringMatching(/inventory\.postgres\.url must name an environment variable/)]);
    for (const secret of SECRETS) expect(r.stdout).not.toContain(secret);
  });

  it("a connection string that is not a URL", async () => {
    // Port 99999 makes it no URL; the parser's own error would quote the input, password and all.
    const url = "postgres://blastgate_ro:hunter2-secret@127.0.0.1:99999/inventory";
    await failsClosed(repo(postgresBlock()), { BLASTGATE_INVENTORY_URL: url }, /the inventory connection string in the variable BLASTGATE_INVENTORY_URL is not a URL/, [], ["hunter2-secret", url]);
    await failsClosed(repo(postgresBlock()), { BLASTGATE_INVENTORY_URL: "mysql://blastgate_ro:hunter2-secret@127.0.0.1/inventory" }, /is not a postgres:\/\/ URL \(it starts with mysql:\/\/\)/, [], ["hunter2-secret"]);
  });

  it("connection refused", async () => {
    await failsClosed(repo(postgresBlock()), { BLASTGATE_INVENTORY_URL: roUrl(database, { port: 1 }) }, /^cannot connect to the inventory database at blastgate_ro@127\.0\.0\.1:1\/faults_\w+: connection refused/);
  });

  it("wrong password", async () => {
    await failsClosed(repo(postgresBlock()), { BLASTGATE_INVENTORY_URL: roUrl(database, { password: `${RO_PASSWORD}-wrong` }) }, /refused the password for its user \(check the secret in the variable BLASTGATE_INVENTORY_URL\)/);
  });

  it("unknown database", async () => {
    await failsClosed(repo(postgresBlock()), { BLASTGATE_INVENTORY_URL: roUrl("no_such_db") }, /the inventory database at blastgate_ro@127\.0\.0\.1:\d+\/no_such_db does not exist/);
  });

  it("TLS required", async () => {
    await failsClosed(repo(postgresBlock()), { BLASTGATE_INVENTORY_URL: roUrl(database, { user: TLS_USER }) }, /accepts only TLS connections: add \?sslmode=require/);
  });

  it("a table that does not exist, and one the role may not read", async () => {
    await failsClosed(repo(postgresBlock({ table: "inventory.nope" })), { BLASTGATE_INVENTORY_URL: roUrl(database) }, /^inventory\.nope: relation "inventory\.nope" does not exist/);
    await failsClosed(repo(postgresBlock({ table: "inventory.secret" })), { BLASTGATE_INVENTORY_URL: roUrl(database) }, /may not read inventory\.secret: permission denied/);
  });

  it("a mapped column that does not exist", async () => {
    await failsClosed(repo(postgresBlock({ columns: { ...COLUMNS, parent: "parent_ref" } })), { BLASTGATE_INVENTORY_URL: roUrl(database) }, /^inventory\.objects has no column parent_ref \(inventory\.postgres\.columns\.parent names it\)/);
  });

  it("wrong column types", async () => {
    await failsClosed(repo(postgresBlock({ table: "inventory.integer_ids" })), { BLASTGATE_INVENTORY_URL: roUrl(database) }, /^inventory\.postgres\.columns\.id: the column object_id of inventory\.integer_ids is integer; it must be text/);
    await failsClosed(
      repo(postgresBlock({ table: "inventory.text_flags" })),
      { BLASTGATE_INVENTORY_URL: roUrl(database) },
      /^inventory\.postgres\.columns\.protected: the column is_protected of inventory\.text_flags is text; it must be boolean/,
    );
  });

  it("NULL ids and kinds, NULL tenants among the rows looked up", async () => {
    await failsClosed(repo(postgresBlock({ table: "inventory.null_ids" })), { BLASTGATE_INVENTORY_URL: roUrl(database) }, /^inventory\.null_ids holds 1 row with no id \(NULL in the column object_id\)/);
    await failsClosed(repo(postgresBlock({ table: "inventory.null_kinds" })), { BLASTGATE_INVENTORY_URL: roUrl(database) }, /^inventory\.null_kinds holds 1 row with no kind \(NULL in the column object_type\)/);
    await failsClosed(repo(postgresBlock({ table: "inventory.null_tenants" })), { BLASTGATE_INVENTORY_URL: roUrl(database) }, /^inventory\.null_tenants: the row with id 'a-0003' has no tenant \(NULL in the column tenant_id\)/);
  });

  it("duplicate ids, and a query returning two rows for one id", async () => {
    await failsClosed(repo(postgresBlock({ table: "inventory.duplicates" })), { BLASTGATE_INVENTORY_URL: roUrl(database) }, /^inventory\.duplicates holds more than one row for the id 'a-0001' \(column object_id\): ids must be unique/);
    const query = "SELECT * FROM inventory.objects UNION ALL SELECT * FROM inventory.objects WHERE object_id = 'a-0002'";
    await failsClosed(repo(postgresBlock({ query })), { BLASTGATE_INVENTORY_URL: roUrl(database) }, /^the inventory query holds more than one row for the id 'a-0002' \(column object_id\): the query must return one row per id/);
  });

  it("a kind the catalog does not define", async () => {
    await failsClosed(
      repo(postgresBlock({ table: "inventory.unknown_kinds" })),
      { BLASTGATE_INVENTORY_URL: roUrl(database) },
      /^inventory\.unknown_kinds holds 1 object of kind 'widget' \(column object_type\), which the catalog does not define/,
    );
  });

  it("rows whose parent is not in the table, of another kind than the catalog nests, or in a cycle (as a file inventory's rows)", async () => {
    const env = { BLASTGATE_INVENTORY_URL: roUrl(database) };
    await failsClosed(repo(postgresBlock({ table: "inventory.unknown_parent" })), env, /^inventory\.unknown_parent: the row with id 'a-0002' has the parent 's-0002', which is not an id in inventory\.unknown_parent/);
    await failsClosed(
      repo(postgresBlock({ table: "inventory.wrong_parent_kind" })),
      env,
      /^inventory\.wrong_parent_kind: the row with id 'a-0002' has the parent 'db-001', a database; the catalog puts an app inside a site \(kinds\.app\.parent\)/,
    );
    // A cycle also breaks the catalog's nesting (no catalog nests a kind in itself): every problem is listed.
    const cycle = await runJson(["check", ...NOW], repo(postgresBlock({ table: "inventory.parent_cycle" })), env);
    expect(cycle.code).toBe(2);
    expect(cycle.report.problems.map((p) => p.message)).toContain("inventory.parent_cycle: parent cycle: a-0003 → x-0001 → a-0003: an object cannot be inside itself");
  });

  it("an environment the catalog does not list, and a row without one when it lists some", async () => {
    const env = { BLASTGATE_INVENTORY_URL: roUrl(database) };
    await failsClosed(
      repo(postgresBlock({ table: "inventory.unlisted_environment" })),
      env,
      /^inventory\.unlisted_environment holds 1 object in the environment 'qa' \(column env\), which is not one of the catalog's environments \(production, staging\)/,
    );
    await failsClosed(repo(postgresBlock({ table: "inventory.no_environment" })), env, /^inventory\.no_environment holds 1 row with no environment \(NULL or empty in the column env\); the catalog lists environments/);
  });

  it("a statement past limits.inventoryTimeout", async () => {
    const query = "SELECT o.* FROM inventory.objects o CROSS JOIN pg_sleep(5)";
    const message = await failsClosed(repo(postgresBlock({ query }), "limits:\n  inventoryTimeout: 1s\n"), { BLASTGATE_INVENTORY_URL: roUrl(database) }, /did not answer within limits\.inventoryTimeout \(1s\)/);
    expect(message).toMatch(/nothing was judged$/);
  });

  it("the server restarted mid-run", async () => {
    const server = await startPostgres();
    try {
      await sql2(server.adminUrl(), "CREATE TABLE objects (object_id text, object_type text, tenant_id text, customer_id text, env text, parent_id text, is_protected boolean)");
      await sql2(server.adminUrl(), "INSERT INTO objects VALUES ('a-0001', 'app', 't', 'c', 'production', NULL, false)");
      const query = "SELECT o.* FROM objects o CROSS JOIN pg_sleep(4)";
      const dir = repo(postgresBlock({ query }));
      const pending = runJson(["check", ...NOW], dir, { BLASTGATE_INVENTORY_URL: server.adminUrl() });
      await new Promise((r) => setTimeout(r, 1500));
      server.restart();
      const r = await pending;
      expect(r.code).toBe(2);
      expect(r.report.findings).toEqual([]);
      expect(r.report.problems.map((p) => p.message)).toEqual([
        expect.stringMatching(/^the connection to the inventory database at blastgate@127\.0\.0\.1:\d+\/postgres was lost mid-run \(the server restarted or closed it\): run the check again; nothing was judged$/),
      ]);
      expect(r.stdout).not.toContain("superuser-secret");
    } finally {
      server.stop();
    }
  });
});

async function sql2(url: string, text: string): Promise<void> {
  const { default: pg } = await import("pg");
  const c = new pg.Client(url);
  await c.connect();
  await c.query(text);
  await c.end();
}
