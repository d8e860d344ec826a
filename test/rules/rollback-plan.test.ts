import { manifest } from "../support/fixtures.js";
import { ruleTester } from "../support/rule-tester.js";

const rollback = (lines: string) => `  rollback:\n${lines}`;
const good = rollback("    strategy: undelete\n    runbook: https://runbooks.example.com/undelete\n    lastTested: 2026-10-01\n    restoreRate: 60/h\n    rto: 1h\n");

ruleTester({
  type: "rollback-plan",
  options: { requireSoftDelete: true, minRetention: "14d", requireRunbook: true, maxDrillAge: "90d", restoreWithinRto: true, maxRto: "24h" },
  valid: [
    { name: "soft delete, drilled runbook, restore within the RTO", manifest: manifest({ rollback: good }) },
    { name: "hard delete allowed when the policy does not require soft", manifest: manifest({ deletion: "    mode: hard\n", rollback: good }), options: { requireSoftDelete: false } },
  ],
  invalid: [
    {
      name: "hard delete",
      manifest: manifest({ deletion: "    mode: hard\n", rollback: good }),
      errors: [{ messageId: "hardDelete", at: "mode: hard" }],
    },
    {
      name: "soft delete without a retention window",
      manifest: manifest({ deletion: "    mode: soft\n", rollback: good }),
      errors: [{ messageId: "retentionMissing", at: "deletion:" }],
    },
    {
      name: "retention shorter than the minimum",
      manifest: manifest({ deletion: "    mode: soft\n    retention: 3d\n", rollback: good }),
      errors: [{ messageId: "retentionShort", at: "retention: 3d", evidence: { retentionSeconds: 259200, minRetentionSeconds: 1209600 } }],
    },
    {
      name: "no rollback at all",
      manifest: manifest({}),
      options: { requireRollback: true },
      errors: [{ messageId: "noRollback", at: "spec:" }],
    },
    {
      name: "strategy none",
      manifest: manifest({ rollback: rollback("    strategy: none\n") }),
      options: {},
      errors: [{ messageId: "noRollback", at: "strategy: none" }],
    },
    {
      name: "no runbook",
      manifest: manifest({ rollback: rollback("    strategy: undelete\n    lastTested: 2026-10-01\n    restoreRate: 60/h\n    rto: 1h\n") }),
      errors: [{ messageId: "noRunbook", at: "rollback:" }],
    },
    {
      name: "a stale restore drill",
      manifest: manifest({ rollback: good.replace("2026-10-01", "2025-01-31") }),
      errors: [{ messageId: "staleDrill", at: "lastTested: 2025-01-31", evidence: { lastTested: "2025-01-31" } }],
    },
    {
      name: "a drill dated in the future",
      manifest: manifest({ rollback: good.replace("2026-10-01", "2027-01-01") }),
      errors: [{ messageId: "futureDrill", at: "lastTested: 2027-01-01" }],
    },
    {
      name: "restore slower than the RTO (2 targets at 1/h against 1h)",
      manifest: manifest({ rollback: good.replace("60/h", "1/h") }),
      errors: [{ messageId: "restoreTooSlow", at: "restoreRate: 1/h", evidence: { targets: 2, restoreSeconds: 7200, rtoSeconds: 3600 } }],
    },
    {
      name: "restore time unknown",
      manifest: manifest({ rollback: rollback("    strategy: undelete\n    runbook: https://runbooks.example.com/x\n    lastTested: 2026-10-01\n") }),
      errors: [{ messageId: "restoreUnknown", at: "rollback:", message: "restoreRate and rto" }],
    },
    {
      name: "an RTO longer than the policy allows",
      manifest: manifest({ rollback: good.replace("rto: 1h", "rto: 3d") }),
      errors: [{ messageId: "rtoTooLong", at: "rto: 3d" }],
    },
  ],
});

// Issue 11: the catalog records the restore rate drills measured per kind; a manifest may not claim faster,
// and the restore time is computed at the slower of the two.
import { CATALOG } from "../support/fixtures.js";
const measured = CATALOG.replace("    products: [insight]\n", "    products: [insight]\n    restoreRate: 100/h\n").replace("    owner: acme/sites\n", "    owner: acme/sites\n    restoreRate: 2/h\n");
const claiming = (rate: string, rto: string) => rollback(`    strategy: undelete\n    runbook: https://runbooks.example.com/undelete\n    lastTested: 2026-10-01\n${rate ? `    restoreRate: ${rate}\n` : ""}    rto: ${rto}\n`);
ruleTester({
  type: "rollback-plan",
  options: { restoreWithinRto: true },
  catalog: measured,
  valid: [
    { name: "a claim at or below the measured rate", manifest: manifest({ rollback: claiming("100/h", "1h") }) },
    { name: "no claim: the restore time is computed at the measured rate", manifest: manifest({ rollback: claiming("", "2h") }) },
    {
      name: "checkRestoreRate off: the claim is not a finding (the restore time still uses the measured rate)",
      manifest: manifest({ rollback: claiming("1000000000/s", "1h") }),
      options: { checkRestoreRate: false, restoreWithinRto: true },
    },
  ],
  invalid: [
    {
      name: "1000000000/s with rto 1s: faster than the drills, and too slow at the measured rate",
      manifest: manifest({ rollback: claiming("1000000000/s", "1s") }),
      errors: [
        { messageId: "fasterThanMeasured", at: "restoreRate:", evidence: { kind: "app", measuredPerHour: 100 }, message: "is faster than the 100/h measured in restore drills for app" },
        { messageId: "restoreTooSlow", at: "restoreRate:", message: "restoring 2 targets at 100/h takes 1m12s, longer than the RTO of 1s" },
      ],
    },
    {
      name: "no claim, the measured rate misses the RTO",
      manifest: manifest({ rollback: claiming("", "1m") }),
      errors: [{ messageId: "restoreTooSlow", at: "rto:", message: "at 100/h takes 1m12s" }],
    },
    {
      name: "site ids under an app removal are measured at the slower site rate",
      manifest: manifest({ identifiers: ["s-0001"], rollback: claiming("100/h", "1h") }),
      options: { restoreWithinRto: false },
      errors: [{ messageId: "fasterThanMeasured", at: "restoreRate:", evidence: { kind: "site", measuredPerHour: 2 } }],
    },
  ],
});
