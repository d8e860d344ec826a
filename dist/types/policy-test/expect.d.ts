/**
 * What a policy test case expected against what the check found, and which rules the cases exercised.
 * Pure: results in, verdicts and coverage out.
 */
import type { Problem } from "../documents/problem.js";
import type { PolicyTestCase, PolicyTestDocument } from "../documents/types.js";
import type { Verdict } from "../engine/evaluate.js";
import type { Finding } from "../rules/types.js";
/** What one case's check produced (the parts a test compares). */
export interface CaseOutcome {
    verdict: Verdict;
    findings: Finding[];
    problems: Problem[];
    rulesRun: readonly string[];
}
export interface CaseComparison {
    pass: boolean;
    /** One line each: `verdict: ...`, then `- ` expected and missing, `+ ` found and not expected. */
    diff: string[];
}
export declare function describeFinding(f: Finding): string;
/**
 * A case passes when the verdict is the one expected, the rules with findings are exactly `expect.rules`
 * (none when it is left out, unless the verdict expected is error), and each of `expect.findings` matches
 * a finding on the fields it gives.
 */
export declare function compareCase(expect: PolicyTestCase["expect"], actual: CaseOutcome): CaseComparison;
/** A rule id an expectation may name, with its message ids: the policies' rules and Blastgate's own findings. */
export type KnownRules = ReadonlyMap<string, readonly string[]>;
/** An expectation that can never match: where it is (a JSON pointer into the PolicyTest) and why. */
export interface BadExpectation {
    pointer: string;
    message: string;
}
/**
 * Expectations naming a rule the policies do not have, or a message id the rule's type does not have:
 * such a case could only fail (or pass by accident), so it is bad input, not a failing case.
 */
export declare function unknownExpectations(doc: PolicyTestDocument, known: KnownRules): BadExpectation[];
export interface RuleCoverage {
    ruleId: string;
    /** A passing case had a finding of the rule. */
    fires: boolean;
    /** A passing case without input problems had the rule judge its manifest (or change) and find nothing. */
    holds: boolean;
}
/** Coverage counts passing cases only: a case that fails proves nothing about the rules it touched. */
export declare function coverage(ruleIds: readonly string[], passing: readonly CaseOutcome[]): Coverage;
export interface Coverage {
    rules: RuleCoverage[];
    /** As shown: rounded to a tenth, never up to 100 while a yes is missing. */
    percent: number;
    /** Unrounded: what --min-coverage is compared with (93.75 is below 93.8). */
    exact: number;
}
