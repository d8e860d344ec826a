import { type Limits } from "../documents/limits.js";
import type { Problem } from "../documents/problem.js";
import { type SourceLocation } from "../documents/source.js";
import type { PolicyDocument, Validated } from "../documents/types.js";
import type { ParsedDocument } from "../documents/yaml.js";
import type { CompiledRule, ManifestInput } from "../rules/types.js";
/** The strictest `waivers.maxExpiry` of the Policies, and where it is set. */
export interface WaiverCap {
    seconds: number;
    location: SourceLocation;
}
/** Checks every rule's type and options (each against its type's own schema) and merges limits. */
/**
 * The `with:` problems of a Policy that failed its own schema (a misspelt `enforcement`, say), for each rule
 * whose type is known: reported with the schema's problems, so the author fixes all of them in one round.
 */
export declare function unvalidatedRuleOptionProblems(value: unknown, source: ParsedDocument): Problem[];
export declare function compilePolicies(policies: Validated<PolicyDocument>[]): {
    rules: CompiledRule[];
    limits: Limits;
    problems: Problem[];
    waiverCap?: WaiverCap;
};
/** Whether a rule applies to a manifest: every `match` field given must hold. */
/** `kind` matches the declared kind or any kind the identifiers really resolve to: a wrong declaration cannot dodge a rule. */
export declare function ruleApplies(rule: CompiledRule, m: ManifestInput, resolvedKinds: Iterable<string>): boolean;
