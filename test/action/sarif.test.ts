import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sarifOf } from "../support/sarif.js";
import { cleanup, LEGACY, pullRequest, runAction } from "./harness.js";

afterEach(cleanup);

describe("the Action's SARIF report (input sarif, output sarif-path)", () => {
  it("writes valid SARIF 2.1.0 for upload-sarif when asked, one result per annotation's finding", async () => {
    const { api, workspace, payload } = await pullRequest([LEGACY]);
    const run = await runAction({ api, workspace, payload, inputs: { sarif: "true" } });
    expect(run.code).toBe(1);
    expect(run.outputs["sarif-path"]).toBe(path.join(run.runnerTemp, "blastgate.sarif"));
    const log = sarifOf(await readFile(run.outputs["sarif-path"]!, "utf8"));
    const [sarifRun] = log.runs;
    expect(sarifRun!.results).toHaveLength(run.annotations.length);
    expect(sarifRun!.results.filter((r) => r.level === "error")).toHaveLength(9);
    expect(sarifRun!.results.map((r) => `${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine}`).sort()).toEqual(run.annotations.map((a) => `${a.file}:${a.line}`).sort());
    expect(sarifRun!.invocations).toEqual([{ executionSuccessful: true }]);
  });

  it("writes none by default", async () => {
    const { api, workspace, payload } = await pullRequest([LEGACY]);
    const run = await runAction({ api, workspace, payload });
    expect(run.outputs["sarif-path"]).toBeUndefined();
  });

  it("refuses a sarif input that is not true or false, and fails closed", async () => {
    const { api, workspace, payload } = await pullRequest([LEGACY]);
    const run = await runAction({ api, workspace, payload, inputs: { sarif: "yes" } });
    expect(run.code).toBe(2);
    expect(run.annotations.map((a) => a.message).join("\n")).toContain("input 'sarif' must be true or false, not 'yes'");
  });
});
