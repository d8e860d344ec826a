/** What an API call was for, so a failure message can say what to do about it. */
export interface ApiTask {
    /** "list the pull request's changed files" */
    doing: string;
    /** The job permission the call needs, e.g. "pull-requests: read". */
    permission: string;
}
export declare function statusOf(e: unknown): number | undefined;
/** GitHub's own message ("Resource not accessible by integration"), without the docs link octokit appends. */
export declare function apiMessage(e: unknown): string;
/** The code of a TLS certificate failure somewhere in the error's causes (untrusted CA, wrong name, expired). */
export declare function certificateFailure(e: unknown): string | undefined;
/** One sentence: what failed, why, and what to do. Never a stack trace. */
export declare function explainApiError(e: unknown, task: ApiTask): string;
