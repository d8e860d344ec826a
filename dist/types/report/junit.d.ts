import type { CheckResult } from "../check/run.js";
/**
 * The check's result as JUnit XML for CI systems that show test reports: one test suite per manifest, one
 * test case per rule in force (a blocking finding fails it, other findings are its output), and a suite
 * "input problems" whose cases are errors. A manifest that was not judged has one error case and no rule cases. Findings about no judged manifest (a changed policy file) get a suite of their own.
 */
export declare function toJunit(result: CheckResult): string;
