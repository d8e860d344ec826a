import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CatalogDocument, Stage } from "../../src/documents/types.js";
import { compileCatalog, kindsMatching } from "../../src/resolve/catalog.js";
import type { Evaluation } from "../../src/engine/evaluate.js";
import { actionOn, blastRadiusOptionsArb, configureFastCheck, ENVIRONMENTS, idOf, judge, kindsArb, inventoryArb, numbersArb, rollbackArb, rulesArb, source, unknownId, worldArb, type ManifestSpec, type World } from "./world.js";

configureFastCheck();

const identifierKindRule = { id: "kinds", type: "identifier-kind", enforcement: "hard-mandatory" as const };

/** Stages by count that cover `n` targets exactly (the last one takes the rest), or by percent. */
const stagesArb = (n: number): fc.Arbitrary<Stage[] | undefined> =>
  fc.option(
    fc.oneof(
      fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 4 }).map((counts) => {
        const stages: Stage[] = [];
        let left = n;
        for (const c of counts) {
          if (left - c < 1) break;
          stages.push({ name: `s${stages.length}`, count: c });
          left -= c;
        }
        stages.push({ name: `s${stages.length}`, count: Math.max(left, 1) });
        return stages;
      }),
      fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 4 }).map((weights) => {
        const total = weights.reduce((a, b) => a + b, 0);
        return weights.map((w, i) => ({ name: `p${i}`, percent: (100 * w) / total }));
      }),
    ),
    { nil: undefined },
  );

/** What a result says, without the parts that name a particular identifier (examples, positions, sentences). */
function essence(e: Evaluation) {
  const findings = e.findings
    .map((f) => {
      const { examples: _examples, ...evidence } = f.evidence;
      // Evidence is compared as a map: the order its keys were first seen in is not part of the result.
      return JSON.stringify([f.manifest, f.ruleId, f.messageId, Object.entries(evidence).sort(([a], [b]) => (a < b ? -1 : 1))]);
    })
    .sort();
  const plans = e.plans.map((p) => JSON.stringify([p.manifest, p.targets, p.byKind, p.unresolved, p.ambiguous, p.stages, p.tenants, p.customers, p.shareOfKind])).sort();
  const problems = e.problems.map((p) => `${p.code} ${p.message}`).sort();
  return { verdict: e.verdict, counts: e.counts, findings, plans, problems };
}

function shuffled<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items
    .map((item, i) => ({ item, key: keys[i % Math.max(keys.length, 1)]! * 1000 + i }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.item);
}

describe("evaluation never throws, whatever the manifest", () => {
  const anyManifest = (world: World) =>
    fc.record({
      name: fc.constantFrom("a", "b"),
      environment: fc.oneof(fc.constantFrom(...ENVIRONMENTS), fc.stringMatching(/^[a-z0-9-]{1,12}$/)),
      kind: fc.oneof(fc.constantFrom(...world.kinds.map((k) => k.name)), fc.constant("nope")),
      action: fc.oneof(fc.constantFrom(...world.kinds.map((k) => actionOn(k.name))), fc.constant("delete-nope")),
      identifiers: fc.uniqueArray(
        fc.oneof(
          fc.tuple(fc.constantFrom(...world.kinds), fc.nat(999)).map(([k, n]) => idOf(k, n)),
          fc.nat(999).map(unknownId),
          fc.string({ minLength: 1, maxLength: 12 }),
        ),
        { maxLength: 30 },
      ),
      mode: fc.constantFrom("soft", "hard" as const),
      retention: fc.option(fc.constantFrom("0", "1h", "30d"), { nil: undefined }),
      stages: fc.option(
        fc.array(fc.oneof(fc.record({ name: fc.string({ minLength: 1 }), count: fc.integer({ min: 1, max: 40 }) }), fc.record({ name: fc.string({ minLength: 1 }), percent: fc.double({ min: 0.001, max: 100, noNaN: true }) })), {
          minLength: 1,
          maxLength: 5,
        }),
        { nil: undefined },
      ),
      rollback: rollbackArb,
      expectedCount: fc.option(fc.nat(40), { nil: undefined }),
    });

  it("returns a verdict, and no rule fails inside", () => {
    fc.assert(
      fc.property(
        worldArb.chain((world) => fc.tuple(fc.constant(world), fc.array(anyManifest(world), { minLength: 1, maxLength: 2 }))),
        ([world, manifests]) => {
          const unique = manifests.map((m, i) => ({ ...m, name: `${m.name}-${i}` })) as ManifestSpec[];
          const e = judge(world, unique);
          expect(["allowed", "blocked", "error"]).toContain(e.verdict);
          expect(e.problems.filter((p) => p.code === "internal")).toEqual([]);
          expect(e.verdict === "error").toBe(e.problems.length > 0);
          if (e.verdict === "allowed") expect(e.counts.hardMandatory + e.counts.softMandatory).toBe(0);
        },
      ),
    );
  });
});

describe("catalog patterns of any text", () => {
  it("compile or are reported, and matching never throws", () => {
    const patternArb = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.array(fc.constantFrom("(", ")", "a", "+", "*", "?", "{2,}", "[", "]", "^", "$", "\\", "|", ".", "(?i)", "\\p{L}", "(?P<x>", "\\1"), { maxLength: 12 }).map((p) => p.join("")),
    );
    fc.assert(
      fc.property(fc.array(patternArb, { minLength: 1, maxLength: 3 }), fc.array(fc.string({ maxLength: 30 }), { maxLength: 5 }), (patterns, ids) => {
        const doc: CatalogDocument = {
          apiVersion: "blastgate.dev/v1",
          kind: "Catalog",
          kinds: Object.fromEntries(patterns.map((pattern, i) => [`k${i}`, { identifier: { pattern: pattern || "x" } }])),
          actions: { "delete-k0": { target: "k0", destructive: true } },
        };
        const { catalog, problems } = compileCatalog({ doc, source: source("policies/catalog.yaml", doc) });
        for (const p of problems) expect(p.message).toMatch(/^kinds\.k\d\.identifier\.pattern does not compile as an RE2 regular expression/);
        for (const id of ids) expect(Array.isArray(kindsMatching(catalog, id))).toBe(true);
      }),
    );
  });
});

describe("a wrong-kind identifier is always caught", () => {
  const setup = fc
    .tuple(
      kindsArb.filter((k) => k.length >= 2),
      fc.nat(3),
      fc.nat(3),
    )
    .chain(([kinds, t, o]) => {
      const target = kinds[t % kinds.length]!;
      const other = kinds.filter((k) => k !== target)[o % (kinds.length - 1)]!;
      return fc.record({
        world: fc.record({ kinds: fc.constant(kinds), inventory: inventoryArb(kinds), rules: rulesArb }),
        target: fc.constant(target),
        other: fc.constant(other),
        numbers: numbersArb(1, 20),
        extra: fc.nat(999),
        at: fc.nat(20),
        environment: fc.constantFrom(...ENVIRONMENTS),
        mode: fc.constantFrom("soft", "hard" as const),
        rollback: rollbackArb,
      });
    });

  it("adding one to a manifest whose identifiers are all of its kind makes identifier-kind report it", () => {
    fc.assert(
      fc.property(setup, ({ world, target, other, numbers, extra, at, environment, mode, rollback }) => {
        const w: World = { ...world, rules: [...world.rules, identifierKindRule] };
        const ids = numbers.map((n) => idOf(target, n));
        const base: ManifestSpec = { name: "m", environment, kind: target.name, identifiers: ids, mode, rollback };
        const before = judge(w, [base]);
        expect(before.findings.filter((f) => f.ruleId === "kinds" && f.messageId === "wrongKind")).toEqual([]);
        const withWrong = [...ids];
        withWrong.splice(at % (ids.length + 1), 0, idOf(other, extra));
        const after = judge(w, [{ ...base, identifiers: withWrong }]);
        const wrong = after.findings.filter((f) => f.ruleId === "kinds" && f.messageId === "wrongKind");
        expect(wrong.map((f) => [f.evidence.resolvedKind, f.evidence.count])).toEqual([[other.name, 1]]);
        expect(after.verdict).not.toBe("allowed");
      }),
    );
  });

  it("and so a passing manifest fails", () => {
    fc.assert(
      fc.property(setup, ({ world, target, other, numbers, extra, at, environment }) => {
        // Policies that a small, soft-deleted, recoverable manifest passes: identifier-kind, and generous limits.
        const w: World = { ...world, rules: [identifierKindRule, { id: "size", type: "blast-radius", enforcement: "hard-mandatory", with: { maxTargets: 100 } }] };
        const ids = numbers.map((n) => idOf(target, n));
        const base: ManifestSpec = { name: "m", environment, kind: target.name, identifiers: ids, mode: "soft", retention: "30d" };
        const before = judge(w, [base]);
        fc.pre(before.verdict === "allowed");
        const withWrong = [...ids];
        withWrong.splice(at % (ids.length + 1), 0, idOf(other, extra));
        const after = judge(w, [{ ...base, identifiers: withWrong }]);
        expect(after.verdict).toBe("blocked");
        expect(after.findings.map((f) => [f.ruleId, f.messageId])).toContainEqual(["kinds", "wrongKind"]);
      }),
    );
  });
});

describe("more targets never turn a blast-radius failure into a pass", () => {
  it("adding identifiers of the same kind (stages growing with them)", () => {
    const setup = kindsArb.chain((kinds) =>
      fc
        .record({
          kinds: fc.constant(kinds),
          inventory: inventoryArb(kinds),
          options: blastRadiusOptionsArb,
          target: fc.constantFrom(...kinds),
          numbers: numbersArb(1, 40),
          more: numbersArb(1, 40),
          environment: fc.constantFrom(...ENVIRONMENTS),
          stageSeed: fc.nat(),
        })
        .chain((s) => stagesArb(s.numbers.length).map((stages) => ({ ...s, stages }))),
    );
    fc.assert(
      fc.property(setup, ({ kinds, inventory, options, target, numbers, more, environment, stages }) => {
        const world: World = { kinds, inventory, rules: [{ id: "radius", type: "blast-radius", enforcement: "hard-mandatory", with: options }] };
        const ids = numbers.map((n) => idOf(target, n));
        const extra = more.filter((n) => !numbers.includes(n)).map((n) => idOf(target, n));
        fc.pre(extra.length > 0);
        const base: ManifestSpec = { name: "m", environment, kind: target.name, identifiers: ids, mode: "soft", stages };
        const before = judge(world, [base]);
        fc.pre(before.problems.length === 0);
        const failing = before.findings.filter((f) => f.ruleType === "blast-radius");
        fc.pre(failing.length > 0);
        // Count stages keep their sizes and the last one takes the new targets; percent stages scale.
        const grown = stages?.map((s, i) => (s.count !== undefined && i === stages.length - 1 ? { ...s, count: s.count + extra.length } : s));
        const after = judge(world, [{ ...base, identifiers: [...ids, ...extra], stages: grown }]);
        expect(after.problems).toEqual([]);
        expect(after.findings.filter((f) => f.ruleType === "blast-radius").length).toBeGreaterThan(0);
        expect(after.verdict).not.toBe("allowed");
      }),
    );
  });
});

describe("results do not depend on order", () => {
  it("of identifiers, of policy documents and of manifests", () => {
    const setup = worldArb.chain((world) =>
      fc.record({
        world: fc.constant(world),
        manifests: fc.array(
          fc.record({
            kind: fc.constantFrom(...world.kinds),
            identifiers: fc.uniqueArray(
              fc.oneof(
                fc.tuple(fc.constantFrom(...world.kinds), fc.nat(99)).map(([k, n]) => idOf(k, n)),
                fc.nat(99).map(unknownId),
              ),
              { minLength: 1, maxLength: 30 },
            ),
            environment: fc.constantFrom(...ENVIRONMENTS),
            mode: fc.constantFrom("soft", "hard" as const),
            rollback: rollbackArb,
          }),
          { minLength: 1, maxLength: 3 },
        ),
        keys: fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
      }),
    );
    fc.assert(
      fc.property(setup, ({ world, manifests, keys }) => {
        const specs: ManifestSpec[] = manifests.map((m, i) => ({ name: `m${i}`, environment: m.environment, kind: m.kind.name, identifiers: m.identifiers, mode: m.mode, rollback: m.rollback }));
        const reference = judge(world, specs);
        const policyOrder = shuffled(
          world.rules.map((_, i) => i),
          keys,
        );
        const reordered = shuffled(specs, [...keys].reverse()).map((m) => ({ ...m, identifiers: shuffled(m.identifiers, keys) }));
        const other = judge(world, reordered, { policyOrder });
        expect(essence(other)).toEqual(essence(reference));
      }),
    );
  });
});
