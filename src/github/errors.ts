/** What an API call was for, so a failure message can say what to do about it. */
export interface ApiTask {
  /** "list the pull request's changed files" */
  doing: string;
  /** The job permission the call needs, e.g. "pull-requests: read". */
  permission: string;
}

interface RequestErrorLike {
  status?: number;
  message?: string;
  response?: { data?: unknown; headers?: Record<string, string | number | undefined> };
}

export function statusOf(e: unknown): number | undefined {
  const s = (e as RequestErrorLike | undefined)?.status;
  return typeof s === "number" ? s : undefined;
}

/** GitHub's own message ("Resource not accessible by integration"), without the docs link octokit appends. */
export function apiMessage(e: unknown): string {
  const err = e as RequestErrorLike | undefined;
  const data = err?.response?.data as { message?: unknown } | undefined;
  const m = typeof data?.message === "string" ? data.message : err?.message;
  return (m ?? String(e)).split("\n")[0]!.trim();
}

/** The code of a TLS certificate failure somewhere in the error's causes (untrusted CA, wrong name, expired). */
export function certificateFailure(e: unknown): string | undefined {
  for (let c: unknown = e, depth = 0; c && typeof c === "object" && depth < 5; c = (c as { cause?: unknown }).cause, depth++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === "string" && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code)) return code;
  }
  return undefined;
}

function isRateLimit(e: unknown): boolean {
  const err = e as RequestErrorLike;
  const remaining = err.response?.headers?.["x-ratelimit-remaining"];
  return statusOf(e) === 429 || String(remaining) === "0" || /rate limit/i.test(apiMessage(e));
}

/** One sentence: what failed, why, and what to do. Never a stack trace. */
export function explainApiError(e: unknown, task: ApiTask): string {
  const status = statusOf(e);
  const msg = apiMessage(e);
  const failed = `could not ${task.doing}`;
  if (status === 401) return `${failed}: GitHub rejected the token (401 ${msg}). Pass a valid token in the 'token' input; the default \${{ github.token }} works.`;
  if ((status === 403 || status === 429) && isRateLimit(e)) {
    const reset = Number((e as RequestErrorLike).response?.headers?.["x-ratelimit-reset"]);
    const when = Number.isFinite(reset) && reset > 0 ? ` (it resets at ${new Date(reset * 1000).toISOString().slice(11, 16)} UTC)` : "";
    return `${failed}: GitHub's API rate limit is exhausted${when} (${status} ${msg}). Re-run the job later.`;
  }
  if (status === 403) return `${failed}: the token lacks permission (403 ${msg}). Grant the job 'permissions: ${task.permission}' in the workflow (see docs/action.md).`;
  if (status === 404) return `${failed}: GitHub answered 404 ${msg}. For a private repository the token needs 'permissions: ${task.permission}'; otherwise check that the ref exists.`;
  if (certificateFailure(e)) {
    return `${failed}: the TLS certificate of GitHub's API or of the proxy is not trusted (${msg}). Behind a proxy that inspects TLS, or on GitHub Enterprise Server with a private CA, give the runner the CA's PEM file in NODE_EXTRA_CA_CERTS.`;
  }
  if (status === undefined || status >= 500) {
    const what = status === undefined ? msg : `${status} ${msg}`;
    return `${failed}: GitHub's API failed (${what}) after retries. Re-run the job; if it keeps failing, check https://www.githubstatus.com (or your GitHub Enterprise Server).`;
  }
  return `${failed}: GitHub answered ${status} ${msg}.`;
}
