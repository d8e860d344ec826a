import type { IdentifierList } from "../documents/identifiers.js";
import type { Sample } from "../resolve/resolve.js";

/** "'site-1' (line 3), 'site-2' (line 4), 'site-3' (line 5) and 880 more" */
export function describeSample(s: Sample, ids: IdentifierList, max = 3): string {
  const shown = s.examples.slice(0, max).map((i) => `'${ids.values[i]}' (line ${ids.location(i).line})`);
  const more = s.count - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${more.toLocaleString("en-US")} more` : shown.join(", ");
}

export function exampleIds(s: Sample, ids: IdentifierList, max = 5): string[] {
  return s.examples.slice(0, max).map((i) => ids.values[i]!);
}

export function percent(x: number): string {
  return `${(x * 100).toFixed(x < 0.01 ? 2 : 1).replace(/\.0+$/, "")}%`;
}

export function num(n: number): string {
  return n.toLocaleString("en-US");
}
