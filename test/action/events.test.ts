import { readFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { BASE_SHA, cleanup, exampleRepo, HEAD_SHA, LEGACY, pull, pullRequest, pullRequestPayload, requestLines, runAction, SAFE, startApi, write } from "./harness.js";

afterEach(cleanup);

describe("events and inputs", () => {
  it("merge_group: compares the group with its base, and writes no comment", async () => {
    const { api, workspace } = await pullRequest([LEGACY]);
    const payload = { merge_group: { base_sha: BASE_SHA, head_sha: HEAD_SHA, head_ref: "refs/heads/gh-readonly-queue/main/pr-7-abc", base_ref: "refs/heads/main" } };
    const run = await runAction({ api: api, workspace, payload, event: "merge_group" });
    expect(run.code).toBe(1);
    expect(requestLines(api)[0]).toBe(`GET /repos/acme/ops/compare/${BASE_SHA}...${HEAD_SHA} 200`);
    expect(api.requests.some((r) => r.path.includes("/comments"))).toBe(false);
    expect(api.violations).toEqual([]);
  });

  it("merge_group with an inventory change and a manifest together: reported, not blocked (each pull request of the group was judged on its own)", async () => {
    const { api, workspace } = await pullRequest([SAFE], {
      edit: async (ws) => {
        const inv = await readFile(`${ws}/inventory/objects.ndjson`, "utf8");
        await write(ws, "inventory/objects.ndjson", inv + '{"id":"site-9999","kind":"site","tenant":"t","customer":"c","environment":"production"}\n');
      },
    });
    const payload = { merge_group: { base_sha: BASE_SHA, head_sha: HEAD_SHA } };
    const run = await runAction({ api, workspace, payload, event: "merge_group" });
    expect(run.code).toBe(0);
    expect(run.annotations).toContainEqual(expect.objectContaining({ level: "warning", title: "Blastgate: blastgate/inventory-changed (advisory)" }));
  });

  it("merge_group with 300 changed files or more (GitHub's comparison limit): checks every manifest", async () => {
    const { api, workspace } = await pullRequest([SAFE], {
      edit: async (ws) => {
        for (let i = 0; i < 300; i++) await write(ws, `docs/note-${String(i).padStart(3, "0")}.md`, `note ${i}\n`);
      },
    });
    const payload = { merge_group: { base_sha: BASE_SHA, head_sha: HEAD_SHA } };
    const run = await runAction({ api, workspace, payload, event: "merge_group" });
    // The comparison lists docs/ only; the manifest after them is judged all the same.
    expect(run.log).toContain("300 changed files (as many as GitHub lists: there may be more)");
    expect(run.code).toBe(0);
    expect(JSON.parse(await readFile(run.outputs.report!, "utf8")).manifests).toEqual([SAFE]);
    expect(run.summary).toContain("> GitHub lists only the first 300 changed files: every manifest was checked");
    // The inventory is compared with the base's instead: unchanged, so no finding about it.
    expect(run.annotations.filter((a) => a.title?.includes("inventory-changed"))).toEqual([]);
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toContain("GET /repos/acme/ops/contents/inventory");
  });

  it("push: checks every manifest against the workspace's policies, without the API", async () => {
    const workspace = await exampleRepo();
    const api = await startApi();
    const run = await runAction({ api, workspace, payload: { after: HEAD_SHA }, event: "push" });
    expect(run.code).toBe(1);
    expect(JSON.parse(await readFile(run.outputs.report!, "utf8")).manifests).toEqual([LEGACY, SAFE]);
    expect(api.requests).toEqual([]);
  });

  it("push: a manifest written in flow style (the quick test misses it) is judged, not skipped", async () => {
    const workspace = await exampleRepo();
    await write(
      workspace,
      "ops/flow.yaml",
      `{"apiVersion": "blastgate.dev/v1", "kind": "Operation", "metadata": {"name": "flow"}, "spec": {"environment": "production", "action": "remove-app", "target": {"kind": "app", "identifiers": ["site-0001"]}, "deletion": {"mode": "hard"}}}\n`,
    );
    const api = await startApi();
    const run = await runAction({ api, workspace, payload: { after: HEAD_SHA }, event: "push" });
    expect(run.code).toBe(1);
    expect(JSON.parse(await readFile(run.outputs.report!, "utf8")).manifests).toEqual([LEGACY, SAFE, "ops/flow.yaml"].sort());
  });

  it("an event it does not handle fails with what to use instead", async () => {
    const workspace = await exampleRepo();
    const api = await startApi();
    const run = await runAction({ api, workspace, payload: {}, event: "issue_comment" });
    expect(run.code).toBe(2);
    expect(run.annotations[0]!.message).toBe("Blastgate does not run on 'issue_comment' events: trigger it on pull_request, pull_request_review and merge_group (or push, workflow_dispatch, schedule to check every manifest)");
  });

  it("pull_request_target is refused: its checkout is not the pull request", async () => {
    const workspace = await exampleRepo();
    const p = pull();
    const api = await startApi({ pulls: [p] });
    const run = await runAction({ api, workspace, payload: pullRequestPayload(p), event: "pull_request_target" });
    expect(run.code).toBe(2);
    expect(run.annotations[0]!.message).toMatch(/^Blastgate does not run on pull_request_target: that event checks out the base branch/);
    expect(api.requests).toEqual([]);
  });

  it("a bad input fails with the input's name and what it accepts", async () => {
    const workspace = await exampleRepo();
    const api = await startApi();
    const run = await runAction({ api, workspace, payload: { after: HEAD_SHA }, event: "push", inputs: { "fail-on": "sometimes" } });
    expect(run.code).toBe(2);
    expect(run.annotations[0]!.message).toBe("input 'fail-on' must be one of mandatory, hard-mandatory, never, not 'sometimes'");
  });

  it("fail-on: never reports a blocked verdict but passes the step", async () => {
    const workspace = await exampleRepo();
    const api = await startApi();
    const run = await runAction({ api, workspace, payload: { after: HEAD_SHA }, event: "push", inputs: { "fail-on": "never" } });
    expect(run.code).toBe(0);
    expect(run.outputs.verdict).toBe("blocked");
    expect(run.summary.split("\n")[0]).toMatch(/\(fail-on: never, so the check passes\)$/);
  });
});
