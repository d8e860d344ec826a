// Writes examples/: a small repository with a catalog, an inventory, the Atlassian-style manifest and its safe twin.
// Deterministic: run it again and nothing changes.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";

const root = new URL("../examples/", import.meta.url);
const pad = (n) => String(n).padStart(4, "0");
const SITES = 1200;
const TARGETS = 883; // sites that still had the deprecated Insight app
const CUSTOMERS = 1000;

// Sites 1..883 belong to 775 customers (some own several sites); the rest to other customers.
const customerOf = (i) => (i <= TARGETS ? ((i - 1) % 775) + 1 : 775 + ((i - TARGETS - 1) % (CUSTOMERS - 775)) + 1);
const rows = [];
for (let i = 1; i <= SITES; i++) {
  rows.push({ id: `site-${pad(i)}`, kind: "site", tenant: `tenant-${pad(i)}`, customer: `customer-${pad(customerOf(i))}`, environment: "production" });
}
for (let i = 1; i <= TARGETS; i++) {
  rows.push({ id: `app-${pad(i)}`, kind: "app", tenant: `tenant-${pad(i)}`, customer: `customer-${pad(customerOf(i))}`, environment: "production", parent: `site-${pad(i)}` });
}
mkdirSync(new URL("inventory/", root), { recursive: true });
writeFileSync(new URL("inventory/objects.ndjson", root), rows.map((r) => JSON.stringify(r)).join("\n") + "\n");

mkdirSync(new URL("ids/", root), { recursive: true });
const header = (what) => `# ${what}\n# one identifier per line; blank lines and # comments are ignored\n`;
writeFileSync(new URL("ids/insight-sites.txt", root), header("What the cleanup team handed over: site ids, not app ids") + Array.from({ length: TARGETS }, (_, i) => `site-${pad(i + 1)}`).join("\n") + "\n");
writeFileSync(new URL("ids/insight-apps.txt", root), header("The Insight app installations to remove") + Array.from({ length: TARGETS }, (_, i) => `app-${pad(i + 1)}`).join("\n") + "\n");

mkdirSync(new URL("policies/", root), { recursive: true });
copyFileSync(new URL("../policies/starter.yaml", import.meta.url), new URL("policies/starter.yaml", root));
