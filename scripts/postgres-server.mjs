// A throwaway PostgreSQL server for the tests and the benchmark: Debian's `postgresql` binaries
// (installed by .ci/run), a fresh data directory, loopback only, a free port; stopped and removed after.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const SUPERUSER = "blastgate";
const SUPERUSER_PASSWORD = "superuser-secret";

/** The directory holding initdb and pg_ctl: $PG_BIN, else the newest /usr/lib/postgresql/<v>/bin, else pg_config's. */
export function postgresBin() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(path.join(root, v, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return path.join(root, versions[0], "bin");
  }
  const r = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  if (r.status === 0 && existsSync(path.join(r.stdout.trim(), "initdb"))) return r.stdout.trim();
  throw new Error("PostgreSQL server binaries not found: install them (Debian: apt-get install -y postgresql) or set PG_BIN to the directory holding initdb and pg_ctl");
}

async function freePort() {
  return await new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** initdb refuses to run as root: as root, the server runs as the `postgres` user the Debian package creates. */
function asServerUser() {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  return { uid, gid };
}

/**
 * Starts a server. Roles: `blastgate` (superuser, for setting up), plus what `hba` lines allow.
 * `tlsOnly` names a role the server accepts only over TLS (every other role connects without);
 * `settings` are more server settings (`-c name=value`).
 */
export async function startPostgres(options = {}) {
  const bin = postgresBin();
  const dir = mkdtempSync(path.join(os.tmpdir(), "blastgate-pg-"));
  const data = path.join(dir, "data");
  const owner = asServerUser();
  chmodSync(dir, 0o700);
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const pwfile = path.join(dir, "pw");
  writeFileSync(pwfile, SUPERUSER_PASSWORD + "\n");
  if (owner) chownSync(pwfile, owner.uid, owner.gid);
  const run = (cmd, args) => {
    const r = spawnSync(path.join(bin, cmd), args, { encoding: "utf8", ...(owner ? { uid: owner.uid, gid: owner.gid } : {}) });
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status ?? r.signal}): ${r.stderr || r.stdout}`);
    return r.stdout;
  };
  run("initdb", ["-D", data, "-U", SUPERUSER, "--pwfile", pwfile, "--auth=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync"]);
  const hba = [`hostnossl all ${options.tlsOnly ?? "tls_only_role"} 127.0.0.1/32 reject`, "host all all 127.0.0.1/32 scram-sha-256", "local all all scram-sha-256"];
  writeFileSync(path.join(data, "pg_hba.conf"), hba.join("\n") + "\n");
  if (owner) chownSync(path.join(data, "pg_hba.conf"), owner.uid, owner.gid);
  const port = await freePort();
  const extra = Object.entries(options.settings ?? {})
    .map(([k, v]) => ` -c ${k}=${v}`)
    .join("");
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60${extra}`;
  const start = () => run("pg_ctl", ["-D", data, "-o", serverOptions, "-l", path.join(dir, "log"), "-w", "-t", "60", "start"]);
  start();
  const url = (user = SUPERUSER, password = SUPERUSER_PASSWORD, database = "postgres") => `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  return {
    port,
    dir,
    url,
    adminUrl: (database = "postgres") => url(SUPERUSER, SUPERUSER_PASSWORD, database),
    /** A fast restart: every connection is cut, as when a server restarts mid-run. */
    restart() {
      run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      start();
    },
    stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
