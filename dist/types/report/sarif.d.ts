import type { CheckResult } from "../check/run.js";
/** Where each rule type is documented; a rule id Blastgate itself reports (policy or inventory changes, input problems) links to the JSON report's page. */
export declare const DOCS_BASE = "https://github.com/blastgate/blastgate/blob/main/docs/";
/** The rule id input problems are reported under: they are not a policy's findings, and they make the verdict `error`. */
export declare const PROBLEM_RULE_ID = "blastgate/input-problem";
/**
 * The check's result as SARIF 2.1.0, for GitHub code scanning (`github/codeql-action/upload-sarif`) and other
 * SARIF readers: one rule descriptor per rule id, each finding at its value's line and column, level from
 * enforcement and status, lifted findings with their override or waiver as a suppression.
 */
export declare function toSarif(result: CheckResult, meta: {
    version: string;
    failure?: string;
}): object;
