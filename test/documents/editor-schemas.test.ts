import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/documents/limits.js";
import { pointerOf } from "../../src/documents/source.js";
import { DOCUMENT_SCHEMAS, type DocumentKind } from "../../src/documents/schemas.js";
import { validateValue } from "../../src/documents/validate.js";
import { parseYaml, type ParsedDocument } from "../../src/documents/yaml.js";
import { schemaFields, schemaFileName } from "../../src/engine/editor-schemas.js";
import { RULES } from "../../src/rules/index.js";
import { PROJECT } from "../support/repo.js";

/** The committed editor schemas, read as an editor reads them (draft-07, formats and unknown keywords ignored). */
const editorAjv = new Ajv({ allErrors: true, strict: false });
const SCHEMAS_DIR = path.join(PROJECT, "schemas");
const editor = Object.fromEntries(Object.keys(DOCUMENT_SCHEMAS).map((kind) => [kind, editorAjv.compile(JSON.parse(readFileSync(path.join(SCHEMAS_DIR, schemaFileName(kind)), "utf8")))]));

/**
 * What the validator says of a document's shape: its kind's schema (src/documents/schemas.ts), and for a Policy
 * each rule's type and its `with:` against that type's options schema, as compilePolicies checks them.
 */
function validatorAccepts(kind: DocumentKind, d: ParsedDocument): { ok: boolean; value: unknown } {
  const { value, problems } = validateValue(DOCUMENT_SCHEMAS[kind], structuredClone(d.value), d);
  if (problems.length > 0) return { ok: false, value };
  if (kind === "Policy") {
    for (const [i, rule] of ((value as { rules: { type: string; with?: unknown }[] }).rules ?? []).entries()) {
      const module = RULES.get(rule.type);
      if (!module) return { ok: false, value };
      const checked = validateValue(module.meta.schema, structuredClone(rule.with ?? {}), d, pointerOf(["rules", i, "with"]));
      if (checked.problems.length > 0) return { ok: false, value };
      rule.with = checked.value;
    }
  }
  return { ok: true, value };
}

function yamlFiles(dir: string): string[] {
  return readdirSync(path.join(PROJECT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.relative(PROJECT, path.join(e.parentPath, e.name)));
}

interface Verdicts {
  file: string;
  kind: string;
  validator: boolean;
  editor: boolean;
}

/** Every document of the files that parses as YAML and names a Blastgate kind, judged both ways. */
function judge(files: { file: string; text: string }[]): Verdicts[] {
  const out: Verdicts[] = [];
  for (const { file, text } of files) {
    const parsed = parseYaml(file, text, DEFAULT_LIMITS);
    // YAML the reader refuses (alias bombs, duplicate keys, tags) never reaches a schema: not the schemas' question.
    if (parsed.problems.length > 0) continue;
    for (const d of parsed.documents) {
      const kind = (d.value as { kind?: unknown } | null)?.kind;
      if (typeof kind !== "string" || !Object.hasOwn(DOCUMENT_SCHEMAS, kind)) continue;
      const v = validatorAccepts(kind as DocumentKind, d);
      // The editor judges the value Blastgate reads: where a string is wanted, `0012` is the text written (see docs/editors.md).
      out.push({ file, kind, validator: v.ok, editor: editor[kind]!(v.value) });
    }
  }
  return out;
}

describe("editor schemas (schemas/*.schema.json)", () => {
  it("are one per document kind, named by kind", () => {
    expect(readdirSync(SCHEMAS_DIR).sort()).toEqual(["catalog.schema.json", "operation.schema.json", "policy-test.schema.json", "policy.schema.json", "waiver.schema.json"]);
  });

  it("accept and reject what the validator does: the examples, the starter pack and the hostile corpus", () => {
    const files = [...yamlFiles("examples"), ...yamlFiles("policies"), ...yamlFiles("test/hardening/fixtures")].map((file) => ({ file, text: readFileSync(path.join(PROJECT, file), "utf8") }));
    const verdicts = judge(files);
    expect(verdicts.filter((v) => v.validator !== v.editor)).toEqual([]);
    // Not a vacuous agreement: many documents of every kind, accepted and refused.
    expect(verdicts.length).toBeGreaterThan(60);
    expect(verdicts.filter((v) => !v.validator).length).toBeGreaterThan(10);
    for (const kind of ["Operation", "Catalog", "Policy", "PolicyTest"]) expect(verdicts.filter((v) => v.kind === kind).length, kind).toBeGreaterThan(0);
  });

  const policy = (rule: string) => `apiVersion: blastgate.dev/v1\nkind: Policy\nmetadata: { name: p }\nrules:\n${rule}`;
  const cases: [string, string, boolean][] = [
    ["a blast-radius rule with its options", policy("  - { id: r, type: blast-radius, enforcement: hard-mandatory, with: { maxTargets: 5 } }\n"), true],
    ["an option of another rule type", policy("  - { id: r, type: blast-radius, enforcement: hard-mandatory, with: { maxRpo: 1h } }\n"), false],
    ["a mistyped option", policy("  - { id: r, type: blast-radius, enforcement: hard-mandatory, with: { maxTargets: many } }\n"), false],
    ["a misspelt option", policy("  - { id: r, type: blast-radius, enforcement: hard-mandatory, with: { maxTarget: 5 } }\n"), false],
    ["an unknown rule type", policy("  - { id: r, type: blast-radios, enforcement: hard-mandatory }\n"), false],
    ["approvals without its required options", policy("  - { id: r, type: approvals, enforcement: soft-mandatory }\n"), false],
    ["approvals with them", policy("  - { id: r, type: approvals, enforcement: soft-mandatory, with: { require: [requestedBy] } }\n"), true],
    ["an rpo-alignment spread of 0", policy("  - { id: r, type: rpo-alignment, enforcement: advisory, with: { maxSpread: 0 } }\n"), true],
  ];
  it.each(cases)("rule options: %s (both say %s)", (_, text, accepted) => {
    const [v] = judge([{ file: "policies/p.yaml", text }]);
    expect(v).toMatchObject({ validator: accepted, editor: accepted });
  });

  it("describe each rule type's options for completion and hover", () => {
    const schema = JSON.parse(readFileSync(path.join(SCHEMAS_DIR, "policy.schema.json"), "utf8"));
    const rule = schema.properties.rules.items;
    expect(rule.properties.type.enum).toEqual([...RULES.keys()]);
    const blast = rule.allOf.find((c: { if: { properties: { type: { const: string } } } }) => c.if.properties.type.const === "blast-radius");
    expect(blast.then.properties.with.properties.maxTargets).toMatchObject({ type: "integer", description: expect.stringContaining("identifiers") });
    expect(schema.$id).toBe("https://raw.githubusercontent.com/blastgate/blastgate/v0/schemas/policy.schema.json");
  });

  it("describe every field of every kind, for hover (read from the published files)", () => {
    const undescribed: string[] = [];
    let fields = 0;
    for (const file of readdirSync(SCHEMAS_DIR)) {
      const schema = JSON.parse(readFileSync(path.join(SCHEMAS_DIR, file), "utf8"));
      for (const [where, field] of schemaFields(schema)) {
        fields++;
        if (typeof field.description !== "string" || field.description.length < 10) undescribed.push(`${file}: ${where}`);
      }
    }
    expect(undescribed).toEqual([]);
    expect(fields).toBeGreaterThan(170);
    // Fields that share one schema in the source get their own text: the environment is no metadata name.
    const operation = JSON.parse(readFileSync(path.join(SCHEMAS_DIR, "operation.schema.json"), "utf8"));
    expect(operation.properties.spec.properties.environment.description).toMatch(/environment/);
    expect(operation.properties.metadata.properties.name.description).toMatch(/slug/);
  });
});
