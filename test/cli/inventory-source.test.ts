import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOG, manifest } from "../support/fixtures.js";
import { makeRepo, PROJECT, runCli, runJson } from "../support/repo.js";

/** A repository whose catalog's inventory is `block`; these cases are refused before any connection. */
function repo(block: string, limits = ""): string {
  return makeRepo({
    "policies/catalog.yaml": CATALOG.replace(/^inventory: .*\n/m, block),
    "policies/starter.yaml": readFileSync(path.join(PROJECT, "policies/starter.yaml"), "utf8").replace(/^rules:/m, `${limits}rules:`),
    "ops/apps.yaml": manifest(),
  });
}
const messages = (dir: string) => {
  const r = runJson(["check", "--now", "2026-11-24"], dir);
  expect(r.code).toBe(2);
  expect(r.report.findings).toEqual([]);
  return r.report.problems.map((p) => `${p.location.file}:${p.location.line} ${p.message}`);
};

describe("the catalog's inventory.postgres, checked before anything connects", () => {
  it("a connection string written in the repository is refused, and not repeated", () => {
    const url = "postgres://ro:hunter2-in-the-repo@db.internal:5432/inventory";
    const r = runJson(["check", "--now", "2026-11-24"], repo(`inventory:\n  postgres:\n    url: ${url}\n    table: inventory.objects\n`));
    expect(r.code).toBe(2);
    expect(r.report.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^inventory\.postgres\.url must name an environment variable, as env:BLASTGATE_INVENTORY_URL/)]);
    expect(r.stdout).not.toContain("hunter2");
    expect(runCli(["check", "--now", "2026-11-24"], repo(`inventory:\n  postgres:\n    url: ${url}\n    table: inventory.objects\n`)).stdout).not.toContain("hunter2");
  });

  it("exactly one of table and query; names Postgres would read as written; one column per field", () => {
    expect(messages(repo("inventory:\n  postgres:\n    url: env:INV\n"))).toEqual(["policies/catalog.yaml:5 inventory.postgres needs either table (a table or view, as schema.name) or query (a SELECT returning the mapped columns)"]);
    expect(messages(repo("inventory:\n  postgres:\n    table: inventory.objects\n    query: SELECT 1\n"))).toEqual([
      "policies/catalog.yaml:5 inventory.postgres needs only one of table (a table or view, as schema.name) and query (a SELECT returning the mapped columns)",
    ]);
    expect(messages(repo('inventory:\n  postgres:\n    table: "objects; DROP TABLE x"\n'))[0]).toMatch(/^policies\/catalog\.yaml:6 inventory\.postgres\.table must be text matching/);
    expect(messages(repo("inventory:\n  postgres:\n    table: objects\n    columns: { id: object_id, parent: object_id }\n"))).toEqual(["policies/catalog.yaml:7 inventory.postgres.columns maps both id and parent to the column object_id"]);
  });

  it("limits.inventoryTimeout is a duration or whole seconds, above zero", () => {
    const block = "inventory:\n  postgres:\n    table: objects\n";
    expect(messages(repo(block, "limits:\n  inventoryTimeout: 0s\n"))).toContain("policies/starter.yaml:10 limits.inventoryTimeout: must be longer than 0s");
    expect(messages(repo(block, "limits:\n  inventoryTimeout: soon\n"))).toContainEqual(expect.stringMatching(/^policies\/starter\.yaml:10 limits\.inventoryTimeout must be a duration such as 30d/));
    // Valid timeouts pass the policy; what remains is the connection string nobody gave.
    for (const t of ["30s", "2m", "45"]) {
      expect(messages(repo(block, `limits:\n  inventoryTimeout: ${t}\n`))).toEqual([
        expect.stringMatching(/^policies\/catalog\.yaml:5 the catalog's inventory is in Postgres, but no connection string was given: set BLASTGATE_INVENTORY_URL or pass --inventory-url/),
      ]);
    }
  });

  it("--help names --inventory-url", () => {
    expect(runCli(["--help"], PROJECT).stdout).toMatch(/--inventory-url <url>\s+connection string of a Postgres inventory/);
  });
});
