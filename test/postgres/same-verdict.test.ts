import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOG, INVENTORY, ids, manifest } from "../support/fixtures.js";
import { makeRepo, PROJECT } from "../support/repo.js";
import { freshDatabase, loadTable, ndjsonRows, postgresBlock, roUrl, runJson } from "./support.js";

const NOW = ["--now", "2026-11-24"];

/** What must be equal from a file and from Postgres: every finding, problem and plan, the verdict. */
function judged(report: Awaited<ReturnType<typeof runJson>>["report"], label: string) {
  // The inventory's name appears in a message ("not in the inventory inventory.ndjson"): the same place for both.
  const text = JSON.stringify({ verdict: report.verdict, counts: report.counts, findings: report.findings, problems: report.problems, plans: report.plans }).split(label).join("<inventory>");
  return JSON.parse(text) as unknown;
}

/** Runs one repository twice: with its file inventory, and with the same rows in Postgres. */
async function bothWays(repo: string, catalogFile: string, inventoryFile: string, fileLabel: string) {
  // The inventory line last in the catalog, so the Postgres block that replaces it moves no other line:
  // findings on the catalog (a kind's owner) are at the same place both ways.
  const original = readFileSync(path.join(repo, catalogFile), "utf8");
  const inventoryLine = /^inventory: .*\n/m.exec(original)![0];
  const catalog = `${original.replace(inventoryLine, "").trimEnd()}\n${inventoryLine}`;
  writeFileSync(path.join(repo, catalogFile), catalog);
  const fromFile = await runJson(["check", ...NOW], repo);
  const database = await freshDatabase("same");
  await loadTable(database, ndjsonRows(path.join(repo, inventoryFile)));
  writeFileSync(path.join(repo, catalogFile), catalog.replace(inventoryLine, postgresBlock()));
  const fromPostgres = await runJson(["check", ...NOW], repo, { BLASTGATE_INVENTORY_URL: roUrl(database) });
  expect(fromFile.stderr).toBe("");
  expect(fromPostgres.stderr).toBe("");
  expect(fromPostgres.code).toBe(fromFile.code);
  expect(judged(fromPostgres.report, "inventory.objects")).toEqual(judged(fromFile.report, fileLabel));
  return { fromFile, fromPostgres };
}

describe("the same verdict from a file inventory and from the same rows in Postgres", () => {
  it("the Atlassian example: findings, messages, locations and plans are equal", async () => {
    const repo = makeRepo({}, path.join(PROJECT, "examples"));
    const { fromFile, fromPostgres } = await bothWays(repo, "policies/catalog.yaml", "inventory/objects.ndjson", "inventory/objects.ndjson");
    expect(fromFile.report.verdict).toBe("blocked");
    expect(fromPostgres.report.findings.length).toBeGreaterThanOrEqual(9);
    expect(fromPostgres.report.plans.find((p) => p.manifest === "manifests/remove-insight-legacy.yaml")).toMatchObject({ targets: 883, customers: 775, contained: { total: 883 }, shareOfKind: { site: { of: 1200 } } });
    // Where the inventory came from, in the report.
    expect(fromFile.report.inventory).toEqual({ source: "file", path: "inventory/objects.ndjson", asOf: "2026-11-24T00:00:00.000Z", rows: 2083 });
    expect(fromPostgres.report.inventory).toMatchObject({ source: "postgres", table: "inventory.objects", rows: 2083 });
    expect(Math.abs(Date.parse(String(fromPostgres.report.inventory!.asOf)) - Date.now())).toBeLessThan(120_000);
  });

  it("the starter policies on sites, apps, database servers and their databases", async () => {
    const manifests: Record<string, string> = {
      // site ids handed to remove-app: wrong kind, contained apps, many customers, share of all sites
      "ops/wrong-kind.yaml": manifest({ name: "wrong-kind", identifiers: ids("s-", 1, 30) }),
      "ops/apps.yaml": manifest({ name: "apps", identifiers: ids("a-", 1, 12) }),
      // a staging site, a protected site, an id the inventory lacks but a pattern knows, a legacy id
      "ops/mixed.yaml": manifest({ name: "mixed", action: "delete-site", kind: "site", identifiers: ["s-0100", "s-0200", "s-0999", "s-0001"] }),
      "ops/servers.yaml": manifest({ name: "servers", action: "drop-server", kind: "db-server", identifiers: ["dbs-01"], deletion: "    mode: hard\n" }),
      "ops/legacy.yaml": manifest({ name: "legacy", action: "delete-legacy", kind: "legacy", identifiers: ["x-0001", "a-9001", "zz-1"] }),
      "ops/ids.txt": ids("a-", 20, 40).join("\n") + "\n",
      "ops/from-file.yaml": manifest({ name: "from-file", identifiers: "ops/ids.txt" }),
    };
    const strict = `apiVersion: blastgate.dev/v1
kind: Policy
metadata: { name: strict-inventory }
rules:
  - id: known-objects
    type: identifier-kind
    enforcement: soft-mandatory
    with: { requireInventory: true }
`;
    const repo = makeRepo({
      "policies/catalog.yaml": CATALOG,
      "policies/starter.yaml": readFileSync(path.join(PROJECT, "policies/starter.yaml"), "utf8"),
      "policies/strict.yaml": strict,
      "inventory.ndjson": INVENTORY,
      ...manifests,
    });
    const { fromPostgres } = await bothWays(repo, "policies/catalog.yaml", "inventory.ndjson", "inventory.ndjson");
    const byRule = new Set(fromPostgres.report.findings.map((f) => `${f.ruleId}/${f.messageId}`));
    // The cases reach what a live inventory must answer: kinds, containment, owners, shares, environments, protection, absence.
    for (const expected of ["target-kind/wrongKind", "target-kind/otherEnvironment", "target-kind/protected", "known-objects/notInInventory", "customer-data-limits/maxShareOfKind", "customer-data-limits/uncounted"])
      expect(byRule).toContain(expected);
    const servers = fromPostgres.report.plans.find((p) => p.manifest === "ops/servers.yaml")!;
    expect(servers.contained).toMatchObject({ total: 5, byKind: { database: 5 } });
  });
});
