/**
 * What each field of each document kind means, in a sentence: the hover text of the editor schemas
 * (schemas/*.schema.json). Keyed by the field's path: `spec.rollout.stages[].bake` (`[]` for a list's
 * items, `<name>` for a map's values). A test holds every field of every schema to having one here.
 */
/** Each document kind's field descriptions. */
export declare const FIELD_DOCS: Record<string, Record<string, string>>;
