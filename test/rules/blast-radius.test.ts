import { ids, manifest } from "../support/fixtures.js";
import { ruleTester } from "../support/rule-tester.js";

const stages = (...s: string[]) => `  rollout:\n    stages:\n${s.map((x) => `      - ${x}\n`).join("")}`;
const apps = (n: number) => ids("a-", 1, n);
const sites = (n: number) => ids("s-", 1, n);

ruleTester({
  type: "blast-radius",
  options: { maxTargets: 10 },
  valid: [
    { name: "under maxTargets", manifest: manifest({ identifiers: apps(10) }) },
    { name: "expectedCount matches", manifest: manifest({ identifiers: apps(3), expectedCount: 3 }) },
    { name: "tenants and customers within limits", manifest: manifest({ identifiers: apps(10) }), options: { maxTenants: 10, maxCustomers: 10 } },
    { name: "share of kind within the floor", manifest: manifest({ action: "delete-site", kind: "site", identifiers: sites(4) }), options: { maxShareOfKind: 0.1 } },
    { name: "staged run above the threshold", manifest: manifest({ identifiers: apps(30), rollout: stages("{ name: canary, count: 2 }", "{ name: rest, count: 28 }") }), options: { requireStagesAbove: 10, maxFirstStage: 2, maxPerStage: 28 } },
    { name: "percent stages cover every target", manifest: manifest({ identifiers: apps(30), rollout: stages("{ name: canary, percent: 10 }", "{ name: rest, percent: 90 }") }), options: { requireStagesAbove: 10, maxFirstStage: 3 } },
    { name: "contained objects within the limit", manifest: manifest({ action: "drop-server", kind: "db-server", identifiers: ["dbs-01"] }), options: { maxContained: 5 } },
  ],
  invalid: [
    {
      name: "over maxTargets",
      manifest: manifest({ identifiers: apps(11) }),
      errors: [{ messageId: "maxTargets", at: "identifiers:", evidence: { count: 11, max: 10 } }],
    },
    {
      name: "expectedCount differs from what the identifiers name",
      manifest: manifest({ identifiers: apps(5), expectedCount: 1 }),
      errors: [{ messageId: "expectedCount", at: "expectedCount: 1", evidence: { count: 5, expectedCount: 1 } }],
    },
    {
      name: "too many customers",
      manifest: manifest({ identifiers: apps(10) }),
      options: { maxCustomers: 3 },
      errors: [{ messageId: "maxCustomers", at: "identifiers:", evidence: { count: 10, max: 3 } }],
    },
    {
      name: "too many tenants",
      manifest: manifest({ identifiers: apps(10) }),
      options: { maxTenants: 9 },
      errors: [{ messageId: "maxTenants", at: "identifiers:", evidence: { count: 10 } }],
    },
    {
      name: "over the capacity floor of a kind",
      manifest: manifest({ action: "delete-site", kind: "site", identifiers: sites(10) }),
      options: { maxShareOfKind: 0.1 },
      errors: [{ messageId: "maxShareOfKind", at: "identifiers:", evidence: { kind: "site", count: 10, of: 42 } }],
    },
    {
      name: "a single-stage run over the threshold",
      manifest: manifest({ identifiers: apps(11) }),
      options: { requireStagesAbove: 10 },
      errors: [{ messageId: "unstaged", at: "spec:", evidence: { count: 11 } }],
    },
    {
      name: "one stage is still not a staged rollout",
      manifest: manifest({ identifiers: apps(11), rollout: stages("{ name: all, count: 11 }") }),
      options: { requireStagesAbove: 10 },
      errors: [{ messageId: "unstaged", at: "rollout:" }],
    },
    {
      name: "a stage over maxPerStage points at that stage",
      manifest: manifest({ identifiers: apps(30), rollout: stages("{ name: canary, count: 2 }", "{ name: big, count: 28 }") }),
      options: { maxPerStage: 20 },
      errors: [{ messageId: "maxPerStage", at: "name: big", evidence: { stage: "big", count: 28 } }],
    },
    {
      name: "a canary larger than allowed",
      manifest: manifest({ identifiers: apps(30), rollout: stages("{ name: canary, percent: 50 }", "{ name: rest, percent: 50 }") }),
      options: { maxFirstStage: 5 },
      errors: [{ messageId: "maxFirstStage", at: "name: canary", evidence: { count: 15, max: 5 } }],
    },
    {
      name: "customers cannot be counted for identifiers the inventory does not hold",
      manifest: manifest({ identifiers: ["a-0001", "a-0500", "a-0501"] }),
      options: { maxCustomers: 25 },
      errors: [{ messageId: "uncounted", at: "identifiers:", evidence: { notInInventory: 2, total: 3 }, message: "2 of 3 identifiers are not in the inventory" }],
    },
    {
      name: "a share of a kind the inventory holds none of cannot pass",
      manifest: manifest({ action: "delete-legacy", kind: "legacy", identifiers: ["x-0001"] }),
      options: { maxShareOfKind: 0.5 },
      errors: [{ messageId: "noShare", at: "identifiers:", evidence: { kind: "legacy", count: 1 } }],
    },
    {
      name: "a database server takes its databases with it",
      manifest: manifest({ action: "drop-server", kind: "db-server", identifiers: ["dbs-01"] }),
      options: { maxContained: 2 },
      errors: [{ messageId: "maxContained", at: "identifiers:", evidence: { count: 5 }, message: "5 database" }],
    },
  ],
});

// Counting tenants needs an inventory: without one the rule fails closed rather than passing.
import { CATALOG } from "../support/fixtures.js";
ruleTester({
  type: "blast-radius",
  options: { maxCustomers: 100 },
  catalog: CATALOG.replace("inventory: inventory.ndjson\n", ""),
  valid: [{ name: "maxTargets needs no inventory", manifest: manifest({ identifiers: ["a-0001"] }), options: { maxTargets: 5 } }],
  invalid: [{ name: "maxCustomers without an inventory", manifest: manifest({ identifiers: ["a-0001"] }), errors: [{ messageId: "noInventory", at: "identifiers:" }] }],
});
