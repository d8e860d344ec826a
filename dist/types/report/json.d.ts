import type { CheckResult } from "../check/run.js";
export declare const REPORT_VERSION = 1;
/**
 * The JSON report: stable, documented in docs/json-report.md. Fields are added, never renamed.
 */
export declare function toJson(result: CheckResult, meta: {
    version: string;
    now: Date;
}): object;
