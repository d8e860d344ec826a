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

export const DEFAULT_LIMITS: Limits = {
  maxDocumentBytes: 8 * 1024 * 1024,
  maxIdentifierFileBytes: 256 * 1024 * 1024,
  maxInventoryBytes: 2 * 1024 * 1024 * 1024,
  maxIdentifiers: 5_000_000,
  maxDepth: 64,
  maxAliases: 100,
  // The YAML reader holds about 1 KB per value while it parses: 200,000 values keep a manifest under ~500 MB
  // (a million identifiers belong in an identifier file, read in constant memory per line).
  maxNodes: 200_000,
  maxIdentifierLength: 512,
  inventoryTimeout: 60,
};

export const LIMIT_NAMES = Object.keys(DEFAULT_LIMITS) as (keyof Limits)[];
