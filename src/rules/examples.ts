import type { IdentifierList } from "../documents/identifiers.js";
import type { Sample } from "../resolve/resolve.js";
import { grouped } from "../documents/units.js";

/** "'site-1' (line 3), 'site-2' (line 4), 'site-3' (line 5) and 880 more" */
export function describeSample(s: Sample, ids: IdentifierList, max = 3): string {
  const shown = s.examples.slice(0, max).map((i) => `'${ids.value(i)}' (line ${ids.location(i).line})`);
  const more = s.count - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${grouped(more)} more` : shown.join(", ");
}

export function exampleIds(s: Sample, ids: IdentifierList, max = 5): string[] {
  return s.examples.slice(0, max).map((i) => ids.value(i));
}

export function percent(x: number): string {
  const p = x * 100;
  // Enough significant digits that a small share never reads as 0%.
  const text = p === 0 ? "0" : p >= 1 ? p.toFixed(1) : p.toPrecision(2);
  return `${text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text}%`;
}

export function num(n: number): string {
  return grouped(n);
}
