import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/documents/limits.js";
import { runCheck } from "../../src/check/run.js";
import { MemoryFiles } from "../support/memory-files.js";
import { CATALOG, INVENTORY, manifest } from "../support/fixtures.js";

const policy = (maxDepth: number) => `apiVersion: blastgate.dev/v1
kind: Policy
limits: { maxDepth: ${maxDepth} }
rules:
  - { id: kinds-${maxDepth}, type: identifier-kind, enforcement: hard-mandatory }
`;

async function depthLimitWith(first: number, second: number): Promise<boolean> {
  // 80 levels: deeper than the default (64), well within 1000.
  const deep = "apiVersion: blastgate.dev/v1\nkind: Operation\nmetadata: { name: x }\nspec: " + "[".repeat(80) + "]".repeat(80) + "\n";
  const r = await runCheck({
    workspace: new MemoryFiles({ "policies/a.yaml": policy(first), "policies/b.yaml": policy(second), "policies/catalog.yaml": CATALOG, "inventory.ndjson": INVENTORY, "ops/m.yaml": deep }),
    policiesDir: "policies",
    manifests: ["ops/m.yaml"],
    now: new Date("2026-11-24"),
  });
  return r.problems.some((p) => /maxDepth/.test(p.message));
}

describe("limits set by several policies", () => {
  it("the strictest wins, whatever the order of the policy files", async () => {
    expect(await depthLimitWith(DEFAULT_LIMITS.maxDepth, 1000)).toBe(true);
    expect(await depthLimitWith(1000, DEFAULT_LIMITS.maxDepth)).toBe(true);
    expect(await depthLimitWith(1000, 1000)).toBe(false);
  });
});

describe("kind names from the inventory are plain data", () => {
  it("an inventory kind named __proto__ is refused at its row like any kind the catalog does not define", async () => {
    const inventory = INVENTORY + JSON.stringify({ id: "a-0999", kind: "__proto__", tenant: "t", customer: "c", environment: "production" }) + "\n";
    const r = await runCheck({
      workspace: new MemoryFiles({ "policies/p.yaml": policy(64), "policies/catalog.yaml": CATALOG, "inventory.ndjson": inventory, "ops/m.yaml": manifest({ identifiers: ["a-0001", "a-0999"] }) }),
      policiesDir: "policies",
      manifests: ["ops/m.yaml"],
      now: new Date("2026-11-24"),
    });
    expect(r.problems.map((p) => [p.location.file, p.message])).toEqual([["inventory.ndjson", expect.stringMatching(/^malformed inventory row: kind '__proto__' is not a kind the catalog defines/)]]);
    expect(r.verdict).toBe("error");
    expect(({} as Record<string, unknown>).app).toBeUndefined();
  });
});
