/**
 * A new user's first runs of the guard: a ledger path that does not exist (yet), a wrong flag, a
 * missing file, a bad GITHUB_API_URL, a guard started outside the repository, a Policy whose budget is
 * misspelt, and the library's errors. The CLI as a child process, in the story's approved world.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Lib from "../../src/index.js";
import { cleanup, ROOT } from "../action/harness.js";
import { at, blastgate, checks, git, mergedWorld, SAFE, tempDir, type World } from "./support.js";

let world: World;
let env: Record<string, string>;
let dir: string;
const guardArgs = (extra: string[]) => ["guard", SAFE, "--stage", "canary", "--environment", "production", "--now", at(0), ...extra];

beforeAll(async () => {
  ({ world, env } = await mergedWorld());
  dir = await tempDir("first-use");
}, 120_000);

afterAll(async () => {
  await world?.deletions.close();
  await cleanup();
});

describe("a ledger path that does not exist", () => {
  it("status says so on stderr (exit 0); guard says it will be created, beside its seven lines", async () => {
    const ledger = path.join(dir, "new.jsonl");
    const status = await blastgate(["status", SAFE, "--ledger", ledger, "--now", at(0)], world.work, env);
    expect(status.code).toBe(0);
    expect(status.stderr).toBe(`blastgate status: the ledger ${ledger} does not exist yet: no run recorded (or the path is wrong); the first guard creates it\n`);
    expect(status.stdout).toMatch(/^ {2}canary \(10 identifiers\): due now$/m);
    const g = await blastgate(guardArgs(["--ledger", ledger]), world.work, env);
    expect(g.code, g.stdout + g.stderr).toBe(0);
    expect(g.stderr).toBe(`blastgate guard: the ledger ${ledger} does not exist yet: no run recorded (or the path is wrong); the first guard creates it\n`);
    expect(g.stdout.trimEnd().split("\n")).toHaveLength(7);
  });

  it("in a directory that does not exist: stage and budget unknown, exit 2; status exits 2", async () => {
    const ledger = path.join(dir, "no-such-dir", "runs.jsonl");
    const g = await blastgate(guardArgs(["--ledger", ledger]), world.work, env);
    expect(g.code, g.stdout + g.stderr).toBe(2);
    const why = `unknown: the ledger ${ledger} cannot be created: its directory ${path.dirname(ledger)} does not exist`;
    expect(checks(g.stdout).stage).toBe(why);
    expect(checks(g.stdout).budget).toBe(why);
    const status = await blastgate(["status", SAFE, "--ledger", ledger], world.work, env);
    expect(status.code).toBe(2);
    expect(status.stderr).toMatch(/its directory .* does not exist/);
  });
});

describe("one-line errors", () => {
  it("an unknown option, an --ids file that cannot be read, a manifest that does not exist: one line, exit 2, no usage", async () => {
    const bogus = await blastgate(guardArgs(["--bogus"]), world.work, env);
    expect([bogus.code, bogus.stderr]).toEqual([2, "blastgate guard: unknown option '--bogus' (blastgate guard --help lists the options)\n"]);
    const ids = await blastgate(guardArgs(["--ids", "/nope.txt"]), world.work, env);
    expect([ids.code, ids.stderr]).toEqual([2, "blastgate guard: --ids /nope.txt cannot be read: ENOENT\n"]);
    const missing = await blastgate(["guard", "manifests/nope.yaml", "--environment", "production"], world.work, env);
    expect([missing.code, missing.stderr, missing.stdout]).toEqual([2, "blastgate guard: manifests/nope.yaml does not exist\n", ""]);
    // A command line that is wrong in another way: one line too, pointing at --help (no help page).
    const mark = await blastgate(["mark", SAFE, "--stage", "canary", "--as", "done", "--ledger", path.join(dir, "mark.jsonl")], world.work, env);
    expect(mark.code).toBe(2);
    expect(mark.stderr).toMatch(/^blastgate mark: [^\n]*--reason[^\n]* \(blastgate mark --help lists the options\)\n$/);
  });

  it("GITHUB_API_URL that is no URL: approved unknown at once, no request", async () => {
    const before = world.api.requests.length;
    const r = await blastgate(guardArgs(["--ledger", path.join(dir, "url.jsonl")]), world.work, { ...env, GITHUB_API_URL: "not-a-url" });
    expect(r.code).toBe(2);
    expect(checks(r.stdout).approved).toBe("unknown: GITHUB_API_URL 'not-a-url' is not an http(s) URL such as https://api.github.com");
    expect(world.api.requests.length).toBe(before);
  });

  it("finds the repository from the manifest's directory when started outside it", async () => {
    const r = await blastgate(["guard", path.join(world.work, SAFE), "--stage", "canary", "--environment", "production", "--now", at(0)], dir, env);
    expect(checks(r.stdout).merged).toMatch(/^ok: manifests\/remove-insight-safe.yaml, ids\/insight-apps.txt/);
    expect(checks(r.stdout).approved).toMatch(/^ok: pull request #7/);
  });
});

describe("status's refused attempts", () => {
  it("show the check that refused (a guard without --stage: stage refused, not ids unknown)", async () => {
    const ledger = path.join(dir, "refused.jsonl");
    const g = await blastgate(["guard", SAFE, "--environment", "production", "--ledger", ledger, "--now", at(0)], world.work, env);
    expect(g.code).toBe(1);
    const status = await blastgate(["status", SAFE, "--ledger", ledger, "--now", at(0)], world.work, env);
    expect(status.stdout).toMatch(/^ {2}\S+ \(no stage\) by \S+: stage: refused: the manifest runs in 3 stages \(canary, wave-1, wave-2\): name the one to run with --stage$/m);
  });
});

describe("the library", () => {
  it("exports LedgerError and RunRefusedError with stable names, refuses an invalid now, and run() after a refusal throws RunRefusedError", async () => {
    const lib = (await import(path.join(ROOT, "dist/lib.js"))) as typeof Lib;
    expect([lib.LedgerError.name, lib.RunRefusedError.name, new lib.LedgerError("x").name, new lib.RunRefusedError("x").name]).toEqual(["LedgerError", "RunRefusedError", "LedgerError", "RunRefusedError"]);
    await expect(lib.guard({ manifest: SAFE, cwd: world.work, env, now: new Date("bad") })).rejects.toThrow(/^guard\(\): options.now must be a valid Date, not Invalid Date$/);
    const g = await lib.guard({ manifest: SAFE, cwd: world.work, env, now: new Date(at(0)), environment: "staging" });
    expect(g.decision).toBe("refused");
    const err: unknown = await g.run(() => Promise.resolve(0)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(lib.RunRefusedError);
    expect(err).toBeInstanceOf(lib.LedgerError);
    expect((err as Error).name).toBe("RunRefusedError");
  });
});

describe("a run whose command never started", () => {
  it("(RunOutcome notStarted) leaves the stage due and the budget uncounted; an exact --ids list is said plainly", async () => {
    const lib = (await import(path.join(ROOT, "dist/lib.js"))) as typeof Lib;
    const ledger = path.join(dir, "not-started.jsonl");
    const options = { manifest: SAFE, cwd: world.work, env, now: new Date(at(0)), environment: "production", stage: "canary", ledger };
    const g = await lib.guard(options);
    expect(g.decision, g.text).toBe("go");
    expect(await g.run(() => Promise.resolve({ exitCode: 127, notStarted: true as const }))).toBe(127);
    const again = await lib.guard({ ...options, ids: g.stage!.identifiers });
    expect(again.decision, again.text).toBe("go");
    expect(again.checks.find((c) => c.check === "stage")!.reason).toMatch(/^stage 'canary' \(1 of 3, 10 identifiers\) has not run$/);
    expect(again.checks.find((c) => c.check === "budget")!.reason).toBe("within every budget (app 10/900 per 1d)");
    expect(again.checks.find((c) => c.check === "ids")!.reason).toBe("the 10 identifiers given are exactly the approved identifiers of stage 'canary'");
  });
});

describe("a Policy whose budget is misspelt", () => {
  it("shows the schema problem with its did-you-mean, and leaves the budget unknown (exit 2)", async () => {
    const policy = path.join(world.work, "policies/starter.yaml");
    const text = await readFile(policy, "utf8");
    await writeFile(policy, text.replace("{ kind: app, maxCount: 900, window: 24h }", "{ kind: app, maxCnt: 450, window: 2 days }"));
    git(world.work, "commit", "-q", "-am", "a smaller budget");
    git(world.work, "push", "-q", "origin", "main");
    try {
      const r = await blastgate(guardArgs(["--ledger", path.join(dir, "budget.jsonl")]), world.work, env);
      expect(r.code, r.stdout).toBe(2);
      expect(checks(r.stdout).current).toMatch(/^unknown: policies\/starter.yaml:\d+:\d+: unknown field 'maxCnt' in budgets\[0\] \(did you mean 'maxCount'\?\) \(and 2 more problems\)$/);
      expect(checks(r.stdout).budget).toMatch(/^unknown: policies\/starter.yaml:\d+:\d+: unknown field 'maxCnt' in budgets\[0\] \(did you mean 'maxCount'\?\): the budgets cannot be told while a policy file has problems$/);
    } finally {
      git(world.work, "revert", "--no-edit", "HEAD");
      git(world.work, "push", "-q", "origin", "main");
    }
  });
});
