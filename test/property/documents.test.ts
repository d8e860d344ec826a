import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdentifierFileParser } from "../../src/documents/identifiers.js";
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

describe("identifier files", () => {
  const line = fc.oneof(
    fc.constantFrom("app-0001", "app-0002", "site-0001", "# comment", "", "  ", "app-0001  ", "\tapp-0003", "app-\u200b0004", "аpp-0005", "app-0006\u00a0", "x".repeat(600)),
    fc.string({ maxLength: 12 }),
  );

  it("read the same whatever the chunk boundaries and line endings", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.boolean(), fc.boolean(), fc.array(fc.nat(400), { maxLength: 10 }), (lines, crlf, bom, cuts) => {
        const text = (bom ? "\ufeff" : "") + lines.join(crlf ? "\r\n" : "\n");
        const whole = new IdentifierFileParser("ids.txt", DEFAULT_LIMITS);
        whole.push(text);
        const a = whole.end();
        const pieces = new IdentifierFileParser("ids.txt", DEFAULT_LIMITS);
        let from = 0;
        for (const cut of [...new Set(cuts)].sort((x, y) => x - y)) {
          if (cut <= from || cut >= text.length) continue;
          pieces.push(text.slice(from, cut));
          from = cut;
        }
        pieces.push(text.slice(from));
        const b = pieces.end();
        expect(b.list.values).toEqual(a.list.values);
        expect(b.problems).toEqual(a.problems);
        // Every identifier kept is a line as written, less surrounding spaces, tabs and CR: nothing else is changed.
        const written = new Set(text.replace(/^\ufeff/, "").split("\n").map((l) => l.replace(/^[ \t]+|[ \t\r]+$/g, "")));
        for (const id of a.list.values) expect(written.has(id)).toBe(true);
        for (const id of a.list.values) expect(id).toMatch(/^[\x21-\x7e]+$/);
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
        expect(b.list.values).toEqual(a.list.values);
        expect(b.problems.map((p) => p.location.line)).toEqual(a.problems.map((p) => p.location.line));
      }),
    );
  });
});
