import { type Problem } from "../documents/problem.js";
import type { SourceLocation } from "../documents/source.js";
import type { FindingStatus } from "../rules/status.js";
import type { Finding } from "../rules/types.js";
import type { Verdict } from "./evaluate.js";
/**
 * Policy-change impact: every manifest judged twice, under the policies before a change and after it,
 * and the manifests whose verdict or findings differ. Pure: the two judgements in, the differences out.
 */
/** One side's judgement of the same manifests: its findings and problems, and the files each manifest reads. */
export interface ImpactSide {
    /** Where the policies came from ("base commit 1a2b3c4", "the working tree"). */
    label: string;
    findings: readonly Finding[];
    problems: readonly Problem[];
    /** Per manifest, the files judging it reads besides the manifest itself (its identifier file): problems there are its own. */
    reads: ReadonlyMap<string, readonly string[]>;
}
/** A finding as the impact shows it: what a reviewer needs to tell one from another. */
export interface ImpactFinding {
    ruleId: string;
    messageId: string;
    message: string;
    enforcement: Finding["enforcement"];
    status: FindingStatus;
    location: SourceLocation;
}
export interface ImpactEntry {
    manifest: string;
    before: Verdict;
    after: Verdict;
    /** Findings only the new policies give. */
    added: ImpactFinding[];
    /** Findings only the old policies gave. */
    removed: ImpactFinding[];
}
export interface PolicyImpact {
    /** Where the old and the new policies came from. */
    before: string;
    after: string;
    /** Manifests judged under both; `total` is how many the repository has (more when the comparison was capped). */
    compared: number;
    total: number;
    /** Manifests whose verdict or findings change, by path. */
    changed: ImpactEntry[];
    newlyBlocked: number;
    newlyAllowed: number;
    /** How many change verdict (any verdict to another). */
    verdictChanges: number;
    /** Set when no comparison could be made (a side's policies have problems): why. */
    unavailable?: string;
}
/** The manifests compared when a repository holds more than `cap`: the first by path, so two runs compare the same ones. */
export declare function impactScope(manifests: readonly string[], cap: number): {
    compared: string[];
    total: number;
};
/** The manifests whose verdict or findings differ between the two sides, in path order. */
export declare function compareImpact(manifests: readonly string[], total: number, before: ImpactSide, after: ImpactSide): PolicyImpact;
