import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { oneRestorePoint, splitRun } from "../support/split-run.js";
import { BASE_SHA, cleanup, exampleRepo, HEAD_SHA, pull, pullRequestPayload, runAction, startApi, treeOf, write } from "./harness.js";

afterEach(cleanup);

/**
 * Issue 11: a pull request (or a merge group) is one change. The starter pack's limits on what is destroyed
 * hold for all its manifests together; manifests merged before it are not summed with it.
 */
async function splitPullRequest(opts: { onBase: Record<string, string>; inPullRequest: Record<string, string> }) {
  const workspace = await exampleRepo(["manifests"]);
  const catalog = path.join(workspace, "policies/catalog.yaml");
  await write(workspace, "policies/catalog.yaml", oneRestorePoint(await readFile(catalog, "utf8")));
  for (const [file, text] of Object.entries(opts.onBase)) await write(workspace, file, text);
  const base = await treeOf(workspace);
  for (const [file, text] of Object.entries(opts.inPullRequest)) await write(workspace, file, text);
  const p = pull();
  const api = await startApi({ pulls: [p], files: { [BASE_SHA]: base, [HEAD_SHA]: await treeOf(workspace) } });
  return { api, workspace, payload: pullRequestPayload(p) };
}

describe("a run split across the manifests of one pull request", () => {
  it("37 manifests of 24 sites each in one pull request: blocked, the finding on the first manifest naming all 37", async () => {
    const { api, workspace, payload } = await splitPullRequest({ onBase: {}, inPullRequest: splitRun() });
    const run = await runAction({ api, workspace, payload });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ verdict: "blocked", "hard-mandatory": "2", "soft-mandatory": "0", problems: "0" });
    const errors = run.annotations.filter((a) => a.level === "error");
    expect(errors.map((a) => [a.file, a.line, a.title])).toEqual([
      ["manifests/split/part-01.yaml", 13, "Blastgate: customer-data-limits (hard-mandatory)"],
      ["manifests/split/part-01.yaml", 13, "Blastgate: customer-data-limits (hard-mandatory)"],
    ]);
    expect(errors.map((a) => a.message)).toContainEqual(expect.stringMatching(/^the 37 manifests of this change together: destroys 888 of all 1,200 site objects \(74%\); the limit is 2% of a kind; .*part-01\.yaml, .*part-37\.yaml$/));
    expect(errors.map((a) => a.message)).toContainEqual(expect.stringMatching(/^the 37 manifests of this change together: touches 780 customers; the limit is 25;/));
    expect(api.violations).toEqual([]);
  });

  it("the same merge group: blocked too", async () => {
    const { api, workspace } = await splitPullRequest({ onBase: {}, inPullRequest: splitRun() });
    const run = await runAction({ api, workspace, payload: { merge_group: { base_sha: BASE_SHA, head_sha: HEAD_SHA } }, event: "merge_group" });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ verdict: "blocked", "hard-mandatory": "2" });
  });

  it("one manifest of 24 sites after 36 merged earlier: allowed (those ran, and were judged, on their own)", async () => {
    const { api, workspace, payload } = await splitPullRequest({ onBase: splitRun(36), inPullRequest: splitRun(1, 36) });
    const run = await runAction({ api, workspace, payload });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: "allowed", "hard-mandatory": "0" });
  });
});
