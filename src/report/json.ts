import { statusOf, tally } from "../governance/judge.js";
import type { CheckResult } from "../check/run.js";

export const REPORT_VERSION = 1;

/**
 * The JSON report: stable, documented in docs/json-report.md. Fields are added, never renamed.
 */
export function toJson(result: CheckResult, meta: { version: string; now: Date }): object {
  return {
    reportVersion: REPORT_VERSION,
    tool: { name: "blastgate", version: meta.version },
    evaluatedAt: meta.now.toISOString(),
    verdict: result.verdict,
    counts: { ...tally(result.findings, result.problems).counts, ...result.counts },
    policiesDir: result.policiesDir,
    manifests: result.manifests,
    ...(result.inventory ? { inventory: result.inventory } : {}),
    rules: result.rules,
    plans: result.plans,
    findings: result.findings.map((f) => ({ ...f, status: statusOf(f) })),
    problems: result.problems,
    overrides: result.overrides ?? [],
    waivers: result.waivers ?? [],
    approvals: result.approvals ?? [],
    digests: result.digests ?? [],
    scripts: result.scripts ?? [],
    ...(result.impact ? { impact: result.impact } : {}),
  };
}
