/**
 * Destruction budgets (a Policy's `budgets`): how much of one kind may be destroyed within a rolling
 * window, whatever the number of manifests and pull requests it is split across. Pure: the guard hands
 * in what the ledger says ran and what the stage would destroy.
 */
import type { Problem } from "../documents/problem.js";
import { pointerOf, type SourceLocation } from "../documents/source.js";
import type { PolicyDocument, Validated } from "../documents/types.js";
import { formatDuration, grouped, parseDuration } from "../documents/units.js";

export interface Budget {
  kind: string;
  maxShare?: number;
  maxCount?: number;
  maxCustomers?: number;
  windowSeconds: number;
  /** Where the budget is written. */
  location: SourceLocation;
}

/** What one stage destroys (or destroyed), per kind: a count and the customers it touches. */
export interface Spend {
  byKind: Record<string, number>;
  /** Per kind, the distinct customers (known only for objects the inventory holds). */
  customers: Record<string, string[]>;
}

/** A stage the ledger says started, with when. */
export interface PastSpend extends Spend {
  at: Date;
  /** For the message: the manifest and stage. */
  label: string;
}

export function compileBudgets(policies: readonly Validated<PolicyDocument>[]): { budgets: Budget[]; problems: Problem[] } {
  const budgets: Budget[] = [];
  const problems: Problem[] = [];
  for (const { doc, source } of policies) {
    (doc.budgets ?? []).forEach((b, i) => {
      const at = (...p: (string | number)[]) => source.map.locate(pointerOf(["budgets", i, ...p]));
      const window = parseDuration(b.window);
      if (!window.ok || window.value === 0) {
        problems.push({ code: "policy", message: `budgets[${i}].window: ${window.ok ? "a window of 0 holds nothing" : window.reason}`, location: at("window") });
        return;
      }
      if (b.maxShare === undefined && b.maxCount === undefined && b.maxCustomers === undefined) {
        problems.push({ code: "policy", message: `budgets[${i}] (kind ${b.kind}) sets no limit: give maxShare, maxCount or maxCustomers`, location: at() });
        return;
      }
      const budget: Budget = { kind: b.kind, windowSeconds: window.value, location: at() };
      if (b.maxShare !== undefined) budget.maxShare = b.maxShare;
      if (b.maxCount !== undefined) budget.maxCount = b.maxCount;
      if (b.maxCustomers !== undefined) budget.maxCustomers = b.maxCustomers;
      budgets.push(budget);
    });
  }
  return { budgets, problems };
}

export type BudgetOutcome = { status: "ok" | "refused" | "unknown"; reason: string };

/**
 * Whether this stage keeps every budget: what ran within each budget's window (ending now) plus the stage.
 * `ofKind` is the inventory's count of a kind (undefined without an inventory: a share cannot be judged).
 */
export function judgeBudgets(budgets: readonly Budget[], past: readonly PastSpend[], stage: Spend, now: Date, ofKind: (kind: string) => number | undefined): BudgetOutcome {
  if (budgets.length === 0) return { status: "ok", reason: "no Policy sets a destruction budget" };
  const said: string[] = [];
  for (const b of budgets) {
    const from = now.getTime() - b.windowSeconds * 1000;
    const within = past.filter((p) => p.at.getTime() > from && p.at.getTime() <= now.getTime());
    const before = within.reduce((n, p) => n + (p.byKind[b.kind] ?? 0), 0);
    const adds = stage.byKind[b.kind] ?? 0;
    const total = before + adds;
    const where = `${b.location.file}:${b.location.line}`;
    const window = formatDuration(b.windowSeconds);
    const tally = `${grouped(before)} ${b.kind} destroyed in the last ${window}${
      within.length > 0
        ? ` (${within
            .map((p) => p.label)
            .slice(0, 3)
            .join(", ")}${within.length > 3 ? ", ..." : ""})`
        : ""
    } and ${grouped(adds)} in this stage`;
    if (b.maxCount !== undefined && total > b.maxCount) {
      return { status: "refused", reason: `${tally} make ${grouped(total)}, over the budget of ${grouped(b.maxCount)} ${b.kind} per ${window} (${where})` };
    }
    if (b.maxShare !== undefined && adds + before > 0) {
      const of = ofKind(b.kind);
      if (of === undefined || of === 0) return { status: "unknown", reason: `the budget of ${b.maxShare} of all ${b.kind} per ${window} (${where}) needs an inventory that holds ${b.kind} objects` };
      if (total / of > b.maxShare) {
        return { status: "refused", reason: `${tally} make ${grouped(total)} of ${grouped(of)} (${percent(total / of)}), over the budget of ${percent(b.maxShare)} of all ${b.kind} per ${window} (${where})` };
      }
    }
    if (b.maxCustomers !== undefined) {
      const customers = new Set<string>();
      for (const p of [...within, stage]) for (const c of p.customers[b.kind] ?? []) customers.add(c);
      if (customers.size > b.maxCustomers) {
        return { status: "refused", reason: `${b.kind} of ${grouped(customers.size)} customers destroyed in the last ${window} with this stage, over the budget of ${grouped(b.maxCustomers)} customers per ${window} (${where})` };
      }
    }
    said.push(`${b.kind} ${grouped(total)}${b.maxCount !== undefined ? `/${grouped(b.maxCount)}` : ""} per ${window}`);
  }
  return { status: "ok", reason: `within every budget (${said.join("; ")})` };
}

function percent(x: number): string {
  return `${(Math.round(x * 10000) / 100).toString()}%`;
}
