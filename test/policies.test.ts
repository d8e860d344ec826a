import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { manifest } from "./support/fixtures.js";
import { makeRepo, PROJECT, runJson } from "./support/repo.js";

describe("the starter pack in policies/", () => {
  it("is the pack the example uses", () => {
    expect(readFileSync(path.join(PROJECT, "examples/policies/starter.yaml"), "utf8")).toBe(readFileSync(path.join(PROJECT, "policies/starter.yaml"), "utf8"));
  });

  it("loads as it ships (catalog template + starter rules) and judges a manifest", () => {
    const dir = makeRepo({
      "policies/starter.yaml": readFileSync(path.join(PROJECT, "policies/starter.yaml"), "utf8"),
      "policies/catalog.yaml": readFileSync(path.join(PROJECT, "policies/catalog.yaml"), "utf8"),
      "ops/cleanup.yaml": manifest({ identifiers: ["app-0001", "app-0002"] }),
    });
    const { code, report } = runJson(["check", "--now", "2026-11-24"], dir);
    expect(report.problems).toEqual([]);
    expect(report.manifests).toEqual(["ops/cleanup.yaml"]);
    // No rollback section: the starter pack's recoverable rule asks for one, in one finding (one cause), naming all it needs.
    expect(report.findings.map((f) => `${f.ruleId}/${f.messageId}`)).toEqual(["recoverable/noRollback", "intent-sign-off/missing", "intent-sign-off/missing", "intent-sign-off/missing"]);
    expect(report.findings[0]!.message).toBe(
      "no rollback: say how a wrong run is undone; this policy needs spec.rollback with strategy undelete or restore-from-backup, a runbook, lastTested (a drill at most 90d ago), rto (restoring every target within it)",
    );
    expect(code).toBe(1);
  });
});
