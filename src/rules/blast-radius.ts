import { defineRule } from "./types.js";
import { num, percent } from "./examples.js";

interface Options {
  maxTargets?: number;
  maxTenants?: number;
  maxCustomers?: number;
  /** Largest fraction of all inventory objects of a kind one run may destroy (the capacity floor). */
  maxShareOfKind?: number;
  /** Largest single stage. */
  maxPerStage?: number;
  /** A run over this many targets must be staged (two stages or more). */
  requireStagesAbove?: number;
  /** Largest first stage (the canary). */
  maxFirstStage?: number;
  /** Objects contained in the targets, all kinds together. */
  maxContained?: number;
  /** How far the computed count may differ from spec.target.expectedCount (0: exactly). */
  expectedCountTolerance: number;
}

/** Bulk deletes need limits and staged rollout: 883 sites went in one 23-minute run. */
export default defineRule<Options>({
  meta: {
    type: "blast-radius",
    description: "Limits how much one run may destroy: targets, tenants, customers, share of a kind, stage sizes; checks the expected count.",
    docs: "https://github.com/blastgate/blastgate/blob/main/docs/rules.md#blast-radius",
    schema: {
      type: "object",
      additionalProperties: false,
      properties: {
        maxTargets: { description: "most identifiers one run may name", type: "integer", minimum: 0 },
        maxTenants: { description: "most distinct tenants (needs an inventory)", type: "integer", minimum: 0 },
        maxCustomers: { description: "most distinct customers (needs an inventory)", type: "integer", minimum: 0 },
        maxShareOfKind: { description: "largest fraction of all inventory objects of a kind (the capacity floor), 0 to 1", type: "number", minimum: 0, maximum: 1 },
        maxPerStage: { description: "largest stage", type: "integer", minimum: 1 },
        requireStagesAbove: { description: "a run over this many targets needs two stages or more", type: "integer", minimum: 0 },
        maxFirstStage: { description: "largest first stage (the canary)", type: "integer", minimum: 1 },
        maxContained: { description: "most objects inside the targets, destroyed with them", type: "integer", minimum: 0 },
        expectedCountTolerance: { description: "allowed difference from spec.target.expectedCount, as a fraction (0: exact)", type: "number", minimum: 0, default: 0 },
      },
    },
    messages: {
      expectedCount: "the identifiers name {{count}} targets, but spec.target.expectedCount says {{expected}}",
      maxTargets: "destroys {{count}} targets; the limit is {{max}}",
      maxTenants: "touches {{count}} tenants; the limit is {{max}}",
      maxCustomers: "touches {{count}} customers; the limit is {{max}}",
      noInventory: "{{limit}} is set, but the catalog has no inventory to count {{what}} with",
      uncounted: "{{limit}} is set, but {{missing}} of {{total}} identifiers are not in the inventory, so their {{what}} cannot be counted",
      noShare: "maxShareOfKind is set, but the inventory holds no {{kind}} objects to measure the {{count}} targets of that kind against",
      maxShareOfKind: "destroys {{count}} of all {{of}} {{kind}} objects ({{share}}); the limit is {{max}} of a kind",
      maxContained: "the targets contain {{count}} more objects ({{detail}}) destroyed with them; the limit is {{max}}",
      unstaged: "{{count}} targets in a single stage: a run over {{max}} targets must be staged (spec.rollout.stages)",
      maxPerStage: "stage '{{stage}}' destroys {{count}} targets; the limit per stage is {{max}}",
      maxFirstStage: "the first stage '{{stage}}' destroys {{count}} targets; a canary may have at most {{max}}",
    },
  },
  check(ctx) {
    const { plan, options: o } = ctx;
    const targetsAt = ctx.at("/spec/target/identifiers");
    const expected = plan.expectedCount;
    if (expected !== undefined && Math.abs(plan.targets - expected) > o.expectedCountTolerance * Math.max(expected, 1)) {
      ctx.report({
        location: ctx.at("/spec/target/expectedCount"),
        messageId: "expectedCount",
        data: { count: num(plan.targets), expected: num(expected) },
        evidence: { count: plan.targets, expectedCount: expected },
      });
    }
    if (o.maxTargets !== undefined && plan.targets > o.maxTargets) {
      ctx.report({ location: targetsAt, messageId: "maxTargets", data: { count: num(plan.targets), max: num(o.maxTargets) }, evidence: { count: plan.targets, max: o.maxTargets } });
    }
    for (const [limit, value, what] of [
      ["maxTenants", plan.tenants, "tenants"],
      ["maxCustomers", plan.customers, "customers"],
    ] as const) {
      const max = o[limit];
      if (max === undefined) continue;
      if (value === undefined) {
        ctx.report({ location: targetsAt, messageId: "noInventory", data: { limit, what }, evidence: { max } });
      } else if (plan.notInInventory > 0) {
        // Objects the inventory does not hold have unknown owners: a count without them would understate.
        ctx.report({ location: targetsAt, messageId: "uncounted", data: { limit, what, missing: num(plan.notInInventory), total: num(plan.targets) }, evidence: { notInInventory: plan.notInInventory, total: plan.targets, max } });
      } else if (value > max) {
        ctx.report({ location: targetsAt, messageId: limit, data: { count: num(value), max: num(max) }, evidence: { count: value, max } });
      }
    }
    if (o.maxShareOfKind !== undefined) {
      if (!ctx.inventory) {
        ctx.report({ location: targetsAt, messageId: "noInventory", data: { limit: "maxShareOfKind", what: "all objects of a kind" }, evidence: { max: o.maxShareOfKind } });
      }
      if (ctx.inventory) {
        for (const kind of Object.keys(plan.byKind)) {
          if (plan.shareOfKind[kind] === undefined) {
            ctx.report({ location: targetsAt, messageId: "noShare", data: { kind, count: num(plan.byKind[kind]!) }, evidence: { kind, count: plan.byKind[kind]!, max: o.maxShareOfKind } });
          }
        }
      }
      for (const [kind, s] of Object.entries(plan.shareOfKind)) {
        if (s.share > o.maxShareOfKind) {
          ctx.report({
            location: targetsAt,
            messageId: "maxShareOfKind",
            data: { count: num(s.count), of: num(s.of), kind, share: percent(s.share), max: percent(o.maxShareOfKind) },
            evidence: { kind, count: s.count, of: s.of, share: s.share, max: o.maxShareOfKind },
          });
        }
      }
    }
    if (o.maxContained !== undefined && plan.contained.total > o.maxContained) {
      const detail = Object.entries(plan.contained.byKind).map(([k, n]) => `${num(n)} ${k}`).join(", ");
      ctx.report({ location: targetsAt, messageId: "maxContained", data: { count: num(plan.contained.total), detail, max: num(o.maxContained) }, evidence: { count: plan.contained.total, max: o.maxContained } });
    }
    const stages = plan.stages;
    const stagesAbove = o.requireStagesAbove;
    const unstaged = stagesAbove !== undefined && stages.length <= 1 && plan.targets > stagesAbove;
    if (stagesAbove !== undefined && unstaged) {
      ctx.report({
        location: ctx.at("/spec/rollout"),
        messageId: "unstaged",
        data: { count: num(plan.targets), max: num(stagesAbove) },
        evidence: { count: plan.targets, stages: stages.length, requireStagesAbove: stagesAbove },
      });
    }
    if (o.maxPerStage !== undefined) {
      if (stages.length === 0 && plan.targets > o.maxPerStage) {
        ctx.report({ location: ctx.at("/spec/rollout"), messageId: "maxPerStage", data: { stage: "(the whole run)", count: num(plan.targets), max: num(o.maxPerStage) }, evidence: { count: plan.targets, max: o.maxPerStage } });
      }
      stages.forEach((s, i) => {
        if (s.size > o.maxPerStage!) {
          ctx.report({ location: stageAt(ctx, i), messageId: "maxPerStage", data: { stage: s.name, count: num(s.size), max: num(o.maxPerStage!) }, evidence: { stage: s.name, count: s.size, max: o.maxPerStage! } });
        }
      });
    }
    if (o.maxFirstStage !== undefined) {
      const first = stages[0];
      const size = first ? first.size : plan.targets;
      // An unstaged run already has its finding; its "first stage" is the same fact again.
      if (size > o.maxFirstStage && !(unstaged && stages.length === 0)) {
        ctx.report({
          location: first ? stageAt(ctx, 0) : ctx.at("/spec/rollout"),
          messageId: "maxFirstStage",
          data: { stage: first?.name ?? "(the whole run)", count: num(size), max: num(o.maxFirstStage) },
          evidence: { count: size, max: o.maxFirstStage },
        });
      }
    }
  },
});

function stageAt(ctx: { at(p: string): import("../documents/source.js").SourceLocation; manifest: { doc: { spec: { rollout?: { stages: { count?: number }[] } } } } }, i: number) {
  const st = ctx.manifest.doc.spec.rollout?.stages[i];
  return ctx.at(`/spec/rollout/stages/${i}/${st?.count !== undefined ? "count" : "percent"}`);
}
