/**
 * Runs the bundled Action (`node dist/index.js`) the way a GitHub runner does: an event payload
 * file, a workspace, step summary and output files, inputs as INPUT_* (with action.yml's
 * defaults, as the runner applies them), and GITHUB_API_URL pointing at the fake GitHub API.
 */
import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { runnerCommands } from "../support/runner-commands.js";
import { startGitHubApi, type GitHubApiInit, type GitHubApiServer, type PullState } from "../support/github-api.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const EXAMPLES = path.join(ROOT, "examples");
export const OWNER = "acme";
export const REPO = "ops";
export const BASE_SHA = "a".repeat(40);
export const HEAD_SHA = "b".repeat(40);
export const TOKEN = "ghs_workflowtoken";
/** The examples are judged as of this date (the safe manifest's drill is then recent). */
export const NOW = "2026-11-24";
export const LEGACY = "manifests/remove-insight-legacy.yaml";
export const SAFE = "manifests/remove-insight-safe.yaml";
export const MARKER = "<!-- blastgate:comment -->";

export interface Annotation {
  level: "error" | "warning" | "notice";
  title?: string;
  file?: string;
  line?: number;
  col?: number;
  message: string;
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
  annotations: Annotation[];
  /** Log lines that are not workflow commands. */
  log: string[];
  runnerTemp: string;
}

/** Temporary directories and fake APIs; removed and closed by cleanup(). */
const made: string[] = [];
const servers: GitHubApiServer[] = [];
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `blastgate-${prefix}-`));
  made.push(dir);
  return dir;
}
export async function cleanup(): Promise<void> {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

export async function startApi(init: GitHubApiInit = {}): Promise<GitHubApiServer> {
  const api = await startGitHubApi({ owner: OWNER, repo: REPO, ...init });
  servers.push(api);
  return api;
}

/** A repository made of the example's files (no .git), optionally without some of them. */
export async function exampleRepo(omit: string[] = []): Promise<string> {
  const dir = await tempDir("repo");
  await cp(EXAMPLES, dir, { recursive: true, filter: (src) => !omit.includes(path.relative(EXAMPLES, src).split(path.sep).join("/")) });
  return dir;
}

/** Every file below a directory, as the fake API's file tree. */
export async function treeOf(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (rel: string) => {
    for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(child);
      else out[child] = await readFile(path.join(dir, child), "utf8");
    }
  };
  await walk("");
  return out;
}

export async function write(dir: string, file: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
  await writeFile(path.join(dir, file), text);
}

export function pull(overrides: Partial<PullState> = {}): PullState {
  return {
    number: 7,
    title: "Remove the legacy Insight app",
    user: { login: "alice" },
    head: { sha: HEAD_SHA, ref: "cleanup", repo: { full_name: `${OWNER}/${REPO}`, fork: false } },
    base: { sha: BASE_SHA, ref: "main", repo: { full_name: `${OWNER}/${REPO}` } },
    ...overrides,
  };
}

/** The pull_request event payload as GitHub sends it (the fields Blastgate reads, and a few more). */
export function pullRequestPayload(p: PullState): object {
  return {
    action: "synchronize",
    number: p.number,
    pull_request: {
      number: p.number,
      title: p.title,
      user: p.user,
      head: { sha: p.head.sha, ref: p.head.ref, repo: p.head.repo && { full_name: p.head.repo.full_name, fork: p.head.repo.fork } },
      base: { sha: p.base.sha, ref: p.base.ref, repo: { full_name: p.base.repo.full_name } },
    },
    repository: { full_name: `${OWNER}/${REPO}`, name: REPO, owner: { login: OWNER } },
  };
}

let defaults: Record<string, string> | undefined;
/** action.yml's input defaults, with ${{ github.token }} replaced by the test token, as the runner does. */
async function actionDefaults(): Promise<Record<string, string>> {
  if (!defaults) {
    const action = parse(await readFile(path.join(ROOT, "action.yml"), "utf8")) as { inputs: Record<string, { default?: string }> };
    defaults = {};
    for (const [name, spec] of Object.entries(action.inputs)) {
      defaults[name] = String(spec.default ?? "").replace("${{ github.token }}", TOKEN);
    }
  }
  return defaults;
}

export interface RunOptions {
  api: GitHubApiServer;
  workspace: string;
  event?: string;
  payload: object;
  inputs?: Record<string, string>;
  /** More environment for the step (a proxy, say). */
  env?: Record<string, string>;
}

/** Runs dist/index.js as the runner would and collects what it left behind. */
export async function runAction(opts: RunOptions): Promise<ActionRun> {
  const home = await tempDir("runner");
  const runnerTemp = path.join(home, "temp");
  await mkdir(runnerTemp);
  const eventPath = path.join(home, "event.json");
  const summaryPath = path.join(home, "summary.md");
  const outputPath = path.join(home, "output.txt");
  await writeFile(eventPath, JSON.stringify(opts.payload));
  await writeFile(summaryPath, "");
  await writeFile(outputPath, "");
  const inputs = { ...(await actionDefaults()), now: NOW, ...opts.inputs };
  // A clean environment: nothing from the machine running the tests (which may itself be a runner).
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: home,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: opts.event ?? "pull_request",
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_API_URL: opts.api.url,
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_RUN_ID: "4242",
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_OUTPUT: outputPath,
    RUNNER_TEMP: runnerTemp,
  };
  Object.assign(env, opts.env);
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;

  const child = spawn(process.execPath, [path.join(ROOT, "dist/index.js")], { cwd: opts.workspace, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  return {
    code,
    stdout,
    stderr,
    summary: await readFile(summaryPath, "utf8"),
    outputs: parseOutputs(await readFile(outputPath, "utf8")),
    annotations: parseAnnotations(stdout),
    log: stdout.split("\n").filter((l) => !l.startsWith("::")),
    runnerTemp,
  };
}

/** GITHUB_OUTPUT's heredoc format: name<<DELIMITER\nvalue\nDELIMITER */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]!] = m[3]!;
  return out;
}

const unescapeData = (s: string) => s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
const unescapeProperty = (s: string) => unescapeData(s).replace(/%3A/g, ":").replace(/%2C/g, ",");

/** Annotations in workflow-command form (::error file=a.yaml,line=3,col=1,title=...::message), as the runner reads them. */
export function parseAnnotations(stdout: string): Annotation[] {
  const out: Annotation[] = [];
  for (const c of runnerCommands(stdout)) {
    if (c.form !== "v2" || (c.name !== "error" && c.name !== "warning" && c.name !== "notice")) continue;
    const a: Annotation = { level: c.name, message: unescapeData(c.data) };
    for (const [key, raw] of Object.entries(c.properties)) {
      const value = unescapeProperty(raw);
      if (key === "line" || key === "col") a[key] = Number(value);
      else if (key === "file" || key === "title") a[key] = value;
    }
    out.push(a);
  }
  return out;
}

/** "METHOD /path status" of every request, for asserting what was sent. */
export function requestLines(api: GitHubApiServer): string[] {
  return api.requests.map((r) => `${r.method} ${r.path}${Object.keys(r.query).length ? "?" + new URLSearchParams(r.query).toString() : ""} ${r.status}`);
}

/** The base branch: the example's policies, inventory and identifier files, no manifest yet. */
export async function baseTree(): Promise<Record<string, string>> {
  return treeOf(await exampleRepo(["manifests"]));
}

export interface PullRequestFixture {
  api: GitHubApiServer;
  workspace: string;
  payload: object;
}

/**
 * A pull request whose head is the examples with only the given manifests; `edit` changes the
 * workspace before the fake API learns the head tree (so the changed-file list follows).
 */
export async function pullRequest(manifests: string[], opts: { edit?: (ws: string) => Promise<void>; init?: GitHubApiInit; pull?: Partial<PullState> } = {}): Promise<PullRequestFixture> {
  const workspace = await exampleRepo([LEGACY, SAFE].filter((m) => !manifests.includes(m)));
  await opts.edit?.(workspace);
  const p = pull(opts.pull);
  const api = await startApi({ pulls: [p], files: { [BASE_SHA]: await baseTree(), [HEAD_SHA]: await treeOf(workspace) }, ...opts.init });
  return { api, workspace, payload: pullRequestPayload(p) };
}

export function commentsByBot(api: GitHubApiServer) {
  return api.state.comments.filter((c) => c.user.type === "Bot");
}
