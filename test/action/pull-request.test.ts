import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startGitHubApi, type GitHubApiServer } from "../support/github-api.js";
import { BASE_SHA, cleanup, exampleRepo, HEAD_SHA, pull, pullRequestPayload, requestLines, runAction, TOKEN, treeOf } from "./harness.js";

let api: GitHubApiServer | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
  await cleanup();
});

/** The base branch: the example's policies, inventory and identifier files, no manifest yet. */
async function baseTree() {
  return treeOf(await exampleRepo(["manifests"]));
}

/** A pull request whose head is the examples with only the given manifests added. */
async function pullRequestAdding(manifests: string[], init: Parameters<typeof startGitHubApi>[0] = {}) {
  const all = ["manifests/remove-insight-legacy.yaml", "manifests/remove-insight-safe.yaml"];
  const workspace = await exampleRepo(all.filter((m) => !manifests.includes(m)));
  const p = pull();
  api = await startGitHubApi({ owner: "acme", repo: "ops", pulls: [p], files: { [BASE_SHA]: await baseTree(), [HEAD_SHA]: await treeOf(workspace) }, ...init });
  return { workspace, payload: pullRequestPayload(p) };
}

describe("a pull request", () => {
  it("with a safe manifest passes, and the comment says so", async () => {
    const { workspace, payload } = await pullRequestAdding(["manifests/remove-insight-safe.yaml"]);
    const run = await runAction({ api: api!, workspace, payload });

    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.annotations).toEqual([]);
    expect(run.outputs).toMatchObject({ verdict: "allowed", "hard-mandatory": "0", "soft-mandatory": "0", advisory: "0", problems: "0" });
    expect(run.outputs.report).toBe(path.join(run.runnerTemp, "blastgate-report.json"));
    const report = JSON.parse(await readFile(run.outputs.report!, "utf8"));
    expect(report).toMatchObject({ verdict: "allowed", manifests: ["manifests/remove-insight-safe.yaml"] });

    expect(run.summary).toContain("**Blastgate: allowed**: 1 manifest checked against the policies of the base commit aaaaaaa");
    expect(run.summary).toContain("**883 to destroy: 883 app**");

    expect(api!.state.comments).toHaveLength(1);
    const comment = api!.state.comments[0]!;
    expect(comment.body.split("\n")[0]).toMatch(/^✅ \*\*Blastgate: allowed\*\*: 1 manifest checked/);
    expect(comment.body).toContain("<!-- blastgate:comment -->");

    // Policies are read from the base commit; the workflow token is sent.
    expect(requestLines(api!)).toEqual([
      "GET /repos/acme/ops/pulls/7/files?per_page=100 200",
      `GET /repos/acme/ops/contents/policies?ref=${BASE_SHA} 200`,
      `GET /repos/acme/ops/contents/policies/catalog.yaml?ref=${BASE_SHA} 200`,
      `GET /repos/acme/ops/contents/policies/starter.yaml?ref=${BASE_SHA} 200`,
      "GET /repos/acme/ops/issues/7/comments?per_page=100 200",
      "POST /repos/acme/ops/issues/7/comments 201",
    ]);
    expect(api!.requests.every((r) => r.headers.authorization === `token ${TOKEN}`)).toBe(true);
    expect(api!.violations).toEqual([]);
  });
});
