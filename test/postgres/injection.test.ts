import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PostgresInventory } from "../../src/inventory/postgres.js";
import type { PostgresInventorySource } from "../../src/resolve/catalog.js";
import { CATALOG, INVENTORY, manifest } from "../support/fixtures.js";
import { makeRepo, PROJECT } from "../support/repo.js";
import { COLUMNS, freshDatabase, loadTable, postgresBlock, roUrl, runJson, sql, type Row } from "./support.js";

/** Identifiers that would break out of a quoted SQL string, were they ever spliced into one. */
const HOSTILE = [
  "a';DROP/**/TABLE/**/inventory.must_not_be_dropped;--",
  "a');DROP/**/TABLE/**/inventory.must_not_be_dropped;--",
  "a\\';DROP/**/TABLE/**/inventory.must_not_be_dropped;--",
  "a\\",
  '"a";DELETE/**/FROM/**/inventory.must_not_be_dropped',
  "$1",
  "x'||(SELECT/**/current_user)||'",
  "a-0001'OR'1'='1",
];
const LONG = "a".repeat(10_000);

let database: string;
const rows = INVENTORY.trim()
  .split("\n")
  .map((l) => JSON.parse(l) as Row);

async function intact(): Promise<void> {
  expect(await sql<{ n: string }>(database, "SELECT count(*) AS n FROM inventory.must_not_be_dropped")).toEqual([{ n: "1" }]);
  expect(await sql<{ n: string }>(database, "SELECT count(*) AS n FROM inventory.objects")).toEqual([{ n: String(rows.length + HOSTILE.length) }]);
}

beforeAll(async () => {
  database = await freshDatabase("inject");
  await loadTable(database, [...rows, ...HOSTILE.map((id, i) => ({ id, kind: "app", tenant: `t-h${i}`, customer: "c-h", environment: "production" }))]);
  await sql(database, "CREATE TABLE inventory.must_not_be_dropped (x int)");
  await sql(database, "INSERT INTO inventory.must_not_be_dropped VALUES (1)");
  await sql(database, "GRANT SELECT ON inventory.must_not_be_dropped TO blastgate_ro");
});

describe("identifiers reach Postgres as bound parameters, looked up literally", () => {
  it("quotes, semicolons, backslashes and a 10,000-character id: each found (or not) as written; the table that must not be dropped is intact", async () => {
    const repo = makeRepo({
      "policies/catalog.yaml": CATALOG.replace(/^inventory: .*\n/m, postgresBlock()),
      "policies/starter.yaml": readFileSync(path.join(PROJECT, "policies/starter.yaml"), "utf8").replace(/^rules:/m, "limits:\n  maxIdentifierLength: 20000\nrules:"),
      "ops/hostile.txt": [...HOSTILE, LONG, "a-0001"].join("\n") + "\n",
      "ops/hostile.yaml": manifest({ name: "hostile", identifiers: "ops/hostile.txt" }),
    });
    const r = await runJson(["check", "--now", "2026-11-24"], repo, { BLASTGATE_INVENTORY_URL: roUrl(database) });
    expect(r.stderr).toBe("");
    expect(r.report.problems).toEqual([]);
    // Every hostile id is an app row of its own (its own tenant); the long one is in no row.
    expect(r.report.plans[0]).toMatchObject({ targets: HOSTILE.length + 2, byKind: { app: HOSTILE.length + 1 }, notInInventory: 1, unresolved: 1, tenants: HOSTILE.length + 1 });
    await intact();
  });

  it("NUL and invisible characters are refused before any lookup (exit 2, the identifier named)", async () => {
    for (const id of ["a-0001\u0000", "a-0001\u200b"]) {
      const repo = makeRepo({
        "policies/catalog.yaml": CATALOG.replace(/^inventory: .*\n/m, postgresBlock()),
        "policies/starter.yaml": readFileSync(path.join(PROJECT, "policies/starter.yaml"), "utf8"),
        "ops/ids.txt": `a-0002\n${id}\n`,
        "ops/m.yaml": manifest({ name: "m", identifiers: "ops/ids.txt" }),
      });
      const r = await runJson(["check", "--now", "2026-11-24"], repo, { BLASTGATE_INVENTORY_URL: roUrl(database) });
      expect(r.code).toBe(2);
      expect(r.report.plans).toEqual([]);
      expect(r.report.problems[0]).toMatchObject({ location: { file: "ops/ids.txt", line: 2 } });
      await intact();
    }
  });

  it("the reader itself, handed any string: NUL (which Postgres text cannot hold) is in no row, the rest are looked up as written", async () => {
    const source: PostgresInventorySource = { type: "postgres", table: "inventory.objects", columns: { ...COLUMNS }, location: { file: "policies/catalog.yaml", line: 6, column: 3 } };
    const reader = new PostgresInventory(source, { env: { BLASTGATE_INVENTORY_URL: roUrl(database) } });
    const identifiers = [...HOSTILE, "a-0001\u0000'; DROP TABLE inventory.must_not_be_dropped; --", "a-0001\u200b", "a-0001 ", LONG, "a-0002"];
    const out = await reader.read({ identifiers, kinds: ["site", "app", "db-server", "database", "legacy"], timeoutSeconds: 30 });
    expect(out.problems).toEqual([]);
    const found = identifiers.filter((id) => out.inventory!.row(id) !== undefined);
    expect(found).toEqual([...HOSTILE, "a-0002"]);
    await intact();
  });
});
