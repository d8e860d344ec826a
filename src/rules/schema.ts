import { dottedPath } from "../documents/source.js";
import { compileUserSchema } from "../documents/validate.js";
import { defineRule } from "./types.js";

interface Options {
  schema: object;
  message: string;
}

/** Whatever the typed rules don't cover: the manifest must satisfy a JSON Schema the policy holds. */
export default defineRule<Options>({
  meta: {
    type: "schema",
    description:
      "The manifest must satisfy the JSON Schema in `with.schema`; `with.message` says why to a reviewer. Regular expressions in the schema (`pattern`, `patternProperties`, `propertyNames`) are RE2 syntax, matched in linear time, not ECMA-262: no lookaround, no backreferences, and `\\x{30}` where ECMA-262 writes `\\u0030`; a pattern RE2 cannot read is a policy error (exit 2).",
    docs: "https://github.com/blastgate/blastgate/blob/main/docs/rules.md#schema",
    schema: {
      type: "object",
      additionalProperties: false,
      required: ["schema", "message"],
      properties: {
        schema: { description: "a JSON Schema the whole manifest must satisfy", type: "object" },
        message: { description: "what a reviewer is told when it does not", type: "string", minLength: 1 },
      },
    },
    messages: {
      violated: "{{message}} ({{path}} {{detail}})",
    },
  },
  checkOptions(options) {
    try {
      compileUserSchema(options.schema);
      return undefined;
    } catch (e) {
      return { option: "schema", message: `is not a JSON Schema Blastgate can use: ${(e as Error).message}` };
    }
  },
  check(ctx) {
    const validate = compileUserSchema(ctx.options.schema);
    if (validate(ctx.manifest.doc)) return;
    const first = (validate.errors ?? [])[0];
    const ptr = first ? first.instancePath + (first.keyword === "required" ? "" : "") : "";
    const detail = first ? (first.keyword === "required" ? `is missing '${String((first.params as { missingProperty?: string }).missingProperty)}'` : (first.message ?? "is invalid")) : "is invalid";
    ctx.report({
      location: ctx.at(ptr),
      messageId: "violated",
      data: { message: ctx.options.message, path: dottedPath(ptr), detail },
      evidence: { errors: (validate.errors ?? []).length },
    });
  },
});
