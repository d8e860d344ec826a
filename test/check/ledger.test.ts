/** The ledger's state machine: stage order, bake times, once only, a crash, marks; the past spend budgets add up. */
import { describe, expect, it } from "vitest";
import { isLedgerEntry, judgeStage, pastSpend, stageStates, type LedgerEntry } from "../../src/check/ledger.js";
import { sliceStages } from "../../src/measure/stages.js";

const IDS = Array.from({ length: 20 }, (_, i) => `app-${String(i + 1).padStart(4, "0")}`);
const SLICES = sliceStages(
  [
    { name: "canary", size: 2, bakeSeconds: 86_400 },
    { name: "wave-1", size: 8, bakeSeconds: 3_600 },
    { name: "wave-2", size: 10 },
  ],
  IDS,
);
const M = { name: "remove-apps", path: "ops/remove-apps.yaml" };
const base = (stage: string, at: string) => ({ at, manifest: M.name, path: M.path, stage, by: "erin" });
const start = (stage: string, at: string, run = `${stage}-run`): LedgerEntry => ({ ...base(stage, at), type: "start", run, digest: "sha256:x", count: 2, spend: { byKind: { app: 2 }, customers: { app: ["c1"] } } });
const end = (stage: string, at: string, exitCode: number | null = 0, run = `${stage}-run`): LedgerEntry => ({ ...base(stage, at), type: "end", run, exitCode });
const mark = (stage: string, at: string, as: "done" | "retry", run = `${stage}-run`): LedgerEntry => ({ ...base(stage, at), type: "mark", run, as, reason: "checked the API log" });
const judge = (entries: LedgerEntry[], stage: string | undefined, now: string) => judgeStage(SLICES, stageStates(entries, M, SLICES), stage, new Date(now));

describe("sliceStages", () => {
  it("hands each stage the next size identifiers in file order; no rollout is one stage named all", () => {
    expect(SLICES.map((s) => [s.name, s.identifiers[0], s.identifiers.length])).toEqual([
      ["canary", "app-0001", 2],
      ["wave-1", "app-0003", 8],
      ["wave-2", "app-0011", 10],
    ]);
    expect(sliceStages([], IDS)).toMatchObject([{ name: "all", identifiers: IDS }]);
  });
});

describe("judgeStage", () => {
  const T = "2026-11-24T09:00:00.000Z";
  it.each([
    ["the first stage on an empty ledger", [], "canary", T, "ok", /stage 'canary' \(1 of 3, 2 identifiers\) has not run/],
    ["a stage before its predecessor ran", [], "wave-1", T, "refused", /comes after stage 'canary', which has not run/],
    ["no stage named, with several", [], undefined, T, "refused", /runs in 3 stages \(canary, wave-1, wave-2\): name the one to run with --stage/],
    ["a stage the manifest does not have", [], "wave-3", T, "refused", /has no stage 'wave-3'/],
    ["a stage run twice", [start("canary", T), end("canary", "2026-11-24T09:10:00.000Z")], "canary", "2026-11-26T00:00:00Z", "refused", /already ran .*a stage runs once/],
    ["the next stage before the bake", [start("canary", T), end("canary", "2026-11-24T09:10:00.000Z")], "wave-1", "2026-11-25T09:09:59Z", "refused", /may start at 2026-11-25T09:10:00.000Z/],
    ["the next stage once the bake is over", [start("canary", T), end("canary", "2026-11-24T09:10:00.000Z")], "wave-1", "2026-11-25T09:10:00Z", "ok", /ended at 2026-11-24T09:10:00.000Z and baked 1d/],
    ["a stage that started and has no end (crashed)", [start("canary", T)], "canary", "2026-11-30T00:00:00Z", "refused", /has no end in the ledger: it is still running, or it crashed/],
    ["the stage after a crashed one", [start("canary", T)], "wave-1", "2026-11-30T00:00:00Z", "refused", /which has not finished cleanly \(running\)/],
    ["a stage that failed", [start("canary", T), end("canary", T, 3)], "canary", "2026-11-30T00:00:00Z", "refused", /ended at .* with exit code 3: a stage runs once/],
    [
      "a crashed stage marked done: the next follows after the bake from the mark",
      [start("canary", T), mark("canary", "2026-11-25T00:00:00.000Z", "done")],
      "wave-1",
      "2026-11-25T23:59:00Z",
      "refused",
      /may start at 2026-11-26T00:00:00.000Z/,
    ],
    ["a crashed stage marked for retry runs again", [start("canary", T), mark("canary", "2026-11-25T00:00:00.000Z", "retry")], "canary", "2026-11-25T00:00:00Z", "ok", /has not run/],
    [
      "an earlier stage after a later one started",
      [start("canary", T), end("canary", T), start("wave-1", "2026-11-26T00:00:00.000Z"), end("wave-1", "2026-11-26T00:00:00.000Z"), start("wave-2", "2026-11-27T00:00:00.000Z", "x")],
      "wave-1",
      "2026-11-28T00:00:00Z",
      "refused",
      /already ran/,
    ],
  ] as const)("%s", (_, entries, stage, now, status, reason) => {
    const line = judge([...entries], stage, now);
    expect(line.status).toBe(status);
    expect(line.reason).toMatch(reason);
  });

  it("knows a manifest by its name or its path: a rename does not reset its stages", () => {
    const moved = [
      { ...start("canary", "2026-11-24T09:00:00.000Z"), path: "old/place.yaml" },
      { ...end("canary", "2026-11-24T09:00:00.000Z"), path: "old/place.yaml" },
    ];
    expect(judge(moved, "canary", "2026-11-30T00:00:00Z").status).toBe("refused");
    const other = moved.map((e) => ({ ...e, manifest: "something-else" }));
    expect(judge(other, "canary", "2026-11-30T00:00:00Z").status).toBe("ok");
  });
});

describe("pastSpend", () => {
  it("counts every stage that started, whatever its end, of every manifest", () => {
    const entries = [start("canary", "2026-11-24T09:00:00.000Z"), end("canary", "2026-11-24T09:00:00.000Z", 1), { ...start("canary", "2026-11-24T10:00:00.000Z", "other"), manifest: "other-manifest" }];
    expect(pastSpend(entries).map((p) => [p.label, p.byKind.app])).toEqual([
      ["remove-apps/canary", 2],
      ["other-manifest/canary", 2],
    ]);
  });
});

describe("isLedgerEntry", () => {
  it.each([
    [start("canary", "2026-11-24T09:00:00.000Z"), true],
    [end("canary", "2026-11-24T09:00:00.000Z", null), true],
    [mark("canary", "2026-11-24T09:00:00.000Z", "done"), true],
    [{ ...end("canary", "2026-11-24T09:00:00.000Z"), at: "yesterday" }, false],
    [{ ...start("canary", "2026-11-24T09:00:00.000Z"), spend: null }, false],
    [{ ...mark("canary", "2026-11-24T09:00:00.000Z", "done"), as: "forget" }, false],
    [{ type: "start" }, false],
    [[], false],
  ])("%j is %s", (entry, ok) => {
    expect(isLedgerEntry(entry)).toBe(ok);
  });
});
