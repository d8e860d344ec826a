import { readFile, stat } from "node:fs/promises";
import os from "node:os";

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
export type Target =
  | {
      kind: "pull_request";
      number: number;
      baseSha: string;
      headSha: string;
      fromFork: boolean;
      author: string | undefined;
      /** The head branch and the repository it lives in (a fork's, or undefined when the fork was deleted). */
      headRef: string | undefined;
      headRepo: { owner: string; repo: string } | undefined;
      /** How many commits the pull request has, as the payload says. */
      commits: number | undefined;
    }
  /** `pull`: the pull request the queue's head ref names (`gh-readonly-queue/<base>/pr-<number>-<sha>`), whose reviews still apply. */
  | { kind: "merge_group"; baseSha: string; headSha: string; pull: number | undefined }
  | { kind: "all"; sha: string | undefined };

/** A review submitted, edited or dismissed re-judges the pull request's head with the reviews as they now stand. */
export const PULL_REQUEST_EVENTS = ["pull_request", "pull_request_review"];

/** The pull request a merge queue's head ref names: `refs/heads/gh-readonly-queue/<base>/pr-<number>-<sha>`. */
export function queuedPull(headRef: unknown): number | undefined {
  if (typeof headRef !== "string") return undefined;
  const m = /^(?:refs\/heads\/)?gh-readonly-queue\/.+\/pr-([1-9][0-9]{0,9})-[0-9a-f]{7,64}$/i.exec(headRef);
  return m ? Number(m[1]) : undefined;
}
export const ALL_MANIFEST_EVENTS = ["push", "workflow_dispatch", "schedule"];

/** Reads the runner's environment; each error says which variable and that Blastgate runs as an Action step. */
export async function readRunnerContext(env: Record<string, string | undefined>): Promise<{ context: RunnerContext; error?: undefined } | { context?: undefined; error: string }> {
  const need = (name: string) => {
    const v = env[name];
    if (!v) throw new Error(`${name} is not set: Blastgate's Action runs as a step of a GitHub Actions job (use the CLI elsewhere)`);
    return v;
  };
  try {
    const eventName = need("GITHUB_EVENT_NAME");
    const eventPath = need("GITHUB_EVENT_PATH");
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(await readFile(eventPath, "utf8")) as Record<string, unknown>;
    } catch (e) {
      throw new Error(`the event payload ${eventPath} cannot be read: ${(e as Error).message}`, { cause: e });
    }
    const [owner, repo] = need("GITHUB_REPOSITORY").split("/");
    if (!owner || !repo) throw new Error(`GITHUB_REPOSITORY must be owner/name, not '${env.GITHUB_REPOSITORY}'`);
    const workspace = need("GITHUB_WORKSPACE");
    const isDir = await stat(workspace).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!isDir) throw new Error(`the workspace ${workspace} (GITHUB_WORKSPACE) is not a directory: check out the repository (actions/checkout) before the Blastgate step`);
    const serverUrl = (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, "");
    const runUrl = env.GITHUB_RUN_ID ? `${serverUrl}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}${env.GITHUB_RUN_ATTEMPT ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : ""}` : undefined;
    return {
      context: {
        eventName,
        payload,
        workspace,
        owner,
        repo,
        apiUrl: (env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, ""),
        graphqlUrl: env.GITHUB_GRAPHQL_URL ? env.GITHUB_GRAPHQL_URL.replace(/\/+$/, "") : undefined,
        serverUrl,
        runUrl,
        summaryPath: env.GITHUB_STEP_SUMMARY || undefined,
        runnerTemp: env.RUNNER_TEMP || os.tmpdir(),
      },
    };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const SHA = /^[0-9a-f]{40}$/i;

export function targetOf(ctx: Pick<RunnerContext, "eventName" | "payload">): { target: Target; error?: undefined } | { target?: undefined; error: string } {
  const p = ctx.payload as {
    pull_request?: {
      number?: number;
      commits?: unknown;
      user?: { login?: unknown } | null;
      base?: { sha?: string; repo?: { full_name?: string } };
      head?: { sha?: string; ref?: unknown; repo?: { full_name?: string; fork?: boolean } | null };
    };
    merge_group?: { base_sha?: string; head_sha?: string; head_ref?: unknown };
    after?: string;
  };
  if (PULL_REQUEST_EVENTS.includes(ctx.eventName)) {
    const pr = p.pull_request;
    const number = pr?.number;
    const baseSha = pr?.base?.sha;
    const headSha = pr?.head?.sha;
    if (typeof number !== "number" || !baseSha || !SHA.test(baseSha) || !headSha) return { error: `the ${ctx.eventName} event payload lacks pull_request.number, base.sha or head.sha` };
    const fromFork = pr?.head?.repo == null || pr.head.repo.fork === true || pr.head.repo.full_name !== pr.base?.repo?.full_name;
    // Unknown author (a ghost account): no review can be told apart from a self-approval, so none counts.
    const author = typeof pr?.user?.login === "string" && pr.user.login !== "" ? pr.user.login : undefined;
    const [headOwner, headName] = typeof pr?.head?.repo?.full_name === "string" ? pr.head.repo.full_name.split("/") : [];
    const headRepo = headOwner && headName ? { owner: headOwner, repo: headName } : undefined;
    const headRef = typeof pr?.head?.ref === "string" && pr.head.ref !== "" ? pr.head.ref : undefined;
    const commits = typeof pr?.commits === "number" ? pr.commits : undefined;
    return { target: { kind: "pull_request", number, baseSha, headSha, fromFork, author, headRef, headRepo, commits } };
  }
  if (ctx.eventName === "merge_group") {
    const mg = p.merge_group;
    if (!mg?.base_sha || !SHA.test(mg.base_sha) || !mg.head_sha) return { error: "the merge_group event payload lacks merge_group.base_sha or head_sha" };
    return { target: { kind: "merge_group", baseSha: mg.base_sha, headSha: mg.head_sha, pull: queuedPull(mg.head_ref) } };
  }
  if (ctx.eventName === "pull_request_target") {
    // Its checkout is the base branch: the manifests in the workspace would not be the pull request's.
    return {
      error:
        "Blastgate does not run on pull_request_target: that event checks out the base branch, so the pull request's manifests would not be judged. Use pull_request (pull requests from forks are still judged; only the comment is skipped)",
    };
  }
  if (ALL_MANIFEST_EVENTS.includes(ctx.eventName)) return { target: { kind: "all", sha: typeof p.after === "string" ? p.after : undefined } };
  return { error: `Blastgate does not run on '${ctx.eventName}' events: trigger it on pull_request, pull_request_review and merge_group (or push, workflow_dispatch, schedule to check every manifest)` };
}
