import type { SourceLocation } from "../documents/source.js";
import { DURATION_PATTERN, formatDuration, parseDuration } from "../documents/units.js";
import type { Plan, Radius } from "../measure/plan.js";
import { defineRule, format, type Evidence, type RuleContext } from "./types.js";
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
  /** Shortest bake after each stage but the last: a canary no one watched is no canary. */
  minBake?: string;
}

const MESSAGES: Record<string, string> = {
  expectedCount: "the identifiers name {{count}} {{count:target|targets}}, but spec.target.expectedCount says {{expected}}",
  maxTargets: "destroys {{count}} {{count:target|targets}}; the limit is {{max}}",
  maxTenants: "touches {{count}} {{count:tenant|tenants}}; the limit is {{max}}",
  maxCustomers: "touches {{count}} {{count:customer|customers}}; the limit is {{max}}",
  noInventory: "{{limit}} is set, but the catalog has no inventory to count {{what}} with",
  uncounted: "{{limit}} is set, but {{missing}} of {{total}} {{total:identifier|identifiers}} {{missing:is|are}} not in the inventory, so their {{what}} cannot be counted",
  noShare: "maxShareOfKind is set, but the inventory holds no {{kind}} objects to measure the {{count}} {{count:target|targets}} of that kind against",
  maxShareOfKind: "destroys {{count}} of all {{of}} {{kind}} objects ({{share}}); the limit is {{max}} of a kind",
  maxContained: "the targets contain {{count}} more {{count:object|objects}} ({{detail}}) destroyed with them; the limit is {{max}}",
  unstaged: "{{count}} {{count:target|targets}} in a single stage: a run over {{max}} {{max:target|targets}} must be staged (spec.rollout.stages)",
  maxPerStage: "stage '{{stage}}' destroys {{count}} {{count:target|targets}}; the limit per stage is {{max}}",
  maxFirstStage: "the first stage '{{stage}}' destroys {{count}} {{count:target|targets}}; a canary may have at most {{max}}",
  minBake: "stage '{{stage}}' bakes {{bake}} before stage '{{next}}' starts (stage sizes {{count}} then {{nextCount}}); the minimum bake between stages is {{min}}",
  together: "the {{manifests}} manifests of this change together: {{breach}}; each stays under the limit alone, so the run was split: {{files}}",
};

/** Bulk deletes need limits and staged rollout: 883 sites went in one 23-minute run. */
export default defineRule<Options>({
  meta: {
    type: "blast-radius",
    description:
      "Limits how much one run may destroy: targets, tenants, customers, share of a kind, contained objects, stage sizes, bake between stages; checks the expected count. The limits on what is destroyed also hold for all the manifests of one change the rule matches, taken together (each object counted once).",
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
        minBake: { description: "shortest bake between one stage and the next (a stage without bake bakes 0)", type: "string", pattern: DURATION_PATTERN },
        expectedCountTolerance: { description: "allowed difference from spec.target.expectedCount, as a fraction (0: exact)", type: "number", minimum: 0, default: 0 },
      },
    },
    messages: MESSAGES,
  },
  check(ctx) {
    checkExpectedCount(ctx);
    checkCountable(ctx);
    for (const b of overLimits(radiusOf(ctx.plan), ctx.options)) ctx.report({ location: ctx.at("/spec/target/identifiers"), messageId: b.messageId, data: b.data, evidence: b.evidence });
    checkStages(ctx);
  },
  checkTogether(ctx) {
    const o = ctx.options;
    const own = ctx.manifests.map((m) => new Set(overLimits(radiusOf(m.plan), o).map((b) => b.key)));
    for (const b of overLimits(ctx.together, o)) {
      // A manifest over the limit on its own has that finding already: the sum adds nothing.
      if (own.some((keys) => keys.has(b.key))) continue;
      const files = ctx.manifests.map((m) => m.file);
      ctx.report({
        location: ctx.manifests[0]!.targetsAt,
        messageId: "together",
        data: { manifests: files.length, breach: format(MESSAGES[b.messageId]!, b.data), files: files.join(", ") },
        evidence: { ...b.evidence, limit: b.messageId, manifests: files, perManifest: ctx.manifests.map((m) => b.value(radiusOf(m.plan))) },
      });
    }
  },
});

interface Breach {
  /** The limit (and kind): the same key over a manifest and over the change is the same limit. */
  key: string;
  messageId: string;
  data: Record<string, string | number>;
  evidence: Evidence;
  value: (r: Radius) => number;
}

/** A plan's radius, with owner counts only where the inventory knows every target's owner. */
function radiusOf(plan: Plan): Radius {
  const known = plan.notInInventory === 0;
  const r: Radius = { targets: plan.targets, shareOfKind: plan.shareOfKind, contained: plan.contained };
  if (known && plan.tenants !== undefined) r.tenants = plan.tenants;
  if (known && plan.customers !== undefined) r.customers = plan.customers;
  return r;
}

/** The limits on what one run destroys that a radius breaks: the same for a manifest and for a change. */
function overLimits(r: Radius, o: Options): Breach[] {
  const out: Breach[] = [];
  if (o.maxTargets !== undefined && r.targets > o.maxTargets) {
    out.push({ key: "maxTargets", messageId: "maxTargets", data: { count: num(r.targets), max: num(o.maxTargets) }, evidence: { count: r.targets, max: o.maxTargets }, value: (x) => x.targets });
  }
  for (const [limit, what] of [
    ["maxTenants", "tenants"],
    ["maxCustomers", "customers"],
  ] as const) {
    const max = o[limit];
    const value = r[what];
    if (max !== undefined && value !== undefined && value > max) {
      out.push({ key: limit, messageId: limit, data: { count: num(value), max: num(max) }, evidence: { count: value, max }, value: (x) => x[what] ?? 0 });
    }
  }
  if (o.maxShareOfKind !== undefined) {
    for (const [kind, s] of Object.entries(r.shareOfKind)) {
      if (s.share <= o.maxShareOfKind) continue;
      out.push({
        key: `maxShareOfKind:${kind}`,
        messageId: "maxShareOfKind",
        data: { count: num(s.count), of: num(s.of), kind, share: percent(s.share), max: percent(o.maxShareOfKind) },
        evidence: { kind, count: s.count, of: s.of, share: s.share, max: o.maxShareOfKind },
        value: (x) => x.shareOfKind[kind]?.count ?? 0,
      });
    }
  }
  if (o.maxContained !== undefined && r.contained.total > o.maxContained) {
    const detail = Object.entries(r.contained.byKind)
      .map(([k, n]) => `${num(n)} ${k}`)
      .join(", ");
    out.push({ key: "maxContained", messageId: "maxContained", data: { count: num(r.contained.total), detail, max: num(o.maxContained) }, evidence: { count: r.contained.total, max: o.maxContained }, value: (x) => x.contained.total });
  }
  return out;
}

function stageAt(ctx: { at(p: string): SourceLocation; manifest: { doc: { spec: { rollout?: { stages: { count?: number }[] } } } } }, i: number) {
  const st = ctx.manifest.doc.spec.rollout?.stages[i];
  return ctx.at(`/spec/rollout/stages/${i}/${st?.count !== undefined ? "count" : "percent"}`);
}

type Ctx = RuleContext<Options>;

/** The count the manifest expects, within the tolerance. */
function checkExpectedCount(ctx: Ctx): void {
  const { plan, options: o } = ctx;
  const expected = plan.expectedCount;
  if (expected !== undefined && Math.abs(plan.targets - expected) > o.expectedCountTolerance * Math.max(expected, 1)) {
    ctx.report({
      location: ctx.at("/spec/target/expectedCount"),
      messageId: "expectedCount",
      data: { count: num(plan.targets), expected: num(expected) },
      evidence: { count: plan.targets, expectedCount: expected },
    });
  }
}

/** Limits the inventory must answer for: without it, or with objects it lacks, the count is not vouched for. */
function checkCountable(ctx: Ctx): void {
  const { plan, options: o } = ctx;
  const targetsAt = ctx.at("/spec/target/identifiers");
  // Counts the inventory cannot vouch for are findings of their own; the limits are judged on the rest.
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
    }
  }
  if (o.maxShareOfKind !== undefined) {
    if (!ctx.inventory) {
      ctx.report({ location: targetsAt, messageId: "noInventory", data: { limit: "maxShareOfKind", what: "all objects of a kind" }, evidence: { max: o.maxShareOfKind } });
    } else {
      for (const kind of Object.keys(plan.byKind)) {
        if (plan.shareOfKind[kind] === undefined) {
          ctx.report({ location: targetsAt, messageId: "noShare", data: { kind, count: num(plan.byKind[kind]!) }, evidence: { kind, count: plan.byKind[kind]!, max: o.maxShareOfKind } });
        }
      }
    }
  }
}

/** Staging: required above a size, stage sizes, the canary, bakes between stages. */
function checkStages(ctx: Ctx): void {
  const { plan, options: o } = ctx;
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
  const minBake = o.minBake === undefined ? undefined : parseDuration(o.minBake);
  if (minBake?.ok) {
    stages.slice(0, -1).forEach((s, i) => {
      const bake = s.bakeSeconds ?? 0;
      if (bake >= minBake.value) return;
      const next = stages[i + 1]!;
      const written = ctx.manifest.doc.spec.rollout?.stages[i]?.bake !== undefined;
      ctx.report({
        location: ctx.at(`/spec/rollout/stages/${i}${written ? "/bake" : ""}`),
        messageId: "minBake",
        data: { stage: s.name, count: num(s.size), bake: written ? formatDuration(bake) : "0 (no bake given)", next: next.name, nextCount: num(next.size), min: o.minBake! },
        evidence: { stage: s.name, bakeSeconds: bake, minBakeSeconds: minBake.value, next: next.name, count: s.size, nextCount: next.size },
      });
    });
  }
}
