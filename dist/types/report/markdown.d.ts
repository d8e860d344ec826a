import type { SourceLocation } from "../documents/source.js";
import { type Plan } from "../measure/plan.js";
import type { CheckResult } from "../check/run.js";
/** Identifies Blastgate's pull request comment, so each run edits it instead of adding another. */
export declare const COMMENT_MARKER = "<!-- blastgate:comment -->";
/** GitHub rejects comment bodies over this many characters. */
export declare const MAX_COMMENT_CHARS = 65536;
/** GitHub refuses a job summary over 1 MiB per step. */
export declare const MAX_SUMMARY_BYTES: number;
export interface MarkdownInput {
    result: CheckResult;
    /** Blastgate could not decide for a reason tied to no file (an API failure): the verdict is error. */
    failure?: string;
    /** Where the policies came from, e.g. "base commit 1a2b3c4". */
    policySource?: string;
    /** Things a reviewer must know besides the findings (the pull request changes the inventory, ...). */
    notes?: string[];
    /** How the check ends under the `fail-on` input, when that differs from the verdict. */
    gate?: {
        fails: boolean;
        failOn: string;
    };
    /** Links a location to the file on GitHub. */
    link?: (l: SourceLocation) => string | undefined;
    /** Where the full report is (the job summary), for a shortened comment. */
    detailsUrl?: string;
}
type Verdict = "allowed" | "blocked" | "error";
export declare function verdictOf(input: MarkdownInput): Verdict;
/** Text from manifests goes into Markdown: no formatting, no @mentions, no #references, no HTML, no table breaks. */
export declare function escapeMd(s: string): string;
/** The first line: the verdict and why, readable in a notification. */
export declare function verdictLine(input: MarkdownInput): string;
/** "883 to destroy: 883 site": the number no reviewer may miss, by the kind the identifiers really are. */
export declare function destroyLine(p: Plan): string;
/** The job summary: the verdict, every manifest's plan and the full table of findings. */
export declare function toSummary(input: MarkdownInput, maxBytes?: number): string;
/** The pull request comment: the same report, shortened to GitHub's limit, marked for updating in place. */
export declare function toComment(input: MarkdownInput, maxChars?: number): string;
export {};
