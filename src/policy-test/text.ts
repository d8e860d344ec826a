import type { TestRun } from "./run.js";
import { inertLogLine } from "../report/escape.js";

/** `blastgate test` for people: one line per case, the differences under a failing one, then coverage. */
export function policyTestText(run: TestRun, opts: { coverage: boolean; minCoverage?: number }): string {
  const out: string[] = [];
  if (run.problems.length > 0) {
    out.push(`ERROR: ${run.problems.length} problem${run.problems.length === 1 ? "" : "s"} in the tests or the policies; no case was run`, "");
    for (const p of run.problems) out.push(`  ${p.location.file}:${p.location.line}:${p.location.column}  ${p.message}`);
    return lines(out);
  }
  let file: string | undefined;
  for (const c of run.cases) {
    if (c.file !== file) {
      if (file !== undefined) out.push("");
      out.push((file = c.file));
    }
    out.push(`  ${c.pass ? "✔" : "✖"} ${c.name}${c.pass ? "" : `  (${c.file}:${c.line})`}`);
    for (const d of c.diff) out.push(`      ${d}`);
  }
  const failed = run.cases.filter((c) => !c.pass).length;
  out.push("", `${failed > 0 ? "FAILED" : "PASSED"}: ${run.cases.length - failed} of ${run.cases.length} cases passed${failed > 0 ? `, ${failed} failed` : ""}`);
  if (opts.coverage) {
    out.push("", "Coverage (passing cases only):");
    const width = Math.max(0, ...run.coverage.rules.map((r) => r.ruleId.length));
    for (const r of run.coverage.rules) out.push(`${r.ruleId.padEnd(width)} fires: ${r.fires ? "yes" : "no"} holds: ${r.holds ? "yes" : "no"}`);
    const below = opts.minCoverage !== undefined && run.coverage.exact < opts.minCoverage;
    out.push(`coverage: ${run.coverage.percent}%${opts.minCoverage !== undefined ? ` (minimum ${opts.minCoverage}%${below ? ": below it" : ""})` : ""}`);
  }
  return lines(out);
}

/** CI logs read workflow commands from stdout: names, messages and paths quoted here must not act as one. */
function lines(out: string[]): string {
  return out.map(inertLogLine).join("\n") + "\n";
}
