import { Ajv } from "ajv";
import type { ErrorObject, ValidateFunction } from "ajv";
import { createHash } from "node:crypto";
import { RE2JS } from "re2js";
import { dottedPath } from "./source.js";
import { capProblems, type Problem } from "./problem.js";
import type { ParsedDocument } from "./yaml.js";
import { DATE_PATTERN, DURATION_PATTERN, RATE_PATTERN } from "./units.js";
import { printable } from "./identifiers.js";
import { LINE_PATTERN } from "./schemas.js";
import { AJV_OPTIONS } from "./ajv-options.js";
import { META_SCHEMA_DRAFT_07, VALIDATORS } from "./validators.generated.js";

type Schema = Record<string, unknown>;

/** Names a value may take, by JSON pointer (e.g. "/spec/environment" -> the catalog's environments), for "did you mean" hints. */
export type KnownNames = Readonly<Record<string, readonly string[]>>;

// Compiling a schema costs milliseconds (hundreds for all of Blastgate's): the fixed schemas are compiled at build
// time (scripts/schemas.mjs -> validators.generated.js) and Ajv is only set up for a schema without a validator.
let ajv: Ajv | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

/** The sha256 of a schema's JSON, as scripts/schemas.mjs keys the generated validators. */
export function schemaFingerprint(schema: object): string {
  return createHash("sha256").update(JSON.stringify(schema)).digest("hex");
}

/** Compiles a JSON Schema once (or takes its generated validator); a schema that does not compile is the caller's problem to report. */
export function compileSchema(schema: object): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    const fingerprint = schemaFingerprint(schema);
    fn = Object.hasOwn(VALIDATORS, fingerprint) ? VALIDATORS[fingerprint]! : (ajv ??= new Ajv({ ...AJV_OPTIONS })).compile(schema);
    compiled.set(schema, fn);
  }
  return fn;
}

/**
 * `pattern` and `patternProperties` of policy authors' schemas run on RE2, as catalog patterns do: linear time
 * whatever the pattern, so a careless `(a+)+$` cannot be made slow by a manifest's text. A pattern RE2 cannot
 * compile (lookaround, backreferences) makes the schema unusable, reported when the policy loads.
 */
const RE2_ENGINE = Object.assign((pattern: string) => RE2JS.compile(pattern), { code: "RE2JS.compile" });

/** A lenient compiler for schemas written by policy authors (the `schema` rule): unknown keywords are their business. */
let lenientAjv: Ajv | undefined;
const DRAFT_07_IDS = new Set(["http://json-schema.org/draft-07/schema", "http://json-schema.org/draft-07/schema#", "https://json-schema.org/draft-07/schema", "https://json-schema.org/draft-07/schema#"]);
const userCompiled = new WeakMap<object, ValidateFunction>();

/**
 * Compiles a policy author's schema once (the policy check and each manifest share it). The schema is
 * checked against draft-07's meta-schema by a validator compiled at build time, as Ajv would check it,
 * so Ajv need not compile the meta-schema at run time; an invalid schema throws, as Ajv's compile does.
 */
export function compileUserSchema(schema: object): ValidateFunction {
  let fn = userCompiled.get(schema);
  if (fn) return fn;
  const ajv = (lenientAjv ??= new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, validateSchema: false, code: { regExp: RE2_ENGINE } }));
  // Ajv (draft-07) knows no other meta-schema: a schema written for 2019-09 or 2020-12 would compile with
  // the keywords draft-07 lacks (unevaluatedProperties, prefixItems, ...) silently ignored, and pass what it should refuse.
  const declared = (schema as { $schema?: unknown }).$schema;
  if (declared !== undefined && !DRAFT_07_IDS.has(String(declared))) {
    throw new Error(`it declares $schema '${printable(String(declared))}': Blastgate reads policy schemas as JSON Schema draft-07 (http://json-schema.org/draft-07/schema#); remove $schema or write the schema in draft-07`);
  }
  if (!META_SCHEMA_DRAFT_07(schema)) throw new Error(`schema is invalid: ${ajv.errorsText(META_SCHEMA_DRAFT_07.errors, { dataVar: "schema" })}`);
  fn = ajv.compile(schema);
  userCompiled.set(schema, fn);
  return fn;
}

/**
 * Validates `value` (found at `basePointer` of `source`) against `schema`.
 * Plain scalars YAML read as numbers or booleans become the author's text where the schema wants a string,
 * so `- 0012` stays "0012" and `name: 1e3` stays "1e3".
 */
export function validateValue(schema: object, value: unknown, source: ParsedDocument, basePointer = "", what = "", known: KnownNames = {}): { value: unknown; problems: Problem[] } {
  const restored = restoreStrings(value, schema as Schema, basePointer, source.plainText, schema as Schema);
  const validate = compileSchema(schema);
  if (validate(restored)) return { value: restored, problems: [] };
  const problems = describeErrors(validate.errors ?? [], restored, source, basePointer, what, known);
  return { value: restored, problems };
}

// ---------------------------------------------------------------------------------------------
// Restoring the author's text where a string is expected

function restoreStrings(value: unknown, schema: Schema | undefined, ptr: string, plain: Map<string, string>, root: Schema): unknown {
  if (!schema || typeof schema !== "object") return value;
  const s = deref(schema, root);
  if (value !== null && typeof value === "object") {
    if (Array.isArray(value)) {
      const items = pickBranch(s, "array", root)?.items as Schema | undefined;
      if (!items) return value;
      for (let i = 0; i < value.length; i++) value[i] = restoreStrings(value[i], items, `${ptr}/${i}`, plain, root);
      return value;
    }
    const o = pickBranch(s, "object", root);
    if (!o) return value;
    const props = (o.properties ?? {}) as Record<string, Schema>;
    const extra = o.additionalProperties;
    const obj = value as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      const sub = Object.hasOwn(props, key) ? props[key] : typeof extra === "object" ? (extra as Schema) : undefined;
      if (sub) obj[key] = restoreStrings(obj[key], sub, `${ptr}/${escape(key)}`, plain, root);
    }
    return value;
  }
  if (typeof value !== "string" && plain.has(ptr) && wantsString(s, root)) return plain.get(ptr);
  return value;
}

function escape(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

function deref(s: Schema, root: Schema): Schema {
  if (typeof s.$ref === "string" && s.$ref.startsWith("#/")) {
    let cur: unknown = root;
    for (const part of s.$ref.slice(2).split("/")) cur = (cur as Record<string, unknown>)?.[part];
    return (cur as Schema) ?? s;
  }
  return s;
}

function branches(s: Schema): Schema[] {
  return [...((s.anyOf as Schema[]) ?? []), ...((s.oneOf as Schema[]) ?? [])];
}

function typeOf(s: Schema): string[] {
  const t = s.type;
  if (typeof t === "string") return [t];
  if (Array.isArray(t)) return t as string[];
  if (s.properties || s.additionalProperties) return ["object"];
  if (s.items) return ["array"];
  if (s.pattern !== undefined || s.minLength !== undefined) return ["string"];
  if (typeof s.const === "string") return ["string"];
  if (Array.isArray(s.enum) && s.enum.every((e) => typeof e === "string")) return ["string"];
  return [];
}

function pickBranch(s: Schema, type: string, root: Schema): Schema | undefined {
  if (typeOf(s).includes(type)) return s;
  for (const b of branches(s)) {
    const found = pickBranch(deref(b, root), type, root);
    if (found) return found;
  }
  return undefined;
}

function wantsString(s: Schema, root: Schema): boolean {
  const types = typeOf(s);
  if (types.length > 0) return types.includes("string") && !types.some((t) => t === "number" || t === "integer" || t === "boolean");
  return branches(s).some((b) => wantsString(deref(b, root), root)) && !branches(s).some((b) => typeOf(deref(b, root)).some((t) => t !== "string"));
}

// ---------------------------------------------------------------------------------------------
// Errors a reader understands

const PATTERN_HINTS: Record<string, string> = {
  [DURATION_PATTERN]: "a duration such as 30d, 4h or 1h30m (units s, m, h, d, w, y)",
  [RATE_PATTERN]: "a rate such as 50/h (objects per s, m, h, d or w)",
  [DATE_PATTERN]: "a date such as 2026-03-01",
  "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$": "lowercase letters, digits and dashes (e.g. production)",
  "^[a-z][a-z0-9_-]*$": "a lowercase name (letters, digits, - and _)",
  "^https?://\\S+$": "an http(s) URL",
  [LINE_PATTERN]: "one line of text without control characters",
};

function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === "") return root;
  let cur: unknown = root;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (cur === null || typeof cur !== "object" || !Object.hasOwn(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function jsType(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (v === null) return "null";
  if (typeof v === "number") return Number.isNaN(v) ? "nan" : !Number.isFinite(v) ? "infinity" : Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

/** YAML 1.1 booleans: text in YAML 1.2, which Blastgate reads. */
const YAML11_BOOLEANS = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

function show(v: unknown): string {
  if (typeof v === "string") return `'${printable(v, 60)}'`;
  if (v === null) return "null";
  if (typeof v === "object") return Array.isArray(v) ? "a list" : "a map";
  return String(v);
}

/** "did you mean 'production'?" for a value that is close to a known name, or that only differs in case or spaces. */
function hintFor(value: unknown, pattern: string | undefined, known: readonly string[] | undefined): string {
  if (typeof value !== "string") return "";
  let hint = known ? suggest(value, known) : undefined;
  if (!hint && pattern !== undefined) {
    const normal = value.trim().toLowerCase();
    if (normal !== value && new RegExp(pattern, "u").test(normal)) hint = normal;
  }
  return hint ? ` (did you mean '${hint}'?)` : "";
}

export function describeErrors(errors: ErrorObject[], data: unknown, source: ParsedDocument, basePointer: string, what: string, known: KnownNames = {}): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const e of relevantErrors(errors)) {
    if (e.keyword === "propertyNames") continue; // reported with the offending name by the pattern error under it
    const ptr = basePointer + e.instancePath;
    const where = dottedPath(ptr);
    const p = e.params as Record<string, unknown>;
    let { message, location } = messageFor(e, where, valueAt(data, e.instancePath), ptr, source, known);
    if (e.propertyName !== undefined) {
      message = `name '${e.propertyName}' in ${where} must be ${PATTERN_HINTS[String(p.pattern)] ?? "a valid name"}`;
      location = source.map.locateKey(`${ptr}/${escape(e.propertyName)}`);
    }
    if (what) message = `${what}: ${message}`;
    const dedupe = `${location.line}:${location.column}:${message}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    problems.push({ code: "schema", message, location });
  }
  return capProblems(problems);
}

/**
 * The errors worth showing. anyOf/oneOf: keep only the errors of the branches whose type fits the value,
 * so `identifiers: {files: x}` reports the unknown field rather than "must be array". When no branch fits,
 * the anyOf error speaks.
 */
function relevantErrors(errors: ErrorObject[]): ErrorObject[] {
  const unfit = new Set<string>();
  for (const e of errors) {
    const m = /^(.*\/(?:anyOf|oneOf)\/\d+)\/type$/.exec(e.schemaPath);
    if (m) unfit.add(`${e.instancePath}|${m[1]}`);
  }
  const branchOf = (e: ErrorObject): string | undefined => /^(.*\/(?:anyOf|oneOf)\/\d+)\//.exec(e.schemaPath)?.[1];
  const isCombinator = (e: ErrorObject) => e.keyword === "anyOf" || e.keyword === "oneOf";
  // Everything below is looked up in maps, never by scanning the error list per error: 160,000 wrong list
  // items give 160,000 errors, and a scan per error took minutes (issue 11).
  const combinators = new Set<string>();
  for (const e of errors) if (isCombinator(e)) combinators.add(`${e.schemaPath}|${e.instancePath}`);
  /** Where the combinator that branch `b` belongs to stood: the nearest enclosing value of `e` where it failed. */
  const combinatorInstance = (b: string, e: ErrorObject): string => {
    const schemaPath = b.slice(0, b.lastIndexOf("/"));
    for (let ip = e.instancePath; ; ip = ip.slice(0, ip.lastIndexOf("/"))) {
      if (combinators.has(`${schemaPath}|${ip}`)) return ip;
      if (ip === "") return e.instancePath;
    }
  };
  const fitting = errors.filter((e) => {
    if (isCombinator(e)) return false;
    const b = branchOf(e);
    if (!b) return true;
    if (e.keyword === "required") return false; // "one of count or percent" says it better
    return !unfit.has(`${combinatorInstance(b, e)}|${b}`);
  });
  // A combinator is covered when a fitting error lies under it: every proper prefix of a fitting error's schema path.
  const coveredPaths = new Set<string>();
  for (const e of fitting) for (let i = e.schemaPath.indexOf("/"); i > 0; i = e.schemaPath.indexOf("/", i + 1)) coveredPaths.add(e.schemaPath.slice(0, i));
  return [...fitting, ...errors.filter((e) => isCombinator(e) && !coveredPaths.has(e.schemaPath))];
}

/** What one schema error says, in words, and where: the value's line, or the key's for an unknown field. */
function messageFor(e: ErrorObject, where: string, value: unknown, ptr: string, source: ParsedDocument, known: KnownNames): { message: string; location: Problem["location"] } {
  let message: string;
  let location = source.map.locate(ptr);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "additionalProperties": {
      const key = String(p.additionalProperty);
      const known = Object.keys(((e.parentSchema as Schema)?.properties as object) ?? {});
      const hint = suggest(key, known);
      message = `unknown field '${key}' in ${where}${hint ? ` (did you mean '${hint}'?)` : known.length ? ` (known: ${known.join(", ")})` : ""}`;
      location = source.map.locateKey(`${ptr}/${escape(key)}`);
      break;
    }
    case "required":
      message = `${where} is missing the required field '${String(p.missingProperty)}'`;
      break;
    case "const":
      message = `${where} must be '${String(p.allowedValue)}', not ${show(value)}`;
      break;
    case "enum": {
      const allowed = (p.allowedValues as unknown[]).map((v) => String(v));
      // Only a difference of case or spaces is hinted: 'off' is not a misspelt 'soft'.
      const same = typeof value === "string" ? allowed.find((v) => v === value.trim().toLowerCase()) : undefined;
      message = `${where} must be one of ${allowed.map((v) => `'${v}'`).join(", ")}, not ${show(value)}${same ? ` (did you mean '${same}'?)` : ""}`;
      break;
    }
    case "pattern":
      message = `${where} must be ${PATTERN_HINTS[String(p.pattern)] ?? `text matching ${String(p.pattern)}`}, not ${show(value)}${hintFor(value, String(p.pattern), Object.hasOwn(known, ptr) ? known[ptr] : undefined)}`;
      break;
    case "type":
      message = `${where} must be ${article(String(p.type))}, not ${article(jsType(value))}`;
      if (p.type === "boolean" && typeof value === "string" && YAML11_BOOLEANS.test(value)) {
        message += ` ('${value}' is text in YAML 1.2, which Blastgate reads: write true or false)`;
      }
      break;
    case "maximum":
    case "exclusiveMaximum":
      message = `${where} is ${show(value)}, over the ${e.keyword === "maximum" ? "maximum" : "limit"} of ${String(p.limit)}`;
      break;
    case "minimum":
      message = `${where} is ${show(value)}, under the minimum of ${String(p.limit)}`;
      break;
    case "exclusiveMinimum":
      message = `${where} is ${show(value)}; it must be more than ${String(p.limit)}`;
      break;
    case "maxLength":
      message = `${where} is longer than ${String(p.limit)} characters (${show(value)})`;
      break;
    case "maxItems":
      message = `${where} has more than ${String(p.limit)} items`;
      break;
    case "oneOf":
    case "anyOf":
      message = `${where} must be ${describeAlternatives(e.parentSchema)}`;
      break;
    default:
      message = `${where} ${e.message ?? "is invalid"}${value !== undefined && typeof value !== "object" ? ` (${show(value)})` : ""}`;
  }
  return { message, location };
}

function describeAlternatives(s: Schema | undefined): string {
  const bs = s ? branches(s) : [];
  if (bs.some((b) => Array.isArray(b.required))) return `given exactly one of ${bs.map((b) => (b.required as string[]).join("+")).join(" or ")}`;
  return bs.map((b) => article(typeOf(b)[0] ?? "value")).join(" or ");
}

function article(t: string): string {
  const names: Record<string, string> = {
    array: "a list",
    object: "a map",
    string: "a string",
    integer: "a whole number",
    number: "a number",
    boolean: "true or false",
    null: "empty",
    nan: ".nan (not a number)",
    infinity: "infinite (.inf)",
  };
  return names[t] ?? t;
}

/** The closest known name within two edits, or a case-insensitive match. */
export function suggest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  const normal = word.toLowerCase().trim();
  for (const k of known) {
    if (k.toLowerCase() === normal) return k;
    const d = levenshtein(word, k);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  if (best !== undefined) return best;
  // An abbreviation ("prod") names the one known word it starts.
  const starting = normal.length >= 3 ? known.filter((k) => k.toLowerCase().startsWith(normal)) : [];
  return starting.length === 1 ? starting[0] : undefined;
}

function levenshtein(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}
