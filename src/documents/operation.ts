import { pathAlias } from "./paths.js";
import type { Problem } from "./problem.js";
import type { OperationDocument } from "./types.js";
import { parseDate, parseDuration, parseRate, type Parsed } from "./units.js";
import type { ParsedDocument } from "./yaml.js";

/**
 * What a JSON Schema cannot say about a manifest's values: a duration over a century, a date that
 * does not exist (2026-02-31), a zero restore rate. Each would otherwise be silently ignored.
 */
export function checkOperationValues(doc: OperationDocument, source: ParsedDocument): Problem[] {
  const problems: Problem[] = [];
  const check = <T>(pointer: string, value: unknown, parse: (v: unknown) => Parsed<T>) => {
    if (value === undefined) return;
    const r = parse(value);
    if (!r.ok) problems.push({ code: "schema", message: `${pointer.slice(1).replace(/\//g, ".")}: ${r.reason}`, location: source.map.locate(pointer) });
  };
  const spec = doc.spec;
  check("/spec/deletion/retention", spec.deletion.retention, parseDuration);
  spec.rollout?.stages.forEach((s, i) => check(`/spec/rollout/stages/${i}/bake`, s.bake, parseDuration));
  check("/spec/rollback/rto", spec.rollback?.rto, parseDuration);
  check("/spec/rollback/restoreRate", spec.rollback?.restoreRate, parseRate);
  check("/spec/rollback/lastTested", spec.rollback?.lastTested, parseDate);
  // A script named as a path is compared with the change's files: one spelling, as for identifier files.
  doc.metadata.scripts?.forEach((entry, i) => {
    if (/[*?[\]{}!]/.test(entry)) return;
    const alias = pathAlias(entry);
    if (alias) problems.push({ code: "schema", message: `metadata.scripts[${i}] '${entry}' ${alias}`, location: source.map.locate(`/metadata/scripts/${i}`) });
  });
  return problems;
}
