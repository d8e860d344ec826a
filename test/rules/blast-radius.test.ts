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
    {
      name: "staged run above the threshold",
      manifest: manifest({ identifiers: apps(30), rollout: stages("{ name: canary, count: 2 }", "{ name: rest, count: 28 }") }),
      options: { requireStagesAbove: 10, maxFirstStage: 2, maxPerStage: 28 },
    },
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

// Issue 11: the limits on what is destroyed hold for all the manifests of one change together,
// and stages must bake between them.
ruleTester({
  type: "blast-radius",
  options: { maxShareOfKind: 0.1, maxTargets: 10, maxCustomers: 6 },
  valid: [
    {
      name: "two manifests of one change naming the same sites: each site counted once",
      manifest: manifest({ action: "delete-site", kind: "site", identifiers: sites(4) }),
      change: { "ops/more.yaml": manifest({ name: "more", action: "delete-site", kind: "site", identifiers: sites(4) }) },
    },
    {
      name: "two manifests under every limit together",
      manifest: manifest({ identifiers: ids("a-", 1, 2) }),
      change: { "ops/more.yaml": manifest({ name: "more", identifiers: ids("a-", 3, 4) }) },
    },
    {
      name: "a bake at least minBake after every stage but the last",
      manifest: manifest({ identifiers: apps(10), rollout: stages("{ name: canary, count: 1, bake: 2h }", "{ name: rest, count: 9 }") }),
      options: { minBake: "1h" },
    },
  ],
  invalid: [
    {
      name: "a run split across two manifests of one change: share of a kind and customers, on the first manifest, naming both",
      manifest: manifest({ action: "delete-site", kind: "site", identifiers: sites(4) }),
      change: { "ops/more.yaml": manifest({ name: "more", action: "delete-site", kind: "site", identifiers: ids("s-", 5, 8) }) },
      errors: [
        { messageId: "together", at: "identifiers:", evidence: { limit: "maxCustomers", count: 8, max: 6, manifests: ["ops/manifest.yaml", "ops/more.yaml"], perManifest: [4, 4] } },
        { messageId: "together", at: "identifiers:", evidence: { limit: "maxShareOfKind", kind: "site", count: 8, of: 42 }, message: "the 2 manifests of this change together: destroys 8 of all 42 site objects" },
      ],
    },
    {
      name: "maxTargets over three manifests (an object two of them name counted once)",
      manifest: manifest({ identifiers: ids("a-", 1, 4) }),
      options: { maxTargets: 10 },
      change: {
        "ops/more.yaml": manifest({ name: "more", identifiers: ids("a-", 3, 7) }),
        "ops/most.yaml": manifest({ name: "most", identifiers: ids("a-", 8, 11) }),
      },
      errors: [{ messageId: "together", at: "identifiers:", evidence: { limit: "maxTargets", count: 11, perManifest: [4, 5, 4] } }],
    },
    {
      name: "a manifest over the limit alone has its own finding, not a second one for the change",
      manifest: manifest({ identifiers: apps(11) }),
      options: { maxTargets: 10 },
      change: { "ops/more.yaml": manifest({ name: "more", identifiers: ["a-0020"] }) },
      errors: [{ messageId: "maxTargets", at: "identifiers:", evidence: { count: 11 } }],
    },
    {
      name: "objects contained in the targets add up across the change",
      manifest: manifest({ action: "delete-site", kind: "site", identifiers: sites(2) }),
      options: { maxContained: 3 },
      change: { "ops/more.yaml": manifest({ name: "more", action: "delete-site", kind: "site", identifiers: ids("s-", 3, 4) }) },
      errors: [{ messageId: "together", at: "identifiers:", evidence: { limit: "maxContained", count: 4 } }],
    },
    {
      name: "bake: 0 between a 1-target canary and the rest",
      manifest: manifest({ identifiers: apps(10), rollout: stages("{ name: canary, count: 1, bake: 0 }", "{ name: rest, count: 9 }") }),
      options: { minBake: "1h" },
      errors: [{ messageId: "minBake", at: "canary", evidence: { bakeSeconds: 0, minBakeSeconds: 3600, count: 1, nextCount: 9 } }],
    },
    {
      name: "a stage without bake bakes nothing",
      manifest: manifest({ identifiers: apps(10), rollout: stages("{ name: canary, count: 1, bake: 2h }", "{ name: wave, count: 4 }", "{ name: rest, count: 5 }") }),
      options: { minBake: "1h" },
      errors: [{ messageId: "minBake", at: "wave", message: "stage 'wave' bakes 0 (no bake given) before stage 'rest' starts" }],
    },
  ],
});
