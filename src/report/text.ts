import type { Problem } from "../documents/problem.js";
import type { SourceLocation } from "../documents/source.js";
import type { Finding } from "../rules/types.js";
import type { CheckResult } from "../workspace/load.js";

export interface Style {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
export const COLOR: Style = { red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), bold: wrap(1, 22), dim: wrap(2, 22) };
export const PLAIN: Style = { red: (s) => s, yellow: (s) => s, green: (s) => s, bold: (s) => s, dim: (s) => s };

export function where(l: SourceLocation): string {
  return `${l.file}:${l.line}:${l.column}`;
}

/** The verdict in one line: what a person reads first. */
export function headline(r: CheckResult): string {
  const mandatory = r.counts.hardMandatory + r.counts.softMandatory;
  const n = r.manifests.length;
  const manifests = `${n} manifest${n === 1 ? "" : "s"}`;
  if (r.verdict === "error") return `ERROR: Blastgate could not judge ${manifests}: ${r.problems.length} input problem${r.problems.length === 1 ? "" : "s"} to fix`;
  if (r.verdict === "blocked") return `BLOCKED: ${mandatory} mandatory finding${mandatory === 1 ? "" : "s"} in ${manifests}`;
  return `ALLOWED: ${manifests} checked, no mandatory findings${r.counts.advisory ? ` (${r.counts.advisory} advisory)` : ""}`;
}

/** The report for people at a terminal, in the order a reviewer reads: verdict, then each manifest's plan and findings. */
export function toText(r: CheckResult, style: Style = PLAIN): string {
  const out: string[] = [];
  const head = headline(r);
  out.push(style.bold(r.verdict === "allowed" ? style.green(head) : r.verdict === "blocked" ? style.red(head) : style.red(head)));
  if (r.problems.length > 0) {
    out.push("");
    out.push(style.bold("Input problems (nothing with a problem was judged):"));
    for (const p of r.problems) out.push(problemLine(p, style));
  }
  const byManifest = new Map<string, Finding[]>();
  for (const f of r.findings) {
    const list = byManifest.get(f.manifest) ?? [];
    list.push(f);
    byManifest.set(f.manifest, list);
  }
  const seen = new Set<string>();
  for (const plan of r.plans) {
    out.push("");
    out.push(style.bold(plan.manifest) + style.dim(` (${plan.name})`));
    out.push(`  Plan: ${plan.summary}`);
    if (!seen.has(plan.manifest)) {
      seen.add(plan.manifest);
      const findings = byManifest.get(plan.manifest) ?? [];
      if (findings.length === 0) out.push(`  ${style.green("✔")} no findings`);
      for (const f of findings) out.push(findingLine(f, style));
    }
  }
  if (r.manifests.length === 0) {
    out.push("");
    out.push("No manifests found. Pass manifest paths or globs, or add a YAML file with `kind: Operation`.");
  }
  return out.join("\n") + "\n";
}

function findingLine(f: Finding, style: Style): string {
  const mark = f.severity === "error" ? style.red("✖") : style.yellow("!");
  return `  ${mark} ${where(f.location)}  ${f.enforcement}  ${f.message}  ${style.dim(f.ruleId)}`;
}

function problemLine(p: Problem, style: Style): string {
  return `  ${style.red("✖")} ${where(p.location)}  ${p.message}  ${style.dim(p.code)}`;
}
