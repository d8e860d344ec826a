/**
 * What one stage of a rollout acts on, and how a list handed to a script compares with it. Pure.
 * Stage k gets the next size_k identifiers of the identifier file, in file order, with the sizes the
 * plan resolved (counts and percents rounded exactly as the check rounds them).
 */
import type { Spend } from "./budgets.js";
import type { Catalog } from "../resolve/catalog.js";
import { kindsMatching } from "../resolve/catalog.js";
import type { Inventory } from "../resolve/inventory.js";
import type { PlannedStage } from "./plan.js";

/** The name a manifest without `spec.rollout` gives its one stage. */
export const WHOLE_RUN = "all";

export interface StageSlice {
  name: string;
  index: number;
  identifiers: string[];
  /** Seconds the next stage waits after this one ends. */
  bakeSeconds: number;
}

/** Every stage with its identifiers; a manifest without stages is one stage named `all`. */
export function sliceStages(stages: readonly PlannedStage[], identifiers: readonly string[]): StageSlice[] {
  if (stages.length === 0) return [{ name: WHOLE_RUN, index: 0, identifiers: [...identifiers], bakeSeconds: 0 }];
  let from = 0;
  return stages.map((s, index) => {
    const slice = identifiers.slice(from, from + s.size);
    from += s.size;
    return { name: s.name, index, identifiers: slice, bakeSeconds: s.bakeSeconds ?? 0 };
  });
}

export interface IdsDifference {
  /** Handed to the script but not approved for the stage, with their line in the list given. */
  extra: { id: string; line: number }[];
  /** Approved for the stage but not in the list given. */
  missing: string[];
  extraCount: number;
  missingCount: number;
}

/** An extra, a missing or a changed id (a changed one is one of each); the first `max` of each are kept. */
export function diffIdentifiers(approved: readonly string[], given: readonly { id: string; line: number }[], max = 5): IdsDifference {
  const want = new Set(approved);
  const have = new Set(given.map((g) => g.id));
  const extra = given.filter((g) => !want.has(g.id));
  const missing = approved.filter((id) => !have.has(id));
  return { extra: extra.slice(0, max), missing: missing.slice(0, max), extraCount: extra.length, missingCount: missing.length };
}

/** What a stage destroys per kind, as the inventory (or else the catalog's patterns) says each identifier is. */
export function spendOf(identifiers: readonly string[], catalog: Catalog, inventory: Inventory | undefined): Spend {
  const byKind: Record<string, number> = Object.create(null) as Record<string, number>;
  const customers = new Map<string, Set<string>>();
  for (const id of identifiers) {
    const object = inventory?.get(id);
    let kind: string | undefined = object?.kind;
    if (!object) {
      const kinds = kindsMatching(catalog, id);
      kind = kinds.length === 1 ? kinds[0] : undefined;
    }
    if (kind === undefined) continue;
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    if (object?.customer) {
      let set = customers.get(kind);
      if (!set) customers.set(kind, (set = new Set()));
      set.add(object.customer);
    }
  }
  return { byKind, customers: Object.fromEntries([...customers].map(([k, s]) => [k, [...s].sort()])) };
}
