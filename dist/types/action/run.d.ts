import { type CommentOutcome } from "../github/comments.js";
import { type Annotation } from "../report/annotations.js";
import { type CheckResult } from "../check/run.js";
/** Where the run's messages go (the step log). */
export interface ActionLog {
    info(line: string): void;
}
export type Verdict = CheckResult["verdict"];
/** Everything the step shows and sets: main.ts turns it into workflow commands, files and the exit code. */
export interface ActionOutcome {
    verdict: Verdict;
    /** 0 passes; 1 blocked; 2 Blastgate could not decide. */
    exitCode: 0 | 1 | 2;
    /** The verdict and why, for the last line of the log. */
    headline: string;
    annotations: Annotation[];
    omitted: number;
    /** Markdown for GITHUB_STEP_SUMMARY. */
    summary: string;
    outputs: Record<string, string>;
    comment: CommentOutcome | undefined;
    /** The plain text report for the log (untrusted text: print it with workflow commands stopped). */
    text: string;
}
export declare const REPORT_FILE = "blastgate-report.json";
export declare const SARIF_FILE = "blastgate.sarif";
/**
 * The Action: reads the runner's environment and the inputs, judges what the event changed,
 * writes the JSON report and the pull request comment, and returns the rest for main.ts to emit.
 * Never throws for a reason it understands: those end as verdict "error" with a message.
 */
export declare function runAction(env: Record<string, string | undefined>, getInput: (name: string) => string, log: ActionLog): Promise<ActionOutcome>;
