/**
 * The verdict with enforcement levels: advisory findings never block, hard-mandatory ones always do,
 * and a soft-mandatory one blocks unless a valid override or waiver lifts it. Pure.
 */
import { problemCount, type Problem } from "../documents/problem.js";
import type { CompiledRule } from "../rules/types.js";
import type { Finding } from "../rules/types.js";
import type { GovernanceFacts } from "./facts.js";
import { applyOverrides } from "./overrides.js";
import type { FindingStatus, OverrideRecord, WaiverRecord } from "../rules/status.js";
import { applyWaivers } from "./waivers.js";

/** A finding's status; one made without the engine (no status) counts by its enforcement, never as lifted. */
export function statusOf(f: Finding): FindingStatus {
  if (f.enforcement === "advisory") return "advisory";
  if (f.enforcement === "hard-mandatory") return "blocking";
  return f.status === "overridden" || f.status === "waived" ? f.status : "blocking";
}

export interface Counts {
  advisory: number;
  softMandatory: number;
  hardMandatory: number;
  problems: number;
  /** Findings that block the change. */
  blocking: number;
  overridden: number;
  waived: number;
}

/** Counts by enforcement and by status, and the verdict they give: any problem is "error", any blocking finding "blocked". */
export function tally(findings: readonly Finding[], problems: readonly Problem[]): { counts: Counts; verdict: "allowed" | "blocked" | "error" } {
  const counts: Counts = { advisory: 0, softMandatory: 0, hardMandatory: 0, problems: problemCount(problems), blocking: 0, overridden: 0, waived: 0 };
  for (const f of findings) {
    if (f.enforcement === "advisory") counts.advisory++;
    else if (f.enforcement === "soft-mandatory") counts.softMandatory++;
    else counts.hardMandatory++;
    const s = statusOf(f);
    if (s !== "advisory") counts[s]++;
  }
  return { counts, verdict: problems.length > 0 ? "error" : counts.blocking > 0 ? "blocked" : "allowed" };
}

/**
 * Gives every finding its status: overrides first (the reviewers' decision on this change), then
 * waivers. Returns the override and waiver records and the findings governance adds (expired waivers).
 */
export function applyGovernance(findings: Finding[], rules: readonly CompiledRule[], facts: GovernanceFacts, manifests: ReadonlyMap<string, string>, now: Date): { overrides: OverrideRecord[]; waivers: WaiverRecord[]; findings: Finding[] } {
  for (const f of findings) f.status = f.enforcement === "advisory" ? "advisory" : "blocking";
  const overrides = applyOverrides(findings, rules, facts, manifests);
  const waivers = applyWaivers(findings, facts, manifests, now);
  return { overrides, waivers: waivers.records, findings: waivers.findings };
}
