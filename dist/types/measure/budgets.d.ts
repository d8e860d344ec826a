/**
 * Destruction budgets (a Policy's `budgets`): how much of one kind may be destroyed within a rolling
 * window, whatever the number of manifests and pull requests it is split across. Pure: the guard hands
 * in what the ledger says ran and what the stage would destroy.
 */
import type { Problem } from "../documents/problem.js";
import { type SourceLocation } from "../documents/source.js";
import type { PolicyDocument, Validated } from "../documents/types.js";
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
export declare function compileBudgets(policies: readonly Validated<PolicyDocument>[]): {
    budgets: Budget[];
    problems: Problem[];
};
export type BudgetOutcome = {
    status: "ok" | "refused" | "unknown";
    reason: string;
};
/**
 * Whether this stage keeps every budget: what ran within each budget's window (ending now) plus the stage.
 * `ofKind` is the inventory's count of a kind (undefined without an inventory: a share cannot be judged).
 */
export declare function judgeBudgets(budgets: readonly Budget[], past: readonly PastSpend[], stage: Spend, now: Date, ofKind: (kind: string) => number | undefined): BudgetOutcome;
