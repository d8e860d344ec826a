import { DOCUMENT_SCHEMAS } from "../documents/schemas.js";
import { RULES } from "../rules/index.js";
import { FIELD_DOCS } from "./field-docs.js";

/** Where the published schemas live: the moving major tag, so an editor follows the release a repository pins. */
export const SCHEMA_BASE_URL = "https://raw.githubusercontent.com/blastgate/blastgate/v0/schemas/";

type Schema = Record<string, unknown>;

/** `PolicyTest` -> `policy-test`: the file name of a document kind's schema. */
export function schemaFileName(kind: string): string {
  return `${kind.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase()}.schema.json`;
}

/**
 * The JSON Schemas editors read (`# yaml-language-server: $schema=...`), one per document kind: the very
 * schemas the validator checks documents with (src/documents/schemas.ts), and for a Policy each rule's
 * `with:` checked against its type's own options schema (if `type` is X then `with` is X's options), as
 * compilePolicies checks it. Written to schemas/ by scripts/schemas.mjs; a test holds them to the validator.
 */
export function editorSchemas(): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  for (const [kind, source] of Object.entries(DOCUMENT_SCHEMAS)) {
    // Through JSON, not structuredClone: the source shares one object among fields (a slug), and each field gets its own description.
    const schema = JSON.parse(JSON.stringify(source)) as Schema;
    const file = schemaFileName(kind);
    delete schema.$id;
    const editor: Schema = {
      $schema: "http://json-schema.org/draft-07/schema#",
      $id: `${SCHEMA_BASE_URL}${file}`,
      title: `Blastgate ${kind} (blastgate.dev/v1)`,
      description: `A Blastgate ${kind} document. Generated from Blastgate's own validator schemas: an editor that checks against it accepts what \`blastgate check\` accepts.`,
      ...schema,
    };
    describeFields(editor, FIELD_DOCS[kind] ?? {});
    if (kind === "Policy") withRuleOptions(editor);
    out[file] = editor;
  }
  return out;
}

/**
 * Every field of a schema, with its path as FIELD_DOCS keys it (`spec.rollout.stages[].bake`: `[]` for a
 * list's items, `<name>` for a map's values) and the schema that describes it. Branches of anyOf/oneOf/allOf
 * are walked too: a field stands in every branch that allows it.
 */
export function* schemaFields(schema: Schema, path = ""): Iterable<[path: string, field: Schema]> {
  const at = (key: string) => (path ? `${path}.${key}` : key);
  for (const [key, field] of Object.entries((schema.properties as Record<string, Schema> | undefined) ?? {})) {
    yield [at(key), field];
    yield* schemaFields(field, at(key));
  }
  const values = [...Object.values((schema.patternProperties as Record<string, Schema> | undefined) ?? {}), ...(typeof schema.additionalProperties === "object" ? [schema.additionalProperties as Schema] : [])];
  for (const field of values) {
    yield [at("<name>"), field];
    yield* schemaFields(field, at("<name>"));
  }
  if (schema.items && typeof schema.items === "object") yield* schemaFields(schema.items as Schema, `${path}[]`);
  for (const key of ["anyOf", "oneOf", "allOf"]) for (const branch of (schema[key] as Schema[] | undefined) ?? []) yield* schemaFields(branch, path);
  if (schema.then && typeof schema.then === "object") yield* schemaFields(schema.then as Schema, path);
}

/** Hover text: each field's description from FIELD_DOCS, where the schema has none of its own. */
function describeFields(schema: Schema, docs: Readonly<Record<string, string>>): void {
  for (const [path, field] of schemaFields(schema)) {
    const text = docs[path];
    if (text !== undefined && field.description === undefined) field.description = text;
  }
}

/** A Policy's rules: `type` is one of the rule types, and `with` follows that type's options schema. */
function withRuleOptions(policy: Schema): void {
  const rule = ((policy.properties as Schema).rules as Schema).items as Schema;
  const props = rule.properties as Schema;
  const types = [...RULES.keys()];
  props.type = { enum: types, description: `the rule type: ${types.join(", ")} (docs/rules.md)` };
  rule.allOf = [...RULES.values()].map((module) => {
    const options = structuredClone(module.meta.schema) as Schema;
    // compilePolicies checks an absent `with` as {}: a type with required options needs `with`.
    const needsWith = Array.isArray(options.required) && options.required.length > 0;
    return {
      if: { properties: { type: { const: module.meta.type } }, required: ["type"] },
      then: { properties: { with: { description: module.meta.description, ...options } }, ...(needsWith ? { required: ["with"] } : {}) },
    };
  });
}
