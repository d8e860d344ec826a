import { afterEach, describe, expect, it } from "vitest";
import { cleanup, exampleRepo, HEAD_SHA, runAction, startApi } from "./harness.js";

afterEach(cleanup);

describe("the now input is read as the CLI reads --now (issue 11)", () => {
  it.each(["2026-02-31", "2026-11-24junk", "2026-13-01", "24.11.2026"])("'%s' fails the step with the input's name", async (now) => {
    const workspace = await exampleRepo();
    const api = await startApi();
    const run = await runAction({ api, workspace, payload: { after: HEAD_SHA }, event: "push", inputs: { now } });
    expect(run.code).toBe(2);
    expect(run.annotations[0]!.message).toBe(`input 'now' must be an ISO 8601 date such as 2026-11-24 or 2026-11-24T12:00:00Z, not '${now}'`);
  });

  it("a real date and a timestamp are accepted", async () => {
    const workspace = await exampleRepo();
    const api = await startApi();
    for (const now of ["2026-11-24", "2026-11-24T12:00:00Z"]) {
      const run = await runAction({ api, workspace, payload: { after: HEAD_SHA }, event: "push", inputs: { now } });
      expect(run.annotations.map((a) => a.message)).not.toContain(expect.stringMatching(/input 'now'/));
      expect(run.code).not.toBe(2);
    }
  });
});
