/**
 * Resource limits on untrusted input. The policy owner sets them (a Policy document's `limits`);
 * a manifest cannot. Defaults suit a million identifiers against a million-object inventory.
 */
export interface Limits {
    /** A manifest, policy or catalog YAML file. */
    maxDocumentBytes: number;
    /** An identifier file named by `spec.target.identifiers.file`. */
    maxIdentifierFileBytes: number;
    /** The inventory export named by the catalog. */
    maxInventoryBytes: number;
    /** Identifiers in one manifest. */
    maxIdentifiers: number;
    /** Nesting depth of a YAML document. */
    maxDepth: number;
    /** Alias (*ref) uses in one YAML document. */
    maxAliases: number;
    /** Nodes in one YAML document after alias expansion. */
    maxNodes: number;
    /** Characters in one identifier. */
    maxIdentifierLength: number;
    /** Seconds a live inventory (Postgres) may take to answer a run, all its statements together. */
    inventoryTimeout: number;
}
export declare const DEFAULT_LIMITS: Limits;
export declare const LIMIT_NAMES: (keyof Limits)[];
