/** A small world for rule tests: sites holding apps, database servers holding databases. */

export const CATALOG = `apiVersion: blastgate.dev/v1
kind: Catalog
environments: [production, staging]
inventory: inventory.ndjson
kinds:
  site:
    identifier: { pattern: "s-[0-9]{4}" }
    products: [jira, confluence]
    owner: acme/sites
  app:
    identifier: { pattern: "a-[0-9]{4}" }
    parent: site
    products: [insight]
  db-server:
    identifier: { pattern: "dbs-[0-9]{2}" }
    products: [postgres]
  database:
    identifier: { pattern: "db-[0-9]{3}" }
    parent: db-server
    products: [postgres]
  legacy:
    identifier: { pattern: "x-[0-9]{4}|a-9[0-9]{3}" }
actions:
  remove-app: { target: app, destructive: true }
  delete-site: { target: site, destructive: true }
  drop-server: { target: db-server, destructive: true }
  delete-legacy: { target: legacy, destructive: true }
products:
  jira: { rpo: 1h, restorePoint: 1h, datastores: [jira-db, media] }
  confluence: { rpo: 2h, restorePoint: 3h, datastores: [confluence-db, media] }
  insight: { rpo: 30m, restorePoint: 1h, datastores: [insight-db] }
  postgres: { rpo: 15m, restorePoint: 15m, datastores: [pg] }
`;

const pad = (n: number, w = 4) => String(n).padStart(w, "0");
const rows: object[] = [];
for (let i = 1; i <= 40; i++) rows.push({ id: `s-${pad(i)}`, kind: "site", tenant: `t-${i}`, customer: `c-${((i - 1) % 10) + 1}`, environment: "production" });
for (let i = 1; i <= 40; i++) rows.push({ id: `a-${pad(i)}`, kind: "app", tenant: `t-${i}`, customer: `c-${((i - 1) % 10) + 1}`, environment: "production", parent: `s-${pad(i)}` });
rows.push({ id: "s-0100", kind: "site", tenant: "t-100", customer: "c-100", environment: "staging" });
rows.push({ id: "s-0200", kind: "site", tenant: "t-200", customer: "c-200", environment: "production", protected: true });
rows.push({ id: "dbs-01", kind: "db-server", tenant: "t-db", customer: "c-db", environment: "production" });
for (let i = 1; i <= 5; i++) rows.push({ id: `db-${pad(i, 3)}`, kind: "database", tenant: "t-db", customer: "c-db", environment: "production", parent: "dbs-01" });

export const INVENTORY = rows.map((r) => JSON.stringify(r)).join("\n") + "\n";

export const ids = (prefix: string, from: number, to: number, width = 4) => Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${pad(from + i, width)}`);

export interface ManifestFields {
  name?: string;
  environment?: string;
  action?: string;
  kind?: string;
  expectedCount?: number;
  identifiers?: string[] | string;
  deletion?: string;
  rollout?: string;
  rollback?: string;
  metadata?: string;
}

/**
 * A manifest in YAML, fields written out so tests can point at lines by their text.
 * `identifiers` as a string names an identifier file.
 */
export function manifest(f: ManifestFields = {}): string {
  const idsYaml = typeof f.identifiers === "string" ? `    identifiers:\n      file: ${f.identifiers}\n` : `    identifiers:\n${(f.identifiers ?? ["a-0001", "a-0002"]).map((i) => `      - ${i}\n`).join("")}`;
  return `apiVersion: blastgate.dev/v1
kind: Operation
metadata:
  name: ${f.name ?? "cleanup"}
${f.metadata ?? "  ticket: OPS-1\n  requestedBy: acme/apps\n  executedBy: acme/sre\n"}spec:
  environment: ${f.environment ?? "production"}
  action: ${f.action ?? "remove-app"}
  target:
    kind: ${f.kind ?? "app"}
${f.expectedCount !== undefined ? `    expectedCount: ${f.expectedCount}\n` : ""}${idsYaml}  deletion:
${f.deletion ?? "    mode: soft\n    retention: 30d\n"}${f.rollout ?? ""}${f.rollback ?? ""}`;
}
