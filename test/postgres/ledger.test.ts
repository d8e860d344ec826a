/**
 * The runtime guard's ledger in a real Postgres table: the approved world of the story test (a git
 * repository with a bare origin, the bundled Action's approval record in the fake GitHub API, a
 * deletion API counting calls), `blastgate run`, `status` and `mark` as child processes with
 * `--ledger postgres://...`. Each `?table=` is a ledger of its own.
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { hostname, userInfo } from "node:os";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cleanup, ROOT } from "../action/harness.js";
import { APPS, approvedWorld, at, blastgate, checks, EXTRA, mergePull, SAFE, tempDir, type Run, type World } from "../guard/support.js";
import { freshDatabase, roUrl, sql } from "./support.js";

const GUARD_USER = "blastgate_guard";
const READER_USER = "blastgate_ledger_reader";
const PASSWORD = "L3dger:p@ss/w0rd?#never-printed";
const SECRETS = [PASSWORD, encodeURIComponent(PASSWORD)];
// The DDL and grants exactly as docs/runtime-guard.md prints them: what an operator copies is what is tested.
const DOCS = readFileSync(path.join(ROOT, "docs/runtime-guard.md"), "utf8");
const DDL = /<!-- ledger-ddl:start -->\n```sql\n([\s\S]*?)```\n<!-- ledger-ddl:end -->/.exec(DOCS)![1]!;
const GRANTS = /^(REVOKE ALL ON "blastgate_ledger" FROM PUBLIC;\nGRANT SELECT, INSERT ON "blastgate_ledger" TO blastgate_guard;)$/m.exec(DOCS)![1]!;

let world: World;
let database: string;
let env: Record<string, string>;
let counts: string;

const url = (opts: { user?: string; password?: string; port?: number; table?: string } = {}) =>
  roUrl(database, { user: opts.user ?? GUARD_USER, password: opts.password ?? PASSWORD, ...(opts.port ? { port: opts.port } : {}), query: opts.table ? `?table=${opts.table}` : "" });

/** `blastgate run` of a stage against a Postgres ledger; by default the script that calls the deletion API. */
const runStage = (ledger: string, manifest: string, stage: string, now: string, command = [process.execPath, "scripts/remove-app.mjs"]) =>
  blastgate(["run", manifest, "--stage", stage, "--environment", "production", "--ledger", ledger, "--now", now, "--", ...command], world.work, env);

/** A command that counts its runs (one line each in the file COUNT_FILE names). */
const counted = (file: string, then = "") => ["sh", "-c", `echo run >> '${file}'${then}`];
const runsIn = (file: string) => (existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean).length : 0);

const rows = (table = "blastgate_ledger") =>
  sql<{ type: string; stage: string; manifest: string; by: string; exit: string | null }>(database, `SELECT type, stage, manifest, entry->>'by' AS by, entry->>'exitCode' AS exit FROM ${table} ORDER BY seq`);

function expectNoSecret(r: Run): void {
  for (const secret of SECRETS) expect(r.stdout + r.stderr).not.toContain(secret);
}

beforeAll(async () => {
  world = await approvedWorld();
  mergePull(world.work, world.api);
  database = await freshDatabase("ledger");
  await sql("postgres", `CREATE ROLE ${GUARD_USER} LOGIN PASSWORD '${PASSWORD.replace(/'/g, "''")}'`);
  await sql("postgres", `CREATE ROLE ${READER_USER} LOGIN PASSWORD '${PASSWORD.replace(/'/g, "''")}'`);
  await sql("postgres", `GRANT CONNECT ON DATABASE ${database} TO ${GUARD_USER}, ${READER_USER}`);
  // The owner creates the table and grants as the docs say; the guard's role may not create anything (PG 15+: no CREATE on public).
  await sql(database, `REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
  await sql(database, DDL);
  await sql(database, GRANTS);
  await sql(database, `GRANT SELECT ON blastgate_ledger TO ${READER_USER}`);
  counts = await tempDir("counts");
  env = { GITHUB_API_URL: world.api.url, GITHUB_TOKEN: "ghp_engineer", GITHUB_REPOSITORY: "acme/ops", DELETION_API: world.deletions.url, USER: "erin" };
}, 120_000);

afterAll(async () => {
  await world?.deletions.close();
  await cleanup();
});

describe("a Postgres ledger, with only SELECT and INSERT on the table the docs create", () => {
  it("records the canary then wave 1, each start and end with who ran it; status reads them back", async () => {
    const canary = await runStage(url(), SAFE, "canary", at(0));
    expect(canary.code, canary.stdout + canary.stderr).toBe(0);
    expect(Object.values(checks(canary.stdout)).map((l) => l.split(":")[0])).toEqual(Array(7).fill("ok"));
    const wave = await runStage(url(), SAFE, "wave-1", at(25));
    expect(wave.code, wave.stdout + wave.stderr).toBe(0);
    expect(world.deletions.calls).toEqual(APPS.slice(0, 410).map((id) => `DELETE /apps/${id}`));
    expect((await rows()).map((r) => [r.type, r.stage, r.exit])).toEqual([
      ["decision", "canary", null],
      ["start", "canary", null],
      ["end", "canary", "0"],
      ["decision", "wave-1", null],
      ["start", "wave-1", null],
      ["end", "wave-1", "0"],
    ]);
    expect(new Set((await rows()).map((r) => `${r.manifest} by ${r.by}`))).toEqual(new Set([`remove-insight-safe by ${userInfo().username}@${hostname()}`]));

    const status = await blastgate(["status", SAFE, "--ledger", url(), "--now", at(26)], world.work, env);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/^ {2}canary \(10 identifiers\): done, started 2026-11-24T09:00:00.000Z, ended .*, exit code 0$/m);
    expect(status.stdout).toMatch(/^ {2}wave-1 \(400 identifiers\): done, started 2026-11-25T10:00:00.000Z/m);
    expect(status.stdout).toMatch(/^ {2}wave-2 \(473 identifiers\): due at 2026-11-25T2\d:\d\d:\d\d.\d+Z \(when the bake of 'wave-1' ends\)$/m);
  });

  it("refuses a stage run twice, and records the refusal", async () => {
    const before = world.deletions.calls.length;
    const again = await runStage(url(), SAFE, "canary", at(26));
    expect(again.code, again.stdout + again.stderr).toBe(1);
    expect(checks(again.stdout).stage).toMatch(/^refused: stage 'canary' already ran \(started 2026-11-24T09:00:00.000Z, .*\): a stage runs once$/);
    expect(world.deletions.calls.length).toBe(before);
    expect((await rows()).at(-1)).toMatchObject({ type: "decision", stage: "canary" });
    const status = await blastgate(["status", SAFE, "--ledger", url(), "--now", at(26)], world.work, env);
    expect(status.stdout).toMatch(/^refused attempts: 1$/m);
  });

  it("adds up the budget from the table: a second manifest's stage past the day's 900 apps is refused", async () => {
    const wave2 = await runStage(url(), SAFE, "wave-2", at(37, 10));
    expect(wave2.code, wave2.stdout + wave2.stderr).toBe(0);
    const before = world.deletions.calls.length;
    const extra = await runStage(url(), EXTRA, "canary", at(38));
    expect(extra.code, extra.stdout).toBe(1);
    expect(checks(extra.stdout).budget).toMatch(/^refused: 873 app destroyed in the last 1d .* and 50 in this stage make 923, over the budget of 900 app per 1d/);
    expect(world.deletions.calls.length).toBe(before);
  });
});

describe("a table the guard creates", () => {
  it("is created with the docs' DDL when missing, if the role may (here: the table's future owner)", async () => {
    const admin = new URL(inject("postgresAdminUrl"));
    const ledger = roUrl(database, { user: admin.username, password: decodeURIComponent(admin.password), query: "?table=auto_ledger" });
    const r = await blastgate(["guard", SAFE, "--stage", "canary", "--environment", "production", "--ledger", ledger, "--now", at(0)], world.work, env);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const columns = await sql<{ column_name: string; data_type: string }>(database, "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position", ["auto_ledger"]);
    const documented = await sql<{ column_name: string; data_type: string }>(database, "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position", ["blastgate_ledger"]);
    expect(columns).toEqual(documented);
    expect((await rows("auto_ledger")).map((x) => x.type)).toEqual(["decision"]);
  });
});

describe("one run of a stage, even when several start at once", () => {
  it("five concurrent runs of the same stage on a slow database: exactly one runs the command, the others are refused", async () => {
    const file = path.join(counts, "race.txt");
    await sql(database, DDL.replaceAll("blastgate_ledger", "race_ledger"));
    await sql(database, `GRANT SELECT, INSERT ON race_ledger TO ${GUARD_USER}`);
    // Recording a start takes 3 s: without the exclusive section every guard that read the ledger meanwhile would go too.
    await sql(database, "CREATE FUNCTION slow_start() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(3); RETURN NEW; END $$");
    await sql(database, "CREATE TRIGGER slow_start BEFORE INSERT ON race_ledger FOR EACH ROW WHEN (NEW.type = 'start') EXECUTE FUNCTION slow_start()");
    const runs = await Promise.all(Array.from({ length: 5 }, () => runStage(url({ table: "race_ledger" }), SAFE, "canary", at(0), counted(file))));
    expect(runs.map((r) => r.code).sort(), runs.map((r) => r.stdout + r.stderr).join("\n---\n")).toEqual([0, 1, 1, 1, 1]);
    expect(runsIn(file)).toBe(1);
    for (const r of runs.filter((x) => x.code === 1)) expect(r.stdout + r.stderr).toMatch(/stage 'canary' (started at .* and has no end in the ledger|already ran)/);
    expect((await rows("race_ledger")).filter((r) => r.type === "start")).toHaveLength(1);
  });
});

describe("a crash mid-stage", () => {
  it("leaves 'started, not ended': the next attempt is refused until someone marks it", async () => {
    const file = path.join(counts, "crash.txt");
    const ledger = url({ table: "blastgate_ledger" }).replace("?table=blastgate_ledger", "");
    // A fresh table of the same shape, for this story alone.
    await sql(database, DDL.replaceAll("blastgate_ledger", "crash_ledger"));
    await sql(database, `GRANT SELECT, INSERT ON crash_ledger TO ${GUARD_USER}`);
    const crashLedger = `${ledger}?table=crash_ledger`;
    // The command kills `blastgate run` itself (its parent) mid-stage: no end is recorded.
    const crash = await runStage(crashLedger, SAFE, "canary", at(0), counted(file, "; kill -9 $PPID; sleep 0.2"));
    expect(crash.code).toBeNull();
    expect(runsIn(file)).toBe(1);
    expect((await rows("crash_ledger")).map((r) => r.type)).toEqual(["decision", "start"]);

    const status = await blastgate(["status", SAFE, "--ledger", crashLedger, "--now", at(1)], world.work, env);
    expect(status.stdout).toMatch(/^ {2}canary \(10 identifiers\): running since 2026-11-24T09:00:00.000Z \(no end recorded: still running, or it crashed/m);
    const again = await runStage(crashLedger, SAFE, "canary", at(1), counted(file));
    expect(again.code).toBe(1);
    expect(checks(again.stdout).stage).toMatch(/^refused: stage 'canary' started at 2026-11-24T09:00:00.000Z and has no end in the ledger: it is still running, or it crashed/);
    expect(runsIn(file)).toBe(1);

    const mark = await blastgate(["mark", SAFE, "--stage", "canary", "--as", "retry", "--reason", "the app API shows none deleted", "--ledger", crashLedger, "--now", at(2)], world.work, env);
    expect(mark.code, mark.stderr).toBe(0);
    const retry = await runStage(crashLedger, SAFE, "canary", at(2), counted(file));
    expect(retry.code, retry.stdout + retry.stderr).toBe(0);
    expect(runsIn(file)).toBe(2);
    expect((await rows("crash_ledger")).map((r) => r.type)).toEqual(["decision", "start", "decision", "mark", "decision", "start", "end"]);
  });
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("a ledger the guard cannot use: exit 2, the command never runs, the ledger named without its password", () => {
  const cases: [string, () => Promise<string>, RegExp][] = [
    ["an unreachable server", async () => url({ port: await closedPort() }), /cannot be reached: connection refused/],
    ["a wrong password", async () => url({ password: "wrong:p@ss" }), /cannot be reached: the server refused the password for its user/],
    ["a role without INSERT", async () => url({ user: READER_USER }), /cannot be written: permission denied for table blastgate_ledger \(the role that runs the guard needs SELECT and INSERT on blastgate_ledger/],
    ["a table the role may not create", async () => url({ table: "missing_ledger" }), /cannot be read: the table missing_ledger does not exist and the role may not create it .*: create it once with the DDL in docs\/runtime-guard.md/],
  ];
  it.each(cases)("%s", async (_name, ledgerOf, reason) => {
    const ledger = await ledgerOf();
    const target = new URL(ledger);
    const named = new RegExp(`the ledger postgres://${decodeURIComponent(target.username)}@127\\.0\\.0\\.1:${target.port}/${database} \\(table \\w+\\)`);
    const file = path.join(counts, `never-${Math.random().toString(36).slice(2)}.txt`);
    const r = await runStage(ledger, EXTRA, "canary", at(70), counted(file));
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(checks(r.stdout).stage).toMatch(/^unknown: /);
    expect(checks(r.stdout).stage).toMatch(named);
    expect(checks(r.stdout).stage).toMatch(reason);
    // Cannot be written = cannot decide: the budget too, whatever it would have said.
    expect(checks(r.stdout).budget).toBe(checks(r.stdout).stage);
    expect(runsIn(file)).toBe(0);
    expectNoSecret(r);
    if (!/INSERT/.test(_name)) {
      const status = await blastgate(["status", SAFE, "--ledger", ledger], world.work, env);
      expect(status.code).toBe(2);
      expect(status.stderr).toMatch(named);
      expectNoSecret(status);
    }
  });

  it("takes the URL from BLASTGATE_LEDGER too, and names it without the password", async () => {
    const r = await blastgate(["guard", EXTRA, "--stage", "canary", "--environment", "production", "--now", at(70)], world.work, { ...env, BLASTGATE_LEDGER: url({ password: "wrong:p@ss" }) });
    expect(r.code).toBe(2);
    expect(checks(r.stdout).stage).toMatch(/^unknown: the ledger postgres:\/\/blastgate_guard@127\.0\.0\.1:\d+\/\w+ \(table blastgate_ledger\) cannot be reached/);
    expect(r.stdout + r.stderr).not.toContain("wrong:p@ss");
    expect(r.stdout + r.stderr).not.toContain(encodeURIComponent("wrong:p@ss"));
  });
});
