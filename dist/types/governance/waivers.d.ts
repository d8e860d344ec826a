/**
 * Waivers: standing exceptions the platform team keeps among the policy files (so a pull request
 * cannot write its own). A waiver lifts soft-mandatory findings of the rules it names on the manifest
 * it names, until it expires; it never lifts a hard-mandatory one, and anything doubtful (expired,
 * content changed, a name held by two manifests) makes it waive nothing.
 */
import type { Problem } from "../documents/problem.js";
import { type SourceLocation } from "../documents/source.js";
import type { Validated, WaiverDocument } from "../documents/types.js";
import type { Finding } from "../rules/types.js";
import type { GovernanceFacts } from "./facts.js";
import type { WaiverRecord, WaiverTerms } from "../rules/status.js";
export interface CompiledWaiver extends WaiverTerms {
    /** The first instant it no longer holds: midnight UTC after the `expires` day. */
    endsAt: Date;
    location: SourceLocation;
    expiresLocation: SourceLocation;
}
export declare const WAIVER_EXPIRED = "blastgate/waiver-expired";
/**
 * Checks waivers against the rules in force and the manifests of the workspace: a waiver naming a
 * rule or a manifest that does not exist, or expiring further ahead than a Policy allows, is a problem.
 */
export declare function compileWaivers(docs: readonly Validated<WaiverDocument>[], opts: {
    ruleIds: readonly string[];
    manifestNames: ReadonlyMap<string, string[]> | undefined;
    maxExpiry: {
        seconds: number;
        location: SourceLocation;
    } | undefined;
    now: Date;
}): {
    waivers: CompiledWaiver[];
    problems: Problem[];
};
/**
 * Applies waivers to the findings still blocking (after overrides). Returns a record per waiver and
 * the advisory findings of expired waivers whose manifest was checked.
 */
export declare function applyWaivers(findings: Finding[], facts: GovernanceFacts, manifests: ReadonlyMap<string, string>, now: Date): {
    records: WaiverRecord[];
    findings: Finding[];
};
