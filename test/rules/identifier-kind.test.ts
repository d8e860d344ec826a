import { ids, INVENTORY, manifest } from "../support/fixtures.js";
import { ruleTester } from "../support/rule-tester.js";

const noInventoryCatalog = (catalog: string) => catalog.replace("inventory: inventory.ndjson\n", "");

ruleTester({
  type: "identifier-kind",
  options: {},
  valid: [
    { name: "app ids for an app removal", manifest: manifest({ identifiers: ["a-0001", "a-0002", "a-0003"] }) },
    { name: "ids from a file, with comments and blank lines", manifest: manifest({ identifiers: "ids.txt" }), files: { "ids.txt": "# apps\n\na-0001\r\na-0002  \n" } },
    { name: "a database server and nothing else", manifest: manifest({ action: "drop-server", kind: "db-server", identifiers: ["dbs-01"] }) },
    { name: "ids not in the inventory resolve by pattern", manifest: manifest({ identifiers: ["a-0999"] }) },
    { name: "staging object in a staging run", manifest: manifest({ environment: "staging", action: "delete-site", kind: "site", identifiers: ["s-0100"] }) },
    { name: "protected objects allowed when the policy says so", manifest: manifest({ action: "delete-site", kind: "site", identifiers: ["s-0200"] }), options: { checkProtected: false } },
  ],
  invalid: [
    {
      name: "the Atlassian case: site ids handed to an app removal is one finding, not one per id",
      manifest: manifest({ identifiers: "ids.txt" }),
      files: { "ids.txt": "# handed over\n" + ids("s-", 1, 40).join("\n") + "\n" },
      errors: [{ messageId: "wrongKind", at: "s-0001", file: "ids.txt", evidence: { declaredKind: "app", resolvedKind: "site", count: 40, total: 40 }, message: "40 of 40 identifiers are site, not app" }],
    },
    {
      name: "the declared kind is not what the action acts on",
      manifest: manifest({ kind: "site", identifiers: ["s-0001"] }),
      errors: [{ messageId: "actionKind", at: "kind: site", message: "action 'remove-app' acts on 'app', but spec.target.kind is 'site'" }],
    },
    {
      name: "one site id slipped into a list of apps points at its line",
      manifest: manifest({ identifiers: ["a-0001", "a-0002", "s-0003", "a-0004"] }),
      errors: [{ messageId: "wrongKind", at: "- s-0003", evidence: { count: 1, total: 4 } }],
    },
    {
      name: "an identifier of no known kind",
      manifest: manifest({ identifiers: ["a-0001", "zz-top"] }),
      errors: [{ messageId: "unresolved", at: "zz-top", evidence: { count: 1 } }],
    },
    {
      name: "patterns of two kinds match an identifier the inventory does not have",
      manifest: manifest({ identifiers: ["a-0001", "a-9001"] }),
      errors: [{ messageId: "ambiguous", at: "- a-9001", message: "app and legacy" }],
    },
    {
      name: "an object of another environment",
      manifest: manifest({ action: "delete-site", kind: "site", identifiers: ["s-0001", "s-0100"] }),
      errors: [{ messageId: "otherEnvironment", at: "s-0100", evidence: { actualEnvironment: "staging", environment: "production", count: 1 } }],
    },
    {
      name: "a protected object",
      manifest: manifest({ action: "delete-site", kind: "site", identifiers: ["s-0200"] }),
      errors: [{ messageId: "protected", at: "s-0200" }],
    },
    {
      name: "ids missing from the inventory when the policy requires it",
      manifest: manifest({ identifiers: ["a-0001", "a-0999"] }),
      options: { requireInventory: true },
      errors: [{ messageId: "notInInventory", at: "a-0999" }],
    },
  ],
});

// Ambiguity shows only where patterns decide: a catalog with no inventory.
import { CATALOG } from "../support/fixtures.js";
ruleTester({
  type: "identifier-kind",
  options: {},
  catalog: noInventoryCatalog(CATALOG),
  valid: [{ name: "a site id matches only site", manifest: manifest({ action: "delete-site", kind: "site", identifiers: ["s-0001"] }) }],
  invalid: [
    {
      name: "a-9xxx matches both app and legacy",
      manifest: manifest({ identifiers: ["a-0001", "a-9001", "a-9002"] }),
      errors: [{ messageId: "ambiguous", at: "- a-9001", message: "app and legacy", evidence: { count: 2 } }],
    },
  ],
});

// Issue 11: deleting a site destroys its apps; a protected app, or one of another environment, inside it
// is a finding of the rule that checks the targets, on the line of the target that holds it.
ruleTester({
  type: "identifier-kind",
  options: {},
  inventory:
    INVENTORY +
    [
      { id: "s-0300", kind: "site", tenant: "t-300", customer: "c-300", environment: "production" },
      { id: "a-0300", kind: "app", tenant: "t-300", customer: "c-300", environment: "production", parent: "s-0300", protected: true },
      { id: "a-0301", kind: "app", tenant: "t-300", customer: "c-300", environment: "staging", parent: "s-0300" },
    ]
      .map((r) => JSON.stringify(r) + "\n")
      .join(""),
  valid: [
    { name: "a site whose apps are neither protected nor elsewhere", manifest: manifest({ action: "delete-site", kind: "site", identifiers: ["s-0001"] }) },
    { name: "checkProtected and checkEnvironment off", manifest: manifest({ action: "delete-site", kind: "site", identifiers: ["s-0001", "s-0300"] }), options: { checkProtected: false, checkEnvironment: false } },
  ],
  invalid: [
    {
      name: "a site holding a protected app, and an app of staging",
      manifest: manifest({ action: "delete-site", kind: "site", identifiers: ["s-0001", "s-0300"] }),
      errors: [
        { messageId: "containedOtherEnvironment", at: "s-0300", evidence: { count: 1, actualEnvironment: "staging", examples: ["a-0301"], targets: ["s-0300"] } },
        { messageId: "containedProtected", at: "s-0300", evidence: { count: 1, examples: ["a-0300"], targets: ["s-0300"] }, message: "(1 of 3): 'a-0300' (app) in 's-0300'" },
      ],
    },
    {
      name: "checkEnvironment off: the protected objects still count",
      manifest: manifest({ action: "delete-site", kind: "site", identifiers: ["s-0300"] }),
      options: { checkEnvironment: false },
      errors: [{ messageId: "containedProtected", at: "s-0300" }],
    },
  ],
});
