import { readFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, commentsByBot, HEAD_SHA, LEGACY, pullRequest, requestLines, runAction, SAFE, write } from "./harness.js";

afterEach(cleanup);

describe("talking to GitHub", () => {
  it("with more than 100 changed files reads every page of them", async () => {
    const { api, workspace, payload } = await pullRequest([SAFE], {
      edit: async (ws) => {
        for (let i = 0; i < 149; i++) await write(ws, `docs/note-${String(i).padStart(3, "0")}.md`, `note ${i}\n`);
      },
    });
    const run = await runAction({ api: api, workspace, payload });

    expect(run.code).toBe(0);
    expect(requestLines(api).filter((l) => l.includes("/pulls/7/files"))).toEqual(["GET /repos/acme/ops/pulls/7/files?per_page=100 200", "GET /repos/acme/ops/pulls/7/files?per_page=100&page=2 200"]);
    // The manifest is the 150th changed file: on the second page.
    expect(run.log).toContain("150 changed files");
    expect(run.log).toContain(`  ${SAFE}: changed`);
    expect(JSON.parse(await readFile(run.outputs.report!, "utf8")).manifests).toEqual([SAFE]);
    expect(api.violations).toEqual([]);
  });

  it("on GitHub Enterprise Server, keeps every request under GITHUB_API_URL's /api/v3, pages included", async () => {
    const { api, workspace, payload } = await pullRequest([SAFE], {
      init: { pathPrefix: "/api/v3" },
      edit: async (ws) => {
        for (let i = 0; i < 149; i++) await write(ws, `docs/note-${String(i).padStart(3, "0")}.md`, `note ${i}\n`);
      },
    });
    expect(api.url).toMatch(/\/api\/v3$/);
    const run = await runAction({ api, workspace, payload });

    expect(run.code).toBe(0);
    expect(run.outputs.verdict).toBe("allowed");
    expect(requestLines(api).filter((l) => l.includes("/pulls/7/files"))).toEqual(["GET /repos/acme/ops/pulls/7/files?per_page=100 200", "GET /repos/acme/ops/pulls/7/files?per_page=100&page=2 200"]);
    expect(commentsByBot(api)).toHaveLength(1);
    // Any request outside /api/v3 would be a violation.
    expect(api.violations).toEqual([]);
  });

  it("rides out a 500 from the API (retried)", async () => {
    const { api, workspace, payload } = await pullRequest([SAFE]);
    const fault = api.fail({ method: "GET", path: "/repos/acme/ops/pulls/7/files", status: 500 });
    const run = await runAction({ api: api, workspace, payload });

    expect(fault.used).toBe(1);
    expect(run.code).toBe(0);
    expect(run.outputs.verdict).toBe("allowed");
    expect(requestLines(api).filter((l) => l.includes("/pulls/7/files"))).toEqual(["GET /repos/acme/ops/pulls/7/files?per_page=100 500", "GET /repos/acme/ops/pulls/7/files?per_page=100 200"]);
    expect(api.violations).toEqual([]);
  });

  it("fails closed when the API keeps failing, saying what to do", async () => {
    const { api, workspace, payload } = await pullRequest([LEGACY]);
    api.fail({ method: "GET", path: /\/contents\//, status: 502, times: Infinity });
    const run = await runAction({ api: api, workspace, payload });

    expect(run.code).toBe(2);
    expect(run.outputs.verdict).toBe("error");
    const [error] = run.annotations;
    expect(error).toMatchObject({ level: "error", title: "Blastgate could not decide" });
    expect(error!.message).toBe(
      "could not read policies from the base commit aaaaaaa: GitHub's API failed (502 Server Error) after retries. Re-run the job; if it keeps failing, check https://www.githubstatus.com (or your GitHub Enterprise Server).",
    );
    // Three retries, then it gives up.
    expect(api.requests.filter((r) => r.path.endsWith("/contents/policies")).map((r) => r.status)).toEqual([502, 502, 502, 502]);
    expect(commentsByBot(api)[0]!.body.split("\n")[0]).toMatch(/^❌ \*\*Blastgate: error\*\*: could not judge this change: could not read policies/);
  });

  it("fails closed on a 403, naming the permission to grant", async () => {
    const { api, workspace, payload } = await pullRequest([SAFE]);
    api.fail({ path: "/repos/acme/ops/pulls/7/files", preset: "not-accessible", times: Infinity });
    const run = await runAction({ api: api, workspace, payload });

    expect(run.code).toBe(2);
    expect(run.outputs).toMatchObject({ verdict: "error", problems: "1" });
    expect(run.annotations).toEqual([
      {
        level: "error",
        title: "Blastgate could not decide",
        message: "could not list the pull request's changed files: the token lacks permission (403 Resource not accessible by integration). Grant the job 'permissions: pull-requests: read' in the workflow (see docs/action.md).",
      },
    ]);
    expect(run.summary.split("\n")[0]).toMatch(/^❌ \*\*Blastgate: error\*\*: could not judge this change: could not list the pull request's changed files/);
    // Not retried: a 403 will not go away by asking again.
    expect(api.requests.filter((r) => r.path.endsWith("/pulls/7/files"))).toHaveLength(1);
    expect(api.violations).toEqual([]);
  });

  it("ends when the verdict is known, abandoning the requests still being retried", async () => {
    const { api, workspace, payload } = await pullRequest([SAFE]);
    api.fail({ path: "/repos/acme/ops/pulls/7/files", preset: "not-accessible", times: Infinity });
    // The reviews are asked for together with the changed files; their retries (after 1, 4 and 9 s) are no longer wanted.
    api.fail({ path: "/repos/acme/ops/pulls/7/reviews", status: 502, times: Infinity });
    const run = await runAction({ api: api, workspace, payload });

    expect(run.code).toBe(2);
    expect(run.annotations[0]!.message).toMatch(/^could not list the pull request's changed files: the token lacks permission/);
    // Without the abort the step would live 14 s longer and ask four times.
    expect(api.requests.filter((r) => r.path.endsWith("/pulls/7/reviews")).length).toBeLessThan(4);
    expect(commentsByBot(api)).toHaveLength(1);
  });

  it("from a fork, with a read-only token, still judges and annotates, and logs why there is no comment", async () => {
    const { api, workspace, payload } = await pullRequest([LEGACY], {
      init: { readOnly: true },
      pull: { head: { sha: HEAD_SHA, ref: "cleanup", repo: { full_name: "mallory/ops", fork: true } } },
    });
    const run = await runAction({ api: api, workspace, payload });

    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe("blocked");
    expect(run.annotations.filter((a) => a.level === "error")).toHaveLength(9);
    expect(run.summary).toContain("**883 to destroy: 883 site**");
    expect(api.state.comments).toEqual([]);
    expect(run.log).toContain(
      "comment skipped: the token cannot write to this pull request (403 Resource not accessible by integration): pull requests from forks get a read-only token; elsewhere grant the job 'permissions: pull-requests: write'",
    );
    expect(requestLines(api).at(-1)).toBe("POST /repos/acme/ops/issues/7/comments 403");
    expect(api.violations).toEqual([]);
  });

  it("waits out a secondary rate limit and carries on", async () => {
    const { api, workspace, payload } = await pullRequest([SAFE]);
    api.fail({ method: "GET", path: "/repos/acme/ops/pulls/7/files", preset: "secondary-rate-limit" });
    const run = await runAction({ api: api, workspace, payload });
    expect(run.code).toBe(0);
    expect(requestLines(api).filter((l) => l.includes("/pulls/7/files"))).toEqual(["GET /repos/acme/ops/pulls/7/files?per_page=100 403", "GET /repos/acme/ops/pulls/7/files?per_page=100 200"]);
    expect(run.log.filter((l) => l.startsWith("GitHub secondary rate limit"))).toEqual([`GitHub secondary rate limit on GET ${api.url}/repos/acme/ops/pulls/7/files?per_page=100: retrying in 1s`]);
  });

  it("fails closed on a rejected token, saying which input to fix", async () => {
    const { api, workspace, payload } = await pullRequest([SAFE]);
    api.fail({ path: "/repos/acme/ops/pulls/7/files", preset: "bad-credentials" });
    const run = await runAction({ api: api, workspace, payload });
    expect(run.code).toBe(2);
    expect(run.annotations[0]!.message).toBe("could not list the pull request's changed files: GitHub rejected the token (401 Bad credentials). Pass a valid token in the 'token' input; the default ${{ github.token }} works.");
  });
});
