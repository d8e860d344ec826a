// The Postgres inventory in `npm run bench`: 1M identifiers against a table of 1M rows (and 10M with
// --table-rows 1000000,10000000), beside the bare floor (bench/pg-floor.mjs: the same ids, the same batches,
// `SELECT id, kind ... = ANY($1)`), the file path on the same 1M rows, and DuckDB over the same two files.
// The server is started here (scripts/postgres-server.mjs); statements are counted with pg_stat_statements.
import { copyFileSync, createReadStream, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";
import { postgresBin, startPostgres } from "../scripts/postgres-server.mjs";
import { identifierRepo, PROJECT, WORK } from "./generate.mjs";

const IDS = 1_000_000;
const RO = "bench_ro";
const RO_PASSWORD = "bench-password";

const short = (n) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);

export async function postgresCases({ seed, cli, now, measure, summarize, runs, warmup, log, tableRows }) {
  const rows = [];
  const targets = [];
  try {
    postgresBin();
  } catch (e) {
    return { rows: [{ case: "postgres", size: `${short(IDS)} ids`, skipped: e.message }], targets };
  }
  log("postgres: generating/reusing the 1M-row inventory ... ");
  const repo = identifierRepo({ seed, inventorySize: 1_000_000, sizes: [10_000, 100_000, 1_000_000] });
  log("done\n");
  const ids = path.join(repo.dir, repo.ids(IDS));
  const inventoryFile = path.join(repo.dir, repo.inventory);

  // The same repository with the catalog naming the table instead of the file.
  const pgRepo = path.join(WORK, `s${seed}`, "identifiers-postgres");
  rmSync(pgRepo, { recursive: true, force: true });
  for (const f of ["policies/starter.yaml", repo.ids(IDS), repo.manifest(IDS)]) {
    mkdirSync(path.dirname(path.join(pgRepo, f)), { recursive: true });
    copyFileSync(path.join(repo.dir, f), path.join(pgRepo, f));
  }
  const catalog = readFileSync(path.join(repo.dir, "policies/catalog.yaml"), "utf8").replace(/^inventory: .*$/m, "inventory:\n  postgres:\n    url: env:BLASTGATE_INVENTORY_URL\n    table: inventory.objects");
  writeFileSync(path.join(pgRepo, "policies/catalog.yaml"), catalog);

  const server = await startPostgres({ settings: { shared_preload_libraries: "pg_stat_statements", shared_buffers: "256MB", max_wal_size: "4GB" } });
  try {
    for (const size of tableRows) {
      const db = `bench_${size}`;
      log(`postgres: loading a ${short(size)}-row table ... `);
      const t = Date.now();
      await load(server, db, inventoryFile, size);
      log(`${((Date.now() - t) / 1000).toFixed(0)} s\n`);
      const url = server.url(RO, RO_PASSWORD, db);
      const admin = new pg.Client(server.adminUrl(db));
      await admin.connect();
      const statements = async (run) => {
        await admin.query("SELECT pg_stat_statements_reset()");
        const r = await run();
        const [{ n }] = (await admin.query("SELECT coalesce(sum(calls), 0)::int AS n FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = $1", [RO])).rows;
        r.statements = n;
        return r;
      };
      const check = [cli, "check", repo.manifest(IDS), "--format", "json", "--now", now];
      const mine = [];
      const floor = [];
      const file = [];
      const duck = [];
      const env = { BLASTGATE_INVENTORY_URL: url };
      log(`postgres ${short(IDS)} ids × ${short(size)} rows: `);
      if (warmup) {
        await measure(process.execPath, [path.join(PROJECT, "bench/pg-floor.mjs"), url, ids]);
        await measure(process.execPath, check, { cwd: pgRepo, env });
      }
      for (let i = 0; i < runs; i++) {
        const f = await statements(() => measure(process.execPath, [path.join(PROJECT, "bench/pg-floor.mjs"), url, ids]));
        if (f.code !== 0) throw new Error(`the Postgres floor failed: ${f.stderr}`);
        if (JSON.parse(f.stdout).found !== IDS) throw new Error(`the Postgres floor found ${JSON.parse(f.stdout).found} of ${IDS}`);
        floor.push(f);
        const r = await statements(() => measure(process.execPath, check, { cwd: pgRepo, env }));
        const report = JSON.parse(r.stdout);
        if (report.verdict === "error" || report.plans[0]?.targets !== IDS || report.plans[0]?.notInInventory !== 0)
          throw new Error(`blastgate on Postgres: verdict ${report.verdict}, ${JSON.stringify(report.problems?.[0] ?? report.plans[0]?.targets)}`);
        mine.push(r);
        if (size === 1_000_000) {
          // The file path on the same rows, and DuckDB over the same two files, interleaved with the rest.
          const fr = await measure(process.execPath, check, { cwd: repo.dir });
          if (JSON.parse(fr.stdout).plans[0]?.targets !== IDS) throw new Error("the file path judged another count");
          file.push(fr);
          const d = await measure(process.execPath, [path.join(PROJECT, "bench/duckdb.mjs"), inventoryFile, ids]);
          if (d.code !== 0) throw new Error(`DuckDB failed: ${d.stderr}`);
          const found = Object.values(JSON.parse(d.stdout).byKind).reduce((a, b) => a + b, 0);
          if (found !== IDS) throw new Error(`DuckDB found ${found} of ${IDS}`);
          duck.push(d);
        }
        log(".");
      }
      log("\n");
      await admin.end();
      const m = summarize(mine);
      const fl = summarize(floor);
      rows.push({ case: "postgres", size: `${short(IDS)} ids × ${short(size)}-row table`, ...m, floor: fl, statements: mine[0].statements, floorStatements: floor[0].statements, tableRows: size });
      targets.push(
        `${m.wallMs <= 2 * fl.wallMs ? "✓" : "✗"} postgres ${short(IDS)} ids × ${short(size)} rows: time ${(m.wallMs / fl.wallMs).toFixed(2)}× the floor (target ≤ 2×); ${mine[0].statements} statements (the floor: ${floor[0].statements})`,
      );
      if (file.length) {
        const fs = summarize(file);
        const dk = summarize(duck);
        rows.push({ case: "file vs DuckDB", size: `${short(IDS)} ids × ${short(size)} NDJSON`, ...fs, floor: dk });
        targets.push(
          `${fs.wallMs <= 1.5 * dk.wallMs && fs.rssKiB <= dk.rssKiB ? "✓" : "✗"} file path ${short(IDS)} ids × ${short(size)} rows: ${(fs.wallMs / dk.wallMs).toFixed(2)}× DuckDB's time, ${(fs.rssKiB / dk.rssKiB).toFixed(2)}× its memory (target ≤ 1.5× at no more memory)`,
        );
        rows.push({ case: "postgres vs file", size: `${short(IDS)} ids × ${short(size)}`, ...m, floor: fs });
      }
    }
    const pgRows = rows.filter((r) => r.case === "postgres");
    if (pgRows.length > 1) {
      const [a, b] = [pgRows[0], pgRows.at(-1)];
      targets.push(
        `${b.rssKiB <= 1.1 * a.rssKiB ? "✓" : "✗"} postgres memory as the table grows ${b.tableRows / a.tableRows}×: ${Math.round(a.rssKiB / 1024)} → ${Math.round(b.rssKiB / 1024)} MiB (target: flat); time ${(b.wallMs / a.wallMs).toFixed(2)}×`,
      );
    }
  } finally {
    server.stop();
  }
  return { rows, targets };
}

/** A database with inventory.objects: the NDJSON file's rows, then generated rows up to `size`, indexed, readable by the bench role. */
async function load(server, db, file, size) {
  const admin = new pg.Client(server.adminUrl());
  await admin.connect();
  await admin.query(`CREATE DATABASE ${db}`);
  const roles = await admin.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [RO]);
  if (roles.rowCount === 0) await admin.query(`CREATE ROLE ${RO} LOGIN PASSWORD '${RO_PASSWORD}'`);
  await admin.end();
  const c = new pg.Client(server.adminUrl(db));
  await c.connect();
  await c.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
  await c.query("CREATE SCHEMA inventory");
  await c.query("CREATE TABLE inventory.objects (id text NOT NULL, kind text NOT NULL, tenant text NOT NULL, customer text NOT NULL, environment text, parent text, protected boolean NOT NULL DEFAULT false)");
  const cols = ["id", "kind", "tenant", "customer", "environment", "parent", "protected"];
  let batch = cols.map(() => []);
  let n = 0;
  const flush = async () => {
    await c.query(`INSERT INTO inventory.objects SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[])`, batch);
    batch = cols.map(() => []);
  };
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (!line) continue;
    const o = JSON.parse(line);
    cols.forEach((k, i) => batch[i].push(k === "protected" ? o.protected === true : (o[k] ?? null)));
    if (++n % 50_000 === 0) await flush();
  }
  if (batch[0].length) await flush();
  if (size > n) {
    // More objects nobody names: apps of their own tenants (the table grows; the identifiers do not).
    await c.query(`INSERT INTO inventory.objects SELECT 'pad-' || g, 'app', 'tenant-p' || (g % 100000), 'customer-p' || (g % 80000), 'production', NULL, false FROM generate_series(1, $1::int) g`, [size - n]);
  }
  await c.query("CREATE INDEX ON inventory.objects (id)");
  await c.query("CREATE INDEX ON inventory.objects (parent)");
  await c.query("ANALYZE inventory.objects");
  await c.query(`GRANT CONNECT ON DATABASE ${db} TO ${RO}`);
  await c.query(`GRANT USAGE ON SCHEMA inventory TO ${RO}`);
  await c.query(`GRANT SELECT ON inventory.objects TO ${RO}`);
  await c.end();
}
