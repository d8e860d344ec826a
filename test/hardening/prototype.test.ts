import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IdentifierFileParser, identifierValues } from "../../src/documents/identifiers.js";
import { DEFAULT_LIMITS } from "../../src/documents/limits.js";
import { catalogSchema, operationSchema } from "../../src/documents/schemas.js";
import type { CatalogDocument } from "../../src/documents/types.js";
import { validateValue } from "../../src/documents/validate.js";
import { parseYaml } from "../../src/documents/yaml.js";
import { compileCatalog, kindsMatching } from "../../src/resolve/catalog.js";
import { InventoryParser } from "../../src/resolve/inventory.js";
import { runCheck } from "../../src/check/run.js";
import { MemoryFiles } from "../support/memory-files.js";

/**
 * Keys named like prototype members, fed to every parser in-process: none may reach
 * Object.prototype (or Array.prototype), whatever the outcome of the parse.
 */
const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype] as const;
let before: string[][];

function snapshot(): string[][] {
  return PROTOTYPES.map((p) => Reflect.ownKeys(p).map(String).sort());
}

beforeAll(() => {
  before = snapshot();
});

afterAll(() => {
  expect(snapshot()).toEqual(before);
});

function expectUnpolluted(): void {
  expect(snapshot()).toEqual(before);
  const probe: Record<string, unknown> = {};
  for (const key of ["polluted", "environment", "isAdmin", "kinds"]) expect(probe[key]).toBeUndefined();
  expect(Object.getPrototypeOf(probe)).toBe(Object.prototype);
}

describe("YAML keys named like prototype members", () => {
  it.each([
    ["plain __proto__", "__proto__:\n  polluted: true\n", 1],
    ["quoted __proto__", '"__proto__":\n  polluted: true\n', 1],
    ["explicit-key __proto__", "? __proto__\n: { polluted: true }\n", 1],
    ["nested __proto__", "spec:\n  target:\n    __proto__: { polluted: true }\n", 3],
    ["__proto__ inside a flow map in a list", "items:\n  - { a: 1, __proto__: { polluted: true } }\n", 2],
  ])("%s is refused where it stands", (_name, text, line) => {
    const r = parseYaml("m.yaml", text, DEFAULT_LIMITS);
    expect(r.documents).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.message).toBe("key '__proto__' is not allowed");
    expect(r.problems[0]!.location.line).toBe(line);
    expectUnpolluted();
  });

  it("constructor, prototype, toString and hasOwnProperty stay plain data", () => {
    const text = "constructor:\n  prototype:\n    polluted: true\nprototype: { polluted: true }\ntoString: x\nhasOwnProperty: y\nvalueOf: 1\n";
    const r = parseYaml("m.yaml", text, DEFAULT_LIMITS);
    expect(r.problems).toEqual([]);
    const value = r.documents[0]!.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["constructor", "prototype", "toString", "hasOwnProperty", "valueOf"]);
    expect(value.constructor).toEqual({ prototype: { polluted: true } });
    expect(value.toString).toBe("x");
    // Validation of such a document walks and rewrites keys; it must report, not assign through.
    const v = validateValue(operationSchema, value, r.documents[0]!);
    expect(v.problems.map((p) => p.message)).toContain("unknown field 'constructor' in (document) (known: apiVersion, kind, metadata, spec)");
    expectUnpolluted();
  });
});

describe("catalog names, inventory rows and identifiers named like prototype members", () => {
  it("kinds, actions and products called constructor and prototype are ordinary names", () => {
    const text = `apiVersion: blastgate.dev/v1
kind: Catalog
kinds:
  constructor: { identifier: { pattern: "c-[0-9]+" }, products: [hasownproperty] }
  prototype: { identifier: { pattern: "p-[0-9]+" }, parent: constructor }
actions:
  constructor: { target: prototype, destructive: true }
products:
  hasownproperty: { rpo: 1h, restorePoint: 1h }
`;
    const parsed = parseYaml("policies/catalog.yaml", text, DEFAULT_LIMITS);
    expect(parsed.problems).toEqual([]);
    const doc = parsed.documents[0]!;
    const v = validateValue(catalogSchema, doc.value, doc);
    expect(v.problems).toEqual([]);
    const { catalog, problems } = compileCatalog({ doc: v.value as CatalogDocument, source: doc });
    expect(problems).toEqual([]);
    expect([...catalog.kinds.keys()]).toEqual(["constructor", "prototype"]);
    expect(catalog.actions.get("constructor")!.target).toBe("prototype");
    expect(kindsMatching(catalog, "p-1")).toEqual(["prototype"]);
    expect(kindsMatching(catalog, "constructor")).toEqual([]);
    expectUnpolluted();
  });

  it("inventory rows with __proto__ fields and kinds", () => {
    const parser = new InventoryParser("inventory.ndjson");
    parser.push('{"id":"x-1","kind":"__proto__","tenant":"constructor","customer":"prototype","__proto__":{"polluted":true}}\n');
    parser.push('{"id":"__proto__","kind":"site","tenant":"t","customer":"c","environment":"__proto__"}\n');
    const { inventory, problems } = parser.end();
    expect(problems).toEqual([]);
    expect(inventory.get("x-1")).toMatchObject({ kind: "__proto__", tenant: "constructor", customer: "prototype" });
    expect(inventory.get("__proto__")).toMatchObject({ kind: "site", environment: "__proto__" });
    expect(inventory.get("constructor")).toBeUndefined();
    expectUnpolluted();
  });

  it("identifiers called __proto__ and constructor are ids like any other", () => {
    const p = new IdentifierFileParser("ids.txt", DEFAULT_LIMITS);
    p.push("__proto__\nconstructor\nhasOwnProperty\n__proto__\n");
    const { list, problems } = p.end();
    expect(identifierValues(list)).toEqual(["__proto__", "constructor", "hasOwnProperty"]);
    expect(problems.map((x) => x.message)).toEqual(["duplicate identifier '__proto__' (first on line 1)"]);
    expectUnpolluted();
  });

  it("a whole check over such names resolves them and leaves the prototypes alone", async () => {
    const files = new MemoryFiles({
      "policies/catalog.yaml": `apiVersion: blastgate.dev/v1
kind: Catalog
environments: [production]
inventory: inventory.ndjson
kinds:
  constructor: { identifier: { pattern: "c-[0-9]+" } }
  prototype: { identifier: { pattern: "p-[0-9]+" }, parent: constructor }
actions:
  tostring: { target: prototype, destructive: true }
`,
      "policies/policy.yaml": "apiVersion: blastgate.dev/v1\nkind: Policy\nrules:\n  - { id: kinds, type: identifier-kind, enforcement: hard-mandatory }\n",
      "inventory.ndjson":
        '{"id":"p-1","kind":"prototype","tenant":"__proto__","customer":"constructor","environment":"production","parent":"c-1"}\n{"id":"c-1","kind":"constructor","tenant":"t","customer":"c","environment":"production"}\n{"id":"__proto__","kind":"__proto__","tenant":"t","customer":"c","environment":"production"}\n',
      "m.yaml": `apiVersion: blastgate.dev/v1
kind: Operation
metadata: { name: m }
spec:
  environment: production
  action: tostring
  target: { kind: prototype, identifiers: [p-1, p-2, __proto__] }
  deletion: { mode: soft, retention: 30d }
`,
    });
    const r = await runCheck({ workspace: files, policiesDir: "policies", manifests: ["m.yaml"], now: new Date("2026-11-24") });
    // A row of a kind the catalog does not define is the inventory's problem, at its line (issue 11).
    expect(r.problems).toEqual([{ code: "inventory", message: "malformed inventory row: kind '__proto__' is not a kind the catalog defines (known: constructor, prototype)", location: { file: "inventory.ndjson", line: 3, column: 1 } }]);
    expect(r.verdict).toBe("error");
    expectUnpolluted();
  });
});
