/** `.yaml` or `.yml`, in any letter case (`.YAML` is as much a YAML file to the executor). */
export declare const YAML_FILE: RegExp;
/** A cheap test before parsing: a manifest declares `kind: Operation` at the start of a line. */
export declare const LOOKS_LIKE_MANIFEST: RegExp;
/** The kinds of the policies directory's documents. */
export declare const POLICY_KINDS: readonly string[];
/**
 * What one parsed YAML document is to Blastgate: "manifest" (judge it), "other" (a correctly written
 * Catalog, Policy or Waiver) or undefined (not Blastgate's).
 */
export declare function classifyDocument(value: unknown): "manifest" | "other" | undefined;
/** A spec with what an Operation does and to what (`spec.action` and `spec.target`). */
export declare function isOperationShape(spec: unknown): boolean;
/**
 * Whether YAML text is a manifest: the quick test, then a parse, since a manifest written so the quick
 * test misses it (flow or JSON style, an escape, a second document, a misspelt kind) must not go
 * unjudged. Text that does not parse is a manifest if it mentions Operation or Blastgate: loading says why.
 */
export declare function isManifestText(file: string, text: string): boolean;
/** A path under a `node_modules/` directory, at any depth: an installed package's file. */
export declare function inNodeModules(file: string): boolean;
