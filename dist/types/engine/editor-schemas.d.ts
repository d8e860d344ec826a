/** Where the published schemas live: the moving major tag, so an editor follows the release a repository pins. */
export declare const SCHEMA_BASE_URL = "https://raw.githubusercontent.com/blastgate/blastgate/v0/schemas/";
type Schema = Record<string, unknown>;
/** `PolicyTest` -> `policy-test`: the file name of a document kind's schema. */
export declare function schemaFileName(kind: string): string;
/**
 * The JSON Schemas editors read (`# yaml-language-server: $schema=...`), one per document kind: the very
 * schemas the validator checks documents with (src/documents/schemas.ts), and for a Policy each rule's
 * `with:` checked against its type's own options schema (if `type` is X then `with` is X's options), as
 * compilePolicies checks it. Written to schemas/ by scripts/schemas.mjs; a test holds them to the validator.
 */
export declare function editorSchemas(): Record<string, Schema>;
/**
 * Every field of a schema, with its path as FIELD_DOCS keys it (`spec.rollout.stages[].bake`: `[]` for a
 * list's items, `<name>` for a map's values) and the schema that describes it. Branches of anyOf/oneOf/allOf
 * are walked too: a field stands in every branch that allows it.
 */
export declare function schemaFields(schema: Schema, path?: string): Iterable<[path: string, field: Schema]>;
export {};
