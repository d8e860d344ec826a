import type { IdentifierList } from "../documents/identifiers.js";
import type { Catalog } from "./catalog.js";
import { kindsMatching } from "./catalog.js";
import type { Inventory } from "./inventory.js";

/** A count and the first few indices it counts, so a million offenders stay a small finding. */
export interface Sample {
  count: number;
  examples: number[];
}

export const MAX_EXAMPLES = 10;

function sample(): Sample {
  return { count: 0, examples: [] };
}
function note(s: Sample, i: number): void {
  s.count++;
  if (s.examples.length < MAX_EXAMPLES) s.examples.push(i);
}

/** What every identifier of a manifest really is. */
export interface Resolution {
  total: number;
  /** Identifiers per resolved kind (inventory first, patterns after). */
  byKind: Map<string, Sample>;
  unresolved: Sample;
  ambiguous: Sample;
  /** For ambiguous examples: the kinds each matched. */
  ambiguousKinds: Map<number, string[]>;
  fromInventory: number;
  notInInventory: Sample;
  /** Identifiers whose inventory environment differs from the manifest's. */
  otherEnvironment: Map<string, Sample>;
  protected: Sample;
  /** Inventory rows of the targets found there (typed: a million targets take 4 MB). */
  rows: Int32Array;
}

/** Resolves identifiers: the inventory is authoritative where it has the object; the catalog's patterns are the fallback. */
export function resolveIdentifiers(list: IdentifierList, catalog: Catalog, inventory: Inventory | undefined, environment: string): Resolution {
  const r: Resolution = {
    total: list.length,
    byKind: new Map(),
    unresolved: sample(),
    ambiguous: sample(),
    ambiguousKinds: new Map(),
    fromInventory: 0,
    notInInventory: sample(),
    otherEnvironment: new Map(),
    protected: sample(),
    rows: new Int32Array(0),
  };
  const n = list.length;
  const rows = new Int32Array(inventory ? n : 0);
  // Read with the inventory at hand, the list knows each identifier's row: no string, no second lookup.
  const known = inventory ? list.row : undefined;
  for (let i = 0; i < n; i++) {
    let row: number | undefined;
    if (known) {
      const k = known(i);
      row = k >= 0 ? k : undefined;
    } else if (inventory) row = inventory.row(list.value(i));
    let kind: string | undefined;
    if (row !== undefined) {
      rows[r.fromInventory++] = row;
      kind = inventory!.kindOf(row);
      const env = inventory!.environmentOf(row);
      if (env !== undefined && env !== environment) {
        let s = r.otherEnvironment.get(env);
        if (!s) r.otherEnvironment.set(env, (s = sample()));
        note(s, i);
      }
      if (inventory!.isProtected(row)) note(r.protected, i);
    } else {
      if (inventory) note(r.notInInventory, i);
      const kinds = kindsMatching(catalog, list.value(i));
      if (kinds.length === 0) {
        note(r.unresolved, i);
        continue;
      }
      if (kinds.length > 1) {
        if (r.ambiguous.examples.length < MAX_EXAMPLES) r.ambiguousKinds.set(i, kinds);
        note(r.ambiguous, i);
        continue;
      }
      kind = kinds[0]!;
    }
    let s = r.byKind.get(kind);
    if (!s) r.byKind.set(kind, (s = sample()));
    note(s, i);
  }
  r.rows = rows.subarray(0, r.fromInventory);
  return r;
}
