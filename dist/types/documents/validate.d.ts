import type { ErrorObject, ValidateFunction } from "ajv";
import { type Problem } from "./problem.js";
import type { ParsedDocument } from "./yaml.js";
/** Names a value may take, by JSON pointer (e.g. "/spec/environment" -> the catalog's environments), for "did you mean" hints. */
export type KnownNames = Readonly<Record<string, readonly string[]>>;
/** The sha256 of a schema's JSON, as scripts/schemas.mjs keys the generated validators. */
export declare function schemaFingerprint(schema: object): string;
/** Compiles a JSON Schema once (or takes its generated validator); a schema that does not compile is the caller's problem to report. */
export declare function compileSchema(schema: object): ValidateFunction;
/**
 * Compiles a policy author's schema once (the policy check and each manifest share it). The schema is
 * checked against draft-07's meta-schema by a validator compiled at build time, as Ajv would check it,
 * so Ajv need not compile the meta-schema at run time; an invalid schema throws, as Ajv's compile does.
 */
export declare function compileUserSchema(schema: object): ValidateFunction;
/**
 * Validates `value` (found at `basePointer` of `source`) against `schema`.
 * Plain scalars YAML read as numbers or booleans become the author's text where the schema wants a string,
 * so `- 0012` stays "0012" and `name: 1e3` stays "1e3".
 */
export declare function validateValue(schema: object, value: unknown, source: ParsedDocument, basePointer?: string, what?: string, known?: KnownNames): {
    value: unknown;
    problems: Problem[];
};
export declare function describeErrors(errors: ErrorObject[], data: unknown, source: ParsedDocument, basePointer: string, what: string, known?: KnownNames): Problem[];
/** The closest known name within two edits, or a case-insensitive match. */
export declare function suggest(word: string, known: readonly string[]): string | undefined;
