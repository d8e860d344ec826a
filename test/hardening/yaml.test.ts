import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/documents/limits.js";
import { operationSchema } from "../../src/documents/schemas.js";
import { validateValue } from "../../src/documents/validate.js";
import { parseYaml } from "../../src/documents/yaml.js";

/** The library calls behind the CLI corpus: what the author wrote is what Blastgate reads. */

function manifestWith(identifiers: string): string {
  return `apiVersion: blastgate.dev/v1
kind: Operation
metadata: { name: m }
spec:
  environment: production
  action: remove-app
  target:
    kind: app
    identifiers: ${identifiers}
  deletion: { mode: soft }
`;
}

function identifiersOf(identifiers: string): unknown {
  const parsed = parseYaml("m.yaml", manifestWith(identifiers), DEFAULT_LIMITS);
  expect(parsed.problems).toEqual([]);
  const doc = parsed.documents[0]!;
  const v = validateValue(operationSchema, doc.value, doc);
  expect(v.problems).toEqual([]);
  return (v.value as { spec: { target: { identifiers: unknown } } }).spec.target.identifiers;
}

describe("plain scalars in an identifier list are the text written", () => {
  it("YAML 1.1 booleans, sexagesimals, octals and hex stay strings", () => {
    expect(identifiersOf("[no, on, off, yes, y, n, 0x1F, 1e3, 1:20, 0012, 010]")).toEqual(["no", "on", "off", "yes", "y", "n", "0x1F", "1e3", "1:20", "0012", "010"]);
  });

  it("what YAML 1.2 reads as null, booleans, infinities and numbers stays as written", () => {
    expect(identifiersOf("[~, null, true, False, .inf, -.nan, 0o17, +12, -0, 1_000, 2001-12-14, 1.50]")).toEqual(["~", "null", "true", "False", ".inf", "-.nan", "0o17", "+12", "-0", "1_000", "2001-12-14", "1.50"]);
  });

  it("block lists too, each item keeping its own text", () => {
    expect(identifiersOf("\n      - 0012\n      - 12\n      - 12.0\n")).toEqual(["0012", "12", "12.0"]);
  });
});

describe("constructs a reader could be fooled by are refused where they stand", () => {
  it.each([
    ["a duplicate key, quoted the second time", 'a: 1\n"a": 2\n', "duplicate key 'a' (first on line 1): write each key once", 2, 1],
    ["a merge key", "base: &b { x: 1 }\nm:\n  <<: *b\n", "merge keys (<<) are not allowed: write each field out", 3, 3],
    ["a !!binary tag", "a: !!binary aGk=\n", "YAML tag !!binary is not allowed: write plain values", 1, 13],
    ["a !!python/object tag", "a: !!python/object:os.system x\n", "YAML tag !!python/object:os.system is not allowed: write plain values", 1, 4],
    ["an explicit !!int tag", 'a: !!int "12"\n', "YAML tag !!int is not allowed: write plain values", 1, 10],
    ["a map as a key", "? [a, b]\n: c\n", "map keys must be plain strings", 1, 3],
    ["an alias to nothing", "a: *nowhere\n", undefined, 1, 4],
    ["a NUL byte", "a: b\u0000\n", "m.yaml is not a text file (it contains NUL bytes)", 1, 1],
  ])("%s", (_name, text, message, line, column) => {
    const r = parseYaml("m.yaml", text, DEFAULT_LIMITS);
    expect(r.documents).toEqual([]);
    expect(r.problems.length).toBeGreaterThan(0);
    if (message !== undefined) expect(r.problems[0]!.message).toBe(message);
    expect(r.problems[0]!.location).toEqual({ file: "m.yaml", line, column });
  });

  it("an alias bomb under the alias limit is stopped by the node limit, quickly", () => {
    // 20 levels of doubling: 2^20 values expanded. Aliases count as expanded too; with that limit lifted, maxNodes stops it.
    const levels = Array.from({ length: 20 }, (_, i) => `l${i + 1}: &a${i + 1} [*a${i}, *a${i}]`).join("\n");
    const limits = { ...DEFAULT_LIMITS, maxAliases: 10_000_000, maxNodes: 100_000 };
    const r = parseYaml("m.yaml", `l0: &a0 [x, x]\n${levels}\n`, limits);
    expect(r.documents).toEqual([]);
    expect(r.problems.map((p) => p.message)).toEqual(["document has more than 100000 values, aliases expanded (limit maxNodes)"]);
  });
});
