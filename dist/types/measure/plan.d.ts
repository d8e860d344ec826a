import type { OperationDocument } from "../documents/types.js";
import type { Catalog } from "../resolve/catalog.js";
import type { Inventory } from "../resolve/inventory.js";
import type { Resolution } from "../resolve/resolve.js";
import type { IdentifierList } from "../documents/identifiers.js";
/** How much a run destroys: what blast-radius limits, for one manifest or for all the manifests of one change. */
export interface Radius {
    targets: number;
    tenants?: number;
    customers?: number;
    shareOfKind: Plan["shareOfKind"];
    contained: {
        total: number;
        byKind: Record<string, number>;
    };
}
/** The manifests of one change as data: what the engine hands `measureTogether`. */
export interface MeasuredManifest {
    identifiers: IdentifierList;
    resolution: Resolution;
    plan: Plan;
}
/**
 * What several manifests destroy together, each object counted once (two manifests naming the same
 * site destroy it once). Owners are counted only when the inventory holds every target.
 */
export declare function measureTogether(parts: readonly MeasuredManifest[], catalog: Catalog, inventory: Inventory | undefined): Radius;
/** Objects inside the targets that the inventory marks, a count and the first few. */
export interface ContainedSample {
    count: number;
    /** Each example with the target it is inside (the identifier whose deletion destroys it). */
    examples: {
        id: string;
        kind: string;
        target: string;
    }[];
}
export interface Contained {
    total: number;
    byKind: Record<string, number>;
    protected: ContainedSample;
    otherEnvironment: Record<string, ContainedSample>;
}
export interface PlannedStage {
    name: string;
    /** Targets this stage destroys. */
    size: number;
    bakeSeconds?: number;
}
/** Limits of the policies that matched a manifest, as numbers a reporter can draw beside the plan. */
export interface PlanLimits {
    /** The smallest allowed spread of co-resident products' restore points (rpo-alignment's maxSpread). */
    maxSpreadSeconds?: number;
}
/** What a manifest would destroy, measured from what its identifiers really are. */
export interface Plan {
    manifest: string;
    name: string;
    action: string;
    destructive: boolean;
    environment: string;
    declaredKind: string;
    /** The kind the catalog says the action acts on. */
    actionTarget?: string;
    targets: number;
    expectedCount?: number;
    byKind: Record<string, number>;
    unresolved: number;
    ambiguous: number;
    /**
     * Objects inside the targets (inventory rows whose parent is a target, transitively): destroyed with
     * them, so protected ones and ones in another environment count as if they were targets.
     */
    contained: Contained;
    /** Identifiers the inventory does not hold (their tenant and customer are unknown). */
    notInInventory: number;
    /** Known only with an inventory. */
    tenants?: number;
    customers?: number;
    /** Per resolved kind: targets of that kind against all inventory objects of that kind. */
    shareOfKind: Record<string, {
        count: number;
        of: number;
        share: number;
    }>;
    products: string[];
    datastores: string[];
    /**
     * Products that live together in one kind the run destroys (a site holds Jira, Confluence and Insight),
     * each with its restore point: a restore brings each back to its own moment. Kinds with two or more products.
     */
    coResident: {
        kind: string;
        products: {
            name: string;
            restorePointSeconds: number;
        }[];
    }[];
    /** The moment the plan was measured (the check's now), ISO: restore points are counted back from it. */
    measuredAt: string;
    /** Limits of the policies that matched, for reporters to draw (set by the engine; the findings judge them). */
    limits: PlanLimits;
    /** The kinds actually destroyed that have a parent kind ("app lives in site"). */
    parents: Record<string, string>;
    deletion: {
        mode: "soft" | "hard";
        retentionSeconds?: number;
    };
    stages: PlannedStage[];
    /** Sum of stage sizes before rounding, to check coverage. */
    stagedTotal: number;
    /**
     * `ratePerHour` is the slower of the manifest's claim and the rate measured in drills for the kinds
     * destroyed (`kinds.<kind>.restoreRate`): a claim is not trusted beyond what was measured.
     */
    restore: {
        ratePerHour?: number;
        /** The rate the restore time is computed at, as written (the manifest's or the catalog's). */
        rate?: string;
        claimedPerHour?: number;
        measured?: {
            kind: string;
            perHour: number;
            rate: string;
        };
        seconds?: number;
        rtoSeconds?: number;
        withinRto?: boolean;
    };
    rollback?: {
        strategy: string;
        runbook?: string;
        lastTested?: string;
        drillAgeSeconds?: number;
    };
    /** The sentence a reviewer reads first. */
    summary: string;
}
export declare function measure(file: string, doc: OperationDocument, resolution: Resolution, catalog: Catalog, inventory: Inventory | undefined, now: Date): Plan;
/**
 * "775 customers", "at least 3 customers (5 not in the inventory)", or, when no identifier is in the
 * inventory, "unknown customers (5,000 not in the inventory)": never "at least 0".
 */
export declare function customersOf(p: Pick<Plan, "customers" | "notInInventory">): string | undefined;
/** "1 site", "883 sites", "2 statuses": a count with its noun. */
export declare function plural(n: number, word: string): string;
/**
 * The part of a plan approvals and overrides bind to, besides the files: what the identifiers are (kinds
 * and counts), whose they are (tenants, customers) and what lies inside them. "883 apps of 775 tenants and
 * 775 customers, with 12 databases inside". Two plans that read the same here are the same plan.
 */
export declare function planScope(p: Plan): string;
/** "deletes 883 sites of 775 customers (declared kind: app), hard delete, no staged rollout, ..." */
export declare function summarize(p: Plan): string;
