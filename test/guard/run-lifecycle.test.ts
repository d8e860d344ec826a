/**
 * `blastgate run` between the go and the end: a signal (a CI cancel, `timeout`) is passed to the
 * command and its end recorded; a command that cannot start burns nothing; `mark --as done` starts the
 * next bake; `mark --as retry --destroyed N` tells the budget what a crashed run destroyed. The CLI as a
 * child process, in the approved world of the story (a real git repository, the fake GitHub API).
 */
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanup } from "../action/harness.js";
import { at, blastgate, checks, mergedWorld, SAFE, tempDir, type Run, type World } from "./support.js";

let world: World;
let env: Record<string, string>;
let dir: string;

beforeAll(async () => {
  ({ world, env } = await mergedWorld());
  dir = await tempDir("lifecycle");
}, 120_000);

afterAll(async () => {
  await world?.deletions.close();
  await cleanup();
});

const runArgs = (ledger: string, stage: string, now: string, command: string[]) => ["run", SAFE, "--stage", stage, "--environment", "production", "--ledger", ledger, "--now", now, "--", ...command];
/** At most 20 s of waiting for the signal: an orphaned command (the bug) ends by itself. */
const WAIT = "i=0; while [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done";
const entries = async (ledger: string) =>
  (await readFile(ledger, "utf8"))
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** `blastgate run` as a child process that the test signals once `ready` (then each `after`) exists. */
function signalled(args: string[], ready: string, signals: { signal: NodeJS.Signals; after?: string }[]): Promise<Run> {
  const waitFor = async (file: string) => {
    while (!existsSync(file)) await new Promise((r) => setTimeout(r, 50));
  };
  return blastgate(args, world.work, env, (child) => {
    void (async () => {
      for (const s of signals) {
        await waitFor(s.after ?? ready);
        child.kill(s.signal);
      }
    })();
  });
}

describe("a signal to blastgate run", () => {
  it("is passed to the command, whose exit code run returns and the ledger records: the stage failed, not running", async () => {
    const ledger = path.join(dir, "sigterm.jsonl");
    const ready = path.join(dir, "ready-1");
    const marker = path.join(dir, "got-term");
    const script = `trap 'echo TERM > ${marker}; exit 5' TERM; touch ${ready}; ${WAIT}`;
    const r = await signalled(runArgs(ledger, "canary", at(0), ["sh", "-c", script]), ready, [{ signal: "SIGTERM" }]);
    expect(r.code, r.stdout + r.stderr).toBe(5);
    expect(await readFile(marker, "utf8")).toBe("TERM\n");
    expect(r.stderr).toMatch(/^blastgate run: SIGTERM: passed to the command \(process group \d+\); waiting for it to end \(a second signal kills it\)$/m);
    const end = (await entries(ledger)).find((e) => e.type === "end");
    expect(end).toMatchObject({ exitCode: 5, stage: "canary" });
    const status = await blastgate(["status", SAFE, "--ledger", ledger, "--now", at(1)], world.work, env);
    expect(status.stdout).toMatch(/^ {2}canary \(10 identifiers\): failed, started .*, ended .*, exit code 5 /m);
  });

  it("a second signal kills the command's process group; the end says SIGKILL and run exits 137", async () => {
    const ledger = path.join(dir, "sigkill.jsonl");
    const ready = path.join(dir, "ready-2");
    const marker = path.join(dir, "ignored-term");
    const script = `trap 'touch ${marker}' INT TERM; touch ${ready}; ${WAIT}`;
    const r = await signalled(runArgs(ledger, "canary", at(0), ["sh", "-c", script]), ready, [{ signal: "SIGINT" }, { signal: "SIGTERM", after: marker }]);
    expect(r.code, r.stdout + r.stderr).toBe(137);
    expect(r.stderr).toMatch(/^blastgate run: SIGTERM again: killing the command \(SIGKILL to its process group \d+\)$/m);
    expect((await entries(ledger)).find((e) => e.type === "end")).toMatchObject({ exitCode: 137, signal: "SIGKILL" });
  });
});

describe("a command that cannot be started", () => {
  it("is refused before anything is judged or recorded (127 not found, 126 not executable); the stage stays due", async () => {
    const ledger = path.join(dir, "enoent.jsonl");
    const missing = await blastgate(runArgs(ledger, "canary", at(0), ["/no/such/cmd", "--all"]), world.work, env);
    expect(missing.code, missing.stdout + missing.stderr).toBe(127);
    expect(missing.stderr).toBe("blastgate run: cannot start the command: /no/such/cmd does not exist (nothing ran, nothing recorded)\n");
    const onPath = await blastgate(runArgs(ledger, "canary", at(0), ["no-such-tool"]), world.work, env);
    expect(onPath.code).toBe(127);
    expect(onPath.stderr).toMatch(/no-such-tool is not found on PATH/);
    const script = path.join(dir, "not-executable.sh");
    await writeFile(script, "echo hi\n", { mode: 0o644 });
    const denied = await blastgate(runArgs(ledger, "canary", at(0), [script]), world.work, env);
    expect(denied.code).toBe(126);
    expect(denied.stderr).toMatch(/not-executable.sh is not executable/);
    expect(existsSync(ledger)).toBe(false);
    const status = await blastgate(["status", SAFE, "--ledger", ledger, "--now", at(0)], world.work, env);
    expect(status.stdout).toMatch(/^ {2}canary \(10 identifiers\): due now$/m);
    expect(world.deletions.calls).toEqual([]);
  });
});

describe("mark", () => {
  it("--as done: the next stage's bake counts from the mark, not from the failed run's end", async () => {
    const ledger = path.join(dir, "mark-done.jsonl");
    const failed = await blastgate(runArgs(ledger, "canary", at(0), ["sh", "-c", "exit 3"]), world.work, env);
    expect(failed.code).toBe(3);
    const marked = await blastgate(["mark", SAFE, "--stage", "canary", "--as", "done", "--reason", "checked: all 10 removed", "--ledger", ledger, "--now", at(6)], world.work, env);
    expect(marked.code, marked.stderr).toBe(0);
    const status = await blastgate(["status", SAFE, "--ledger", ledger, "--now", at(7)], world.work, env);
    expect(status.stdout).toMatch(/^ {2}canary \(10 identifiers\): done, started .*, ended .*, exit code 3, marked done 2026-11-24T15:00:00.000Z \(the bake counts from the mark\)$/m);
    expect(status.stdout).toMatch(/^ {2}wave-1 \(400 identifiers\): due at 2026-11-25T15:00:00.000Z \(when the bake of 'canary' ends, counted from its mark\)$/m);
    const early = await blastgate(["guard", SAFE, "--stage", "wave-1", "--environment", "production", "--ledger", ledger, "--now", at(25)], world.work, env);
    expect(early.code).toBe(1);
    expect(checks(early.stdout).stage).toMatch(/^refused: stage 'wave-1' may start at 2026-11-25T15:00:00.000Z: stage 'canary' was marked done at 2026-11-24T15:00:00.000Z and bakes 1d/);
    const due = await blastgate(["guard", SAFE, "--stage", "wave-1", "--environment", "production", "--ledger", ledger, "--now", at(30)], world.work, env);
    expect(checks(due.stdout).stage).toMatch(/^ok: /);
  });

  it("--as retry --destroyed N: the budget counts N of the failed run, not all it was handed", async () => {
    /** The canary, then wave 1 failing twice, each marked for retry (the first with `firstMark`), then the guard for a third try. */
    const story = async (name: string, firstMark: string[]) => {
      const ledger = path.join(dir, name);
      const fail = (now: string) => blastgate(runArgs(ledger, "wave-1", now, ["sh", "-c", "exit 3"]), world.work, env);
      const mark = (now: string, extra: string[] = []) => blastgate(["mark", SAFE, "--stage", "wave-1", "--as", "retry", "--reason", "the API timed out", ...extra, "--ledger", ledger, "--now", now], world.work, env);
      expect((await blastgate(runArgs(ledger, "canary", at(0), ["true"]), world.work, env)).code).toBe(0);
      expect((await fail(at(25))).code).toBe(3);
      const marked = await mark(at(25, 30), firstMark);
      expect(marked.code, marked.stderr).toBe(0);
      expect((await fail(at(26))).code).toBe(3);
      expect((await mark(at(26, 30))).code).toBe(0);
      return { marked, guard: await blastgate(["guard", SAFE, "--stage", "wave-1", "--environment", "production", "--ledger", ledger, "--now", at(27)], world.work, env) };
    };
    // Both failed runs counted in full: 400 + 400 and the third try's 400 are over the 900 a day.
    const full = await story("retry-full.jsonl", []);
    expect(checks(full.guard.stdout).budget).toMatch(/^refused: 800 app destroyed in the last 1d .* and 400 in this stage make 1,?200, over the budget of 900 app per 1d/);
    const told = await story("retry-told.jsonl", ["--destroyed", "0"]);
    expect(told.marked.stdout).toBe("stage 'wave-1' marked retry (0 of 400 identifiers destroyed: the budgets count 0)\n");
    expect(told.guard.code, told.guard.stdout).toBe(0);
    expect(checks(told.guard.stdout).budget).toBe("ok: within every budget (app 800/900 per 1d)");
    const wrong = await blastgate(["mark", SAFE, "--stage", "wave-1", "--as", "done", "--reason", "x", "--destroyed", "0", "--ledger", path.join(dir, "retry-told.jsonl")], world.work, env);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--destroyed goes with --as retry/);
  });
});
