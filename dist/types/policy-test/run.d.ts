import type { Problem } from "../documents/problem.js";
import { type FileSource } from "../documents/files.js";
import { type CaseOutcome, type Coverage } from "./expect.js";
export interface CaseResult {
    file: string;
    line: number;
    name: string;
    pass: boolean;
    diff: string[];
    outcome: CaseOutcome;
}
export interface TestRun {
    /** Bad input (unreadable or invalid test files, policies that do not load): the run decides nothing (exit 2). */
    problems: Problem[];
    cases: CaseResult[];
    coverage: Coverage;
}
export interface TestOptions {
    workspace: FileSource;
    policiesDir: string;
    /** Test files or directories, repository-relative; none: `<policiesDir>/tests`. */
    paths: string[];
    /** The time for cases that set no `now`. */
    now: Date;
}
export declare function runPolicyTests(opts: TestOptions): Promise<TestRun>;
