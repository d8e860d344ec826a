import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { AJV_OPTIONS } from "../../src/documents/ajv-options.js";
import { DOCUMENT_SCHEMAS } from "../../src/documents/schemas.js";
import { compileSchema } from "../../src/documents/validate.js";
import { VALIDATORS } from "../../src/documents/validators.generated.js";
import { RULES } from "../../src/rules/index.js";

const root = join(import.meta.dirname, "../..");
const fixed: [string, object][] = [...Object.entries(DOCUMENT_SCHEMAS).map(([kind, schema]): [string, object] => [kind, schema]), ...[...RULES].map(([type, rule]): [string, object] => [`rule ${type}`, rule.meta.schema])];

describe("precompiled validators (src/documents/validators.generated.js)", () => {
  // Whether the committed file is fresh cannot be tested here: the test setup's build regenerates it first.
  // .ci/run checks it (node scripts/schemas.mjs --check) before anything rebuilds.

  it.each(fixed)("serve the %s schema without compiling it at run time", (_, schema) => {
    expect(Object.values(VALIDATORS)).toContain(compileSchema(schema));
  });

  // describeErrors reads keyword, params, schemaPath, instancePath and parentSchema: the generated validators must
  // report exactly what Ajv compiling the schema at run time reports.
  const docs = readdirSync(join(root, "examples/policies"))
    .concat(readdirSync(join(root, "examples/manifests")).map((f) => `../manifests/${f}`))
    .filter((f) => f.endsWith(".yaml"))
    .flatMap((f) => parseAllDocuments(readFileSync(join(root, "examples/policies", f), "utf8")).map((d) => d.toJS() as Record<string, unknown>));
  const mutations: ((d: any) => void)[] = [
    () => {},
    (d) => (d.extra = 1),
    (d) => delete d.apiVersion,
    (d) => (d.kind = 7),
    (d) => d.metadata && (d.metadata.name = "Bad Name"),
    (d) => d.spec?.deletion && (d.spec.deletion.mode = "off"),
    (d) => d.spec?.rollout && (d.spec.rollout.stages = [{ name: "a" }, { name: "\u0001", count: 1, percent: 5 }, {}]),
    (d) => d.spec?.target && (d.spec.target.identifiers = { files: "x" }),
    (d) => d.kinds && (d.kinds["Bad Kind"] = { identifier: {} }),
    (d) => Array.isArray(d.rules) && d.rules.push({ id: "", type: 1, with: { x: [] } }),
  ];
  const runtime = new Ajv({ ...AJV_OPTIONS });
  it.each(fixed)("report the errors Ajv reports at run time for the %s schema", (_, schema) => {
    const compiled = runtime.compile(schema);
    const values: unknown[] = [null, [], "x", {}, { unknown: { nested: true } }];
    for (const doc of docs) {
      for (const mutate of mutations) {
        const copy = structuredClone(doc);
        mutate(copy);
        values.push(copy, copy.spec, copy.with);
      }
    }
    let failures = 0;
    for (const value of values) {
      const generated = compileSchema(schema);
      const ok = generated(value);
      expect(ok).toBe(compiled(value));
      expect(generated.errors ?? null).toEqual(compiled.errors ?? null);
      if (!ok) failures++;
    }
    expect(failures).toBeGreaterThan(0);
  });
});
