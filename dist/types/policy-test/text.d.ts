import type { TestRun } from "./run.js";
/** `blastgate test` for people: one line per case, the differences under a failing one, then coverage. */
export declare function policyTestText(run: TestRun, opts: {
    coverage: boolean;
    minCoverage?: number;
}): string;
