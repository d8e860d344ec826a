import fc from "fast-check";
import type { IdentifierList } from "../../src/documents/identifiers.js";
import { SourceMap } from "../../src/documents/source.js";
import type { CatalogDocument, OperationDocument, PolicyDocument, PolicyRuleDocument, Stage } from "../../src/documents/types.js";
import type { ParsedDocument } from "../../src/documents/yaml.js";
import { compilePolicies } from "../../src/engine/policies.js";
import { evaluate, type Evaluation } from "../../src/engine/evaluate.js";
import { compileCatalog } from "../../src/resolve/catalog.js";
import { Inventory } from "../../src/resolve/inventory.js";
import type { ManifestInput } from "../../src/rules/types.js";

/**
 * Generated worlds for property tests of the pure core: a catalog of kinds with disjoint identifier
 * patterns (`<prefix>-<digits>`), an optional inventory, policies, and manifests, judged in-process.
 */

/** One run's default is fixed, so CI is reproducible; FC_SEED and FC_RUNS explore further (docs/security.md). */
export function configureFastCheck(): void {
  fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261124), numRuns: Number(process.env.FC_RUNS ?? 100) });
}

export const ENVIRONMENTS = ["production", "staging"];
export const NOW = new Date("2026-11-24T00:00:00Z");

export interface Kind {
  name: string;
  prefix: string;
}

export interface InventoryRow {
  id: string;
  kind: string;
  tenant: string;
  customer: string;
  environment: string;
  protected: boolean;
}

export interface World {
  kinds: Kind[];
  /** Objects the inventory knows; undefined when the catalog has none. */
  inventory: InventoryRow[] | undefined;
  rules: PolicyRuleDocument[];
}

export interface ManifestSpec {
  name: string;
  environment: string;
  kind: string;
  /** Defaults to the action on `kind`. */
  action?: string;
  identifiers: string[];
  mode: "soft" | "hard";
  retention?: string;
  stages?: Stage[] | undefined;
  rollback?: OperationDocument["spec"]["rollback"];
  expectedCount?: number;
}

export function source(file: string, value: unknown): ParsedDocument {
  return { file, index: 0, value, map: new SourceMap(file), plainText: new Map() };
}

export const actionOn = (kind: string) => `delete-${kind}`;
/** Identifiers no kind's pattern matches: no prefix is "zz". */
export const unknownId = (n: number) => `zz-${n}`;
export const idOf = (k: Kind, n: number) => `${k.prefix}-${n}`;

export function catalogDocument(world: World): CatalogDocument {
  return {
    apiVersion: "blastgate.dev/v1",
    kind: "Catalog",
    environments: ENVIRONMENTS,
    kinds: Object.fromEntries(world.kinds.map((k) => [k.name, { identifier: { pattern: `${k.prefix}-[0-9]+` } }])),
    actions: Object.fromEntries(world.kinds.map((k) => [actionOn(k.name), { target: k.name, destructive: true }])),
  };
}

export function manifestDocument(m: ManifestSpec): OperationDocument {
  const doc: OperationDocument = {
    apiVersion: "blastgate.dev/v1",
    kind: "Operation",
    metadata: { name: m.name },
    spec: {
      environment: m.environment,
      action: m.action ?? actionOn(m.kind),
      target: { kind: m.kind, identifiers: m.identifiers },
      deletion: { mode: m.mode },
    },
  };
  if (m.expectedCount !== undefined) doc.spec.target.expectedCount = m.expectedCount;
  if (m.retention !== undefined) doc.spec.deletion.retention = m.retention;
  if (m.stages) doc.spec.rollout = { stages: m.stages };
  if (m.rollback) doc.spec.rollback = m.rollback;
  return doc;
}

function identifierList(file: string, values: string[]): IdentifierList {
  return { file, length: values.length, value: (i) => values[i]!, location: (i) => ({ file, line: i + 1, column: 1 }) };
}

/**
 * Judges manifests in `world` with the pure core (compileCatalog, compilePolicies, resolve, evaluate).
 * `policyOrder` permutes the Policy documents (one per rule) to show their order does not matter.
 */
export function judge(world: World, manifests: ManifestSpec[], opts: { policyOrder?: number[] } = {}): Evaluation {
  const catalogDoc = catalogDocument(world);
  const { catalog, problems: catalogProblems } = compileCatalog({ doc: catalogDoc, source: source("policies/catalog.yaml", catalogDoc) });
  const policyDocs = world.rules.map((rule, i) => {
    const doc: PolicyDocument = { apiVersion: "blastgate.dev/v1", kind: "Policy", rules: [rule] };
    return { doc, source: source(`policies/policy-${i}.yaml`, doc) };
  });
  const ordered = opts.policyOrder ? opts.policyOrder.map((i) => policyDocs[i]!) : policyDocs;
  const { rules, problems: policyProblems } = compilePolicies(structuredClone(ordered.map((p) => p.doc)).map((doc, i) => ({ doc, source: ordered[i]!.source })));
  let inventory: Inventory | undefined;
  if (world.inventory) {
    inventory = new Inventory("inventory.ndjson");
    for (const row of world.inventory) inventory.add(row);
  }
  const inputs: ManifestInput[] = manifests.map((m) => {
    const file = `ops/${m.name}.yaml`;
    const doc = manifestDocument(m);
    return { file, doc, source: source(file, doc), identifiers: identifierList(file, [...m.identifiers]) };
  });
  return evaluate({ manifests: inputs, catalog, rules, inventory, now: NOW, problems: [...catalogProblems, ...policyProblems] });
}

// -------------------------------------------------------------------------------------------------
// Arbitraries

/** 1 to 4 kinds, k0..k3, with distinct letter prefixes (never "zz"): their patterns are disjoint. */
export const kindsArb: fc.Arbitrary<Kind[]> = fc.uniqueArray(fc.stringMatching(/^[a-y]{1,3}$/), { minLength: 1, maxLength: 4 }).map((prefixes) => prefixes.map((prefix, i) => ({ name: `k${i}`, prefix })));

const enforcementArb = fc.constantFrom("advisory", "soft-mandatory", "hard-mandatory" as const);
const durationArb = fc.constantFrom("0", "1h", "4h", "1d", "14d", "30d", "90d", "1y");
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

function dropUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

export const blastRadiusOptionsArb = fc
  .record({
    maxTargets: opt(fc.nat(60)),
    maxTenants: opt(fc.nat(20)),
    maxCustomers: opt(fc.nat(20)),
    maxShareOfKind: opt(fc.double({ min: 0, max: 1, noNaN: true })),
    maxPerStage: opt(fc.integer({ min: 1, max: 60 })),
    requireStagesAbove: opt(fc.nat(60)),
    maxFirstStage: opt(fc.integer({ min: 1, max: 60 })),
    maxContained: opt(fc.nat(20)),
  })
  .map(dropUndefined);

const ruleArb = (id: string): fc.Arbitrary<PolicyRuleDocument> =>
  fc
    .oneof(
      fc.record({ requireInventory: fc.boolean(), checkEnvironment: fc.boolean(), checkProtected: fc.boolean() }).map((w) => ({ type: "identifier-kind", with: w })),
      blastRadiusOptionsArb.map((w) => ({ type: "blast-radius", with: w })),
      fc
        .record({
          requireSoftDelete: opt(fc.boolean()),
          minRetention: opt(durationArb),
          requireRollback: fc.boolean(),
          requireRunbook: opt(fc.boolean()),
          maxDrillAge: opt(durationArb),
          restoreWithinRto: opt(fc.boolean()),
          maxRto: opt(durationArb),
        })
        .map((w) => ({ type: "rollback-plan", with: dropUndefined(w) })),
    )
    .chain((r) =>
      fc.record({ enforcement: enforcementArb, environment: opt(fc.constantFrom(...ENVIRONMENTS)) }).map(({ enforcement, environment }) => {
        const rule: PolicyRuleDocument = { id, type: r.type, enforcement, with: r.with };
        if (environment) rule.match = { environment };
        return rule;
      }),
    );

export const rulesArb: fc.Arbitrary<PolicyRuleDocument[]> = fc.integer({ min: 0, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => ruleArb(`rule-${i}`))));

/** An inventory over some identifiers of each kind (numbers 0..99), or none. */
export function inventoryArb(kinds: Kind[]): fc.Arbitrary<InventoryRow[] | undefined> {
  const row = fc.record({
    kind: fc.constantFrom(...kinds),
    n: fc.nat(99),
    tenant: fc.constantFrom("t1", "t2", "t3", "t4"),
    customer: fc.constantFrom("c1", "c2", "c3"),
    environment: fc.constantFrom(...ENVIRONMENTS),
    protected: fc.boolean(),
  });
  return opt(
    fc
      .uniqueArray(row, { maxLength: 40, selector: (r) => idOf(r.kind, r.n) })
      .map((rows) => rows.map((r) => ({ id: idOf(r.kind, r.n), kind: r.kind.name, tenant: r.tenant, customer: r.customer, environment: r.environment, protected: r.protected }))),
  );
}

export const worldArb: fc.Arbitrary<World> = kindsArb.chain((kinds) => fc.record({ kinds: fc.constant(kinds), inventory: inventoryArb(kinds), rules: rulesArb }));

/** Unique identifier numbers of one kind. */
export const numbersArb = (min: number, max: number) => fc.uniqueArray(fc.nat(999), { minLength: min, maxLength: max });

export const rollbackArb: fc.Arbitrary<OperationDocument["spec"]["rollback"] | undefined> = opt(
  fc
    .record({
      strategy: fc.constantFrom("undelete", "restore-from-backup", "none" as const),
      runbook: opt(fc.constant("https://runbooks.example.com/undo")),
      lastTested: opt(fc.constantFrom("2026-11-01", "2025-01-01", "2027-01-01")),
      restoreRate: opt(fc.constantFrom("1/h", "50/h", "1000/h", "0.5/m")),
      rto: opt(durationArb),
    })
    .map((r) => dropUndefined(r) as NonNullable<OperationDocument["spec"]["rollback"]>),
);
