import type { IdentifierList } from "../documents/identifiers.js";
import type { Catalog } from "./catalog.js";
import type { Inventory } from "./inventory.js";
/** A count and the first few indices it counts, so a million offenders stay a small finding. */
export interface Sample {
    count: number;
    examples: number[];
}
export declare const MAX_EXAMPLES = 10;
/** What every identifier of a manifest really is. */
export interface Resolution {
    total: number;
    /** Identifiers per resolved kind (inventory first, patterns after). */
    byKind: Map<string, Sample>;
    unresolved: Sample;
    ambiguous: Sample;
    /** For ambiguous examples: the kinds each matched. */
    ambiguousKinds: Map<number, string[]>;
    fromInventory: number;
    notInInventory: Sample;
    /** Identifiers whose inventory environment differs from the manifest's. */
    otherEnvironment: Map<string, Sample>;
    protected: Sample;
    /** Inventory rows of the targets found there (typed: a million targets take 4 MB). */
    rows: Int32Array;
}
/** Resolves identifiers: the inventory is authoritative where it has the object; the catalog's patterns are the fallback. */
export declare function resolveIdentifiers(list: IdentifierList, catalog: Catalog, inventory: Inventory | undefined, environment: string): Resolution;
