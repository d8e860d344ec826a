/** Destruction budgets: what ran within the window plus this stage, against count, share and customers. */
import { describe, expect, it } from "vitest";
import { compileBudgets, judgeBudgets, type Budget, type PastSpend } from "../../src/measure/budgets.js";
import { parseYaml } from "../../src/documents/yaml.js";
import { DEFAULT_LIMITS } from "../../src/documents/limits.js";
import type { PolicyDocument, Validated } from "../../src/documents/types.js";

const NOW = new Date("2026-11-25T12:00:00Z");
const at = { file: "policies/starter.yaml", line: 9, column: 5 };
const budget = (b: Partial<Budget>): Budget => ({ kind: "site", windowSeconds: 86_400, location: at, ...b });
const past = (iso: string, sites: number, customers: string[] = []): PastSpend => ({ at: new Date(iso), label: `m/${iso.slice(11, 16)}`, byKind: { site: sites }, customers: { site: customers } });
const stage = (sites: number, customers: string[] = []) => ({ byKind: { site: sites }, customers: { site: customers } });

describe("judgeBudgets", () => {
  it.each([
    ["no budget", [], [], stage(1000), "ok", /no Policy sets a destruction budget/],
    ["within maxCount", [budget({ maxCount: 500 })], [past("2026-11-25T01:00:00Z", 300)], stage(200), "ok", /site 500\/500 per 1d/],
    [
      "over maxCount with what ran in the window",
      [budget({ maxCount: 500 })],
      [past("2026-11-25T01:00:00Z", 300)],
      stage(201),
      "refused",
      /300 site destroyed in the last 1d \(m\/01:00\) and 201 in this stage make 501, over the budget of 500 site per 1d \(policies\/starter.yaml:9\)/,
    ],
    ["what ran before the window does not count", [budget({ maxCount: 500 })], [past("2026-11-24T11:59:59Z", 300)], stage(500), "ok", /500\/500/],
    ["other kinds do not count", [budget({ maxCount: 10 })], [{ ...past("2026-11-25T01:00:00Z", 0), byKind: { app: 900 } }], stage(10), "ok", /10\/10/],
    ["over maxShare", [budget({ maxShare: 0.02 })], [past("2026-11-25T01:00:00Z", 15)], stage(6), "refused", /make 21 of 1,000 \(2.1%\), over the budget of 2% of all site per 1d/],
    [
      "over maxCustomers, counted distinct across runs",
      [budget({ maxCustomers: 2 })],
      [past("2026-11-25T01:00:00Z", 2, ["c1", "c2"])],
      stage(2, ["c2", "c3"]),
      "refused",
      /site of 3 customers destroyed in the last 1d with this stage, over the budget of 2 customers/,
    ],
  ] as const)("%s", (_, budgets, history, s, status, reason) => {
    const outcome = judgeBudgets([...budgets], [...history], s, NOW, (k) => (k === "site" ? 1000 : undefined));
    expect(outcome.status).toBe(status);
    expect(outcome.reason).toMatch(reason);
  });

  it("cannot judge a share without an inventory that holds the kind", () => {
    expect(judgeBudgets([budget({ maxShare: 0.02 })], [], stage(1), NOW, () => undefined)).toMatchObject({ status: "unknown", reason: expect.stringMatching(/needs an inventory that holds site objects/) });
  });
});

describe("compileBudgets", () => {
  const policy = (yaml: string): Validated<PolicyDocument> => {
    const d = parseYaml("policies/p.yaml", yaml, DEFAULT_LIMITS).documents[0]!;
    return { doc: d.value as PolicyDocument, source: d };
  };
  it("reads each budget with its window and where it is written", () => {
    const { budgets, problems } = compileBudgets([policy("kind: Policy\nrules: []\nbudgets:\n  - { kind: site, maxShare: 0.02, maxCount: 500, maxCustomers: 50, window: 24h }\n")]);
    expect(problems).toEqual([]);
    expect(budgets).toEqual([{ kind: "site", maxShare: 0.02, maxCount: 500, maxCustomers: 50, windowSeconds: 86_400, location: { file: "policies/p.yaml", line: 4, column: 5 } }]);
  });
  it("refuses a budget without a limit and a window of 0, naming the line", () => {
    const { budgets, problems } = compileBudgets([policy("kind: Policy\nrules: []\nbudgets:\n  - { kind: site, window: 24h }\n  - { kind: app, maxCount: 1, window: 0 }\n")]);
    expect(budgets).toEqual([]);
    expect(problems.map((p) => [p.location.line, p.message])).toEqual([
      [4, "budgets[0] (kind site) sets no limit: give maxShare, maxCount or maxCustomers"],
      [5, "budgets[1].window: a window of 0 holds nothing"],
    ]);
  });
});
