/**
 * The verdict with enforcement levels: advisory findings never block, hard-mandatory ones always do,
 * and a soft-mandatory one blocks unless a valid override or waiver lifts it. Pure.
 */
import { type Problem } from "../documents/problem.js";
import type { CompiledRule } from "../rules/types.js";
import type { Finding } from "../rules/types.js";
import type { GovernanceFacts } from "./facts.js";
import type { FindingStatus, OverrideRecord, WaiverRecord } from "../rules/status.js";
/** A finding's status; one made without the engine (no status) counts by its enforcement, never as lifted. */
export declare function statusOf(f: Finding): FindingStatus;
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
export declare function tally(findings: readonly Finding[], problems: readonly Problem[]): {
    counts: Counts;
    verdict: "allowed" | "blocked" | "error";
};
/**
 * Gives every finding its status: overrides first (the reviewers' decision on this change), then
 * waivers. Returns the override and waiver records and the findings governance adds (expired waivers).
 */
export declare function applyGovernance(findings: Finding[], rules: readonly CompiledRule[], facts: GovernanceFacts, manifests: ReadonlyMap<string, string>, now: Date): {
    overrides: OverrideRecord[];
    waivers: WaiverRecord[];
    findings: Finding[];
};
