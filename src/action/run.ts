import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { SourceLocation } from "../documents/source.js";
import { problemCount } from "../documents/problem.js";
import { compareFiles, listPullFiles, type Repo } from "../github/changes.js";
import { type ChangedFiles } from "../engine/change.js";
import { createGitHub, type GitHub } from "../github/client.js";
import { findComment, upsertComment, type CommentOutcome, type EarlierComment } from "../github/comments.js";
import { GitHubFiles } from "../github/contents.js";
import { explainApiError } from "../github/errors.js";
import { GitHubCommitHistory } from "../github/commits.js";
import { GitHubPermissions } from "../github/permissions.js";
import { listReviewEdits, listReviews } from "../github/reviews.js";
import { writeApprovals } from "../github/approval.js";
import { APPROVAL_CHECK, approvalsOf } from "../governance/approval.js";
import { GitHubTeams } from "../github/teams.js";
import type { GovernanceOptions } from "../check/governance.js";
import { statusOf, tally } from "../governance/judge.js";
import type { ChangeFacts } from "../engine/change.js";
import { toAnnotations, type Annotation } from "../report/annotations.js";
import { toJson } from "../report/json.js";
import { toSarif } from "../report/sarif.js";
import { COMMENT_MARKER, toComment, toSummary, type MarkdownInput } from "../report/markdown.js";
import { headline, toText } from "../report/text.js";
import { VERSION } from "../version.js";
import { repoPath } from "../documents/paths.js";
import { LocalFiles } from "../workspace/files.js";
import { checkRelative } from "../documents/paths.js";
import { FileError, type FileSource } from "../documents/files.js";
import { gitBlobId } from "../workspace/git.js";
import { loadPolicies, runCheck, type CheckResult, type PolicyDocuments } from "../check/run.js";
import { liveInventory } from "../inventory/live.js";
import { inventoryFile, type PostgresInventorySource } from "../resolve/catalog.js";
import type { LiveInventory } from "../resolve/inventory.js";
import { readRunnerContext, targetOf, type RunnerContext, type Target } from "./context.js";
import { gateFails, parseInputs, type Inputs } from "./inputs.js";
import { allManifests, selectAll, selectChanged, type Selection } from "../check/select.js";
import { policyImpact } from "../check/impact.js";
import { impactCounts } from "../report/impact.js";

/** Where the run's messages go (the step log). */
export interface ActionLog {
  info(line: string): void;
}

export type Verdict = CheckResult["verdict"];

/** Everything the step shows and sets: main.ts turns it into workflow commands, files and the exit code. */
export interface ActionOutcome {
  verdict: Verdict;
  /** 0 passes; 1 blocked; 2 Blastgate could not decide. */
  exitCode: 0 | 1 | 2;
  /** The verdict and why, for the last line of the log. */
  headline: string;
  annotations: Annotation[];
  omitted: number;
  /** Markdown for GITHUB_STEP_SUMMARY. */
  summary: string;
  outputs: Record<string, string>;
  comment: CommentOutcome | undefined;
  /** The plain text report for the log (untrusted text: print it with workflow commands stopped). */
  text: string;
}

export const REPORT_FILE = "blastgate-report.json";
export const SARIF_FILE = "blastgate.sarif";

function emptyResult(policiesDir: string): CheckResult {
  return { verdict: "error", findings: [], plans: [], problems: [], counts: tally([], []).counts, manifests: [], policiesDir, rules: [] };
}

/** Thrown for a reason Blastgate cannot decide that is tied to no file; its message says what to do. */
class CannotDecide extends Error {}

/**
 * The Action: reads the runner's environment and the inputs, judges what the event changed,
 * writes the JSON report and the pull request comment, and returns the rest for main.ts to emit.
 * Never throws for a reason it understands: those end as verdict "error" with a message.
 */
export async function runAction(env: Record<string, string | undefined>, getInput: (name: string) => string, log: ActionLog): Promise<ActionOutcome> {
  // When the run is over, anything still in flight or waiting to be retried (say the reviews, after the
  // changed files failed) is abandoned: it must not keep the step alive for minutes after the verdict.
  const over = new AbortController();
  try {
    return await run(env, getInput, log, over.signal);
  } finally {
    over.abort(new Error("the run is over"));
  }
}

async function run(env: Record<string, string | undefined>, getInput: (name: string) => string, log: ActionLog, signal: AbortSignal): Promise<ActionOutcome> {
  const contextRead = await readRunnerContext(env);
  const inputsRead = parseInputs(getInput);
  const policiesDir = inputsRead.inputs?.policies ?? "policies";
  let result = emptyResult(policiesDir);
  let failure: string | undefined;
  let md: Omit<MarkdownInput, "result"> = {};
  let gh: GitHub | undefined;
  let target: Target | undefined;
  let ctx: RunnerContext | undefined;
  let inputs: Inputs | undefined;
  let earlierComment: Promise<EarlierComment> | undefined;
  const now = inputsRead.inputs?.now ?? new Date();

  try {
    if (contextRead.error !== undefined) throw new CannotDecide(contextRead.error);
    ctx = contextRead.context;
    if (inputsRead.inputs === undefined) throw new CannotDecide(inputsRead.errors.join("; "));
    inputs = inputsRead.inputs;
    const targetRead = targetOf(ctx);
    if (targetRead.error !== undefined) throw new CannotDecide(targetRead.error);
    target = targetRead.target;
    if (target.kind !== "all") {
      if (!inputs.token) throw new CannotDecide("the 'token' input is empty: leave it at its default (${{ github.token }}) or pass a token that can read the repository");
      gh = createGitHub({ token: inputs.token, baseUrl: ctx.apiUrl, log: (m) => log.info(m), signal });
    }
    // Blastgate's earlier comment is looked up while the check runs: the write that ends the run waits on nothing else.
    if (target.kind === "pull_request" && inputs.comment && gh) earlierComment = findComment(gh, { owner: ctx.owner, repo: ctx.repo }, target.number, COMMENT_MARKER);
    const live = liveInventory({ ...(inputs.inventoryUrl ? { url: inputs.inventoryUrl, urlFrom: "the input inventory-url" } : {}), env });
    const judged = await judge(ctx, inputs, target, gh, now, log, signal, live);
    result = judged.result;
    md = judged.md;
  } catch (e) {
    if (!(e instanceof CannotDecide)) throw e;
    failure = e.message;
  }

  const verdict: Verdict = failure ? "error" : result.verdict;
  const blocking = result.findings.filter((f) => statusOf(f) === "blocking");
  const fails = gateFails(verdict, { all: blocking.length, hardMandatory: blocking.filter((f) => f.enforcement === "hard-mandatory").length }, inputs?.failOn ?? "mandatory");
  const exitCode = !fails ? 0 : verdict === "error" ? 2 : 1;
  const input: MarkdownInput = { ...md, result, gate: { fails, failOn: inputs?.failOn ?? "mandatory" } };
  if (failure) input.failure = failure;
  if (ctx?.runUrl) input.detailsUrl = ctx.runUrl;

  const { annotations, omitted } = toAnnotations({ findings: result.findings, problems: result.problems, ...(failure ? { failure } : {}) });
  const outputs: Record<string, string> = {
    verdict,
    "hard-mandatory": String(result.counts.hardMandatory),
    "soft-mandatory": String(result.counts.softMandatory),
    advisory: String(result.counts.advisory),
    blocking: String(blocking.length),
    overridden: String(result.counts.overridden ?? 0),
    waived: String(result.counts.waived ?? 0),
    problems: String(problemCount(result.problems) + (failure ? 1 : 0)),
  };
  if (ctx) {
    const reportPath = path.join(ctx.runnerTemp, REPORT_FILE);
    try {
      await mkdir(ctx.runnerTemp, { recursive: true });
      await writeFile(reportPath, JSON.stringify({ ...toJson(result, { version: VERSION, now }), verdict, ...(failure ? { failure } : {}) }, null, 2) + "\n");
      outputs.report = reportPath;
    } catch (e) {
      log.info(`the JSON report could not be written to ${reportPath}: ${(e as Error).message}`);
    }
    if (inputs?.sarif) {
      // Written whatever the verdict: code scanning shows a run's alerts, and closes those a later run no longer finds.
      const sarifPath = path.join(ctx.runnerTemp, SARIF_FILE);
      try {
        await writeFile(sarifPath, JSON.stringify(toSarif(result, { version: VERSION, ...(failure ? { failure } : {}) }), null, 2) + "\n");
        outputs["sarif-path"] = sarifPath;
      } catch (e) {
        log.info(`the SARIF report could not be written to ${sarifPath}: ${(e as Error).message}`);
      }
    }
  }

  // The approval record the runtime guard reads at execution: per manifest, its digest, verdict and lifts.
  if (target?.kind === "pull_request" && gh && ctx && !failure) {
    const records = approvalsOf(result);
    if (records.length > 0) {
      try {
        const written = await writeApprovals(gh, { owner: ctx.owner, repo: ctx.repo }, target.headSha, records);
        log.info(`approval record (${APPROVAL_CHECK}) on ${target.headSha.slice(0, 7)}: ${records.map((r) => `${r.path} ${r.verdict}${written.includes(r) ? "" : " (unchanged)"}`).join(", ")}`);
      } catch (e) {
        log.info(`approval record (${APPROVAL_CHECK}) not written: ${explainApiError(e, { doing: "write the approval record check run", permission: "checks: write" })}; the runtime guard will refuse these manifests`);
      }
    }
  }

  let comment: CommentOutcome | undefined;
  if (target?.kind === "pull_request" && inputs?.comment && gh && ctx) {
    const worthCreating = result.manifests.length > 0 || result.findings.length > 0 || result.problems.length > 0 || failure !== undefined;
    comment = await upsertComment(gh, { owner: ctx.owner, repo: ctx.repo }, { issueNumber: target.number, body: toComment(input), marker: COMMENT_MARKER, create: worthCreating }, earlierComment);
    log.info(comment.action === "skipped" ? `comment skipped: ${comment.reason}` : `comment ${comment.action}: ${comment.url}`);
  }

  return { verdict, exitCode, headline: failure ? `Blastgate could not decide: ${failure}` : headline(result), annotations, omitted, summary: toSummary(input), outputs, comment, text: failure ? "" : toText(result) };
}

interface Judged {
  result: CheckResult;
  md: Omit<MarkdownInput, "result">;
}

async function judge(ctx: RunnerContext, inputs: Inputs, target: Target, gh: GitHub | undefined, now: Date, log: ActionLog, signal: AbortSignal, liveInventory: (source: PostgresInventorySource) => LiveInventory): Promise<Judged> {
  const workspace = new LocalFiles(ctx.workspace);
  const policiesDir = inputs.policies;
  const scope = target.kind === "all" ? await wholeWorkspace(ctx, inputs, workspace, log) : await readChange(ctx, inputs, target, gh, workspace, log, signal);
  const { selection, policySource, inventoryPath, basePolicies, governance, notes } = scope;
  notes.push(...selection.notes.map(capitalize));
  for (const [m, why] of selection.reasons) log.info(`  ${m}: ${why}`);
  if (selection.manifests.length === 0) log.info("no manifest to judge");

  const what = target.kind === "pull_request" ? "pull request" : "change";
  // A pull request or merge group is one change: its manifests' blast-radius limits also hold together.
  const change = target.kind === "all" ? {} : { change: selection.touchedByChange };
  const changeFacts: ChangeFacts | undefined = target.kind === "all" ? undefined : { what, policySource: policySource.label, policiesDir, policyFiles: selection.policyChanges };
  let headPolicies: PolicyDocuments | undefined;
  if (changeFacts && selection.policyChanges.length > 0) {
    // The new policies are not used to judge, but a broken one must not merge: every later check would fail on it.
    headPolicies = await loadPolicies(workspace, policiesDir);
    changeFacts.changedPolicyProblems = (await runCheck({ workspace, policiesDir, manifests: [], now, policies: headPolicies })).problems;
    notes.push(`This ${what} changes the policies (${selection.policyChanges.map((f) => f.filename).join(", ")}). It is judged by the policies of the ${policySource.label}; the changed policies apply once merged.`);
  }
  if (changeFacts && selection.inventoryChanged && inventoryPath) {
    // The inventory decides what each identifier is: a pull request that changes it and a run it judges
    // could relabel sites as apps and pass. Each must be reviewed on its own (a merge queue groups pull
    // requests each judged so, so there the change is only reported).
    changeFacts.inventory = { file: inventoryPath, alongside: target.kind === "pull_request" ? selection.touchedByChange : [], listCut: target.kind === "pull_request" && scope.listCut };
  }
  const result = await runCheck({
    workspace,
    policySource,
    policiesDir,
    manifests: selection.manifests,
    now,
    governance,
    liveInventory,
    ...change,
    ...(basePolicies ? { policies: basePolicies } : {}),
    selectionProblems: selection.problems,
    ...(changeFacts ? { changeFacts } : {}),
  });
  if (headPolicies) {
    // What the policy change does to every manifest of the repository: informational, the verdict above stands.
    const manifests = governance.allManifests ?? (await allManifests({ workspace, globs: inputs.manifests, policiesDir }));
    const after = target.kind === "pull_request" ? "this pull request" : target.kind === "merge_group" ? `head commit ${target.headSha.slice(0, 7)}` : "the working tree";
    result.impact = await policyImpact({
      workspace,
      policiesDir,
      manifests,
      now,
      liveInventory,
      before: { source: policySource, label: policySource.label, ...(basePolicies ? { policies: basePolicies } : {}) },
      after: { source: workspace, label: after, policies: headPolicies },
    });
    log.info(result.impact.unavailable ?? `policy-change impact: ${impactCounts(result.impact)}`);
  }
  notes.push(...reviewNotes(ctx, target, result, log));
  return { result, md: markdownContext(ctx, target, policySource, policiesDir, notes) };
}

/** What a run judges, and with what: the manifests selected, the policies' source, and the governance facts. */
interface Scope {
  selection: Selection;
  policySource: FileSource;
  inventoryPath?: string;
  basePolicies?: PolicyDocuments;
  /** GitHub's list of changed files was cut short. */
  listCut: boolean;
  governance: GovernanceOptions;
  notes: string[];
}

/** A push, schedule or manual run: every manifest of the workspace, against the working tree's policies. */
async function wholeWorkspace(ctx: RunnerContext, inputs: Inputs, workspace: LocalFiles, log: ActionLog): Promise<Scope> {
  const policiesDir = inputs.policies;
  log.info(`${ctx.eventName}: checking every manifest in the workspace against the policies in ${policiesDir}/ of the working tree`);
  const selection = await selectAll({ workspace, globs: inputs.manifests, policiesDir, inventoryPath: undefined });
  // No pull request: no reviews, so overrides and approvals cannot lift anything; every governed script is judged.
  return { selection, policySource: workspace, listCut: false, governance: { org: ctx.owner, allManifests: selection.manifests }, notes: [] };
}

/** A pull request or merge group: the manifests it changes, the base commit's policies, and (with a pull request) its reviews. */
async function readChange(ctx: RunnerContext, inputs: Inputs, target: Exclude<Target, { kind: "all" }>, gh: GitHub | undefined, workspace: LocalFiles, log: ActionLog, signal: AbortSignal): Promise<Scope> {
  if (!gh) throw new Error("no GitHub client for a pull request or merge group");
  const repo: Repo = { owner: ctx.owner, repo: ctx.repo };
  const policiesDir = inputs.policies;
  const notes: string[] = [];
  // Governance: who reviewed, who is in which team, what changed. Absent pieces never lift a finding.
  const governance: GovernanceOptions = { org: ctx.owner };
  const baseFiles = new GitHubFiles(gh, repo, target.baseSha);
  // The requests that do not wait on each other go out together: the changed files, the base
  // commit's policies and the reviews cost one round trip, not one each.
  const changesRead = settle(changesRequest(ctx, target, gh, repo, log));
  const catalogRead = settle(peekPolicies(baseFiles, policiesDir));
  // The pull request whose reviews apply: the event's, or the one the merge queue's head ref names.
  const pullNumber = target.kind === "pull_request" ? target.number : target.pull;
  const reviewsRead = pullNumber !== undefined ? settle(listReviews(gh, repo, pullNumber)) : undefined;
  const authorRead = target.kind === "merge_group" && pullNumber !== undefined ? settle(pullAuthor(gh, repo, pullNumber)) : undefined;
  const changesOutcome = await changesRead;
  if ("error" in changesOutcome) {
    const doing = target.kind === "pull_request" ? "list the pull request's changed files" : "compare the merge group with its base";
    throw new CannotDecide(explainApiError(changesOutcome.error, { doing, permission: target.kind === "pull_request" ? "pull-requests: read" : "contents: read" }));
  }
  const changes = changesOutcome.value;
  log.info(`${changes.files.length} changed file${changes.files.length === 1 ? "" : "s"}${changes.complete ? "" : " (as many as GitHub lists: there may be more)"}`);
  const catalogOutcome = await catalogRead;
  if ("error" in catalogOutcome) throw catalogOutcome.error;
  const catalog = catalogOutcome.value;
  if (catalog.unreadable) throw new CannotDecide(catalog.unreadable);
  if (catalog.missing) {
    notes.push(`The base commit has no ${policiesDir}/ directory. Blastgate judges a pull request by its base branch's policies, so policies apply once they are merged: merge them first (this check cannot pass before).`);
  }
  const inventoryPath = catalog.inventoryPath;
  const selection = await selectChanged(changes, { workspace, globs: inputs.manifests, policiesDir, inventoryPath });
  // A list GitHub cut short may hide an inventory change: compare the file itself with the base's.
  if (!changes.complete && inventoryPath && !selection.inventoryChanged) {
    const same = await sameAsBase(baseFiles, ctx.workspace, inventoryPath);
    if (same !== true) {
      selection.inventoryChanged = true;
      log.info(
        same === false
          ? `the inventory ${inventoryPath} differs from the base commit's (it is past the end of GitHub's list of changed files)`
          : `the inventory ${inventoryPath} could not be compared with the base commit's (${same.unknown}): it is taken as changed`,
      );
    }
  }
  // A list GitHub may have cut short is no change list: then every governed script is judged.
  if (changes.complete) governance.changedFiles = changes.files.filter((f) => f.status !== "removed").map((f) => f.filename);
  // Waivers and manifest-required rules need every manifest's name; only then is the workspace scanned.
  if (catalog.needsIndex) governance.allManifests = await allManifests({ workspace, globs: inputs.manifests, policiesDir });
  if (pullNumber !== undefined) await readReviewFacts({ ctx, inputs, target, gh, repo, pullNumber, reviewsRead: reviewsRead!, authorRead, governance, log, signal });
  // A head ref that names no pull request leaves no reviews: nothing is overridden or approved (docs/action.md).
  else log.info("merge group: its head ref names no pull request (gh-readonly-queue/<base>/pr-<number>-<sha>), so no review applies; soft-mandatory findings block unless a waiver lifts them");
  return { selection, policySource: baseFiles, ...(inventoryPath !== undefined ? { inventoryPath } : {}), ...(catalog.policies ? { basePolicies: catalog.policies } : {}), listCut: !changes.complete, governance, notes };
}

/** The files a pull request changes, or a merge group against its base. */
function changesRequest(ctx: RunnerContext, target: Exclude<Target, { kind: "all" }>, gh: GitHub, repo: Repo, log: ActionLog): Promise<ChangedFiles> {
  if (target.kind === "merge_group") {
    log.info(`merge group: comparing ${target.baseSha.slice(0, 7)}...${target.headSha.slice(0, 7)}; policies come from base commit ${target.baseSha.slice(0, 7)}`);
    return compareFiles(gh, repo, target.baseSha, target.headSha);
  }
  if (ctx.eventName === "pull_request_review") {
    // The job's check on the head commit is recomputed: a dismissed or edited review, a reviewer gone from a team, a waiver expired.
    const p = ctx.payload as { action?: unknown; review?: { user?: { login?: unknown } | null } };
    const by = typeof p.review?.user?.login === "string" ? ` by ${p.review.user.login}` : "";
    log.info(`review ${typeof p.action === "string" ? p.action : "event"}${by}: judging head ${target.headSha.slice(0, 7)} again with the reviews as they stand now`);
  }
  log.info(`pull request #${target.number}: listing changed files; policies come from base commit ${target.baseSha.slice(0, 7)}`);
  return listPullFiles(gh, repo, target.number);
}

/** The pull request's author, reviews (with their edit history), and the ports governance asks: permissions, commits, teams, files at a reviewed commit. */
async function readReviewFacts(a: {
  ctx: RunnerContext;
  inputs: Inputs;
  target: Exclude<Target, { kind: "all" }>;
  gh: GitHub;
  repo: Repo;
  pullNumber: number;
  reviewsRead: Promise<Settled<Awaited<ReturnType<typeof listReviews>>>>;
  authorRead: Promise<Settled<PullFacts>> | undefined;
  governance: GovernanceOptions;
  log: ActionLog;
  signal: AbortSignal;
}): Promise<void> {
  const { ctx, inputs, target, gh, repo, pullNumber, governance, log } = a;
  let pull: PullFacts;
  if (target.kind === "pull_request") pull = target;
  else {
    const author = await a.authorRead!;
    if ("error" in author) throw new CannotDecide(explainApiError(author.error, { doing: `read pull request #${pullNumber}, which the merge queue's head ref names`, permission: "pull-requests: read" }));
    pull = author.value;
    log.info(`merge group of pull request #${pullNumber} (from the queue's head ref): its reviews apply to the content they approved, as on the pull request`);
  }
  if (pull.author !== undefined) governance.author = pull.author;
  const reviews = await a.reviewsRead;
  if ("error" in reviews) throw new CannotDecide(explainApiError(reviews.error, { doing: "list the pull request's reviews", permission: "pull-requests: read" }));
  governance.reviews = reviews.value;
  // Override text counts only as its reviewer wrote it: each body's edit history comes from GraphQL.
  if (reviews.value.some((r) => /blastgate/i.test(r.body ?? ""))) {
    try {
      const edits = await listReviewEdits(gh, repo, pullNumber, ctx.graphqlUrl);
      governance.reviews = reviews.value.map((r) => ({ ...r, ...edits.get(r.id) }));
    } catch (e) {
      const why = explainApiError(e, { doing: "read the reviews' edit history (GraphQL)", permission: "pull-requests: read" });
      log.info(`the reviews' edit history cannot be read, so no override counts: ${why}`);
      governance.reviews = reviews.value.map((r) => ({ ...r, editsUnreadable: why }));
    }
  }
  governance.permissions = new GitHubPermissions(gh, repo);
  governance.commits = new GitHubCommitHistory(gh, repo, { number: pullNumber, headRepo: pull.headRepo, headRef: pull.headRef, commits: pull.commits });
  log.info(
    `${governance.reviews.length} review${governance.reviews.length === 1 ? "" : "s"} by ${((n) => `${n} reviewer${n === 1 ? "" : "s"}`)(new Set(governance.reviews.map((r) => r.user?.login ?? "a deleted account")).size)}; author ${governance.author ?? "unknown"}`,
  );
  const teamsInput = inputs.teamsToken ? "teams-token" : "token";
  const teamsGh = inputs.teamsToken ? createGitHub({ token: inputs.teamsToken, baseUrl: ctx.apiUrl, log: (m) => log.info(m), signal: a.signal }) : gh;
  governance.teams = new GitHubTeams(teamsGh, teamsInput);
  const commits = new Map<string, GitHubFiles>();
  governance.filesAt = (commit) => {
    let files = commits.get(commit);
    if (!files) commits.set(commit, (files = new GitHubFiles(gh, repo, commit, "reviewed commit")));
    return files;
  };
}

/** Why a soft-mandatory finding lifted on a pull request blocks here, or whose reviews a merge group was judged with. */
function reviewNotes(ctx: RunnerContext, target: Target, result: CheckResult, log: ActionLog): string[] {
  if (target.kind === "pull_request" && target.fromFork) log.info("the pull request comes from a fork: its token is usually read-only, so the comment may be skipped; the verdict is the step's result");
  if (target.kind === "all" || (target.kind === "merge_group" && target.pull === undefined)) {
    if (!result.findings.some((f) => f.enforcement === "soft-mandatory" && statusOf(f) === "blocking")) return [];
    // Overrides and approvals live on a pull request: say why a finding lifted there blocks here.
    return [
      `This ${target.kind === "merge_group" ? "merge group names no pull request in its head ref, so it" : `${ctx.eventName} run`} has no pull request reviews, so no override or approval applies: soft-mandatory findings block unless a waiver lifts them. See docs/action.md ("Overrides, approvals and waivers").`,
    ];
  }
  if (target.kind === "merge_group") return [`Judged with the reviews of pull request #${target.pull} (named by the merge queue's head ref): an override or approval holds only for the content and plan its reviewer approved.`];
  return [];
}

/** The summary's and comment's notes, policy source and links to the judged commit's files. */
function markdownContext(ctx: RunnerContext, target: Target, policySource: FileSource, policiesDir: string, notes: string[]): Omit<MarkdownInput, "result"> {
  const sha = target.kind === "all" ? target.sha : target.headSha;
  const md: Omit<MarkdownInput, "result"> = { notes };
  if (target.kind !== "all") md.policySource = policySource.label;
  // Links go to the pull request's files; a policy location may be the base's version, so it gets none.
  const inPolicies = (file: string) => file === policiesDir || file.startsWith(`${policiesDir}/`);
  if (sha) md.link = (l: SourceLocation) => (inPolicies(l.file) ? undefined : `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/blob/${sha}/${l.file.split("/").map(encodeURIComponent).join("/")}#L${l.line}`);
  return md;
}

/** What a queued pull request's reviews are judged with: its author (undefined for a deleted account: then no review can be told apart from a self-approval) and where its commits were pushed. */
async function pullAuthor(gh: GitHub, repo: Repo, pullNumber: number): Promise<PullFacts> {
  const { data } = await gh.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { ...repo, pull_number: pullNumber });
  const login = (data as { user?: { login?: unknown } | null }).user?.login;
  const [owner, name] = typeof data.head?.repo?.full_name === "string" ? data.head.repo.full_name.split("/") : [];
  return {
    author: typeof login === "string" && login !== "" ? login : undefined,
    headRef: typeof data.head?.ref === "string" ? data.head.ref : undefined,
    headRepo: owner && name ? { owner, repo: name } : undefined,
    commits: typeof data.commits === "number" ? data.commits : undefined,
  };
}

interface PullFacts {
  author: string | undefined;
  headRef: string | undefined;
  headRepo: Repo | undefined;
  commits: number | undefined;
}

/** Whether the workspace's copy of a file is the base commit's (by git blob id), or why that is unknown. */
async function sameAsBase(base: GitHubFiles, workspaceRoot: string, file: string): Promise<boolean | { unknown: string }> {
  const outside = checkRelative(file);
  if (outside) return { unknown: `${file} ${outside}` };
  try {
    const [theirs, ours] = await Promise.all([base.blobId(file), gitBlobId(path.join(workspaceRoot, repoPath(file)))]);
    return theirs === ours;
  } catch (e) {
    return { unknown: e instanceof Error ? e.message : String(e) };
  }
}

type Settled<T> = { value: T } | { error: unknown };

/** A promise that never rejects: started early, its failure is reported where its answer is needed, in order. */
function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  return p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The base commit's policy files, read once: the check judges with them, and the Action learns from them
 * the inventory the catalog names (to know whether a change touches it) and whether waivers or
 * manifest-required rules need every manifest's name. Problems in them are the check's to report; here
 * only a missing directory or an API failure matters.
 */
async function peekPolicies(source: FileSource, policiesDir: string): Promise<{ policies?: PolicyDocuments; inventoryPath?: string; missing?: boolean; unreadable?: string; needsIndex?: boolean }> {
  try {
    await source.list(policiesDir);
  } catch (e) {
    if (e instanceof FileError && e.code === "missing") return { missing: true };
    if (e instanceof FileError && e.code === "io") return { unreadable: e.message };
    return {};
  }
  const policies = await loadPolicies(source, policiesDir);
  if (policies.unreadable !== undefined) return { unreadable: policies.unreadable };
  const out: { policies: PolicyDocuments; inventoryPath?: string; needsIndex?: boolean } = { policies };
  const inventoryPath = inventoryFile(policies.catalogs[0]?.doc.inventory);
  if (inventoryPath !== undefined) out.inventoryPath = inventoryPath;
  if (policies.waivers.length > 0 || policies.policies.some((p) => p.doc.rules.some((r) => r.type === "manifest-required"))) out.needsIndex = true;
  return out;
}
