import { DURATION_PATTERN, formatDuration, parseDuration } from "../documents/units.js";
import { defineRule } from "./types.js";

interface Options {
  maxRpo?: string;
  /** Largest difference of restore points across the products that live in one object (0: identical). */
  maxSpread?: string;
}

/** 57 customers lost more data because Jira, Confluence and Insight in one site had different restore points. */
export default defineRule<Options>({
  meta: {
    type: "rpo-alignment",
    description: "Every product the run touches has an RPO within the limit, and co-resident products restore to the same point.",
    docs: "https://github.com/blastgate/blastgate/blob/main/docs/rules.md#rpo-alignment",
    schema: {
      type: "object",
      additionalProperties: false,
      properties: {
        maxRpo: { description: "longest RPO of any product touched", type: "string", pattern: DURATION_PATTERN },
        maxSpread: { description: "largest difference of restorePoint across co-resident products (0: identical)", anyOf: [{ type: "string", pattern: DURATION_PATTERN }, { const: 0 }] },
      },
    },
    messages: {
      rpoTooLong: "{{product}} (in {{kind}}) has an RPO of {{rpo}}; the limit is {{max}}",
      spread: "the products inside one {{kind}}{{parentNote}} restore to points {{spread}} apart ({{detail}}); the limit is {{max}}: a restore would leave them out of step",
      undefinedProduct: "{{product}} (in {{kind}}) has no RPO in the catalog",
    },
  },
  limits(o) {
    const spread = o.maxSpread === undefined ? undefined : parseDuration(o.maxSpread);
    return spread?.ok ? { maxSpreadSeconds: spread.value } : {};
  },
  check(ctx) {
    const { plan, catalog, options: o } = ctx;
    const maxRpo = o.maxRpo === undefined ? undefined : parseDuration(o.maxRpo);
    const maxSpread = o.maxSpread === undefined ? undefined : parseDuration(o.maxSpread);
    const kinds = [...new Set([...Object.keys(plan.byKind), ...Object.keys(plan.contained.byKind)])];
    const at = ctx.at("/spec/target/kind");
    const reported = new Set<string>();
    for (const kind of kinds) {
      const def = catalog.kinds.get(kind);
      if (!def) continue;
      const parentNote = def.parent ? ` (which lives inside a ${def.parent})` : "";
      const products = def.products.map((p) => catalog.products.get(p)).filter((p) => p !== undefined);
      for (const name of def.products) {
        if (!catalog.products.has(name) && !reported.has(name)) {
          reported.add(name);
          ctx.report({ location: at, messageId: "undefinedProduct", data: { product: name, kind }, evidence: { product: name, kind } });
        }
      }
      if (maxRpo?.ok) {
        for (const p of products) {
          if (p.rpoSeconds > maxRpo.value && !reported.has(p.name)) {
            reported.add(p.name);
            ctx.report({
              location: at,
              messageId: "rpoTooLong",
              data: { product: p.name, kind, rpo: formatDuration(p.rpoSeconds), max: o.maxRpo! },
              evidence: { product: p.name, kind, rpoSeconds: p.rpoSeconds, maxRpoSeconds: maxRpo.value },
            });
          }
        }
      }
      if (maxSpread?.ok && products.length > 1) {
        const points = products.map((p) => p.restorePointSeconds);
        const spread = Math.max(...points) - Math.min(...points);
        if (spread > maxSpread.value) {
          ctx.report({
            location: at,
            messageId: "spread",
            data: {
              kind,
              parentNote,
              spread: formatDuration(spread),
              detail: products.map((p) => `${p.name} ${formatDuration(p.restorePointSeconds)}`).join(", "),
              max: String(o.maxSpread),
            },
            evidence: { kind, spreadSeconds: spread, maxSpreadSeconds: maxSpread.value, products: products.map((p) => p.name), restorePointSeconds: points },
          });
        }
      }
    }
  },
});
