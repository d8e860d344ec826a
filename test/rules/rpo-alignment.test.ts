import { manifest } from "../support/fixtures.js";
import { ruleTester } from "../support/rule-tester.js";

ruleTester({
  type: "rpo-alignment",
  options: { maxRpo: "1h", maxSpread: 0 },
  valid: [
    { name: "an app holds one product", manifest: manifest({ identifiers: ["a-0001"] }) },
    { name: "a database server and its databases share postgres", manifest: manifest({ action: "drop-server", kind: "db-server", identifiers: ["dbs-01"] }) },
    { name: "a looser spread", manifest: manifest({ identifiers: ["a-0001"] }), options: { maxRpo: "2h", maxSpread: "2h" } },
  ],
  invalid: [
    {
      name: "site ids (really sites) touch jira and confluence, whose RPOs and restore points differ",
      manifest: manifest({ identifiers: ["s-0001", "s-0002"] }),
      errors: [
        { messageId: "rpoTooLong", at: "kind: app", evidence: { product: "confluence", rpoSeconds: 7200 } },
        { messageId: "spread", at: "kind: app", evidence: { kind: "site", spreadSeconds: 7200, maxSpreadSeconds: 0 }, message: "jira 1h, confluence 3h" },
      ],
    },
  ],
});
