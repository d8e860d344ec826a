import { ids, manifest } from "../support/fixtures.js";
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
