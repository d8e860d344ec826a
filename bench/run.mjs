// npm run bench [-- --quick] [--runs N] [--seed N] [--only identifiers,manifests,cold-start,postgres] [--sizes 10000,100000]
//                 [--table-rows 1000000,10000000] [--build | --src dir] [--json file] [--markdown]
// postgres: 1M identifiers against a Postgres table of 1M rows (add 10M with --table-rows; it takes minutes to
// load, so it is not in the default), beside the bare floor, the file path on the same rows and DuckDB.
// --build bundles the current src/ (with scripts/build.mjs, into bench/.work/bundle, leaving dist/ alone);
// --src bundles another copy of src/ the same way (to compare before and after a change).
// Generates inputs (cached under bench/.work/), runs the real CLI and the bundled Action as child processes,
// and prints median wall time, peak memory and the ratio to the floor. Not a test: nothing here asserts.
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { actionRepo, identifierRepo, manifestsRepo, PROJECT, WORK } from "./generate.mjs";
import { postgresCases } from "./postgres.mjs";

const NOW = "2026-11-24";
const INVENTORY_SIZE = 1_000_000;
const MANIFESTS = 10_000;

const { values: opts } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    runs: { type: "string" },
    seed: { type: "string", default: "1" },
    only: { type: "string" },
    sizes: { type: "string" },
    build: { type: "boolean", default: false },
    src: { type: "string" },
    json: { type: "string" },
    markdown: { type: "boolean", default: false },
    profile: { type: "boolean", default: false },
    "table-rows": { type: "string", default: "1000000" },
  },
});
const seed = Number(opts.seed);
const only = new Set((opts.only ?? "identifiers,manifests,cold-start,postgres").split(","));
const sizes = (opts.sizes ?? "10000,100000,1000000").split(",").map(Number);
const runsFor = (normal) => (opts.profile ? 1 : opts.runs ? Number(opts.runs) : opts.quick ? 1 : normal);
const warmup = !opts.quick && !opts.profile;
const PROFILES = path.join(WORK, "profiles");

/** Node's arguments for Blastgate's process; with --profile, a CPU profile of it lands in bench/.work/profiles/<name>/. */
function blastgate(name, args) {
  if (!opts.profile) return args;
  const dir = path.join(PROFILES, name);
  rmSync(dir, { recursive: true, force: true });
  profiled.add(name);
  return ["--cpu-prof", `--cpu-prof-dir=${dir}`, ...args];
}
const profiled = new Set();

// ---------------------------------------------------------------------------------------------------
// Measuring a child process

const TIME = "/usr/bin/time";
const useTime = existsSync(TIME) && spawnSync(TIME, ["-f", "%M", "-o", "/dev/null", "true"]).status === 0;
const RSS_FILE = path.join(WORK, `maxrss-${process.pid}.txt`);
process.on("exit", () => rmSync(RSS_FILE, { force: true }));

/** Runs a command to completion: wall time (ms, measured here), CPU time and peak RSS (KiB, of the child). */
function measure(command, args, { cwd = PROJECT, env = {}, cleanEnv = false } = {}) {
  return new Promise((resolve, reject) => {
    rmSync(RSS_FILE, { force: true });
    const full = useTime ? [TIME, ["-f", "%M %U %S", "-o", RSS_FILE, command, ...args]] : [command, command === process.execPath ? ["--require", path.join(PROJECT, "bench/maxrss.cjs"), ...args] : args];
    const started = process.hrtime.bigint();
    const child = spawn(full[0], full[1], { cwd, env: { ...(cleanEnv ? {} : process.env), ...env, BLASTGATE_BENCH_RSS: RSS_FILE }, stdio: ["ignore", "pipe", "pipe"] });
    const out = [];
    const err = [];
    child.stdout.on("data", (b) => out.push(b));
    child.stderr.on("data", (b) => err.push(b));
    child.on("error", reject);
    child.on("close", (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      let rssKiB = NaN;
      let cpuMs = NaN;
      try {
        // GNU time puts "Command exited with non-zero status N" first when the exit code is not 0.
        const fields = readFileSync(RSS_FILE, "utf8").trim().split("\n").at(-1).trim().split(/\s+/).map(Number);
        rssKiB = fields[0];
        if (fields.length >= 3) cpuMs = (fields[1] + fields[2]) * 1000;
      } catch {
        /* the child died before writing it */
      }
      resolve({ code, wallMs, cpuMs, rssKiB, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function summarize(runs) {
  return { wallMs: median(runs.map((r) => r.wallMs)), cpuMs: median(runs.map((r) => r.cpuMs)), rssKiB: median(runs.map((r) => r.rssKiB)), runs: runs.map((r) => ({ wallMs: round(r.wallMs), rssKiB: r.rssKiB })) };
}

const round = (x) => Math.round(x * 10) / 10;

function fail(what, r) {
  console.error(`\n${what} failed (exit ${r.code}):\n${r.stderr.slice(0, 2000)}${r.stdout.slice(0, 500)}`);
  process.exit(1);
}

function log(s) {
  process.stderr.write(s);
}

// ---------------------------------------------------------------------------------------------------
// The CLI under test: a snapshot of bin/ and dist/, so a rebuild by someone else mid-run cannot tear it.

const SNAPSHOT = path.join(WORK, `bundle-${process.pid}`);
rmSync(SNAPSHOT, { recursive: true, force: true });
process.on("exit", () => rmSync(SNAPSHOT, { recursive: true, force: true }));
mkdirSync(path.join(SNAPSHOT, "bin"), { recursive: true });
copyFileSync(path.join(PROJECT, "bin/blastgate.js"), path.join(SNAPSHOT, "bin/blastgate.js"));
if (opts.build || opts.src) {
  // The project's own build script, run where src/ is a link: the bundle lands in the snapshot, not in dist/.
  const src = path.resolve(opts.src ?? path.join(PROJECT, "src"));
  symlinkSync(src, path.join(SNAPSHOT, "src"));
  const b = spawnSync(process.execPath, [path.join(PROJECT, "scripts/build.mjs")], { cwd: SNAPSHOT, stdio: "inherit" });
  if (b.status !== 0) process.exit(1);
  log(`built from ${path.relative(PROJECT, src) || src}/\n`);
} else {
  mkdirSync(path.join(SNAPSHOT, "dist"), { recursive: true });
  for (const f of readdirSync(path.join(PROJECT, "dist"))) copyFileSync(path.join(PROJECT, "dist", f), path.join(SNAPSHOT, "dist", f));
  const newestSource = newest(path.join(PROJECT, "src"));
  if (newestSource > statSync(path.join(PROJECT, "dist/cli.js")).mtimeMs) log(`note: src/ is newer than dist/cli.js; --build measures the current source\n`);
}
const CLI = path.join(SNAPSHOT, "bin/blastgate.js");
const ACTION = path.join(SNAPSHOT, "dist/index.js");

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

// ---------------------------------------------------------------------------------------------------
// Cases

const rows = [];
const notes = [];

async function identifierCases() {
  log(`generating: inventory of ${INVENTORY_SIZE.toLocaleString("en-US")} objects, identifier files of ${sizes.map((s) => s.toLocaleString("en-US")).join(", ")} ... `);
  const t = Date.now();
  const repo = identifierRepo({ seed, inventorySize: INVENTORY_SIZE, sizes: [10_000, 100_000, 1_000_000].filter((s) => s <= INVENTORY_SIZE) });
  log(repo.reused ? "cached\n" : `${((Date.now() - t) / 1000).toFixed(1)} s\n`);
  for (const size of sizes) {
    const cli = blastgate(`identifiers-${size}`, [CLI, "check", repo.manifest(size), "--format", "json", "--now", NOW]);
    const floor = [path.join(PROJECT, "bench/floor.mjs"), repo.inventory, repo.ids(size)];
    const n = runsFor(size >= 1_000_000 ? 3 : 5);
    const mine = [];
    const base = [];
    log(`identifiers ${size.toLocaleString("en-US")}: `);
    if (warmup) {
      await measure(process.execPath, floor, { cwd: repo.dir });
      await measure(process.execPath, cli, { cwd: repo.dir });
    }
    // Interleaved, so both see the same machine (other work, page cache).
    for (let i = 0; i < n; i++) {
      const f = await measure(process.execPath, floor, { cwd: repo.dir });
      if (f.code !== 0) fail("the floor", f);
      const found = Object.values(JSON.parse(f.stdout).byKind).reduce((a, b) => a + b, 0);
      if (found !== size) throw new Error(`the floor found ${found} of ${size} identifiers`);
      base.push(f);
      const r = await measure(process.execPath, cli, { cwd: repo.dir });
      if (r.code !== 0 && r.code !== 1) fail(`blastgate check ${repo.manifest(size)}`, r);
      const report = JSON.parse(r.stdout);
      if (report.verdict === "error" || report.plans[0]?.targets !== size) throw new Error(`blastgate judged ${report.plans[0]?.targets} of ${size} identifiers (verdict ${report.verdict})`);
      r.reportBytes = Buffer.byteLength(r.stdout);
      r.findings = report.findings.length;
      mine.push(r);
      log(".");
    }
    log("\n");
    rows.push({
      case: "identifiers",
      size: `${short(size)} ids × ${short(INVENTORY_SIZE)} inventory`,
      ids: size,
      ...summarize(mine),
      floor: summarize(base),
      reportBytes: mine[0].reportBytes,
      findings: mine[0].findings,
    });
  }
}

async function manifestCase() {
  log(`generating: ${MANIFESTS.toLocaleString("en-US")} manifests ... `);
  const t = Date.now();
  const repo = manifestsRepo({ seed, count: MANIFESTS });
  log(repo.reused ? "cached\n" : `${((Date.now() - t) / 1000).toFixed(1)} s\n`);
  // No paths: every YAML file that declares kind: Operation is found and judged, as in a monorepo's CI.
  const cli = blastgate("manifests", [CLI, "check", "--format", "json", "--now", NOW]);
  const runs = [];
  log(`manifests ${MANIFESTS.toLocaleString("en-US")}: `);
  if (warmup) await measure(process.execPath, cli, { cwd: repo.dir });
  for (let i = 0, n = runsFor(3); i < n; i++) {
    const r = await measure(process.execPath, cli, { cwd: repo.dir });
    if (r.code !== 0 && r.code !== 1) fail("blastgate check (many manifests)", r);
    const report = JSON.parse(r.stdout);
    if (report.verdict === "error" || report.manifests.length !== MANIFESTS) throw new Error(`blastgate judged ${report.manifests.length} of ${MANIFESTS} manifests (verdict ${report.verdict})`);
    r.reportBytes = Buffer.byteLength(r.stdout);
    runs.push(r);
    log(".");
  }
  log("\n");
  rows.push({ case: "manifests", size: `${short(MANIFESTS)} manifests`, ...summarize(runs), reportBytes: runs[0].reportBytes });
}

async function coldStartCase() {
  if (!existsSync(ACTION)) {
    rows.push({ case: "cold start", size: "action, 1 manifest", skipped: "dist/index.js does not exist yet (the Action is not bundled): not measured" });
    return;
  }
  const repo = actionRepo({ seed });
  const { startGitHubApi } = await githubApi();
  const files = {};
  const walk = (rel) => {
    for (const e of readdirSync(path.join(repo.dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(child);
      else if (child !== "complete.json") files[child] = readFileSync(path.join(repo.dir, child), "utf8");
    }
  };
  walk("");
  const BASE = "a".repeat(40);
  const HEAD = "b".repeat(40);
  const base = Object.fromEntries(Object.entries(files).filter(([f]) => f.startsWith("policies/") || f.startsWith("inventory/")));
  const owner = "acme";
  const name = "cleanups";
  const event = {
    action: "synchronize",
    number: 7,
    pull_request: {
      number: 7,
      title: "Remove the legacy Insight app",
      user: { login: "alice", type: "User" },
      head: { sha: HEAD, ref: "cleanup", repo: { full_name: `${owner}/${name}`, fork: false } },
      base: { sha: BASE, ref: "main", repo: { full_name: `${owner}/${name}` } },
    },
    repository: { full_name: `${owner}/${name}`, name, owner: { login: owner }, default_branch: "main" },
  };
  const work = path.join(WORK, `action-run-${process.pid}`);
  process.on("exit", () => rmSync(work, { recursive: true, force: true }));
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  writeFileSync(path.join(work, "event.json"), JSON.stringify(event));
  const inputs = await actionInputs("ghs_bench");
  const runs = [];
  const bare = [];
  log("cold start: ");
  let requests = 0;
  for (let i = -1, n = runsFor(10) + (opts.quick ? 2 : 0); i < n; i++) {
    // A fresh server per run: the pull request starts without Blastgate's comment each time.
    const gh = await startGitHubApi({
      owner,
      repo: name,
      pulls: [{ number: 7, title: event.pull_request.title, user: { login: "alice" }, head: event.pull_request.head, base: event.pull_request.base }],
      files: { [BASE]: base, [HEAD]: files },
      branches: { main: BASE, cleanup: HEAD },
    });
    // A clean environment, as a runner gives the step: nothing from the machine running the benchmark.
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: work,
      CI: "true",
      GITHUB_ACTIONS: "true",
      GITHUB_EVENT_NAME: "pull_request",
      GITHUB_EVENT_PATH: path.join(work, "event.json"),
      GITHUB_WORKSPACE: repo.dir,
      GITHUB_REPOSITORY: `${owner}/${name}`,
      GITHUB_API_URL: gh.url,
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_RUN_ID: "4242",
      GITHUB_STEP_SUMMARY: path.join(work, "summary.md"),
      GITHUB_OUTPUT: path.join(work, "output.txt"),
      RUNNER_TEMP: path.join(work, "temp"),
      ...inputs,
      INPUT_NOW: NOW,
    };
    mkdirSync(env.RUNNER_TEMP, { recursive: true });
    for (const f of ["output.txt", "summary.md"]) writeFileSync(path.join(work, f), "");
    const r = await measure(process.execPath, blastgate("cold-start", [ACTION]), { cwd: repo.dir, env, cleanEnv: true });
    requests = gh.requests.length;
    const violations = [...gh.violations];
    await gh.close();
    if (r.code !== 0) {
      rows.push({ case: "cold start", size: "action, 1 manifest", skipped: `node dist/index.js exited ${r.code}: ${firstLine(r.stderr || r.stdout)}` });
      return;
    }
    if (violations.length) notes.push(`the Action's requests broke GitHub's API description: ${violations[0]}`);
    const b = await measure(process.execPath, ["-e", "0"]);
    if (i >= 0) {
      runs.push(r);
      bare.push(b);
    }
    log(".");
  }
  log("\n");
  const bytes = statSync(ACTION).size;
  rows.push({ case: "cold start", size: "action, 1 manifest", ...summarize(runs), floor: summarize(bare), floorName: "node -e 0", bundleBytes: bytes, requests });
}

/** action.yml's input defaults as INPUT_<NAME>, as the runner passes them. */
async function actionInputs(token) {
  const { parse } = await import("yaml");
  const action = parse(readFileSync(path.join(PROJECT, "action.yml"), "utf8"));
  const env = {};
  for (const [name, spec] of Object.entries(action?.inputs ?? {})) {
    env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = String(spec?.default ?? "").replace("${{ github.token }}", token);
  }
  return env;
}

async function githubApi() {
  const out = path.join(WORK, `github-api-${process.pid}.mjs`);
  process.on("exit", () => rmSync(out, { force: true }));
  const { build } = await import("esbuild");
  await build({ entryPoints: [path.join(PROJECT, "test/support/github-api.ts")], outfile: out, bundle: true, platform: "node", format: "esm", packages: "external", logLevel: "warning" });
  return import(out);
}

function firstLine(s) {
  return (s.trim().split("\n")[0] ?? "").slice(0, 160);
}

// ---------------------------------------------------------------------------------------------------
// Report

function short(n) {
  return n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n);
}
function sec(ms) {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}
function cpu(ms) {
  return Number.isNaN(ms) ? "?" : sec(ms);
}
function mem(kib) {
  return Number.isNaN(kib) ? "?" : `${Math.round(kib / 1024)} MiB`;
}
function ratio(a, b) {
  return `${(a / b).toFixed(2)}×`;
}

function table() {
  const head = ["case", "size", "wall", "cpu", "peak memory", "floor wall", "floor cpu", "floor memory", "time ratio", "cpu ratio", "memory ratio"];
  const body = rows.map((r) =>
    r.skipped
      ? [r.case, r.size, `skipped: ${r.skipped}`]
      : [
          r.case,
          r.size,
          sec(r.wallMs),
          cpu(r.cpuMs),
          mem(r.rssKiB),
          r.floor ? sec(r.floor.wallMs) : "–",
          r.floor ? cpu(r.floor.cpuMs) : "–",
          r.floor ? mem(r.floor.rssKiB) : "–",
          r.floor ? ratio(r.wallMs, r.floor.wallMs) : "–",
          r.floor && !Number.isNaN(r.cpuMs) ? ratio(r.cpuMs, r.floor.cpuMs) : "–",
          r.floor ? ratio(r.rssKiB, r.floor.rssKiB) : "–",
        ],
  );
  return [head, ...body];
}

function render(cells, markdown) {
  if (markdown) {
    const line = (c) => `| ${c.join(" | ")} |`;
    const [head, ...body] = cells;
    return [line(head), line(head.map(() => "---")), ...body.map((c) => line(c.length < head.length ? [...c, ...Array(head.length - c.length).fill("")] : c))].join("\n");
  }
  const widths = cells[0].map((_, i) => Math.max(...cells.filter((c) => c.length === cells[0].length).map((c) => String(c[i]).length)));
  return cells.map((c) => (c.length < widths.length ? c.join("  ") : c.map((v, i) => (i < 2 ? String(v).padEnd(widths[i]) : String(v).padStart(widths[i]))).join("  "))).join("\n");
}

const postgresTargets = [];
function targets() {
  const out = [...postgresTargets];
  const id = (n) => rows.find((r) => r.case === "identifiers" && r.ids === n && !r.skipped);
  const check = (ok, text) => out.push(`${ok ? "✓" : "✗"} ${text}`);
  const big = id(1_000_000);
  if (big) {
    check(big.wallMs <= 2 * big.floor.wallMs, `1M ids × 1M inventory: time ${ratio(big.wallMs, big.floor.wallMs)} the floor (target ≤ 2×)`);
    check(big.rssKiB <= 2 * big.floor.rssKiB, `1M ids × 1M inventory: memory ${ratio(big.rssKiB, big.floor.rssKiB)} the floor (target ≤ 2×)`);
    check(big.reportBytes <= 64 * 1024, `1M ids, mostly of the wrong kind: the JSON report is ${(big.reportBytes / 1024).toFixed(1)} KiB with ${big.findings} findings (counts and first examples, not a line per identifier)`);
  }
  const [small, mid] = [id(10_000), id(100_000)];
  if (mid && big) {
    // Against a fixed inventory the raw ratio is flattered by loading it; the cost of one more identifier
    // (CPU time between the smallest and the largest file, per identifier) is the figure to compare with the floor's.
    const perId = (r) => (small ? ((r.cpuMs - small.cpuMs) / (big.ids - small.ids)) * 1000 : NaN);
    const extra = small ? `; each identifier beyond 10k costs ${perId(big).toFixed(2)} µs of CPU (the floor: ${(((big.floor.cpuMs - small.floor.cpuMs) / (big.ids - small.ids)) * 1000).toFixed(2)} µs)` : "";
    check(big.wallMs <= 11 * mid.wallMs, `1M ids cost ${ratio(big.wallMs, mid.wallMs)} the time of 100k (target ≤ 11×)${extra}`);
  }
  const many = rows.find((r) => r.case === "manifests" && !r.skipped);
  if (many) check(many.wallMs <= 10_000, `${short(MANIFESTS)} manifests in one run: ${sec(many.wallMs)} (target ≤ 10 s)`);
  const cold = rows.find((r) => r.case === "cold start");
  if (cold?.skipped) out.push(`– cold start: ${cold.skipped}`);
  else if (cold) {
    // A measurement, not a target: inside a job that spends seconds starting a runner, tens of milliseconds do not show.
    out.push(`· action cold start: ${sec(cold.wallMs)}, ${ratio(cold.wallMs, cold.floor.wallMs)} \`node -e 0\` (measured, no target); ${cold.requests} API requests; bundle dist/index.js ${(cold.bundleBytes / 1024).toFixed(0)} KiB`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------

const started = Date.now();
mkdirSync(WORK, { recursive: true });
if (only.has("identifiers")) await identifierCases();
if (only.has("manifests")) await manifestCase();
if (only.has("cold-start")) await coldStartCase();
if (only.has("postgres")) {
  const pg = await postgresCases({ seed, cli: CLI, now: NOW, measure, summarize, runs: runsFor(3), warmup, log, tableRows: opts["table-rows"].split(",").map(Number) });
  rows.push(...pg.rows);
  postgresTargets.push(...pg.targets);
}

const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average ${loadavg()
  .map((l) => l.toFixed(2))
  .join(" ")}`;
console.log(`\nBlastgate benchmark — ${machine}`);
console.log(
  `medians of ${rows
    .map((r) => r.runs?.length)
    .filter(Boolean)
    .join("/")} runs; wall is measured here, cpu (user + system) and peak memory (maximum resident set size) by ${useTime ? "/usr/bin/time" : "process.resourceUsage"}; the floor is bench/floor.mjs, or \`node -e 0\` for the cold start\n`,
);
console.log(render(table(), opts.markdown));
console.log("");
for (const t of targets()) console.log(t);
for (const n of notes) console.log(`note: ${n}`);
for (const name of profiled) {
  const dir = path.join(PROFILES, name);
  for (const f of existsSync(dir) ? readdirSync(dir) : []) {
    console.log(`\nprofile of ${name} (${path.relative(PROJECT, path.join(dir, f))}):`);
    console.log(spawnSync(process.execPath, [path.join(PROJECT, "bench/profile.mjs"), path.join(dir, f), "--top", "15"], { encoding: "utf8" }).stdout);
  }
}
console.log(`\n(${((Date.now() - started) / 1000).toFixed(0)} s)`);
const results = { date: new Date().toISOString(), machine, seed, rows, targets: targets() };
writeFileSync(path.join(WORK, "last-results.json"), JSON.stringify(results, null, 2) + "\n");
if (opts.json) writeFileSync(opts.json, JSON.stringify(results, null, 2) + "\n");
