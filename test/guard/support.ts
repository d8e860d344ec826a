/**
 * The runtime guard's world: a real git repository with a bare "origin", the bundled Action judging a
 * pull request against the fake GitHub API (it writes the approval record there), and a local HTTP
 * server standing in for the deletion API, counting every call.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { BIN } from "../support/repo.js";
import { EXAMPLES, pull, pullRequestPayload, ROOT, runAction, startApi, tempDir } from "../action/harness.js";
import { checkSuiteId, type GitHubApiServer } from "../support/github-api.js";

export { tempDir };

export const T0 = Date.parse("2026-11-24T09:00:00Z");
export const at = (hours: number, minutes = 0) => new Date(T0 + hours * 3_600_000 + minutes * 60_000).toISOString();

export function git(dir: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", ...args], { cwd: dir, encoding: "utf8" }).trim();
}

export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
}

/** A commit's files, as the fake GitHub API's tree for it. */
export function treeAt(dir: string, commit: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of git(dir, "ls-tree", "-r", "--name-only", commit).split("\n").filter(Boolean)) out[f] = git(dir, "show", `${commit}:${f}`) + "\n";
  return out;
}

export const example = (rel: string) => readFileSync(path.join(EXAMPLES, rel), "utf8");

/** The deletion API: `DELETE /apps/<id>`; every call counted. */
export async function deletionApi(): Promise<{ url: string; calls: string[]; close(): Promise<void> }> {
  const calls: string[] = [];
  const server: Server = createServer((req, res) => {
    calls.push(`${req.method} ${req.url}`);
    res.writeHead(req.method === "DELETE" ? 204 : 405).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI as a child process (async: the fake APIs answer from this process); `started` gets the process (to signal it). */
export function blastgate(args: string[], cwd: string, env: Record<string, string>, started?: (child: ChildProcess) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    started?.(child);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The lines a guard printed, by check. */
export function checks(stdout: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of stdout.matchAll(/^(merged|approved|current|ids|stage|environment|budget): (ok|refused|unknown): (.*)$/gm)) out[m[1]!] = `${m[2]}: ${m[3]}`;
  return out;
}

/** The maintenance script: deletes every identifier it is handed (BLASTGATE_IDS_FILE), after checking stdin holds the same list. */
export const DELETE_SCRIPT = `import { readFileSync } from "node:fs";
const fromFile = readFileSync(process.env.BLASTGATE_IDS_FILE, "utf8");
let fromStdin = "";
for await (const c of process.stdin) fromStdin += c;
if (fromStdin !== fromFile) process.exit(4);
for (const id of fromFile.split("\\n").filter(Boolean)) {
  const r = await fetch(process.env.DELETION_API + "/apps/" + id, { method: "DELETE" });
  if (!r.ok) process.exit(3);
}
`;

export const SAFE = "manifests/remove-insight-safe.yaml";
export const EXTRA = "manifests/remove-insight-extra.yaml";
export const APPS = example("ids/insight-apps.txt")
  .split("\n")
  .filter((l) => /^app-/.test(l));
export const EXTRA_APPS = Array.from({ length: 100 }, (_, i) => `app-${String(884 + i).padStart(4, "0")}`);
const inventoryLine = (id: string, extra = "") => `{"id":"${id}","kind":"app","tenant":"tenant-0001","customer":"customer-0001","environment":"production","parent":"site-0001"${extra}}`;
const INVENTORY = example("inventory/objects.ndjson").trimEnd() + "\n" + EXTRA_APPS.map((id) => inventoryLine(id)).join("\n") + "\n";
// 900 apps a day: the safe manifest's waves fit (400 + 473 within 24h); a second manifest on top does not.
const STARTER = example("policies/starter.yaml") + "\nbudgets:\n  - { kind: app, maxCount: 900, window: 24h }\n";
// The README's copy-paste wrapper, exactly as printed there: wave 2 runs through it.
const README_WRAPPER = /<!-- wrapper:start -->\n```sh\n([\s\S]*?)```\n<!-- wrapper:end -->/.exec(readFileSync(path.join(ROOT, "README.md"), "utf8"))![1]!;
const SAFE_MANIFEST = example(SAFE).replace("scripts: [scripts/remove-app.sh]", 'scripts: ["scripts/remove-app.*"]');
const EXTRA_MANIFEST = SAFE_MANIFEST.replace("name: remove-insight-safe", "name: remove-insight-extra")
  .replace("expectedCount: 883", "expectedCount: 100")
  .replace("file: ids/insight-apps.txt", "file: ids/insight-extra.txt")
  .replace(/ {6}- \{ name: canary.*\n.*\n.*\n/, "      - { name: canary, count: 50, bake: 1h }\n      - { name: rest, percent: 50 }\n");

export const BLASTGATE_WORKFLOW = ".github/workflows/blastgate.yml";
export const CI_WORKFLOW = ".github/workflows/ci.yml";

export interface World {
  api: GitHubApiServer;
  deletions: Awaited<ReturnType<typeof deletionApi>>;
  /** The engineer's clone, on the pull request's branch (not merged yet: mergePull merges it). */
  work: string;
  headSha: string;
  baseSha: string;
}

/**
 * origin seeded with the platform team's files (policies with a budget, the inventory, the scripts), a
 * pull request adding two manifests, and the bundled Action's approval records on its head commit.
 */
export async function approvedWorld(): Promise<World> {
  const deletions = await deletionApi();
  const origin = await tempDir("origin");
  git(origin, "init", "-q", "--bare");
  const seed = await tempDir("seed");
  git(seed, "init", "-q");
  await writeFiles(seed, {
    "policies/catalog.yaml": example("policies/catalog.yaml"),
    "policies/starter.yaml": STARTER,
    "inventory/objects.ndjson": INVENTORY,
    "scripts/remove-app.mjs": DELETE_SCRIPT,
    "scripts/remove-app.sh": README_WRAPPER,
    "README.md": "ops\n",
    [BLASTGATE_WORKFLOW]:
      "name: blastgate\non: [pull_request, pull_request_review]\npermissions: { contents: read, pull-requests: write, checks: write }\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: acme/blastgate@v1\n",
    [CI_WORKFLOW]: "name: ci\non: [push, pull_request]\npermissions: { contents: read, checks: write }\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: make test\n",
  });
  git(seed, "add", "-A");
  git(seed, "commit", "-q", "-m", "platform files");
  git(seed, "push", "-q", origin, "HEAD:refs/heads/main");
  const work = await tempDir("work");
  git(path.dirname(work), "clone", "-q", origin, work);
  const baseSha = git(work, "rev-parse", "HEAD");

  // The pull request: two manifests and their identifier files.
  git(work, "checkout", "-q", "-b", "remove-insight");
  await writeFiles(work, { [SAFE]: SAFE_MANIFEST, "ids/insight-apps.txt": example("ids/insight-apps.txt"), [EXTRA]: EXTRA_MANIFEST, "ids/insight-extra.txt": EXTRA_APPS.join("\n") + "\n" });
  git(work, "add", "-A");
  git(work, "commit", "-q", "-m", "Remove the Insight app");
  git(work, "push", "-q", "origin", "remove-insight");
  const headSha = git(work, "rev-parse", "HEAD");

  // The Action judges it and leaves the approval record on the head commit.
  const p = pull({ head: { sha: headSha, ref: "remove-insight", repo: { full_name: "acme/ops", fork: false } }, base: { sha: baseSha, ref: "main", repo: { full_name: "acme/ops" } } });
  const api = await startApi({ pulls: [p], files: { [baseSha]: treeAt(work, baseSha), [headSha]: treeAt(work, headSha) } });
  const ws = await tempDir("workspace");
  git(work, "worktree", "add", "-q", "--detach", ws, headSha);
  const action = await runAction({ api, workspace: ws, payload: pullRequestPayload(p) });
  if (action.outputs.verdict !== "allowed" || api.violations.length > 0) throw new Error(`the Action did not allow the pull request:\n${action.stdout}\n${api.violations.join("\n")}`);
  // The records' check suite is the Blastgate workflow's run on the pull request.
  const suites = new Set(api.state.checkRuns.filter((c) => c.name === "blastgate/approval").map((c) => checkSuiteId(c)));
  for (const suite of suites) api.state.workflowRuns.push({ id: 4242, check_suite_id: suite, path: BLASTGATE_WORKFLOW, head_sha: headSha, head_branch: "remove-insight", event: "pull_request" });
  return { api, deletions, work, headSha, baseSha };
}

/** The approved world with the pull request merged, and the environment the engineer runs the guard in. */
export async function mergedWorld(): Promise<{ world: World; env: Record<string, string> }> {
  const world = await approvedWorld();
  mergePull(world.work, world.api);
  return { world, env: { GITHUB_API_URL: world.api.url, GITHUB_TOKEN: "ghp_engineer", GITHUB_REPOSITORY: "acme/ops", DELETION_API: world.deletions.url } };
}

/** Merges the pull request (#7) into main with a merge commit, pushes it, and tells the fake GitHub API. */
export function mergePull(work: string, api: GitHubApiServer): void {
  git(work, "checkout", "-q", "main");
  git(work, "merge", "-q", "--no-ff", "-m", "Merge pull request #7 from acme/remove-insight", "remove-insight");
  git(work, "push", "-q", "origin", "main");
  const merged = api.state.pulls.get(7)!;
  merged.merged_at = "2026-11-24T08:00:00Z";
  merged.merge_commit_sha = git(work, "rev-parse", "HEAD");
  merged.state = "closed";
}
