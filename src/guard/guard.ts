/**
 * The runtime guard: "may this run start now?", asked by the script itself at execution. It reads the
 * local git repository, GitHub (the approval record), the policies and inventory at the protected
 * branch's tip and the ledger, and hands the pure decisions (stage order, budgets, id lists) what it read.
 */
import { randomUUID } from "node:crypto";
import { hostname, userInfo } from "node:os";
import path from "node:path";
import { CHECK_NAMES, judgeStage, pastSpend, stageStates, type CheckLine, type CheckName, type CheckStatus, type LedgerEntry } from "../check/ledger.js";
import { identifierValues, IdentifierFileParser } from "../documents/identifiers.js";
import { DEFAULT_LIMITS } from "../documents/limits.js";
import { compileBudgets, judgeBudgets, type Spend } from "../measure/budgets.js";
import { approvalRuns, pullsForCommit, type AssociatedPull } from "../github/approval.js";
import { createGitHub } from "../github/client.js";
import { liveInventory } from "../inventory/live.js";
import { apiMessage } from "../github/errors.js";
import { APPROVAL_APP, APPROVAL_CHECK, chooseApproval, liftedBy, type RunApproval } from "../governance/approval.js";
import { sliceStages, diffIdentifiers, spendOf, type StageSlice } from "../measure/stages.js";
import type { Catalog } from "../resolve/catalog.js";
import type { Inventory } from "../resolve/inventory.js";
import type { ManifestInput } from "../rules/types.js";
import type { Problem } from "../documents/problem.js";
import { gitBlobId, GitFiles, runGit } from "../workspace/git.js";
import { loadPolicies, runCheck, type CheckResult } from "../check/run.js";
import { LedgerError, RunRefusedError, type Ledger } from "./ledger-file.js";
import { openLedger } from "./ledger.js";
import { checkRecordWriter, type ProvenanceInput } from "./provenance.js";

export interface GuardOptions {
  /** The manifest, relative to `cwd`. */
  manifest: string;
  stage?: string;
  /** The identifiers the script is about to act on (the text of an identifier list, or the ids themselves). */
  ids?: string | readonly string[];
  /** Where this runs; default BLASTGATE_ENVIRONMENT. */
  environment?: string;
  /** The protected branch; default the remote's default branch. */
  branch?: string;
  /** owner/name; default GITHUB_REPOSITORY. */
  repo?: string;
  /** A JSON Lines file or a postgres:// URL; default BLASTGATE_LEDGER. */
  ledger?: string;
  now?: Date;
  cwd?: string;
  /** The policies directory, repository-relative (default `policies`). */
  policies?: string;
  /** The live inventory's connection string, when the catalog names a database (default: from the environment, as the check reads it). */
  inventoryUrl?: string;
  /** The git remote (default `origin`). */
  remote?: string;
  env?: Record<string, string | undefined>;
}

export type Decision = "go" | "refused" | "unknown";

/** How the run's function ended, when a bare exit code does not say it all. */
export interface RunOutcome {
  exitCode: number;
  /** The signal that ended the command (its exit code is then 128 + n). */
  signal?: string;
  /** The command could not be started: the ledger records the run as not having happened (the stage stays pending, the budget does not count it). */
  notStarted?: true;
}

export interface GuardResult {
  decision: Decision;
  /** 0 go, 1 refused, 2 cannot decide. */
  exitCode: 0 | 1 | 2;
  checks: CheckLine[];
  /** One line per check: `<check>: ok|refused|unknown: <reason>`. */
  text: string;
  /** What the user should know besides the checks (a ledger file that did not exist yet). */
  notes: string[];
  manifest?: { name: string; path: string; digest: string };
  /** The stage and the identifiers approved for it (what the run acts on). */
  stage?: { name: string; identifiers: string[] };
  /**
   * Records the stage's start, calls `fn` with its approved identifiers, records its end and exit code
   * (a throw records exit code 1 and is rethrown). Refuses (RunRefusedError) when the guard did not say go,
   * or when the ledger changed meanwhile so that the stage or the budget no longer holds; LedgerError
   * when the ledger cannot be used.
   */
  run(fn: (identifiers: string[]) => Promise<number | void | RunOutcome>, command?: string[]): Promise<number>;
}

/** What the checks were decided on, kept for `run`'s re-check under the ledger lock. */
interface Context {
  ledger: Ledger | undefined;
  slices: StageSlice[] | undefined;
  slice: StageSlice | undefined;
  manifest: { name: string; path: string; digest: string } | undefined;
  spend: Spend | undefined;
  budgetsOf: ((entries: LedgerEntry[]) => CheckLine) | undefined;
  now: Date;
  by: string;
}

export function formatChecks(checks: readonly CheckLine[]): string {
  return checks.map((c) => `${c.check}: ${c.status}: ${c.reason}`).join("\n") + "\n";
}

function decide(checks: readonly CheckLine[]): { decision: Decision; exitCode: 0 | 1 | 2 } {
  if (checks.some((c) => c.status === "refused")) return { decision: "refused", exitCode: 1 };
  if (checks.some((c) => c.status === "unknown")) return { decision: "unknown", exitCode: 2 };
  return { decision: "go", exitCode: 0 };
}

function whoRuns(env: Record<string, string | undefined>): string {
  if (env.GITHUB_ACTOR) return env.GITHUB_ACTOR;
  try {
    return `${userInfo().username}@${hostname()}`;
  } catch {
    return `uid ${process.getuid?.() ?? "unknown"}@${hostname()}`;
  }
}

/** The identifiers of a `--ids` list, read as identifier files are (one a line; blank lines and # comments skipped). */
function parseIds(ids: string | readonly string[]): { ids: { id: string; line: number }[]; problem?: string } {
  const parser = new IdentifierFileParser("--ids", DEFAULT_LIMITS);
  parser.push(typeof ids === "string" ? ids : ids.join("\n"));
  const { list, problems } = parser.end();
  const out = Array.from({ length: list.length }, (_, i) => ({ id: list.value(i), line: list.location(i).line }));
  return problems.length > 0 ? { ids: out, problem: `${problems[0]!.message} (line ${problems[0]!.location.line})` } : { ids: out };
}

/** Asks every check and records the decision in the ledger. Never throws for a reason it understands. */
export async function guard(opts: GuardOptions): Promise<GuardResult> {
  if (opts.now !== undefined && (!(opts.now instanceof Date) || Number.isNaN(opts.now.getTime()))) throw new TypeError(`guard(): options.now must be a valid Date, not ${String(opts.now)}`);
  if (typeof opts.manifest !== "string" || opts.manifest === "") throw new TypeError("guard(): options.manifest must name the manifest file");
  const env = opts.env ?? process.env;
  const now = opts.now ?? new Date();
  const cwd = path.resolve(opts.cwd ?? process.cwd());
  const lines = new Map<CheckName, CheckLine>();
  const set = (check: CheckName, status: CheckStatus, reason: string) => {
    if (!lines.has(check)) lines.set(check, { check, status, reason });
  };
  const ctx: Context = { ledger: undefined, slices: undefined, slice: undefined, manifest: undefined, spend: undefined, budgetsOf: undefined, now, by: whoRuns(env) };
  let entries: LedgerEntry[] | undefined;
  const ledgerSpec = opts.ledger ?? env.BLASTGATE_LEDGER;
  await inspectAll(opts, env, now, cwd, set, ctx, (e) => (entries = e), ledgerSpec);
  const checks = CHECK_NAMES.map((c) => lines.get(c) ?? { check: c, status: "unknown" as const, reason: "not judged" });
  let { decision, exitCode } = decide(checks);
  // The decision is recorded; a ledger that cannot take it refuses the run.
  if (ctx.ledger && entries !== undefined) {
    try {
      await ctx.ledger.append({
        type: "decision",
        at: now.toISOString(),
        manifest: ctx.manifest?.name ?? "",
        path: ctx.manifest?.path ?? opts.manifest,
        stage: ctx.slice?.name ?? opts.stage ?? "",
        by: ctx.by,
        decision,
        checks,
        ...(ctx.manifest ? { digest: ctx.manifest.digest } : {}),
      });
    } catch (e) {
      // A ledger that cannot take the decision cannot take the start either: stage and budget undecided.
      const status = e instanceof LedgerError && !e.unavailable ? "refused" : "unknown";
      for (const c of checks) if (c.check === "stage" || c.check === "budget") Object.assign(c, { status, reason: (e as Error).message });
      ({ decision, exitCode } = decide(checks));
    }
  }
  const notice = ctx.ledger?.notice?.();
  const result: GuardResult = {
    decision,
    exitCode,
    checks,
    notes: notice ? [notice] : [],
    text: formatChecks(checks),
    run: (fn, command) => startStage(result, ctx, fn, command),
  };
  if (ctx.manifest) result.manifest = ctx.manifest;
  if (ctx.slice) result.stage = { name: ctx.slice.name, identifiers: ctx.slice.identifiers };
  return result;
}

async function inspectAll(
  opts: GuardOptions,
  env: Record<string, string | undefined>,
  now: Date,
  cwd: string,
  set: (check: CheckName, status: CheckStatus, reason: string) => void,
  ctx: Context,
  setEntries: (e: LedgerEntry[]) => void,
  ledgerSpec: string | undefined,
): Promise<void> {
  const unknownAll = (reason: string) => CHECK_NAMES.forEach((c) => set(c, "unknown", reason));
  // The ledger first: without it neither the stage nor the budget can be judged, and that refuses the run.
  let entries: LedgerEntry[] | undefined;
  if (ledgerSpec === undefined || ledgerSpec === "") {
    const why = "no ledger: give --ledger FILE or --ledger postgres://... (or BLASTGATE_LEDGER) so that stages and budgets can be judged";
    set("stage", "refused", why);
    set("budget", "refused", why);
  } else {
    try {
      ctx.ledger = openLedger(ledgerSpec, cwd);
      entries = await ctx.ledger.read();
      setEntries(entries);
    } catch (e) {
      // A ledger that cannot be used leaves the stage and the budget undecided: nothing runs (exit 2).
      const why = e instanceof LedgerError ? e.message : `the ledger cannot be read: ${(e as Error).message}`;
      const status = e instanceof LedgerError && !e.unavailable ? "refused" : "unknown";
      set("stage", status, why);
      set("budget", status, why);
      ctx.ledger = undefined;
    }
  }

  // The repository is the manifest's: found from its directory, wherever the guard is started.
  const near = path.dirname(path.resolve(cwd, opts.manifest));
  const top = await runGit(near, ["rev-parse", "--show-toplevel"]);
  if (!top.ok) return unknownAll(`${near} is not inside a git repository (${top.error}): the guard compares the manifest with the protected branch`);
  const root = top.stdout.trim();
  const file = path.relative(root, path.resolve(cwd, opts.manifest)).split(path.sep).join("/");
  if (file.startsWith("../") || path.isAbsolute(file)) return unknownAll(`${opts.manifest} lies outside the repository ${root}`);
  const remote = opts.remote ?? "origin";

  // The protected branch, fetched now: a stale remote-tracking branch could still hold what has since been reverted.
  let branch = opts.branch;
  if (!branch) {
    const head = await runGit(root, ["symbolic-ref", "--short", `refs/remotes/${remote}/HEAD`]);
    if (head.ok) branch = head.stdout.trim().slice(remote.length + 1);
    else {
      const ls = await runGit(root, ["ls-remote", "--symref", remote, "HEAD"]);
      branch = /^ref: refs\/heads\/(\S+)\s+HEAD/m.exec(ls.stdout)?.[1];
    }
    if (!branch) return unknownAll(`the default branch of the remote '${remote}' cannot be told: name the protected branch with --branch`);
  }
  const fetched = await runGit(root, ["fetch", "--quiet", "--no-tags", remote, `+refs/heads/${branch}:refs/remotes/${remote}/${branch}`]);
  if (!fetched.ok) return unknownAll(`the protected branch ${branch} cannot be fetched from '${remote}': ${fetched.error}`);
  const tipRead = await runGit(root, ["rev-parse", "--verify", `refs/remotes/${remote}/${branch}^{commit}`]);
  if (!tipRead.ok) return unknownAll(`the protected branch ${remote}/${branch} cannot be resolved: ${tipRead.error}`);
  const tip = tipRead.stdout.trim();
  const protectedName = `${remote}/${branch} (${tip.slice(0, 7)})`;

  // Everything is judged as the protected branch's tip holds it: the manifest, its files, the policies, the inventory.
  const tipFiles = new GitFiles(root, tip);
  const policiesDir = (opts.policies ?? "policies").replace(/\/+$/, "");
  let loaded: { catalog: Catalog | undefined; inventory: Inventory | undefined; manifests: readonly ManifestInput[] } | undefined;
  let result: CheckResult | undefined;
  let policies;
  try {
    policies = await loadPolicies(tipFiles, policiesDir);
    // A live inventory (Postgres) is asked as the check asks it: the connection string from --inventory-url or the environment.
    const live = liveInventory({ ...(opts.inventoryUrl ? { url: opts.inventoryUrl, urlFrom: "--inventory-url" } : {}), env });
    result = await runCheck({ workspace: tipFiles, policiesDir, manifests: [file], now, policies, liveInventory: live, inspect: (l) => (loaded = l) });
  } catch (e) {
    return unknownAll(`the manifest cannot be judged at ${protectedName}: ${(e as Error).message}`);
  }
  const manifest = loaded?.manifests.find((m) => m.file === file);
  const onTip = await runGit(root, ["cat-file", "-e", `${tip}:${file}`]);

  // 1. merged: the files are on the protected branch, and the working tree holds them unchanged.
  if (!onTip.ok) {
    set("merged", "refused", `${file} is not on the protected branch ${protectedName}: run a manifest once its pull request is merged`);
    for (const c of CHECK_NAMES) set(c, "unknown", `the manifest is not on ${protectedName}: nothing approved to judge`);
    return;
  }
  if (!manifest || !manifest.identifiers || manifest.digest === undefined) {
    const problem = firstProblem(result.problems);
    const why = problem ? `${problem.location.file}:${problem.location.line}: ${problem.message}` : `${file} cannot be loaded at ${protectedName}`;
    set("merged", "unknown", why);
    for (const c of CHECK_NAMES) set(c, "unknown", `the manifest cannot be read at ${protectedName}: ${why}`);
    return;
  }
  const files = [file, ...(manifest.identifierFile ? [manifest.identifierFile] : []), ...(manifest.scriptFiles ?? [])];
  const differing: string[] = [];
  for (const f of files) {
    const [local, atTip, atHead] = await Promise.all([gitBlobId(path.join(root, f)), runGit(root, ["rev-parse", "--verify", "--quiet", `${tip}:${f}`]), runGit(root, ["rev-parse", "--verify", "--quiet", `HEAD:${f}`])]);
    const tipBlob = atTip.ok ? atTip.stdout.trim() : undefined;
    if (local === tipBlob) continue;
    const headBlob = atHead.ok ? atHead.stdout.trim() : undefined;
    if (local === undefined) differing.push(`${f} is missing from the working tree`);
    else if (local !== headBlob) differing.push(`${f} has local changes (it differs from the commit checked out)`);
    else differing.push(`${f} differs from ${protectedName} (the checked-out branch is not what was merged)`);
  }
  if (differing.length > 0) set("merged", "refused", differing.slice(0, 3).join("; ") + (differing.length > 3 ? ` and ${differing.length - 3} more` : ""));
  else set("merged", "ok", `${files.join(", ")} equal ${protectedName}, unchanged in the working tree`);

  const digest = manifest.digest;
  const name = manifest.doc.metadata.name;
  ctx.manifest = { name, path: file, digest };

  // 6. environment
  const environment = opts.environment ?? env.BLASTGATE_ENVIRONMENT;
  if (environment === undefined || environment === "") set("environment", "refused", `say where this runs: --environment NAME or BLASTGATE_ENVIRONMENT (the manifest is for ${manifest.doc.spec.environment})`);
  else if (environment !== manifest.doc.spec.environment) set("environment", "refused", `this runs in '${environment}', the manifest was approved for '${manifest.doc.spec.environment}'`);
  else set("environment", "ok", `'${environment}' is the manifest's environment`);

  // 2. approved: Blastgate's record on the pull request that brought this content to the protected branch.
  const record = await findApproval({ root, tip, branch, files, digest, path: file, env, repo: opts.repo, set });

  // 3. current: judged again now, with the tip's policies and inventory; only the record's lifts apply.
  if (result.problems.length > 0) {
    const p = firstProblem(result.problems)!;
    set("current", "unknown", `${where(p)}: ${p.message}${result.problems.length > 1 ? ` (and ${result.problems.length - 1} more problems)` : ""}`);
  } else {
    const blocking = result.findings.filter((f) => f.manifest === file && f.enforcement !== "advisory" && !liftedBy(record, f));
    if (blocking.length > 0) {
      set(
        "current",
        "refused",
        `judged again now, ${blocking.length} mandatory finding${blocking.length === 1 ? "" : "s"} stand${blocking.length === 1 ? "s" : ""}: ${blocking
          .slice(0, 3)
          .map((f) => `${f.ruleId} (${f.location.file}:${f.location.line}): ${f.message}`)
          .join("; ")}`,
      );
    } else {
      const lifted = result.findings.filter((f) => f.manifest === file && liftedBy(record, f)).length;
      set("current", "ok", `judged again now with the policies and inventory of ${protectedName}: no mandatory finding stands${lifted > 0 ? ` (${lifted} lifted by the approval record)` : ""}`);
    }
  }

  // 5. stage, then 4. ids and 7. budget on its identifiers.
  const plan = result.plans.find((p) => p.manifest === file);
  if (!plan) {
    for (const c of ["stage", "ids", "budget"] as const) set(c, "unknown", `the manifest's plan cannot be measured at ${protectedName}`);
    return;
  }
  const slices = sliceStages(plan.stages, identifierValues(manifest.identifiers));
  ctx.slices = slices;
  const stageName = opts.stage ?? (slices.length === 1 ? slices[0]!.name : undefined);
  const slice = slices.find((s) => s.name === stageName);
  if (slice) ctx.slice = slice;
  if (entries) {
    set("stage", ...lineOf(judgeStage(slices, stageStates(entries, { name, path: file }, slices), opts.stage, now)));
  }

  if (!slice) set("ids", "unknown", opts.stage === undefined ? "no stage named: the approved list of a stage cannot be told" : `no stage '${opts.stage}'`);
  else if (opts.ids === undefined) set("ids", "ok", `stage '${slice.name}' acts on ${slice.identifiers.length} approved identifiers (no --ids list given to compare)`);
  else {
    const given = parseIds(opts.ids);
    if (given.problem) set("ids", "refused", `the --ids list: ${given.problem}`);
    else {
      const d = diffIdentifiers(slice.identifiers, given.ids);
      if (d.extraCount + d.missingCount === 0) set("ids", "ok", `the ${given.ids.length} identifiers given are exactly the approved identifiers of stage '${slice.name}'`);
      else {
        const parts = [
          d.extraCount > 0 ? `${d.extraCount} not approved for stage '${slice.name}' (${d.extra.map((e) => `'${e.id}' line ${e.line}`).join(", ")}${d.extraCount > d.extra.length ? ", ..." : ""})` : "",
          d.missingCount > 0 ? `${d.missingCount} approved but missing (${d.missing.map((id) => `'${id}'`).join(", ")}${d.missingCount > d.missing.length ? ", ..." : ""})` : "",
        ].filter(Boolean);
        set("ids", "refused", `the list given differs from the approved one: ${parts.join("; ")}`);
      }
    }
  }

  if (!slice) return set("budget", "unknown", "no stage to measure");
  if (!loaded?.catalog) return set("budget", "unknown", "no catalog to tell the identifiers' kinds");
  // A Policy that failed to load may hold a budget: without it the budgets cannot be told.
  const policyProblem = firstProblem(policies.problems);
  if (policyProblem) return set("budget", "unknown", `${where(policyProblem)}: ${policyProblem.message}: the budgets cannot be told while a policy file has problems`);
  const compiled = compileBudgets(policies.policies);
  if (compiled.problems.length > 0) {
    const p = compiled.problems[0]!;
    return set("budget", "unknown", `${p.location.file}:${p.location.line}: ${p.message}`);
  }
  const spend = spendOf(slice.identifiers, loaded.catalog, loaded.inventory);
  ctx.spend = spend;
  const inventory = loaded.inventory;
  ctx.budgetsOf = (all) => {
    const outcome = judgeBudgets(compiled.budgets, pastSpend(all), spend, now, (k) => inventory?.countOfKind(k));
    return { check: "budget", status: outcome.status, reason: outcome.reason };
  };
  if (entries) set("budget", ...lineOf(ctx.budgetsOf(entries)));
}

/** The problem to show first: one at a line of a file before one about a whole directory ("no Policy document in policies/"). */
export function firstProblem(problems: readonly Problem[]): Problem | undefined {
  return problems.find((p) => /\.[A-Za-z0-9]+$/.test(p.location.file)) ?? problems[0];
}

const where = (p: Problem) => `${p.location.file}:${p.location.line}:${p.location.column}`;

function lineOf(l: CheckLine): [CheckStatus, string] {
  return [l.status, l.reason];
}

async function findApproval(a: {
  root: string;
  tip: string;
  branch: string;
  files: string[];
  digest: string;
  path: string;
  env: Record<string, string | undefined>;
  repo: string | undefined;
  set: (check: CheckName, status: CheckStatus, reason: string) => void;
}): Promise<RunApproval | undefined> {
  const repoName = a.repo ?? a.env.GITHUB_REPOSITORY;
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(repoName ?? "");
  if (!m) {
    a.set("approved", "unknown", repoName ? `'${repoName}' is not owner/name` : "which GitHub repository holds the approval record? give --repo owner/name or GITHUB_REPOSITORY");
    return undefined;
  }
  const token = a.env.GITHUB_TOKEN;
  if (!token) {
    a.set("approved", "unknown", "GITHUB_TOKEN is not set: the approval record is read from GitHub (a token that can read checks and pull requests)");
    return undefined;
  }
  const repo = { owner: m[1]!, repo: m[2]! };
  // The commit that brought the content to the branch: the last first-parent commit touching any of its files.
  const log = await runGit(a.root, ["log", "-1", "--first-parent", "--format=%H", a.tip, "--", ...a.files]);
  const commit = log.stdout.trim();
  if (!log.ok || !commit) {
    a.set("approved", "unknown", `the commit that brought ${a.path} to ${a.branch} cannot be found: ${log.error || "no commit touches it"}`);
    return undefined;
  }
  const baseUrl = a.env.GITHUB_API_URL || "https://api.github.com";
  if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) {
    a.set("approved", "unknown", `GITHUB_API_URL '${baseUrl}' is not an http(s) URL such as https://api.github.com`);
    return undefined;
  }
  const gh = createGitHub({ token, baseUrl, log: () => undefined, retries: 2, maxRateLimitWait: 60 });
  try {
    const pulls = (await pullsForCommit(gh, repo, commit)).filter((p) => p.mergedAt !== null && p.baseRef === a.branch);
    if (pulls.length === 0) {
      const changed = await runGit(a.root, ["show", "--name-only", "--format=", commit, "--", ...a.files]);
      const named = changed.ok ? changed.stdout.split("\n").filter(Boolean) : [];
      const what = named.length > 0 ? named.join(", ") : a.path;
      a.set("approved", "refused", `commit ${commit.slice(0, 7)}, which brought ${what} to ${a.branch}, belongs to no pull request merged into ${a.branch}: nothing approved this content; open a pull request to have it approved again`);
      return undefined;
    }
    let reason = "";
    const app = a.env.BLASTGATE_APPROVAL_APP || APPROVAL_APP;
    for (const pull of pulls) {
      const judged = await judgeRecord({ gh, repo, root: a.root, tip: a.tip, branch: a.branch, app, pull, path: a.path, digest: a.digest });
      if (typeof judged === "string") {
        reason ||= `pull request #${pull.number} (head ${pull.headSha.slice(0, 7)}): ${judged}`;
        continue;
      }
      a.set("approved", "ok", judged.line);
      return judged.record;
    }
    a.set("approved", "refused", reason);
  } catch (e) {
    a.set("approved", "unknown", `GitHub cannot be read at ${a.env.GITHUB_API_URL || "https://api.github.com"}: ${apiMessage(e)}`);
  }
  return undefined;
}

/** The record on one merged pull request's head commit, or why it does not approve this content. API failures throw. */
async function judgeRecord(a: Omit<ProvenanceInput, "checkRun" | "suite" | "pull"> & { pull: AssociatedPull; path: string; digest: string }): Promise<{ record: RunApproval; line: string } | string> {
  const { pull } = a;
  const chosen = chooseApproval(await approvalRuns(a.gh, a.repo, pull.headSha), a.path, a.app);
  if (!chosen.ok) return chosen.reason;
  const r = chosen.record;
  if (r.digest !== a.digest) return `the ${APPROVAL_CHECK} record is for digest ${r.digest.slice(0, 19)}, the files now are ${a.digest.slice(0, 19)}`;
  if (r.verdict !== "allowed") return `Blastgate's verdict on this content was ${r.verdict}`;
  // Any workflow's token can write a check run: only the protected branch's workflow files may have written this one.
  const writer = await checkRecordWriter({ ...a, pull: pull.number, checkRun: chosen.id, suite: chosen.suite });
  if (writer.status === "refused") return writer.reason;
  const lifts = r.overrides.length + r.waivers.length;
  return {
    record: r,
    line: `pull request #${pull.number}, merged ${pull.mergedAt}, allowed digest ${r.digest.slice(0, 19)} (check run ${chosen.id}${lifts > 0 ? `; ${r.overrides.length} override(s), ${r.waivers.length} waiver(s)` : ""}), ${writer.note}`,
  };
}

/** Under the ledger lock: the stage and the budget again (another run may have started meanwhile), the start, the run, the end. */
async function startStage(result: GuardResult, ctx: Context, fn: (identifiers: string[]) => Promise<number | void | RunOutcome>, command?: string[]): Promise<number> {
  if (result.decision !== "go") throw new RunRefusedError(`the guard did not say go (${result.decision})`);
  const { ledger, slices, slice, manifest, spend, budgetsOf } = ctx;
  if (!ledger || !slices || !slice || !manifest || !spend || !budgetsOf) throw new RunRefusedError("the guard did not say go");
  const run = randomUUID();
  // Times are on the guard's clock (`--now` sets it): the start is its now, the end that plus the time the stage took.
  const base = { at: ctx.now.toISOString(), manifest: manifest.name, path: manifest.path, stage: slice.name, by: ctx.by };
  await ledger.exclusive(async () => {
    const entries = await ledger.read();
    for (const line of [judgeStage(slices, stageStates(entries, manifest, slices), slice.name, ctx.now), budgetsOf(entries)]) {
      if (line.status !== "ok") throw new RunRefusedError(`${line.check}: ${line.status}: ${line.reason}`);
    }
    await ledger.append({ ...base, type: "start", run, digest: manifest.digest, count: slice.identifiers.length, spend, ...(command ? { command } : {}) });
  });
  let outcome: RunOutcome = { exitCode: 1 };
  const t0 = Date.now();
  try {
    const got = await fn([...slice.identifiers]);
    outcome = typeof got === "object" ? got : { exitCode: typeof got === "number" ? got : 0 };
    return outcome.exitCode;
  } finally {
    const end = new Date(ctx.now.getTime() + (Date.now() - t0));
    const { exitCode, signal, notStarted } = outcome;
    await ledger.append({ ...base, at: end.toISOString(), type: "end", run, exitCode, ...(signal ? { signal } : {}), ...(notStarted ? { notStarted } : {}) });
  }
}
