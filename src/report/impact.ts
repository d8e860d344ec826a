import { grouped } from "../documents/units.js";
import type { ImpactEntry, ImpactFinding, PolicyImpact } from "../engine/impact.js";
import { withoutControls } from "./escape.js";
import { PLAIN, type Style } from "./text.js";

const t = withoutControls;

function plural(x: number, word: string): string {
  return `${grouped(x)} ${word}${x === 1 ? "" : "s"}`;
}

/** "3 of 41 manifests change verdict under the new policies (2 newly blocked, 1 newly allowed); 1 more changes findings only". */
export function impactCounts(i: PolicyImpact): string {
  const kinds = [i.newlyBlocked ? `${grouped(i.newlyBlocked)} newly blocked` : "", i.newlyAllowed ? `${grouped(i.newlyAllowed)} newly allowed` : ""].filter(Boolean);
  const findingsOnly = i.changed.length - i.verdictChanges;
  let line = `${grouped(i.verdictChanges)} of ${plural(i.compared, "manifest")} ${i.verdictChanges === 1 ? "changes" : "change"} verdict under the new policies`;
  if (kinds.length > 0) line += ` (${kinds.join(", ")})`;
  if (findingsOnly > 0) line += `; ${grouped(findingsOnly)} more ${findingsOnly === 1 ? "changes" : "change"} findings only`;
  return line + capNote(i);
}

/** Said whenever the comparison was capped: never silently. */
export function capNote(i: PolicyImpact): string {
  return i.compared < i.total ? `; only the first ${grouped(i.compared)} of ${grouped(i.total)} manifests (by path) were compared, the rest were not` : "";
}

/** Where a finding is and what it does, as one line of detail: `bulk-limits: 883 targets ... (ops/x.yaml:15)`. */
export function impactFindingText(f: ImpactFinding): string {
  const status = f.status === "blocking" ? "" : `; ${f.status}`;
  return `${f.ruleId}: ${f.message} (${f.location.file}:${f.location.line}${status})`;
}

/** The CLI's impact: one line per changed manifest (`ops/x.yaml: allowed -> blocked`), its findings added and removed, then the counts. */
export function impactText(i: PolicyImpact, style: Style = PLAIN): string {
  const out = ["", style.bold(`Policy-change impact: every manifest judged under the policies of ${t(i.before)} and of ${t(i.after)}`)];
  if (i.unavailable !== undefined) {
    out.push(style.red(`not compared: ${t(i.unavailable)}`));
    return out.join("\n") + "\n";
  }
  for (const e of i.changed) {
    out.push(`${t(e.manifest)}: ${e.before} -> ${colored(e, style)}`);
    for (const f of e.added) out.push(`  + ${t(impactFindingText(f))}`);
    for (const f of e.removed) out.push(`  - ${t(impactFindingText(f))}`);
  }
  out.push(impactCounts(i));
  return out.join("\n") + "\n";
}

function colored(e: ImpactEntry, style: Style): string {
  if (e.after === e.before) return e.after;
  return e.after === "allowed" ? style.green(e.after) : style.red(e.after);
}
