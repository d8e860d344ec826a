import type { OperationDocument } from "../documents/types.js";
import { formatDuration, grouped, parseDate, parseDuration, parseRate } from "../documents/units.js";
import type { Catalog } from "../resolve/catalog.js";
import type { Inventory } from "../resolve/inventory.js";
import type { Resolution } from "../resolve/resolve.js";
import { kindsMatching } from "../resolve/catalog.js";
import type { IdentifierList } from "../documents/identifiers.js";

/** How much a run destroys: what blast-radius limits, for one manifest or for all the manifests of one change. */
export interface Radius {
  targets: number;
  tenants?: number;
  customers?: number;
  shareOfKind: Plan["shareOfKind"];
  contained: { total: number; byKind: Record<string, number> };
}

/** The manifests of one change as data: what the engine hands `measureTogether`. */
export interface MeasuredManifest {
  identifiers: IdentifierList;
  resolution: Resolution;
  plan: Plan;
}

/**
 * What several manifests destroy together, each object counted once (two manifests naming the same
 * site destroy it once). Owners are counted only when the inventory holds every target.
 */
export function measureTogether(parts: readonly MeasuredManifest[], catalog: Catalog, inventory: Inventory | undefined): Radius {
  const kindOfId = new Map<string, string | undefined>();
  const rows = new Set<number>();
  for (const { identifiers: ids, resolution } of parts) {
    for (const r of resolution.rows) rows.add(r);
    for (let i = 0; i < ids.length; i++) {
      const id = ids.value(i);
      if (kindOfId.has(id)) continue;
      const row = inventory ? (ids.row ? ids.row(i) : (inventory.row(id) ?? -1)) : -1;
      if (row >= 0) kindOfId.set(id, inventory!.kindOf(row));
      else {
        const kinds = kindsMatching(catalog, id);
        kindOfId.set(id, kinds.length === 1 ? kinds[0] : undefined);
      }
    }
  }
  const byKind: Record<string, number> = record();
  for (const k of kindOfId.values()) if (k !== undefined) byKind[k] = (byKind[k] ?? 0) + 1;
  const radius: Radius = { targets: kindOfId.size, shareOfKind: record(), contained: { total: 0, byKind: record() } };
  if (inventory) {
    for (const [k, n] of Object.entries(byKind)) {
      const of = inventory.countOfKind(k);
      if (of > 0) radius.shareOfKind[k] = { count: n, of, share: n / of };
    }
    const inside = inventory.containedIn([...rows]);
    radius.contained.total = inside.length;
    for (const r of inside) {
      const k = inventory.kindOf(r);
      radius.contained.byKind[k] = (radius.contained.byKind[k] ?? 0) + 1;
    }
    if (parts.every((p) => p.plan.notInInventory === 0)) Object.assign(radius, inventory.distinctOwners([...rows]));
  }
  return radius;
}

/** Objects inside the targets that the inventory marks, a count and the first few. */
export interface ContainedSample {
  count: number;
  /** Each example with the target it is inside (the identifier whose deletion destroys it). */
  examples: { id: string; kind: string; target: string }[];
}

export interface Contained {
  total: number;
  byKind: Record<string, number>;
  protected: ContainedSample;
  otherEnvironment: Record<string, ContainedSample>;
}

const CONTAINED_EXAMPLES = 10;

export interface PlannedStage {
  name: string;
  /** Targets this stage destroys. */
  size: number;
  bakeSeconds?: number;
}

/** Limits of the policies that matched a manifest, as numbers a reporter can draw beside the plan. */
export interface PlanLimits {
  /** The smallest allowed spread of co-resident products' restore points (rpo-alignment's maxSpread). */
  maxSpreadSeconds?: number;
}

/** What a manifest would destroy, measured from what its identifiers really are. */
export interface Plan {
  manifest: string;
  name: string;
  action: string;
  destructive: boolean;
  environment: string;
  declaredKind: string;
  /** The kind the catalog says the action acts on. */
  actionTarget?: string;
  targets: number;
  expectedCount?: number;
  byKind: Record<string, number>;
  unresolved: number;
  ambiguous: number;
  /**
   * Objects inside the targets (inventory rows whose parent is a target, transitively): destroyed with
   * them, so protected ones and ones in another environment count as if they were targets.
   */
  contained: Contained;
  /** Identifiers the inventory does not hold (their tenant and customer are unknown). */
  notInInventory: number;
  /** Known only with an inventory. */
  tenants?: number;
  customers?: number;
  /** Per resolved kind: targets of that kind against all inventory objects of that kind. */
  shareOfKind: Record<string, { count: number; of: number; share: number }>;
  products: string[];
  datastores: string[];
  /**
   * Products that live together in one kind the run destroys (a site holds Jira, Confluence and Insight),
   * each with its restore point: a restore brings each back to its own moment. Kinds with two or more products.
   */
  coResident: { kind: string; products: { name: string; restorePointSeconds: number }[] }[];
  /** The moment the plan was measured (the check's now), ISO: restore points are counted back from it. */
  measuredAt: string;
  /** Limits of the policies that matched, for reporters to draw (set by the engine; the findings judge them). */
  limits: PlanLimits;
  /** The kinds actually destroyed that have a parent kind ("app lives in site"). */
  parents: Record<string, string>;
  deletion: { mode: "soft" | "hard"; retentionSeconds?: number };
  stages: PlannedStage[];
  /** Sum of stage sizes before rounding, to check coverage. */
  stagedTotal: number;
  /**
   * `ratePerHour` is the slower of the manifest's claim and the rate measured in drills for the kinds
   * destroyed (`kinds.<kind>.restoreRate`): a claim is not trusted beyond what was measured.
   */
  restore: {
    ratePerHour?: number;
    /** The rate the restore time is computed at, as written (the manifest's or the catalog's). */
    rate?: string;
    claimedPerHour?: number;
    measured?: { kind: string; perHour: number; rate: string };
    seconds?: number;
    rtoSeconds?: number;
    withinRto?: boolean;
  };
  rollback?: { strategy: string; runbook?: string; lastTested?: string; drillAgeSeconds?: number };
  /** The sentence a reviewer reads first. */
  summary: string;
}

function record<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** What the inventory says of the targets: the objects inside them, their owners, and each kind's share of all objects of that kind. */
function measureInInventory(resolution: Resolution, byKind: Record<string, number>, environment: string, inventory: Inventory | undefined): { contained: Contained; tenants?: number; customers?: number; shareOfKind: Plan["shareOfKind"] } {
  const contained: Contained = { total: 0, byKind: record<number>(), protected: { count: 0, examples: [] }, otherEnvironment: record() };
  const shareOfKind: Plan["shareOfKind"] = record();
  if (!inventory) return { contained, shareOfKind };
  const inside = inventory.containedIn(resolution.rows);
  contained.total = inside.length;
  let targetRows: Set<number> | undefined;
  const note = (s: ContainedSample, r: number) => {
    s.count++;
    if (s.examples.length >= CONTAINED_EXAMPLES) return;
    targetRows ??= new Set(resolution.rows);
    let t = inventory.parentOf(r);
    while (t !== undefined && !targetRows.has(t)) t = inventory.parentOf(t);
    s.examples.push({ id: inventory.idAt(r), kind: inventory.kindOf(r), target: t === undefined ? "" : inventory.idAt(t) });
  };
  for (const r of inside) {
    const k = inventory.kindOf(r);
    contained.byKind[k] = (contained.byKind[k] ?? 0) + 1;
    if (inventory.isProtected(r)) note(contained.protected, r);
    const env = inventory.environmentOf(r);
    if (env !== undefined && env !== environment) note((contained.otherEnvironment[env] ??= { count: 0, examples: [] }), r);
  }
  const { tenants, customers } = inventory.distinctOwners(resolution.rows);
  for (const [k, n] of Object.entries(byKind)) {
    const of = inventory.countOfKind(k);
    if (of > 0) shareOfKind[k] = { count: n, of, share: n / of };
  }
  return { contained, tenants, customers, shareOfKind };
}

/** The products, datastores and parent kinds the destroyed kinds touch, and the kinds whose products restore to different points. */
function touched(destroyedKinds: ReadonlySet<string>, catalog: Catalog): { products: Set<string>; parents: Record<string, string>; coResident: Plan["coResident"]; datastores: Set<string> } {
  const products = new Set<string>();
  const parents: Record<string, string> = record();
  for (const k of destroyedKinds) {
    const def = catalog.kinds.get(k);
    for (const p of def?.products ?? []) products.add(p);
    if (def?.parent) parents[k] = def.parent;
  }
  const coResident: Plan["coResident"] = [];
  for (const k of [...destroyedKinds].sort()) {
    const points = (catalog.kinds.get(k)?.products ?? []).flatMap((name) => {
      const s = catalog.products.get(name)?.restorePointSeconds;
      return s !== undefined && Number.isFinite(s) ? [{ name, restorePointSeconds: s }] : [];
    });
    if (points.length > 1) coResident.push({ kind: k, products: points });
  }
  const datastores = new Set<string>();
  for (const p of products) for (const d of catalog.products.get(p)?.datastores ?? []) datastores.add(d);
  return { products, parents, coResident, datastores };
}

/** Each stage's size out of n targets (counts, and percents of the total rounded on the running sum), and the exact sum the stages ask for. */
function plannedStages(specStages: NonNullable<OperationDocument["spec"]["rollout"]>["stages"], n: number): { stages: PlannedStage[]; exact: number } {
  const stages: PlannedStage[] = [];
  let exact = 0;
  let before = 0;
  for (const st of specStages ?? []) {
    exact += st.count ?? ((st.percent ?? 0) * n) / 100;
    const cum = Math.min(Math.round(exact + 1e-9), Math.max(n, Math.round(exact)));
    const stage: PlannedStage = { name: st.name, size: Math.max(0, cum - before) };
    const bake = st.bake === undefined ? undefined : parseDuration(st.bake);
    if (bake?.ok) stage.bakeSeconds = bake.value;
    stages.push(stage);
    before = cum;
  }
  return { stages, exact };
}

/** How fast n targets are restored (the slower of the manifest's claim and the catalog's measured rate) and whether that is within the RTO. */
function restoreOf(spec: OperationDocument["spec"], catalog: Catalog, kinds: readonly string[], n: number): Plan["restore"] {
  const claimed = spec.rollback?.restoreRate ? parseRate(spec.rollback.restoreRate) : undefined;
  const rto = spec.rollback?.rto ? parseDuration(spec.rollback.rto) : undefined;
  const restore: Plan["restore"] = {};
  const measured = slowestMeasured(catalog, [spec.target.kind, ...kinds]);
  if (measured) restore.measured = measured;
  if (claimed?.ok) restore.claimedPerHour = claimed.value;
  // Without a restore strategy nothing is restored: no time to compute.
  const restores = spec.rollback !== undefined && spec.rollback.strategy !== "none";
  if (claimed?.ok && (!measured || claimed.value <= measured.perHour)) {
    restore.ratePerHour = claimed.value;
    restore.rate = spec.rollback!.restoreRate!;
  } else if (measured && (claimed?.ok || restores)) {
    restore.ratePerHour = measured.perHour;
    restore.rate = measured.rate;
  }
  if (restore.ratePerHour !== undefined) restore.seconds = (n / restore.ratePerHour) * 3600;
  if (rto?.ok) restore.rtoSeconds = rto.value;
  if (restore.seconds !== undefined && restore.rtoSeconds !== undefined) restore.withinRto = restore.seconds <= restore.rtoSeconds;
  return restore;
}

export function measure(file: string, doc: OperationDocument, resolution: Resolution, catalog: Catalog, inventory: Inventory | undefined, now: Date): Plan {
  const spec = doc.spec;
  const action = catalog.actions.get(spec.action);
  // Kind names come from the inventory (author-controlled): records without a prototype keep `__proto__` plain data.
  const byKind: Record<string, number> = record();
  for (const [k, s] of [...resolution.byKind.entries()].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))) byKind[k] = s.count;
  const { contained, tenants, customers, shareOfKind } = measureInInventory(resolution, byKind, spec.environment, inventory);
  const { products, parents, coResident, datastores } = touched(new Set([...Object.keys(byKind), ...Object.keys(contained.byKind)]), catalog);
  const n = resolution.total;
  const { stages, exact } = plannedStages(spec.rollout?.stages ?? [], n);
  const restore = restoreOf(spec, catalog, Object.keys(byKind), n);

  const retention = spec.deletion.retention ? parseDuration(spec.deletion.retention) : undefined;
  const plan: Plan = {
    manifest: file,
    name: doc.metadata.name,
    action: spec.action,
    destructive: action?.destructive ?? true,
    environment: spec.environment,
    declaredKind: spec.target.kind,
    targets: n,
    byKind,
    unresolved: resolution.unresolved.count,
    notInInventory: resolution.notInInventory.count,
    ambiguous: resolution.ambiguous.count,
    contained,
    shareOfKind,
    products: [...products].sort(),
    datastores: [...datastores].sort(),
    coResident,
    measuredAt: now.toISOString(),
    limits: {},
    parents,
    deletion: { mode: spec.deletion.mode },
    stages,
    stagedTotal: exact,
    restore,
    summary: "",
  };
  if (action) plan.actionTarget = action.target;
  if (spec.target.expectedCount !== undefined) plan.expectedCount = spec.target.expectedCount;
  if (tenants !== undefined) plan.tenants = tenants;
  if (customers !== undefined) plan.customers = customers;
  if (retention?.ok) plan.deletion.retentionSeconds = retention.value;
  if (spec.rollback) {
    plan.rollback = { strategy: spec.rollback.strategy };
    if (spec.rollback.runbook) plan.rollback.runbook = spec.rollback.runbook;
    if (spec.rollback.lastTested) {
      plan.rollback.lastTested = spec.rollback.lastTested;
      const d = parseDate(spec.rollback.lastTested);
      if (d.ok) plan.rollback.drillAgeSeconds = (now.getTime() - d.value.getTime()) / 1000;
    }
  }
  plan.summary = summarize(plan);
  return plan;
}

/** The slowest restore rate measured in drills among the kinds a run destroys. */
function slowestMeasured(catalog: Catalog, kinds: string[]): Plan["restore"]["measured"] {
  let slowest: Plan["restore"]["measured"];
  for (const k of new Set(kinds)) {
    const def = catalog.kinds.get(k);
    if (def?.restoreRatePerHour !== undefined && (!slowest || def.restoreRatePerHour < slowest.perHour)) slowest = { kind: k, perHour: def.restoreRatePerHour, rate: def.restoreRate! };
  }
  return slowest;
}

/**
 * "775 customers", "at least 3 customers (5 not in the inventory)", or, when no identifier is in the
 * inventory, "unknown customers (5,000 not in the inventory)": never "at least 0".
 */
export function customersOf(p: Pick<Plan, "customers" | "notInInventory">): string | undefined {
  if (p.customers === undefined) return undefined;
  if (p.notInInventory === 0) return plural(p.customers, "customer");
  const missing = `${grouped(p.notInInventory)} not in the inventory`;
  return p.customers === 0 ? `unknown customers (${missing})` : `at least ${plural(p.customers, "customer")} (${missing})`;
}

/** "1 site", "883 sites", "2 statuses": a count with its noun. */
export function plural(n: number, word: string): string {
  return `${grouped(n)} ${word}${n === 1 ? "" : word.endsWith("s") ? "es" : "s"}`;
}

/**
 * The part of a plan approvals and overrides bind to, besides the files: what the identifiers are (kinds
 * and counts), whose they are (tenants, customers) and what lies inside them. "883 apps of 775 tenants and
 * 775 customers, with 12 databases inside". Two plans that read the same here are the same plan.
 */
export function planScope(p: Plan): string {
  const kinds = Object.entries(p.byKind).map(([k, n]) => plural(n, k));
  if (p.unresolved) kinds.push(`${plural(p.unresolved, "identifier")} of unknown kind`);
  if (p.ambiguous) kinds.push(`${plural(p.ambiguous, "identifier")} of ambiguous kind`);
  let scope = kinds.length ? kinds.join(" and ") : plural(p.targets, p.declaredKind);
  if (p.tenants !== undefined && p.customers !== undefined) scope += ` of ${plural(p.tenants, "tenant")} and ${plural(p.customers, "customer")}`;
  if (p.notInInventory > 0 && p.tenants !== undefined) scope += ` (${grouped(p.notInInventory)} not in the inventory)`;
  const inside = Object.entries(p.contained.byKind).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (inside.length > 0) scope += `, with ${inside.map(([k, n]) => plural(n, k)).join(" and ")} inside`;
  return scope;
}

/** "deletes 883 sites of 775 customers (declared kind: app), hard delete, no staged rollout, ..." */
export function summarize(p: Plan): string {
  const verb = p.destructive ? (p.deletion.mode === "hard" ? "permanently deletes" : "deletes") : "changes";
  const kinds = Object.entries(p.byKind).map(([k, n]) => plural(n, k));
  if (p.unresolved) kinds.push(`${plural(p.unresolved, "identifier")} of unknown kind`);
  if (p.ambiguous) kinds.push(`${plural(p.ambiguous, "identifier")} of ambiguous kind`);
  let what = kinds.length ? kinds.join(" and ") : plural(p.targets, p.declaredKind);
  const customers = customersOf(p);
  if (customers !== undefined) what += ` of ${customers}`;
  const parts = [`${p.action} ${verb} ${what} in ${p.environment}`];
  const resolvedKinds = Object.keys(p.byKind);
  if (resolvedKinds.length > 0 && (resolvedKinds.length > 1 || resolvedKinds[0] !== p.declaredKind)) {
    parts[0] += ` (the manifest declares ${p.declaredKind}${p.actionTarget && p.actionTarget !== p.declaredKind ? `; ${p.action} acts on ${p.actionTarget}` : ""})`;
  } else if (p.actionTarget && p.actionTarget !== p.declaredKind) {
    parts[0] += ` (${p.action} acts on ${p.actionTarget}, not ${p.declaredKind})`;
  }
  if (p.expectedCount !== undefined && p.expectedCount !== p.targets) parts.push(`expected ${grouped(p.expectedCount)}, got ${grouped(p.targets)}`);
  if (p.contained.total > 0)
    parts.push(
      `with ${Object.entries(p.contained.byKind)
        .map(([k, n]) => plural(n, k))
        .join(" and ")} inside`,
    );
  if (p.products.length) parts.push(`touches ${p.products.join(", ")}${p.datastores.length ? ` across ${plural(p.datastores.length, "datastore")}` : ""}`);
  parts.push(p.deletion.mode === "hard" ? "hard delete" : `soft delete${p.deletion.retentionSeconds !== undefined ? ` kept ${formatDuration(p.deletion.retentionSeconds, "exact")}` : ""}`);
  if (p.stages.length <= 1) parts.push("no staged rollout");
  else parts.push(`${p.stages.length} stages (${p.stages.map((s) => grouped(s.size)).join(" → ")})`);
  // With no rollback there is no restore to time, whatever restoreRate says.
  if (!p.rollback || p.rollback.strategy === "none") {
    parts.push("no rollback");
  } else if (p.restore.seconds !== undefined) {
    parts.push(`restore takes ${formatDuration(p.restore.seconds)}${p.restore.rtoSeconds !== undefined ? ` against an RTO of ${formatDuration(p.restore.rtoSeconds, "exact")}` : ""}`);
  }
  return parts.join(", ");
}
