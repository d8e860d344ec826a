import { defineRule } from "./types.js";
import type { IdentifierList } from "../documents/identifiers.js";
import type { ContainedSample } from "../measure/plan.js";
import { grouped } from "../documents/units.js";
import { describeSample, exampleIds, num } from "./examples.js";

interface Options {
  /** Identifiers absent from the inventory are a finding (when the catalog has an inventory). */
  requireInventory: boolean;
  /** Identifiers the inventory places in another environment are a finding. */
  checkEnvironment: boolean;
  /** Protected objects (in use or locked) are a finding. */
  checkProtected: boolean;
}

/**
 * The action and the target kind are named together, and every identifier is checked to be of that kind:
 * the Atlassian script was handed site ids for an app removal, and the API took them.
 */
export default defineRule<Options>({
  meta: {
    type: "identifier-kind",
    description: "Every identifier resolves to exactly the kind spec.target.kind names, and that kind is the one the action acts on.",
    docs: "https://github.com/blastgate/blastgate/blob/main/docs/rules.md#identifier-kind",
    schema: {
      type: "object",
      additionalProperties: false,
      properties: {
        requireInventory: { description: "identifiers absent from the inventory are a finding", type: "boolean", default: false },
        checkEnvironment: { description: "objects the inventory places in another environment are a finding, targets and the objects inside them alike", type: "boolean", default: true },
        checkProtected: { description: "objects the inventory marks protected (in use or locked) are a finding, targets and the objects inside them alike", type: "boolean", default: true },
      },
    },
    messages: {
      actionKind: "action '{{action}}' acts on '{{actionTarget}}', but spec.target.kind is '{{kind}}'",
      wrongKind: "{{count}} of {{total}} {{total:identifier|identifiers}} {{count:is|are}} {{actual}}, not {{kind}}: {{examples}}",
      unresolved: "{{count}} of {{total}} {{total:identifier|identifiers}} {{count:matches|match}} no kind in the catalog: {{examples}}",
      ambiguous: "{{count}} of {{total}} {{total:identifier|identifiers}} {{count:matches|match}} more than one kind ({{kinds}}), so their kind cannot be told: {{examples}}",
      otherEnvironment: "{{count}} of {{total}} {{total:identifier|identifiers}} {{count:belongs|belong}} to {{actual}}, not {{environment}}: {{examples}}",
      protected: "{{count}} of {{total}} {{total:target|targets}} {{count:is|are}} protected (in use or locked): {{examples}}",
      containedOtherEnvironment: "objects inside the targets belong to {{actual}}, not {{environment}}, and would be destroyed with them ({{count}} of {{inside}}): {{examples}}",
      containedProtected: "objects inside the targets are protected (in use or locked) and would be destroyed with them ({{count}} of {{inside}}): {{examples}}",
      notInInventory: "{{count}} of {{total}} {{total:identifier|identifiers}} {{count:is|are}} not in the inventory {{inventory}}: {{examples}}",
    },
  },
  check(ctx) {
    const { manifest, resolution: r, identifiers: ids, options } = ctx;
    const spec = manifest.doc.spec;
    const kind = spec.target.kind;
    const total = num(r.total);
    const action = ctx.catalog.actions.get(spec.action);
    if (action && action.target !== kind) {
      ctx.report({
        location: ctx.at("/spec/target/kind"),
        messageId: "actionKind",
        data: { action: spec.action, actionTarget: action.target, kind },
        evidence: { action: spec.action, actionTarget: action.target, declaredKind: kind },
      });
    }
    const byKind = Object.fromEntries([...r.byKind].map(([k, s]) => [k, s.count]));
    for (const [actual, s] of r.byKind) {
      if (actual === kind) continue;
      ctx.report({
        location: ids.location(s.examples[0]!),
        messageId: "wrongKind",
        data: { count: num(s.count), total, actual, kind, examples: describeSample(s, ids) },
        evidence: { declaredKind: kind, resolvedKind: actual, count: s.count, total: r.total, examples: exampleIds(s, ids), ...prefixed(byKind) },
      });
    }
    if (r.unresolved.count > 0) {
      ctx.report({
        location: ids.location(r.unresolved.examples[0]!),
        messageId: "unresolved",
        data: { count: num(r.unresolved.count), total, examples: describeSample(r.unresolved, ids) },
        evidence: { count: r.unresolved.count, total: r.total, examples: exampleIds(r.unresolved, ids) },
      });
    }
    if (r.ambiguous.count > 0) {
      const first = r.ambiguous.examples[0]!;
      const kinds = r.ambiguousKinds.get(first) ?? [];
      ctx.report({
        location: ids.location(first),
        messageId: "ambiguous",
        data: { count: num(r.ambiguous.count), total, kinds: kinds.join(" and "), examples: describeSample(r.ambiguous, ids) },
        evidence: { count: r.ambiguous.count, total: r.total, kinds, examples: exampleIds(r.ambiguous, ids) },
      });
    }
    if (options.checkEnvironment) {
      for (const [env, s] of r.otherEnvironment) {
        ctx.report({
          location: ids.location(s.examples[0]!),
          messageId: "otherEnvironment",
          data: { count: num(s.count), total, actual: env, environment: spec.environment, examples: describeSample(s, ids) },
          evidence: { count: s.count, total: r.total, environment: spec.environment, actualEnvironment: env, examples: exampleIds(s, ids) },
        });
      }
    }
    if (options.checkProtected && r.protected.count > 0) {
      ctx.report({
        location: ids.location(r.protected.examples[0]!),
        messageId: "protected",
        data: { count: num(r.protected.count), total, examples: describeSample(r.protected, ids) },
        evidence: { count: r.protected.count, total: r.total, examples: exampleIds(r.protected, ids) },
      });
    }
    const inside = ctx.plan.contained;
    if (options.checkEnvironment) {
      for (const [env, s] of Object.entries(inside.otherEnvironment)) {
        ctx.report({
          location: containerAt(s, ids),
          messageId: "containedOtherEnvironment",
          data: { count: num(s.count), inside: num(inside.total), actual: env, environment: spec.environment, examples: describeContained(s) },
          evidence: { count: s.count, environment: spec.environment, actualEnvironment: env, examples: s.examples.slice(0, 5).map((e) => e.id), targets: s.examples.slice(0, 5).map((e) => e.target) },
        });
      }
    }
    if (options.checkProtected && inside.protected.count > 0) {
      const s = inside.protected;
      ctx.report({
        location: containerAt(s, ids),
        messageId: "containedProtected",
        data: { count: num(s.count), inside: num(inside.total), examples: describeContained(s) },
        evidence: { count: s.count, examples: s.examples.slice(0, 5).map((e) => e.id), targets: s.examples.slice(0, 5).map((e) => e.target) },
      });
    }
    if (options.requireInventory && ctx.inventory && r.notInInventory.count > 0) {
      ctx.report({
        location: ids.location(r.notInInventory.examples[0]!),
        messageId: "notInInventory",
        data: { count: num(r.notInInventory.count), total, inventory: ctx.inventory.file, examples: describeSample(r.notInInventory, ids) },
        evidence: { count: r.notInInventory.count, total: r.total, examples: exampleIds(r.notInInventory, ids) },
      });
    }
  },
});

/** "'app-0007' (app) in 'site-0003', ... and 4 more" */
function describeContained(s: ContainedSample, max = 3): string {
  const shown = s.examples.slice(0, max).map((e) => `'${e.id}' (${e.kind}) in '${e.target}'`);
  const more = s.count - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${grouped(more)} more` : shown.join(", ");
}

/** The identifier of the target holding the first example: deleting it is what destroys the object. */
function containerAt(s: ContainedSample, ids: IdentifierList) {
  const target = s.examples[0]?.target;
  for (let i = 0; i < ids.length; i++) if (ids.value(i) === target) return ids.location(i);
  return ids.location(0);
}

function prefixed(byKind: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(byKind).map(([k, n]) => [`resolved.${k}`, n]));
}
