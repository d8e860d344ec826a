/**
 * What one stage of a rollout acts on, and how a list handed to a script compares with it. Pure.
 * Stage k gets the next size_k identifiers of the identifier file, in file order, with the sizes the
 * plan resolved (counts and percents rounded exactly as the check rounds them).
 */
import type { Spend } from "./budgets.js";
import type { Catalog } from "../resolve/catalog.js";
import type { Inventory } from "../resolve/inventory.js";
import type { PlannedStage } from "./plan.js";
/** The name a manifest without `spec.rollout` gives its one stage. */
export declare const WHOLE_RUN = "all";
export interface StageSlice {
    name: string;
    index: number;
    identifiers: string[];
    /** Seconds the next stage waits after this one ends. */
    bakeSeconds: number;
}
/** Every stage with its identifiers; a manifest without stages is one stage named `all`. */
export declare function sliceStages(stages: readonly PlannedStage[], identifiers: readonly string[]): StageSlice[];
export interface IdsDifference {
    /** Handed to the script but not approved for the stage, with their line in the list given. */
    extra: {
        id: string;
        line: number;
    }[];
    /** Approved for the stage but not in the list given. */
    missing: string[];
    extraCount: number;
    missingCount: number;
}
/** An extra, a missing or a changed id (a changed one is one of each); the first `max` of each are kept. */
export declare function diffIdentifiers(approved: readonly string[], given: readonly {
    id: string;
    line: number;
}[], max?: number): IdsDifference;
/** What a stage destroys per kind, as the inventory (or else the catalog's patterns) says each identifier is. */
export declare function spendOf(identifiers: readonly string[], catalog: Catalog, inventory: Inventory | undefined): Spend;
