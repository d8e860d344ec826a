import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdentifierFileParser, identifierValues } from "../../src/documents/identifiers.js";
import { DEFAULT_LIMITS } from "../../src/documents/limits.js";
import { DOCUMENT_SCHEMAS } from "../../src/documents/schemas.js";
import { validateValue } from "../../src/documents/validate.js";
import { parseYaml } from "../../src/documents/yaml.js";
import { configureFastCheck } from "./world.js";

configureFastCheck();

/** Text made of YAML's own punctuation and the values that trip readers up, so generated input is near-YAML. */
const yamlish = fc
  .array(
    fc.oneof(
      fc.constantFrom("\n", "  ", "- ", ": ", "---\n", "&a ", "*a", "<<: ", "!!js/function ", "!t ", "[", "]", "{", "}", ",", "? ", "|\n", ">\n", '"', "'", "#", "\t", "\r\n", "\u0000", "\ufeff"),
      fc.constantFrom("no", "on", "0x1F", "1e3", "1:20", "0012", "~", "null", "__proto__", "constructor", "kind", "Operation", "spec", "apiVersion", "blastgate.dev/v1"),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(""));

describe("reading YAML never throws, and every problem has a place", () => {
  it("for near-YAML text and for any text", () => {
    fc.assert(
      fc.property(fc.oneof(yamlish, fc.string({ unit: "binary", maxLength: 200 })), (text) => {
        const r = parseYaml("m.yaml", text, DEFAULT_LIMITS);
        for (const p of r.problems) {
          expect(p.location.file).toBe("m.yaml");
          expect(p.location.line).toBeGreaterThanOrEqual(1);
          expect(p.location.column).toBeGreaterThanOrEqual(1);
        }
        // Whatever was read validates (or not) without throwing, against each document schema.
        for (const d of r.documents) for (const schema of Object.values(DOCUMENT_SCHEMAS)) validateValue(schema, d.value, d);
      }),
    );
  });
});

/** Hands `text` to the parser cut at the given offsets (chunk boundaries anywhere, even inside a line). */
function pushInPieces(parser: IdentifierFileParser, text: string, cuts: number[]): void {
  let from = 0;
  for (const cut of [...new Set(cuts)].sort((x, y) => x - y)) {
    if (cut <= from || cut >= text.length) continue;
    parser.push(text.slice(from, cut));
    from = cut;
  }
  parser.push(text.slice(from));
}

describe("identifier files", () => {
  const line = fc.oneof(fc.constantFrom("app-0001", "app-0002", "site-0001", "# comment", "", "  ", "app-0001  ", "\tapp-0003", "app-\u200b0004", "аpp-0005", "app-0006\u00a0", "x".repeat(600)), fc.string({ maxLength: 12 }));

  it("read the same whatever the chunk boundaries and line endings", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.boolean(), fc.boolean(), fc.array(fc.nat(400), { maxLength: 10 }), (lines, crlf, bom, cuts) => {
        const text = (bom ? "\ufeff" : "") + lines.join(crlf ? "\r\n" : "\n");
        const whole = new IdentifierFileParser("ids.txt", DEFAULT_LIMITS);
        whole.push(text);
        const a = whole.end();
        const pieces = new IdentifierFileParser("ids.txt", DEFAULT_LIMITS);
        pushInPieces(pieces, text, cuts);
        const b = pieces.end();
        expect(identifierValues(b.list)).toEqual(identifierValues(a.list));
        expect(b.problems).toEqual(a.problems);
        // Every identifier kept is a line as written, less surrounding spaces, tabs and CR: nothing else is changed.
        const written = new Set(
          text
            .replace(/^\ufeff/, "")
            .split("\n")
            .map((l) => l.replace(/^[ \t]+|[ \t\r]+$/g, "")),
        );
        for (const id of identifierValues(a.list)) expect(written.has(id)).toBe(true);
        for (const id of identifierValues(a.list)) expect(id).toMatch(/^[\x21-\x7e]+$/);
      }),
    );
  });

  it("the same lines with LF or CRLF give the same identifiers", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        const lf = new IdentifierFileParser("ids.txt", DEFAULT_LIMITS);
        lf.push(lines.join("\n"));
        const crlf = new IdentifierFileParser("ids.txt", DEFAULT_LIMITS);
        crlf.push(lines.join("\r\n"));
        const a = lf.end();
        const b = crlf.end();
        expect(identifierValues(b.list)).toEqual(identifierValues(a.list));
        expect(b.problems.map((p) => p.location.line)).toEqual(a.problems.map((p) => p.location.line));
      }),
    );
  });

  it("held as inventory rows and in the compact store, the list is what a plain model of the file says", () => {
    // Few distinct ids (so duplicates are common), long and short (V8 slices strings of 13 characters or more).
    const id = fc.constantFrom(...Array.from({ length: 40 }, (_, i) => (i % 2 ? "a" : "site-0000000000-") + i));
    const entry = fc.record({ id, indent: fc.constantFrom("", " ", "\t  "), comment: fc.boolean() });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 120 }), fc.subarray(Array.from({ length: 40 }, (_, i) => i)), fc.array(fc.nat(3000), { maxLength: 12 }), (entries, known, cuts) => {
        const text = entries.map((e) => (e.comment ? "# " : e.indent) + e.id).join("\n");
        // The model: the first occurrence of each id, with its line and column; every later one a duplicate.
        const first = new Map<string, { line: number; column: number }>();
        let duplicates = 0;
        entries.forEach((e, i) => {
          if (e.comment) return;
          if (first.has(e.id)) duplicates++;
          else first.set(e.id, { line: i + 1, column: e.indent.length + 1 });
        });
        const inventoryIds = known.map((i) => (i % 2 ? "a" : "site-0000000000-") + i);
        const lookup = { size: inventoryIds.length, row: (s: string) => (inventoryIds.indexOf(s) >= 0 ? inventoryIds.indexOf(s) : undefined), idAt: (r: number) => inventoryIds[r]! };
        for (const withInventory of [false, true]) {
          const parser = new IdentifierFileParser("ids.txt", DEFAULT_LIMITS, withInventory ? lookup : undefined);
          pushInPieces(parser, text, cuts);
          const { list, problems } = parser.end();
          expect(identifierValues(list)).toEqual([...first.keys()]);
          expect(Array.from({ length: list.length }, (_, i) => list.location(i))).toEqual([...first.values()].map((at) => ({ file: "ids.txt", ...at })));
          if (withInventory) expect(Array.from({ length: list.length }, (_, i) => list.row!(i))).toEqual([...first.keys()].map((v) => inventoryIds.indexOf(v)));
          else expect(list.row).toBeUndefined();
          const duplicateProblems = problems.filter((p) => p.code === "identifier-duplicate");
          expect(duplicateProblems.length).toBe(Math.min(duplicates, 3) + (duplicates > 3 ? 1 : 0));
          for (const p of duplicateProblems.slice(0, 3)) {
            const written = /'(.*)' \(first on line (\d+)\)/.exec(p.message)!;
            expect(first.get(written[1]!)!.line).toBe(Number(written[2]));
          }
        }
      }),
    );
  });

  it("finds duplicates of inventory ids in a long list, across chunks, with the line first named", () => {
    const inventoryIds = Array.from({ length: 20_000 }, (_, i) => `obj-${String(i).padStart(6, "0")}`);
    const rowOf = new Map(inventoryIds.map((id, r) => [id, r]));
    const lookup = { size: inventoryIds.length, row: (s: string) => rowOf.get(s), idAt: (r: number) => inventoryIds[r]! };
    // 10,000 distinct ids, then the first one again, then the 9,000th, then an id the inventory lacks, twice.
    const lines = [...inventoryIds.slice(0, 10_000), inventoryIds[0]!, inventoryIds[8_999]!, "not-in-inventory", "not-in-inventory"];
    const parser = new IdentifierFileParser("ids.txt", DEFAULT_LIMITS, lookup);
    pushInPieces(parser, lines.join("\n"), [65_536, 131_072]);
    const { list, problems } = parser.end();
    expect(list.length).toBe(10_001);
    expect(list.row!(9_999)).toBe(9_999);
    expect(list.row!(10_000)).toBe(-1);
    expect(problems.map((p) => `${p.location.line}: ${p.message}`)).toEqual([
      "10001: duplicate identifier 'obj-000000' (first on line 1)",
      "10002: duplicate identifier 'obj-008999' (first on line 9000)",
      "10004: duplicate identifier 'not-in-inventory' (first on line 10003)",
    ]);
  });
});
