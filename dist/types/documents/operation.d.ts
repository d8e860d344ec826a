import type { Problem } from "./problem.js";
import type { OperationDocument } from "./types.js";
import type { ParsedDocument } from "./yaml.js";
/**
 * What a JSON Schema cannot say about a manifest's values: a duration over a century, a date that
 * does not exist (2026-02-31), a zero restore rate. Each would otherwise be silently ignored.
 */
export declare function checkOperationValues(doc: OperationDocument, source: ParsedDocument): Problem[];
