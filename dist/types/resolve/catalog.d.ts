import type { Problem } from "../documents/problem.js";
import type { CatalogDocument, Validated } from "../documents/types.js";
import type { ParsedDocument } from "../documents/yaml.js";
import { type SourceLocation } from "../documents/source.js";
export interface KindDefinition {
    name: string;
    /** The kind's identifier pattern (RE2: linear time, whatever the input). */
    pattern: {
        matches(input: string): boolean;
    };
    patternText: string;
    parent?: string;
    products: string[];
    owner?: string;
    /** Objects restored per hour, measured in drills (`kinds.<kind>.restoreRate`), and as written. */
    restoreRatePerHour?: number;
    restoreRate?: string;
}
export interface ProductDefinition {
    name: string;
    rpoSeconds: number;
    restorePointSeconds: number;
    datastores: string[];
}
/** The inventory columns Blastgate reads; `environment`, `parent` and `protected` are optional. */
export declare const INVENTORY_FIELDS: readonly ["id", "kind", "tenant", "customer", "environment", "parent", "protected"];
export type InventoryField = (typeof INVENTORY_FIELDS)[number];
/** A live inventory in Postgres: a table (or a SELECT) and which of its columns holds each field. */
export interface PostgresInventorySource {
    type: "postgres";
    /** The environment variable holding the connection string (`url: env:NAME`), when the catalog names one. */
    urlVariable?: string;
    table?: string;
    query?: string;
    /** Field -> column; id, kind, tenant and customer are always mapped (to their own names by default). */
    columns: Partial<Record<InventoryField, string>> & Record<"id" | "kind" | "tenant" | "customer", string>;
    location: SourceLocation;
}
/** The inventory file a catalog names: a live inventory (Postgres) is not in the repository, so a change cannot touch it. */
export declare function inventoryFile(inventory: CatalogDocument["inventory"]): string | undefined;
/** The platform team's description of what exists, compiled for lookups. */
export interface Catalog {
    source: ParsedDocument;
    environments?: string[];
    /** The inventory export in the repository (a file inventory). */
    inventoryPath?: string;
    /** A live inventory the run asks instead of a file. */
    inventoryDatabase?: PostgresInventorySource;
    kinds: Map<string, KindDefinition>;
    actions: Map<string, {
        name: string;
        target: string;
        destructive: boolean;
    }>;
    products: Map<string, ProductDefinition>;
    locate(pointer: string): SourceLocation;
}
/** Compiles a validated Catalog: patterns with RE2 (linear time, whatever the pattern), references checked. */
export declare function compileCatalog({ doc, source }: Validated<CatalogDocument>): {
    catalog: Catalog;
    problems: Problem[];
};
/** What a policy rule's `match` names (a CompiledRule fits). */
export interface RuleMatch {
    id: string;
    location: SourceLocation;
    match: {
        environment?: string[];
        action?: string[];
        kind?: string[];
    };
}
/**
 * A rule's `match` must name what the catalog knows: a misspelt value would switch the rule off without a word.
 * A rule that matches on environment needs the catalog's `environments`: without that list a manifest could
 * name its environment any other way ('prd') and the rule would not apply to it.
 */
export declare function checkRuleMatches(catalog: Catalog, rules: readonly RuleMatch[]): Problem[];
/** The kinds whose identifier pattern matches the whole identifier. */
export declare function kindsMatching(catalog: Catalog, id: string): string[];
