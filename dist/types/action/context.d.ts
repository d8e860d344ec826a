/** What the runner tells a step through its environment. */
export interface RunnerContext {
    eventName: string;
    payload: Record<string, unknown>;
    /** The checked-out repository (the pull request's head, or its merge commit). */
    workspace: string;
    owner: string;
    repo: string;
    /** REST API root: https://api.github.com, or https://HOST/api/v3 on GitHub Enterprise Server. */
    apiUrl: string;
    /** GITHUB_GRAPHQL_URL (https://api.github.com/graphql, or https://HOST/api/graphql); undefined: derived from apiUrl. */
    graphqlUrl: string | undefined;
    serverUrl: string;
    runUrl: string | undefined;
    summaryPath: string | undefined;
    runnerTemp: string;
}
/** What to judge, from the event. */
export type Target = {
    kind: "pull_request";
    number: number;
    baseSha: string;
    headSha: string;
    fromFork: boolean;
    author: string | undefined;
    /** The head branch and the repository it lives in (a fork's, or undefined when the fork was deleted). */
    headRef: string | undefined;
    headRepo: {
        owner: string;
        repo: string;
    } | undefined;
    /** How many commits the pull request has, as the payload says. */
    commits: number | undefined;
}
/** `pull`: the pull request the queue's head ref names (`gh-readonly-queue/<base>/pr-<number>-<sha>`), whose reviews still apply. */
 | {
    kind: "merge_group";
    baseSha: string;
    headSha: string;
    pull: number | undefined;
} | {
    kind: "all";
    sha: string | undefined;
};
/** A review submitted, edited or dismissed re-judges the pull request's head with the reviews as they now stand. */
export declare const PULL_REQUEST_EVENTS: string[];
/** The pull request a merge queue's head ref names: `refs/heads/gh-readonly-queue/<base>/pr-<number>-<sha>`. */
export declare function queuedPull(headRef: unknown): number | undefined;
export declare const ALL_MANIFEST_EVENTS: string[];
/** Reads the runner's environment; each error says which variable and that Blastgate runs as an Action step. */
export declare function readRunnerContext(env: Record<string, string | undefined>): Promise<{
    context: RunnerContext;
    error?: undefined;
} | {
    context?: undefined;
    error: string;
}>;
export declare function targetOf(ctx: Pick<RunnerContext, "eventName" | "payload">): {
    target: Target;
    error?: undefined;
} | {
    target?: undefined;
    error: string;
};
