/**
 * A fake GitHub REST API for tests.
 *
 * `startGitHubApi(init)` starts an HTTP server on 127.0.0.1 (random port) that
 * serves the handful of endpoints a pull-request gate needs from an in-memory
 * state object, records every request, and checks each request against
 * GitHub's published OpenAPI description (from `@octokit/openapi`). Anything a
 * real client could get wrong without noticing against a lenient fake — an
 * unknown route, an undeclared query parameter, an undeclared or missing body
 * property, a missing Authorization header — is appended to
 * `server.violations`. Tests should assert that list is empty.
 *
 * The OpenAPI checks are deliberately shallow (parameter and top-level body
 * property names, the `required` list); they are not a JSON Schema validator.
 *
 * Usage:
 *   const gh = await startGitHubApi({ owner: 'acme', repo: 'app', pulls: [...], files: {...} });
 *   const octokit = new Octokit({ auth: 'test-token', baseUrl: gh.url });
 *   ...
 *   expect(gh.violations).toEqual([]);
 *   await gh.close();
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { buildSchema, GraphQLError, graphqlSync, type GraphQLSchema } from 'graphql';

// ---------------------------------------------------------------------------
// Public types: state
// ---------------------------------------------------------------------------

/** File content: text (stored as UTF-8) or raw bytes. */
export type FileContent = string | Uint8Array;
/** Path (no leading slash, e.g. "src/a.ts") -> content, for one ref. */
export type FileTree = Map<string, FileContent>;

export type PullFileStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';

/** One entry of a pull request's changed-file list, as the test sets it up. */
export interface PullFileState {
  filename: string;
  status: PullFileStatus;
  /** Blob SHA; defaults to the git blob SHA of the head content (or a hash of the name). */
  sha?: string;
  /** Default: computed from the base/head contents when both are known, else 0. */
  additions?: number;
  deletions?: number;
  /** Default: additions + deletions. */
  changes?: number;
  /** Set for `renamed` / `copied`. */
  previous_filename?: string;
  /** Unified diff hunk; GitHub omits it for binary or huge diffs, and so does the fake unless set. */
  patch?: string;
}

export interface PullState {
  number: number;
  title?: string;
  body?: string | null;
  state?: 'open' | 'closed';
  draft?: boolean;
  merged?: boolean;
  /** When it was merged (ISO 8601); null or absent: not merged. */
  merged_at?: string | null;
  /** The commit the merge made on the base branch. */
  merge_commit_sha?: string | null;
  labels?: string[];
  user: { login: string; type?: UserType };
  /** `repo` is null when the fork was deleted, as on GitHub. */
  head: { sha: string; ref: string; repo: { full_name: string; fork: boolean } | null };
  base: { sha: string; ref: string; repo: { full_name: string } };
  /**
   * Explicit changed-file list. When omitted, the list is derived by diffing the
   * file trees stored for `base.sha` (or `base.ref`) and `head.sha` (or `head.ref`).
   * Renames can only be expressed here.
   */
  files?: PullFileState[];
}

export type UserType = 'User' | 'Bot' | 'Organization';

export interface CommentState {
  id: number;
  /** Pull request number (issue comments on PRs live on the issue). */
  issue_number: number;
  body: string;
  user: { login: string; type: UserType };
  created_at: string;
  updated_at: string;
}

export type ReviewStateValue = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

export interface ReviewState {
  id: number;
  pull_number: number;
  user: { login: string; type: UserType };
  body: string;
  state: ReviewStateValue;
  commit_id: string;
  /** null for PENDING reviews. */
  submitted_at: string | null;
  /** Edits of the body, oldest first (GraphQL `userContentEdits`); the last one is `editor`/`lastEditedAt`. */
  edits: ReviewEdit[];
}

/** One edit of a review's body, as GraphQL's `userContentEdits` lists it. */
export interface ReviewEdit {
  /** null: a deleted account. */
  editor: string | null;
  editedAt: string;
}

/** A commit of a pull request: who GitHub links as author and committer, and the files it changes. */
export interface CommitState {
  sha: string;
  author: string | null;
  committer: string | null;
  files: string[];
}

/** A push in the repository's activity (GET /repos/{owner}/{repo}/activity). */
export interface ActivityState {
  id: number;
  before: string;
  after: string;
  /** "refs/heads/<branch>". */
  ref: string;
  actor: string | null;
  activity_type: 'push' | 'force_push' | 'branch_creation' | 'branch_deletion' | 'pr_merge' | 'merge_queue_merge';
  timestamp: string;
}

export interface TeamMembership {
  login: string;
  role: 'member' | 'maintainer';
  state: 'active' | 'pending';
}

/** The live, mutable state the server answers from (`server.state`). */
export interface GitHubApiState {
  owner: string;
  repo: string;
  defaultBranch: string;
  /** Login of the token's identity; author of comments created through the API. */
  login: string;
  /** Fork-PR mode: every POST/PATCH/PUT/DELETE answers 403 "Resource not accessible by integration". */
  readOnly: boolean;
  pulls: Map<number, PullState>;
  /** Ref name (branch/tag) or commit SHA -> files at that ref. */
  files: Map<string, FileTree>;
  /** Branch name -> commit SHA, used to resolve a branch to a key of `files` (and for get-commit). */
  branches: Map<string, string>;
  comments: CommentState[];
  reviews: ReviewState[];
  /** "org/team_slug" -> members. */
  teams: Map<string, TeamMembership[]>;
  /** Lower-cased login -> repository permission ("admin", "write", "read", "none"); null: not a user (404). Unlisted: "write". */
  permissions: Map<string, string | null>;
  /** Pull number -> its commits, oldest first. Unlisted: one commit, head, by the pull request's author. */
  commits: Map<number, CommitState[]>;
  activity: ActivityState[];
  /** Check runs, in the order created. */
  checkRuns: CheckRunState[];
  /** GitHub Actions workflow runs (`GET /repos/{owner}/{repo}/actions/runs`), each owning one check suite. */
  workflowRuns: WorkflowRunState[];
  /** The app slug check runs created through the API are attributed to (the workflow token acts as `github-actions`). */
  app: string;
  /** Clock for created_at/updated_at. */
  now: () => Date;
}

export interface CheckRunState {
  id: number;
  name: string;
  head_sha: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: string | null;
  /** Slug of the app that wrote it. */
  app: string;
  output: { title: string | null; summary: string | null; text: string | null };
  started_at: string;
  completed_at: string | null;
  /** The check suite GitHub filed it under; default one suite per head commit and app (see checkSuiteId). */
  check_suite_id?: number;
}

/** A workflow run: the check suite it owns, the workflow file it ran (`path`) and the commit that file was read at (`head_sha`). */
export interface WorkflowRunState {
  id: number;
  check_suite_id: number;
  /** The workflow file, e.g. ".github/workflows/blastgate.yml". */
  path: string;
  head_sha: string;
  head_branch: string | null;
  event: string;
  name?: string;
  /** Reusable workflows it called: "owner/repo/.github/workflows/x.yml@ref" with the commit read. */
  referenced_workflows?: { path: string; sha: string; ref?: string }[];
}

/** The check suite a check run belongs to, as the check-runs endpoints report it. */
export function checkSuiteId(c: Pick<CheckRunState, 'head_sha' | 'app' | 'check_suite_id'>): number {
  return c.check_suite_id ?? numericId(`suite/${c.head_sha}/${c.app}`);
}

/** What `startGitHubApi` accepts: every field optional, plain objects welcome. */
export interface GitHubApiInit {
  owner?: string;
  repo?: string;
  defaultBranch?: string;
  login?: string;
  readOnly?: boolean;
  pulls?: PullState[] | Map<number, PullState>;
  files?: Map<string, Map<string, FileContent>> | Record<string, Record<string, FileContent>>;
  branches?: Map<string, string> | Record<string, string>;
  comments?: Array<Pick<CommentState, 'issue_number' | 'body'> & Partial<Omit<CommentState, 'user'>> & { user?: string | { login: string; type?: UserType } }>;
  reviews?: Array<Pick<ReviewState, 'pull_number' | 'state'> & Partial<Omit<ReviewState, 'user' | 'edits'>> & { user?: string | { login: string; type?: UserType }; edits?: Array<Partial<ReviewEdit> & { editor: string | null }> }>;
  /** "org/team_slug" -> logins (active members) or full membership records. */
  teams?: Record<string, Array<string | (Partial<TeamMembership> & { login: string })>>;
  /** login -> permission on the repository (null: GitHub answers 404); unlisted logins have "write". */
  permissions?: Record<string, string | null>;
  commits?: Array<{ pull_number: number } & Partial<CommitState> & { sha: string }>;
  activity?: Array<Partial<ActivityState> & { after: string; actor: string | null }>;
  checkRuns?: Array<Pick<CheckRunState, 'name' | 'head_sha'> & Partial<CheckRunState>>;
  workflowRuns?: WorkflowRunState[];
  /** Default `github-actions`. */
  app?: string;
  now?: () => Date;
  /**
   * Where the API lives on the server, as on GitHub Enterprise Server ("/api/v3"): `url` includes it,
   * a request outside it is a violation (and a 404), and links in answers carry it.
   */
  pathPrefix?: string;
}

// ---------------------------------------------------------------------------
// Public types: server
// ---------------------------------------------------------------------------

export interface RecordedRequest {
  method: string;
  /** Percent-decoded path without the query, e.g. "/repos/o/r/contents/src/a.ts". */
  path: string;
  /** Path exactly as received (octokit encodes "/" inside `{path}` as %2F). */
  rawPath: string;
  /** Query parameters; a repeated name keeps the last value. */
  query: Record<string, string>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined when empty or not JSON. */
  body: unknown;
  /** Status code sent back (0 until the response is written). */
  status: number;
  /** OpenAPI operationId, e.g. "pulls/list-files"; undefined when the route is not in the description. */
  operationId: string | undefined;
  /** OpenAPI path template, e.g. "/repos/{owner}/{repo}/pulls/{pull_number}/files". */
  route: string | undefined;
}

export type FaultPreset =
  /** 403 (or `status`) + secondary-rate-limit message + `retry-after: 1`. */
  | 'secondary-rate-limit'
  /** 403 (or `status`) + `x-ratelimit-remaining: 0` and a reset 1 s ahead. */
  | 'primary-rate-limit'
  /** 403 "Resource not accessible by integration". */
  | 'not-accessible'
  /** 401 "Bad credentials". */
  | 'bad-credentials';

export interface FaultRule {
  /** HTTP method to match (case-insensitive); any method when omitted. */
  method?: string;
  /** Tested against the decoded path without query; a string must match exactly. */
  path: RegExp | string;
  /** Required unless `preset` supplies one. */
  status?: number;
  preset?: FaultPreset;
  /** JSON body to send; defaults to a GitHub-like body for the status/preset. */
  body?: unknown;
  /** Sent verbatim instead of a JSON body (content-type stays JSON unless overridden). */
  raw?: string;
  /** Extra/overriding response headers. */
  headers?: Record<string, string>;
  /** How many matching requests this rule answers; default 1, `Infinity` for all. */
  times?: number;
  /** Delay before answering, e.g. to exercise client timeouts. */
  delayMs?: number;
}

export interface FaultHandle {
  /** Matching requests answered so far. */
  readonly used: number;
  /** Matching requests this rule will still answer. */
  readonly remaining: number;
}

export interface GitHubApiServer {
  /** Base URL, e.g. "http://127.0.0.1:41234" — pass as octokit's `baseUrl`. */
  readonly url: string;
  readonly state: GitHubApiState;
  readonly requests: RecordedRequest[];
  readonly violations: string[];
  /** Script a response; rules are tried in the order they were added. */
  fail(rule: FaultRule): FaultHandle;
  /** Forget recorded requests, violations and unused fault rules (state is kept). */
  reset(): void;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------
// OpenAPI description: loading, indexing, matching
// ---------------------------------------------------------------------------

interface OaRef {
  $ref?: string;
}
interface OaSchema extends OaRef {
  type?: string;
  properties?: Record<string, unknown>;
  required?: string[];
  additionalProperties?: unknown;
  oneOf?: OaSchema[];
  anyOf?: OaSchema[];
  allOf?: OaSchema[];
}
interface OaParameter extends OaRef {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  'x-multi-segment'?: boolean;
}
interface OaRequestBody extends OaRef {
  required?: boolean;
  content?: Record<string, { schema?: OaSchema }>;
}
interface OaOperation {
  operationId: string;
  parameters?: OaParameter[];
  requestBody?: OaRequestBody;
  externalDocs?: { url: string };
}
interface OaDocument {
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
}

/** Shallow body contract of one operation. */
export interface BodyRule {
  required: boolean;
  /** False when the operation takes a non-JSON body (e.g. text/plain); then nothing else is checked. */
  json: boolean;
  /** Declared top-level property names; undefined when the schema is open (additionalProperties). */
  properties: Set<string> | undefined;
  /** Always-required property names. */
  requiredProps: string[];
  /** For oneOf/anyOf bodies: the body must contain every name of at least one list. */
  alternatives: string[][];
  /** Whether a non-object JSON body (array, string) is acceptable. */
  acceptsNonObject: boolean;
}

export interface GitHubOperation {
  method: string;
  /** OpenAPI path template. */
  route: string;
  operationId: string;
  docsUrl: string;
  /** Declared query parameters: name -> required. */
  query: Map<string, boolean>;
  body: BodyRule | undefined;
}

interface CompiledRoute extends GitHubOperation {
  regex: RegExp;
  paramNames: string[];
  /** Per template segment: 3 literal, 2 literal+param, 1 param, 0 multi-segment param. */
  specificity: number[];
}

type SpecIndex = Map<string, CompiledRoute[]>;

const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'];
const GENERIC_DOCS_URL = 'https://docs.github.com/rest';

let specIndex: Promise<SpecIndex> | undefined;

/** Loads and indexes the 13 MB description once per process (per vitest worker). */
function loadSpecIndex(): Promise<SpecIndex> {
  specIndex ??= (async () => {
    const file = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');
    const doc = JSON.parse(await readFile(file, 'utf8')) as OaDocument;
    return buildIndex(doc);
  })();
  return specIndex;
}

function resolveRef<T extends OaRef>(doc: OaDocument, node: T): T {
  let current: T = node;
  for (let hops = 0; current.$ref !== undefined; hops++) {
    const match = /^#\/components\/([^/]+)\/([^/]+)$/.exec(current.$ref);
    if (!match || hops > 20) throw new Error(`unsupported $ref ${current.$ref}`);
    current = doc.components[match[1]!]![match[2]!] as T;
  }
  return current;
}

function buildIndex(doc: OaDocument): SpecIndex {
  const index: SpecIndex = new Map();
  for (const [template, pathItem] of Object.entries(doc.paths)) {
    const shared = (pathItem['parameters'] as OaParameter[] | undefined) ?? [];
    for (const method of HTTP_METHODS) {
      const op = pathItem[method] as OaOperation | undefined;
      if (!op) continue;
      const params = [...shared, ...(op.parameters ?? [])].map((p) => resolveRef(doc, p));
      const multiSegment = new Set(params.filter((p) => p.in === 'path' && p['x-multi-segment']).map((p) => p.name));
      const query = new Map(params.filter((p) => p.in === 'query').map((p) => [p.name, p.required === true]));
      const { regex, paramNames, specificity } = compileTemplate(template, multiSegment);
      const routes = index.get(method.toUpperCase()) ?? [];
      routes.push({
        method: method.toUpperCase(),
        route: template,
        operationId: op.operationId,
        docsUrl: op.externalDocs?.url ?? GENERIC_DOCS_URL,
        query,
        body: op.requestBody ? compileBody(doc, resolveRef(doc, op.requestBody)) : undefined,
        regex,
        paramNames,
        specificity,
      });
      index.set(method.toUpperCase(), routes);
    }
  }
  // Most specific template first, so "/pulls/comments" beats "/pulls/{pull_number}".
  for (const routes of index.values()) routes.sort((a, b) => compareSpecificity(b.specificity, a.specificity));
  return index;
}

function compileTemplate(template: string, multiSegment: Set<string>) {
  const paramNames: string[] = [];
  const specificity: number[] = [];
  const segments = template
    .split('/')
    .slice(1)
    .map((segment) => {
      const parts = segment.split(/(\{[^}]+\})/).filter((part) => part !== '');
      let score = 3;
      const pattern = parts
        .map((part) => {
          const name = /^\{([^}]+)\}$/.exec(part)?.[1];
          if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          paramNames.push(name);
          const multi = multiSegment.has(name);
          score = Math.min(score, multi ? 0 : parts.length === 1 ? 1 : 2);
          // Multi-segment params (contents {path}, trees {tree_sha}) may span "/" and be empty (repo root).
          return multi ? '(.*)' : '([^/]+)';
        })
        .join('');
      specificity.push(score);
      // A whole-segment multi-segment param may be empty together with its slash:
      // octokit sends getContent({ path: '' }) as ".../contents", which GitHub serves as the root listing.
      return score === 0 && parts.length === 1 ? '(?:/(.*))?' : `/${pattern}`;
    });
  return { regex: new RegExp(`^${segments.join('')}$`), paramNames, specificity };
}

function compareSpecificity(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}

function compileBody(doc: OaDocument, requestBody: OaRequestBody): BodyRule {
  const rule: BodyRule = {
    required: requestBody.required === true,
    json: false,
    properties: new Set(),
    requiredProps: [],
    alternatives: [],
    acceptsNonObject: false,
  };
  const jsonSchema = requestBody.content?.['application/json']?.schema;
  if (!jsonSchema) return rule;
  rule.json = true;
  const root = resolveRef(doc, jsonSchema);
  let open = false;
  const absorb = (schema: OaSchema) => {
    for (const name of Object.keys(schema.properties ?? {})) rule.properties!.add(name);
    if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) open = true;
    if (schema.type !== undefined && schema.type !== 'object') rule.acceptsNonObject = true;
  };
  absorb(root);
  rule.requiredProps.push(...(root.required ?? []));
  for (const branch of root.allOf ?? []) {
    const resolved = resolveRef(doc, branch);
    absorb(resolved);
    rule.requiredProps.push(...(resolved.required ?? []));
  }
  for (const branch of [...(root.oneOf ?? []), ...(root.anyOf ?? [])]) {
    const resolved = resolveRef(doc, branch);
    absorb(resolved);
    rule.alternatives.push(resolved.required ?? []);
  }
  if (open || rule.properties!.size === 0) rule.properties = undefined;
  return rule;
}

interface MatchedOperation {
  operation: GitHubOperation;
  /** Percent-decoded path parameters. */
  params: Record<string, string>;
}

function matchRoute(index: SpecIndex, method: string, rawPath: string): MatchedOperation | undefined {
  for (const route of index.get(method) ?? []) {
    const match = route.regex.exec(rawPath);
    if (!match) continue;
    const params: Record<string, string> = {};
    route.paramNames.forEach((name, i) => {
      params[name] = safeDecode(match[i + 1] ?? '');
    });
    return { operation: route, params };
  }
  return undefined;
}

/**
 * Finds the OpenAPI operation for a concrete request, e.g.
 * `findGitHubOperation('GET', '/repos/o/r/pulls/1/files')` -> operationId "pulls/list-files".
 * Useful for tests that want to assert which endpoints a module calls.
 */
export async function findGitHubOperation(method: string, rawPath: string): Promise<(GitHubOperation & { params: Record<string, string> }) | undefined> {
  const match = matchRoute(await loadSpecIndex(), method.toUpperCase(), rawPath);
  if (!match) return undefined;
  const { method: m, route, operationId, docsUrl, query, body } = match.operation;
  return { method: m, route, operationId, docsUrl, query, body, params: match.params };
}

function checkRequest(match: MatchedOperation, query: Record<string, string>, headers: Record<string, string>, rawBody: string, body: unknown): string[] {
  const { operation } = match;
  const problems: string[] = [];
  for (const name of Object.keys(query)) {
    if (!operation.query.has(name)) problems.push(`query parameter "${name}" is not declared`);
  }
  for (const [name, required] of operation.query) {
    if (required && !(name in query)) problems.push(`required query parameter "${name}" is missing`);
  }

  const rule = operation.body;
  const hasBody = rawBody.trim() !== '';
  if (!rule) {
    if (hasBody) problems.push('operation takes no request body, but one was sent');
    return problems;
  }
  if (!hasBody) {
    if (rule.required) problems.push('request body is required but missing');
    return problems;
  }
  if (!rule.json) return problems;
  if (!/^application\/json\b/i.test(headers['content-type'] ?? '')) {
    problems.push(`body sent with content-type "${headers['content-type'] ?? ''}", expected application/json`);
  }
  if (body === undefined) {
    problems.push('request body is not valid JSON');
    return problems;
  }
  if (!isPlainObject(body)) {
    if (!rule.acceptsNonObject) problems.push('request body must be a JSON object');
    return problems;
  }
  if (rule.properties) {
    for (const name of Object.keys(body)) {
      if (!rule.properties.has(name)) problems.push(`body property "${name}" is not declared`);
    }
  }
  for (const name of rule.requiredProps) {
    if (!(name in body)) problems.push(`required body property "${name}" is missing`);
  }
  if (rule.alternatives.length > 0 && !rule.alternatives.some((names) => names.every((n) => n in body))) {
    problems.push(`body matches none of the alternatives (${rule.alternatives.map((a) => a.join('+')).join(' | ')})`);
  }
  return problems;
}

// ---------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
/** GitHub's limit on issue/PR comment bodies (counted in characters, i.e. code points). */
export const MAX_COMMENT_LENGTH = 65536;
/** GitHub returns at most this many files for a pull request, however many pages are asked for. */
export const MAX_PULL_FILES = 3000;
/** GitHub's limit on a check run's output.text. */
export const MAX_CHECK_TEXT = 65535;
/** Files bigger than this come back from the contents API with encoding "none" and empty content. */
export const MAX_CONTENTS_JSON_SIZE = 1024 * 1024;

interface Reply {
  status: number;
  /** Serialized as JSON unless `raw` is set. */
  json?: unknown;
  raw?: string | Buffer | undefined;
  headers?: Record<string, string>;
}

interface Ctx {
  state: GitHubApiState;
  operation: GitHubOperation;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  /** Server base URL, for API URLs in bodies and Link headers. */
  base: string;
  rawPath: string;
}

interface ActiveFault {
  rule: FaultRule;
  used: number;
  remaining: number;
}

export async function startGitHubApi(init: GitHubApiInit = {}): Promise<GitHubApiServer> {
  const index = await loadSpecIndex();
  const state = normalizeState(init);
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  let faults: ActiveFault[] = [];
  const rateLimit = { limit: 5000, remaining: 5000, reset: Math.floor(Date.now() / 1000) + 3600 };
  let base = '';
  const prefix = (init.pathPrefix ?? '').replace(/\/+$/, '');
  const graphqlPath = prefix ? `${prefix.replace(/\/v3$/, '')}/graphql` : '/graphql';

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const rawBody = await readBody(req);
    const url = new URL(req.url ?? '/', base);
    const method = (req.method ?? 'GET').toUpperCase();
    const headers = flattenHeaders(req);
    const query = Object.fromEntries(url.searchParams);
    const body = parseJson(rawBody);
    // GraphQL lives beside REST: /graphql, or /api/graphql on GitHub Enterprise Server (/api/v3).
    if (url.pathname === graphqlPath) {
      const record: RecordedRequest = { method, path: url.pathname, rawPath: url.pathname, query, headers, body, status: 0, operationId: 'graphql', route: 'POST /graphql' };
      requests.push(record);
      const label = `${method} ${url.pathname}`;
      if (!headers['authorization']) violations.push(`${label}: missing Authorization header`);
      const fault = faults.find((f) => f.remaining > 0 && faultMatches(f.rule, method, record.path));
      let reply: Reply;
      if (fault) {
        fault.remaining--;
        fault.used++;
        reply = faultReply(fault.rule, GRAPHQL_DOCS_URL, randomRequestId(), rateLimit);
      } else if (method !== 'POST') {
        violations.push(`${label}: GraphQL takes POST`);
        reply = errorReply(404, 'Not Found', GRAPHQL_DOCS_URL);
      } else {
        reply = answerGraphql(state, body, (problem) => violations.push(`${label}: ${problem}`));
      }
      record.status = reply.status;
      res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', 'x-github-request-id': randomRequestId(), ...reply.headers });
      res.end(reply.raw ?? JSON.stringify(reply.json));
      return;
    }
    const inside = !prefix || url.pathname.startsWith(`${prefix}/`);
    const apiPath = inside ? url.pathname.slice(prefix.length) : url.pathname;
    const match = inside ? matchRoute(index, method, apiPath) : undefined;
    const record: RecordedRequest = {
      method,
      path: safeDecode(apiPath),
      rawPath: apiPath,
      query,
      headers,
      body,
      status: 0,
      operationId: match?.operation.operationId,
      route: match?.operation.route,
    };
    requests.push(record);

    const label = `${method} ${url.pathname}${url.search}`;
    if (!headers['authorization']) violations.push(`${label}: missing Authorization header`);
    if (!inside) {
      violations.push(`${label}: outside the API's path ${prefix}`);
    } else if (!match) {
      violations.push(`${label}: no ${method} operation for this path in GitHub's OpenAPI description`);
    } else {
      const where = `${label} (${match.operation.operationId})`;
      for (const problem of checkRequest(match, query, headers, rawBody, body)) violations.push(`${where}: ${problem}`);
    }

    rateLimit.remaining = Math.max(0, rateLimit.remaining - 1);
    const requestId = randomRequestId();
    const docsUrl = match?.operation.docsUrl ?? GENERIC_DOCS_URL;

    let reply: Reply;
    const fault = faults.find((f) => f.remaining > 0 && faultMatches(f.rule, method, record.path));
    if (fault) {
      fault.remaining--;
      fault.used++;
      reply = faultReply(fault.rule, docsUrl, requestId, rateLimit);
      if (fault.rule.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.rule.delayMs));
    } else if (!match) {
      reply = notFound(GENERIC_DOCS_URL);
    } else if (state.readOnly && WRITE_METHODS.has(method)) {
      reply = errorReply(403, 'Resource not accessible by integration', docsUrl);
    } else {
      const handler = handlers[match.operation.operationId];
      if (!handler) {
        violations.push(`${label}: ${match.operation.operationId} is valid GitHub API but not implemented by the fake`);
        reply = errorReply(501, `fake GitHub API does not implement ${match.operation.operationId}`, docsUrl);
      } else {
        const { operation, params } = match;
        const ctx: Ctx = { state, operation, params, query, headers, body, base: base + prefix, rawPath: url.pathname };
        reply = repoMismatch(ctx) ? notFound(docsUrl) : handler(ctx);
      }
    }

    record.status = reply.status;
    res.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-request-id': requestId,
      'x-ratelimit-limit': String(rateLimit.limit),
      'x-ratelimit-remaining': String(rateLimit.remaining),
      'x-ratelimit-reset': String(rateLimit.reset),
      'x-ratelimit-used': String(rateLimit.limit - rateLimit.remaining),
      'x-ratelimit-resource': 'core',
      ...reply.headers,
    });
    res.end(reply.raw ?? (reply.json === undefined || reply.status === 204 ? '' : JSON.stringify(reply.json)));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // A bug in the fake must fail the test loudly rather than hang the client.
      const detail = err instanceof Error ? err.stack : String(err);
      violations.push(`fake GitHub API crashed on ${req.method} ${req.url}: ${detail}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ message: 'Server Error' }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base + prefix,
    state,
    requests,
    violations,
    fail(rule) {
      if (rule.status === undefined && rule.preset === undefined) throw new Error('fail(): give a status or a preset');
      const active: ActiveFault = { rule, used: 0, remaining: rule.times ?? 1 };
      faults.push(active);
      return {
        get used() {
          return active.used;
        },
        get remaining() {
          return active.remaining;
        },
      };
    },
    reset() {
      requests.length = 0;
      violations.length = 0;
      faults = [];
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // fetch (undici) keeps connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      });
    },
  };
}

function faultMatches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== method) return false;
  if (typeof rule.path === 'string') return rule.path === path;
  rule.path.lastIndex = 0; // a /g or /y regex would otherwise remember its last position
  return rule.path.test(path);
}

function faultReply(rule: FaultRule, docsUrl: string, requestId: string, rateLimit: { remaining: number }): Reply {
  let status = rule.status;
  let message: string;
  let headers: Record<string, string> = {};
  let documentationUrl = docsUrl;
  switch (rule.preset) {
    case 'secondary-rate-limit':
      status ??= 403;
      // plugin-throttling recognises a secondary limit by /\bsecondary rate\b/i in the message.
      message = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' + `If you reach out to GitHub Support for help, please include the request ID ${requestId}.`;
      documentationUrl = 'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits';
      headers = { 'retry-after': '1', 'x-ratelimit-remaining': String(rateLimit.remaining) };
      break;
    case 'primary-rate-limit':
      status ??= 403;
      message = 'API rate limit exceeded for installation ID 1234567.';
      documentationUrl = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limit';
      headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1) };
      break;
    case 'not-accessible':
      status ??= 403;
      message = 'Resource not accessible by integration';
      break;
    case 'bad-credentials':
      status ??= 401;
      message = 'Bad credentials';
      documentationUrl = GENERIC_DOCS_URL;
      break;
    default:
      status ??= 500;
      message = defaultMessage(status);
      if (status === 429) {
        // Bare 429s from GitHub are secondary rate limits.
        message = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';
        headers = { 'retry-after': '1', 'x-ratelimit-remaining': String(rateLimit.remaining) };
      }
  }
  const json = rule.body !== undefined ? rule.body : { message, documentation_url: documentationUrl, status: String(status) };
  return { status, json, raw: rule.raw, headers: { ...headers, ...rule.headers } };
}

function defaultMessage(status: number): string {
  switch (status) {
    case 401:
      return 'Bad credentials';
    case 403:
      return 'Resource not accessible by integration';
    case 404:
      return 'Not Found';
    case 422:
      return 'Validation Failed';
    case 500:
    case 502:
    case 503:
      return 'Server Error';
    default:
      return STATUS_CODES[status] ?? 'Error';
  }
}

function repoMismatch(ctx: Ctx): boolean {
  const { owner, repo } = ctx.params;
  if (owner === undefined || repo === undefined) return false;
  // GitHub treats owner/repo case-insensitively.
  return owner.toLowerCase() !== ctx.state.owner.toLowerCase() || repo.toLowerCase() !== ctx.state.repo.toLowerCase();
}

// ---------------------------------------------------------------------------
// Endpoint handlers, keyed by OpenAPI operationId
// ---------------------------------------------------------------------------

const handlers: Record<string, (ctx: Ctx) => Reply> = {
  'pulls/get'(ctx) {
    const pull = findPull(ctx);
    if (!pull) return notFound(ctx.operation.docsUrl);
    return ok(pullJson(ctx, pull));
  },

  'pulls/list-files'(ctx) {
    const pull = findPull(ctx);
    if (!pull) return notFound(ctx.operation.docsUrl);
    const files = pullFiles(ctx.state, pull).slice(0, MAX_PULL_FILES);
    return paginated(
      ctx,
      files.map((f) => pullFileJson(ctx, pull, f)),
    );
  },

  'repos/get-content'(ctx) {
    const refName = ctx.query['ref'] ?? ctx.state.defaultBranch;
    const tree = resolveTree(ctx.state, refName);
    if (!tree) return errorReply(404, `No commit found for the ref ${refName}`, ctx.operation.docsUrl);
    const path = trimSlashes(ctx.params['path'] ?? '');
    const accept = ctx.headers['accept'] ?? '';
    const content = tree.files.get(path);
    if (content !== undefined) {
      const bytes = toBuffer(content);
      if (acceptsMediaType(accept, 'raw')) {
        return { status: 200, raw: bytes, headers: { 'content-type': 'application/vnd.github.raw; charset=utf-8' } };
      }
      return ok(contentEntryJson(ctx, refName, path, { type: 'file', bytes }, true));
    }
    const entries = treeEntries(tree.files, path, false);
    if (entries.length === 0) return notFound(ctx.operation.docsUrl);
    const prefix = path === '' ? '' : `${path}/`;
    const listing = entries.map((e) => contentEntryJson(ctx, refName, prefix + e.path, e.type === 'blob' ? { type: 'file', bytes: toBuffer(e.content!) } : { type: 'dir', sha: e.sha }, false));
    if (acceptsMediaType(accept, 'object')) {
      const self = contentEntryJson(ctx, refName, path, { type: 'dir', sha: treeSha(tree.files, path) }, false);
      return ok({ ...self, entries: listing });
    }
    return ok(listing);
  },

  'git/get-tree'(ctx) {
    const treeRef = ctx.params['tree_sha'] ?? '';
    const found = resolveTree(ctx.state, treeRef);
    const located = found ? { files: found.files, dir: '' } : findSubtree(ctx.state, treeRef);
    if (!located) return notFound(ctx.operation.docsUrl);
    const recursive = ctx.query['recursive'] !== undefined; // GitHub: any value, even "0" or "false"
    const entries = treeEntries(located.files, located.dir, recursive).map((e) => ({
      path: e.path,
      mode: e.type === 'blob' ? '100644' : '040000',
      type: e.type,
      sha: e.sha,
      ...(e.type === 'blob' ? { size: e.size } : {}),
      url: `${ctx.base}/repos/${repoPath(ctx)}/git/${e.type}s/${e.sha}`,
    }));
    const sha = treeSha(located.files, located.dir);
    return ok({ sha, url: `${ctx.base}/repos/${repoPath(ctx)}/git/trees/${sha}`, tree: entries, truncated: false });
  },

  'repos/compare-commits-with-basehead'(ctx) {
    const [baseRef, headRef] = (ctx.params['basehead'] ?? '').split('...');
    return compare(ctx, baseRef ?? '', headRef ?? '');
  },

  // The deprecated "/compare/{base}...{head}" template matches the same URLs.
  'repos/compare-commits'(ctx) {
    return compare(ctx, ctx.params['base'] ?? '', ctx.params['head'] ?? '');
  },

  'repos/get-commit'(ctx) {
    const refName = ctx.params['ref'] ?? '';
    const recorded = [...ctx.state.commits.values()].flat().find((c) => c.sha === refName);
    if (recorded) return ok({ ...pullCommitJson(ctx, recorded), files: recorded.files.map((f) => ({ sha: sha1(`${recorded.sha}:${f}`), filename: f, status: 'modified', additions: 1, deletions: 1, changes: 2 })) });
    const tree = resolveTree(ctx.state, refName);
    if (!tree) return errorReply(422, `No commit found for SHA: ${refName}`, ctx.operation.docsUrl);
    const who = { name: 'Test', email: 'test@example.com', date: timestamp(ctx.state) };
    const rootTree = treeSha(tree.files, '');
    return ok({
      sha: tree.sha,
      node_id: nodeId('C', tree.sha),
      url: `${ctx.base}/repos/${repoPath(ctx)}/commits/${tree.sha}`,
      html_url: `https://github.com/${repoPath(ctx)}/commit/${tree.sha}`,
      commit: {
        message: `Commit ${tree.sha.slice(0, 7)}`,
        author: who,
        committer: who,
        tree: { sha: rootTree, url: `${ctx.base}/repos/${repoPath(ctx)}/git/trees/${rootTree}` },
      },
      parents: [],
      files: [],
    });
  },

  'issues/list-comments'(ctx) {
    const number = Number(ctx.params['issue_number']);
    if (!ctx.state.pulls.has(number)) return notFound(ctx.operation.docsUrl);
    const since = ctx.query['since'] ? Date.parse(ctx.query['since']) : undefined;
    const comments = ctx.state.comments.filter((c) => c.issue_number === number && (since === undefined || Date.parse(c.updated_at) >= since)).sort((a, b) => a.id - b.id);
    return paginated(
      ctx,
      comments.map((c) => commentJson(ctx, c)),
    );
  },

  'issues/create-comment'(ctx) {
    const number = Number(ctx.params['issue_number']);
    if (!ctx.state.pulls.has(number)) return notFound(ctx.operation.docsUrl);
    const invalid = validateCommentBody(ctx);
    if (invalid) return invalid;
    const now = timestamp(ctx.state);
    const comment: CommentState = {
      id: nextCommentId(ctx.state),
      issue_number: number,
      body: (ctx.body as { body: string }).body,
      user: { login: ctx.state.login, type: userType(ctx.state.login) },
      created_at: now,
      updated_at: now,
    };
    ctx.state.comments.push(comment);
    const json = commentJson(ctx, comment);
    return { status: 201, json, headers: { location: json.url } };
  },

  'issues/get-comment'(ctx) {
    const comment = findComment(ctx);
    return comment ? ok(commentJson(ctx, comment)) : notFound(ctx.operation.docsUrl);
  },

  'issues/update-comment'(ctx) {
    // Anyone with write access may edit any comment, so authorship is not checked.
    const comment = findComment(ctx);
    if (!comment) return notFound(ctx.operation.docsUrl);
    const invalid = validateCommentBody(ctx);
    if (invalid) return invalid;
    comment.body = (ctx.body as { body: string }).body;
    comment.updated_at = timestamp(ctx.state);
    return ok(commentJson(ctx, comment));
  },

  'issues/delete-comment'(ctx) {
    const comment = findComment(ctx);
    if (!comment) return notFound(ctx.operation.docsUrl);
    ctx.state.comments.splice(ctx.state.comments.indexOf(comment), 1);
    return { status: 204 };
  },

  'pulls/list-reviews'(ctx) {
    const pull = findPull(ctx);
    if (!pull) return notFound(ctx.operation.docsUrl);
    const reviews = ctx.state.reviews.filter((r) => r.pull_number === pull.number).sort((a, b) => a.id - b.id);
    return paginated(
      ctx,
      reviews.map((r) => ({
        id: r.id,
        node_id: nodeId('PRR', String(r.id)),
        user: userJson(r.user.login, r.user.type),
        body: r.body,
        state: r.state,
        html_url: `https://github.com/${repoPath(ctx)}/pull/${pull.number}#pullrequestreview-${r.id}`,
        pull_request_url: `${ctx.base}/repos/${repoPath(ctx)}/pulls/${pull.number}`,
        author_association: 'MEMBER',
        _links: {
          html: { href: `https://github.com/${repoPath(ctx)}/pull/${pull.number}#pullrequestreview-${r.id}` },
          pull_request: { href: `${ctx.base}/repos/${repoPath(ctx)}/pulls/${pull.number}` },
        },
        ...(r.submitted_at !== null ? { submitted_at: r.submitted_at } : {}),
        commit_id: r.commit_id,
      })),
    );
  },

  'repos/get-collaborator-permission-level'(ctx) {
    const login = ctx.params['username'] ?? '';
    const permission = ctx.state.permissions.has(login.toLowerCase()) ? ctx.state.permissions.get(login.toLowerCase())! : 'write';
    if (permission === null) return errorReply(404, `${login} is not a user`, ctx.operation.docsUrl);
    const role = permission === 'none' ? 'none' : permission;
    return ok({
      permission,
      role_name: role,
      user: {
        ...userJson(login),
        permissions: { admin: permission === 'admin', maintain: permission === 'admin', push: permission === 'admin' || permission === 'write', triage: permission !== 'none', pull: permission !== 'none' },
        role_name: role,
      },
    });
  },

  'pulls/list-commits'(ctx) {
    const pull = findPull(ctx);
    if (!pull) return notFound(ctx.operation.docsUrl);
    return paginated(
      ctx,
      pullCommits(ctx.state, pull).map((c) => pullCommitJson(ctx, c)),
    );
  },

  'repos/list-activities'(ctx) {
    const ref = ctx.query['ref'];
    const wanted = ref === undefined ? undefined : ref.startsWith('refs/') ? ref : `refs/heads/${ref}`;
    const types = ctx.query['activity_type'];
    const items = ctx.state.activity.filter((a) => (wanted === undefined || a.ref === wanted) && (types === undefined || a.activity_type === types)).sort((a, b) => b.id - a.id);
    const perPage = Math.min(100, Number.parseInt(ctx.query['per_page'] ?? '30', 10) || 30);
    if (items.length > perPage) return errorReply(501, 'fake GitHub API: activity cursors are not implemented', ctx.operation.docsUrl);
    return ok(
      items.map((a) => ({
        id: a.id,
        node_id: nodeId('RA', String(a.id)),
        before: a.before,
        after: a.after,
        ref: a.ref,
        timestamp: a.timestamp,
        activity_type: a.activity_type,
        actor: a.actor === null ? null : userJson(a.actor),
      })),
    );
  },

  'repos/list-pull-requests-associated-with-commit'(ctx) {
    const sha = ctx.params['commit_sha'] ?? '';
    const pulls = [...ctx.state.pulls.values()].filter((p) => p.head.sha === sha || p.merge_commit_sha === sha || pullCommits(ctx.state, p).some((c) => c.sha === sha)).sort((a, b) => a.number - b.number);
    return paginated(
      ctx,
      pulls.map((p) => pullJson(ctx, p)),
    );
  },

  'checks/create'(ctx) {
    const body = ctx.body as { name?: unknown; head_sha?: unknown; status?: unknown; conclusion?: unknown; output?: { title?: unknown; summary?: unknown; text?: unknown } };
    if (typeof body.name !== 'string' || typeof body.head_sha !== 'string') return errorReply(422, 'Invalid request: name and head_sha are required', ctx.operation.docsUrl);
    if (body.output !== undefined && (typeof body.output.title !== 'string' || typeof body.output.summary !== 'string')) {
      return errorReply(422, 'Invalid request: output needs title and summary', ctx.operation.docsUrl);
    }
    if (typeof body.output?.text === 'string' && body.output.text.length > MAX_CHECK_TEXT) return errorReply(422, 'Invalid request: output.text is too long', ctx.operation.docsUrl);
    const now = timestamp(ctx.state);
    const status = (typeof body.status === 'string' ? body.status : 'queued') as CheckRunState['status'];
    const run: CheckRunState = {
      id: Math.max(3_000_000, ...ctx.state.checkRuns.map((c) => c.id)) + 1,
      name: body.name,
      head_sha: body.head_sha,
      status,
      conclusion: typeof body.conclusion === 'string' ? body.conclusion : null,
      app: ctx.state.app,
      output: { title: (body.output?.title as string) ?? null, summary: (body.output?.summary as string) ?? null, text: typeof body.output?.text === 'string' ? body.output.text : null },
      started_at: now,
      completed_at: status === 'completed' ? now : null,
    };
    ctx.state.checkRuns.push(run);
    return { status: 201, json: checkRunJson(ctx, run) };
  },

  'checks/list-for-ref'(ctx) {
    const ref = ctx.params['ref'] ?? '';
    const sha = ctx.state.branches.get(ref) ?? ref;
    const name = ctx.query['check_name'];
    const runs = ctx.state.checkRuns.filter((c) => c.head_sha === sha && (name === undefined || c.name === name)).sort((a, b) => b.id - a.id);
    const perPage = Math.min(100, Number(ctx.query['per_page'] ?? 30) || 30);
    return ok({ total_count: runs.length, check_runs: runs.slice(0, perPage).map((c) => checkRunJson(ctx, c)) });
  },

  'actions/list-workflow-runs-for-repo'(ctx) {
    const suite = ctx.query['check_suite_id'];
    const runs = ctx.state.workflowRuns
      .filter((w) => (suite === undefined || String(w.check_suite_id) === suite) && (ctx.query['head_sha'] === undefined || w.head_sha === ctx.query['head_sha']) && (ctx.query['event'] === undefined || w.event === ctx.query['event']))
      .sort((a, b) => b.id - a.id);
    const perPage = Math.min(100, Number(ctx.query['per_page'] ?? 30) || 30);
    return ok({ total_count: runs.length, workflow_runs: runs.slice(0, perPage).map((w) => workflowRunJson(ctx, w)) });
  },

  'teams/get-by-name'(ctx) {
    const key = `${ctx.params['org']}/${ctx.params['team_slug']}`.toLowerCase();
    const entry = [...ctx.state.teams].find(([name]) => name.toLowerCase() === key);
    if (!entry) return notFound(ctx.operation.docsUrl);
    const [org, slug] = entry[0].split('/') as [string, string];
    const id = numericId(`team:${key}`);
    return ok({
      id,
      node_id: nodeId('T', key),
      url: `${ctx.base}/organizations/1/team/${id}`,
      html_url: `https://github.com/orgs/${org}/teams/${slug}`,
      name: slug,
      slug,
      description: null,
      privacy: 'closed',
      notification_setting: 'notifications_enabled',
      permission: 'pull',
      members_url: `${ctx.base}/organizations/1/team/${id}/members{/member}`,
      repositories_url: `${ctx.base}/organizations/1/team/${id}/repos`,
      parent: null,
      members_count: entry[1].length,
      repos_count: 0,
      created_at: '2020-01-01T00:00:00Z',
      updated_at: '2020-01-01T00:00:00Z',
      organization: { login: org, id: 1, node_id: nodeId('O', org), url: `${ctx.base}/orgs/${org}` },
    });
  },

  'teams/get-membership-for-user-in-org'(ctx) {
    const key = `${ctx.params['org']}/${ctx.params['team_slug']}`.toLowerCase();
    const team = [...ctx.state.teams].find(([name]) => name.toLowerCase() === key)?.[1];
    const username = (ctx.params['username'] ?? '').toLowerCase();
    const member = team?.find((m) => m.login.toLowerCase() === username);
    if (!member) return notFound(ctx.operation.docsUrl);
    return ok({
      url: `${ctx.base}/organizations/1/team/1/memberships/${member.login}`,
      role: member.role,
      state: member.state,
    });
  },
};

// ---------------------------------------------------------------------------
// GraphQL: the part of GitHub's schema a pull request gate reads (reviews and their edit history)
// ---------------------------------------------------------------------------

const GRAPHQL_DOCS_URL = 'https://docs.github.com/graphql';

/** A subset of GitHub's public schema, with its names and argument rules, so a query that would fail on GitHub fails here. */
const GRAPHQL_SDL = `
scalar DateTime
scalar URI
interface Actor { login: String! avatarUrl(size: Int): URI! url: URI! }
type User implements Actor { login: String! avatarUrl(size: Int): URI! url: URI! databaseId: Int }
type Bot implements Actor { login: String! avatarUrl(size: Int): URI! url: URI! databaseId: Int }
type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
type UserContentEdit { id: ID! editedAt: DateTime! createdAt: DateTime! editor: Actor deletedAt: DateTime deletedBy: Actor diff: String }
type UserContentEditConnection { nodes: [UserContentEdit] totalCount: Int! pageInfo: PageInfo! }
enum PullRequestReviewState { PENDING COMMENTED APPROVED CHANGES_REQUESTED DISMISSED }
type PullRequestReview {
  id: ID! databaseId: Int fullDatabaseId: String author: Actor body: String! state: PullRequestReviewState!
  createdAt: DateTime! submittedAt: DateTime lastEditedAt: DateTime editor: Actor includesCreatedEdit: Boolean!
  userContentEdits(first: Int, after: String, last: Int, before: String): UserContentEditConnection
}
type PullRequestReviewConnection { nodes: [PullRequestReview] totalCount: Int! pageInfo: PageInfo! }
type PullRequest { id: ID! number: Int! reviews(first: Int, after: String, last: Int, before: String, states: [PullRequestReviewState!], author: String): PullRequestReviewConnection }
type Repository { id: ID! name: String! nameWithOwner: String! pullRequest(number: Int!): PullRequest }
type Query { repository(owner: String!, name: String!, followRenames: Boolean): Repository }
`;

let graphqlSchema: GraphQLSchema | undefined;

/** A page of a connection as GitHub pages it: `first` or `last` (1..100) is required, cursors are opaque. */
function connection<T>(items: T[], args: { first?: number | null; after?: string | null; last?: number | null; before?: string | null }, what: string) {
  const { first, last } = args;
  if ((first === undefined || first === null) && (last === undefined || last === null)) throw new GraphQLError(`You must provide a \`first\` or \`last\` value to properly paginate the \`${what}\` connection.`);
  for (const [name, v] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (v !== undefined && v !== null && (v < 0 || v > 100)) throw new GraphQLError(`Requesting ${v} records on the \`${what}\` connection exceeds the \`${name}\` limit of 100 records.`);
  }
  const cursor = (i: number) => Buffer.from(`cursor:v2:${i}`).toString('base64');
  const index = (c: string | null | undefined) => (c ? Number(Buffer.from(c, 'base64').toString().split(':')[2]) : undefined);
  let start = 0;
  let end = items.length;
  const after = index(args.after);
  const before = index(args.before);
  if (after !== undefined) start = after + 1;
  if (before !== undefined) end = before;
  if (first !== undefined && first !== null) end = Math.min(end, start + first);
  else if (last !== undefined && last !== null) start = Math.max(start, end - last);
  return {
    nodes: items.slice(start, end),
    totalCount: items.length,
    pageInfo: { hasNextPage: end < items.length, hasPreviousPage: start > 0, startCursor: end > start ? cursor(start) : null, endCursor: end > start ? cursor(end - 1) : null },
  };
}

function actorJson(login: string | null) {
  if (login === null) return null;
  return { __typename: userType(login), login, avatarUrl: `https://avatars.githubusercontent.com/${login}`, url: `https://github.com/${login}`, databaseId: numericId(`user:${login}`) };
}

function answerGraphql(state: GitHubApiState, body: unknown, violation: (problem: string) => void): Reply {
  if (!isPlainObject(body) || typeof body['query'] !== 'string') {
    violation('the body is not { "query": "...", "variables": {...} }');
    return errorReply(400, 'Problems parsing JSON', GRAPHQL_DOCS_URL);
  }
  const unknownKeys = Object.keys(body).filter((k) => !['query', 'variables', 'operationName'].includes(k));
  if (unknownKeys.length > 0) violation(`unexpected body properties ${unknownKeys.join(', ')}`);
  graphqlSchema ??= buildSchema(GRAPHQL_SDL);
  const rootValue = {
    repository: (args: { owner: string; name: string }) => {
      if (args.owner.toLowerCase() !== state.owner.toLowerCase() || args.name.toLowerCase() !== state.repo.toLowerCase()) {
        throw new GraphQLError(`Could not resolve to a Repository with the name '${args.owner}/${args.name}'.`);
      }
      return {
        id: nodeId('R', `${state.owner}/${state.repo}`),
        name: state.repo,
        nameWithOwner: `${state.owner}/${state.repo}`,
        pullRequest: ({ number }: { number: number }) => {
          const pull = state.pulls.get(number);
          if (!pull) throw new GraphQLError(`Could not resolve to a PullRequest with the number of ${number}.`);
          return {
            id: nodeId('PR', String(number)),
            number,
            reviews: (a: { first?: number; after?: string; last?: number; before?: string; states?: string[]; author?: string }) => {
              const reviews = state.reviews
                .filter((r) => r.pull_number === number && (!a.states || a.states.includes(r.state)) && (!a.author || r.user.login.toLowerCase() === a.author.toLowerCase()))
                .sort((x, y) => x.id - y.id)
                .map((r) => {
                  const last = r.edits.at(-1);
                  return {
                    id: nodeId('PRR', String(r.id)),
                    databaseId: r.id,
                    fullDatabaseId: String(r.id),
                    author: actorJson(r.user.login),
                    body: r.body,
                    state: r.state,
                    createdAt: r.submitted_at ?? timestamp(state),
                    submittedAt: r.submitted_at,
                    lastEditedAt: last?.editedAt ?? null,
                    editor: last ? actorJson(last.editor) : null,
                    includesCreatedEdit: r.edits.length > 0,
                    // GitHub lists edits newest first, the original text as the oldest entry (edited by the reviewer).
                    userContentEdits: (e: { first?: number; after?: string; last?: number; before?: string }) => {
                      const all = r.edits.length === 0 ? [] : [{ editor: r.user.login, editedAt: r.submitted_at ?? timestamp(state) }, ...r.edits];
                      const items = all.reverse().map((x, i) => ({ id: nodeId('UCE', `${r.id}:${i}`), editedAt: x.editedAt, createdAt: x.editedAt, editor: actorJson(x.editor), deletedAt: null, deletedBy: null, diff: null }));
                      return connection(items, e, 'userContentEdits');
                    },
                  };
                });
              return connection(reviews, a, 'reviews');
            },
          };
        },
      };
    },
  };
  const result = graphqlSync({
    schema: graphqlSchema,
    source: body['query'],
    rootValue,
    variableValues: isPlainObject(body['variables']) ? body['variables'] : {},
    ...(typeof body['operationName'] === 'string' ? { operationName: body['operationName'] } : {}),
  });
  for (const e of result.errors ?? []) violation(`GraphQL error: ${e.message}`);
  // GitHub answers 200 with `errors` for a query it cannot run.
  return ok(result.errors ? { data: result.data ?? null, errors: result.errors.map((e) => ({ message: e.message, locations: e.locations, path: e.path })) } : { data: result.data });
}

// ---------------------------------------------------------------------------
// Handler helpers
// ---------------------------------------------------------------------------

function checkRunJson(ctx: Ctx, c: CheckRunState) {
  return {
    id: c.id,
    head_sha: c.head_sha,
    node_id: nodeId('CR', String(c.id)),
    external_id: '',
    url: `${ctx.base}/repos/${repoPath(ctx)}/check-runs/${c.id}`,
    html_url: `https://github.com/${repoPath(ctx)}/runs/${c.id}`,
    details_url: null,
    status: c.status,
    conclusion: c.conclusion,
    started_at: c.started_at,
    completed_at: c.completed_at,
    output: { ...c.output, annotations_count: 0, annotations_url: `${ctx.base}/repos/${repoPath(ctx)}/check-runs/${c.id}/annotations` },
    name: c.name,
    check_suite: { id: checkSuiteId(c) },
    app: { id: numericId(`app/${c.app}`), slug: c.app, node_id: nodeId('A', c.app), name: c.app, owner: null },
    pull_requests: [],
  };
}

function workflowRunJson(ctx: Ctx, w: WorkflowRunState) {
  const url = `${ctx.base}/repos/${repoPath(ctx)}/actions/runs/${w.id}`;
  return {
    id: w.id,
    name: w.name ?? w.path.split('/').pop(),
    node_id: nodeId('WFR', String(w.id)),
    check_suite_id: w.check_suite_id,
    check_suite_node_id: nodeId('CS', String(w.check_suite_id)),
    head_branch: w.head_branch,
    head_sha: w.head_sha,
    path: w.path,
    run_number: 1,
    run_attempt: 1,
    referenced_workflows: w.referenced_workflows ?? [],
    event: w.event,
    status: 'completed',
    conclusion: 'success',
    workflow_id: numericId(`workflow/${w.path}`),
    url,
    html_url: `https://github.com/${repoPath(ctx)}/actions/runs/${w.id}`,
    pull_requests: [],
    created_at: timestamp(ctx.state),
    updated_at: timestamp(ctx.state),
    run_started_at: timestamp(ctx.state),
    jobs_url: `${url}/jobs`,
    logs_url: `${url}/logs`,
    check_suite_url: `${ctx.base}/repos/${repoPath(ctx)}/check-suites/${w.check_suite_id}`,
    artifacts_url: `${url}/artifacts`,
    cancel_url: `${url}/cancel`,
    rerun_url: `${url}/rerun`,
    workflow_url: `${ctx.base}/repos/${repoPath(ctx)}/actions/workflows/${numericId(`workflow/${w.path}`)}`,
  };
}

function ok(json: unknown): Reply {
  return { status: 200, json };
}

function errorReply(status: number, message: string, docsUrl: string): Reply {
  return { status, json: { message, documentation_url: docsUrl, status: String(status) } };
}

function notFound(docsUrl: string): Reply {
  return errorReply(404, 'Not Found', docsUrl);
}

function repoPath(ctx: Ctx): string {
  return `${ctx.state.owner}/${ctx.state.repo}`;
}

/** A pull request's commits: the recorded ones, or one commit (head) by its author. */
function pullCommits(state: GitHubApiState, pull: PullState): CommitState[] {
  return state.commits.get(pull.number) ?? [{ sha: pull.head.sha, author: pull.user.login, committer: pull.user.login, files: [] }];
}

function pullCommitJson(ctx: Ctx, c: CommitState) {
  const who = (login: string | null) => ({ name: login ?? 'Someone', email: `${login ?? 'someone'}@example.com`, date: timestamp(ctx.state) });
  return {
    sha: c.sha,
    node_id: nodeId('C', c.sha),
    url: `${ctx.base}/repos/${repoPath(ctx)}/commits/${c.sha}`,
    html_url: `https://github.com/${repoPath(ctx)}/commit/${c.sha}`,
    comments_url: `${ctx.base}/repos/${repoPath(ctx)}/commits/${c.sha}/comments`,
    commit: {
      message: `Commit ${c.sha.slice(0, 7)}`,
      author: who(c.author),
      committer: who(c.committer),
      tree: { sha: sha1(`tree:${c.sha}`), url: `${ctx.base}/repos/${repoPath(ctx)}/git/trees/${sha1(`tree:${c.sha}`)}` },
      comment_count: 0,
    },
    author: c.author === null ? null : userJson(c.author),
    committer: c.committer === null ? null : userJson(c.committer),
    parents: [],
  };
}

function findPull(ctx: Ctx): PullState | undefined {
  return ctx.state.pulls.get(Number(ctx.params['pull_number']));
}

function findComment(ctx: Ctx): CommentState | undefined {
  const id = Number(ctx.params['comment_id']);
  return ctx.state.comments.find((c) => c.id === id);
}

function nextCommentId(state: GitHubApiState): number {
  return Math.max(1_000_000, ...state.comments.map((c) => c.id)) + 1;
}

/** 422s shaped like GitHub's: a missing body, or one over 65536 characters. */
function validateCommentBody(ctx: Ctx): Reply | undefined {
  const text = isPlainObject(ctx.body) ? ctx.body['body'] : undefined;
  if (typeof text !== 'string') {
    return errorReply(422, 'Invalid request.\n\n"body" wasn\'t supplied.', ctx.operation.docsUrl);
  }
  // GitHub counts characters (code points), not UTF-16 units or bytes.
  if ([...text].length > MAX_COMMENT_LENGTH) {
    return {
      status: 422,
      json: {
        message: 'Validation Failed',
        errors: [
          {
            resource: 'IssueComment',
            code: 'unprocessable',
            field: 'data',
            message: `Body is too long (maximum is ${MAX_COMMENT_LENGTH} characters)`,
          },
        ],
        documentation_url: ctx.operation.docsUrl,
        status: '422',
      },
    };
  }
  return undefined;
}

/** Slices `items` per `per_page` (default 30, max 100) and `page`, with GitHub's Link header. */
function paginated(ctx: Ctx, items: unknown[]): Reply {
  const perPageAsked = Number.parseInt(ctx.query['per_page'] ?? '', 10);
  const perPage = perPageAsked > 0 ? Math.min(perPageAsked, 100) : 30;
  const pageAsked = Number.parseInt(ctx.query['page'] ?? '', 10);
  const page = pageAsked > 0 ? pageAsked : 1;
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const pageUrl = (n: number) => {
    const url = new URL(ctx.rawPath, ctx.base);
    for (const [k, v] of Object.entries(ctx.query)) if (k !== 'page') url.searchParams.set(k, v);
    url.searchParams.set('page', String(n));
    return url.toString();
  };
  // GitHub sends no Link header when everything fits on one page.
  const links: string[] = [];
  if (lastPage > 1) {
    if (page > 1) links.push(`<${pageUrl(Math.min(page - 1, lastPage))}>; rel="prev"`);
    if (page < lastPage) links.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(lastPage)}>; rel="last"`);
    if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`);
  }
  return {
    status: 200,
    json: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length > 0 ? { link: links.join(', ') } : {},
  };
}

function userType(login: string): UserType {
  return login.endsWith('[bot]') ? 'Bot' : 'User';
}

function userJson(login: string, type: UserType = userType(login)) {
  const id = numericId(login);
  return {
    login,
    id,
    node_id: nodeId(type === 'Bot' ? 'BOT' : 'U', login),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    url: `https://api.github.com/users/${encodeURIComponent(login)}`,
    html_url: type === 'Bot' ? `https://github.com/apps/${login.replace(/\[bot\]$/, '')}` : `https://github.com/${login}`,
    type,
    site_admin: false,
  };
}

function commentJson(ctx: Ctx, c: CommentState) {
  return {
    id: c.id,
    node_id: nodeId('IC', String(c.id)),
    url: `${ctx.base}/repos/${repoPath(ctx)}/issues/comments/${c.id}`,
    html_url: `https://github.com/${repoPath(ctx)}/pull/${c.issue_number}#issuecomment-${c.id}`,
    issue_url: `${ctx.base}/repos/${repoPath(ctx)}/issues/${c.issue_number}`,
    body: c.body,
    user: userJson(c.user.login, c.user.type),
    created_at: c.created_at,
    updated_at: c.updated_at,
    author_association: c.user.type === 'Bot' ? 'NONE' : 'MEMBER',
  };
}

function pullJson(ctx: Ctx, pull: PullState) {
  const files = pullFiles(ctx.state, pull);
  const branch = (side: PullState['head'] | PullState['base'], fork: boolean) => {
    const repo = side.repo;
    const owner = repo?.full_name.split('/')[0] ?? ctx.state.owner;
    return {
      label: `${owner}:${side.ref}`,
      ref: side.ref,
      sha: side.sha,
      user: userJson(owner, 'Organization'),
      repo: repo && {
        id: numericId(repo.full_name),
        name: repo.full_name.split('/')[1],
        full_name: repo.full_name,
        private: false,
        fork,
        owner: userJson(owner, 'Organization'),
        html_url: `https://github.com/${repo.full_name}`,
        url: `${ctx.base}/repos/${repo.full_name}`,
        default_branch: ctx.state.defaultBranch,
      },
    };
  };
  const url = `${ctx.base}/repos/${repoPath(ctx)}/pulls/${pull.number}`;
  return {
    url,
    id: numericId(`pull/${pull.number}`),
    node_id: nodeId('PR', String(pull.number)),
    html_url: `https://github.com/${repoPath(ctx)}/pull/${pull.number}`,
    diff_url: `https://github.com/${repoPath(ctx)}/pull/${pull.number}.diff`,
    issue_url: `${ctx.base}/repos/${repoPath(ctx)}/issues/${pull.number}`,
    comments_url: `${ctx.base}/repos/${repoPath(ctx)}/issues/${pull.number}/comments`,
    review_comments_url: `${url}/comments`,
    number: pull.number,
    state: pull.state ?? 'open',
    locked: false,
    title: pull.title ?? `Pull request #${pull.number}`,
    user: userJson(pull.user.login, pull.user.type),
    body: pull.body ?? null,
    labels: (pull.labels ?? []).map((name) => ({ id: numericId(`label/${name}`), name, color: 'ededed', default: false })),
    draft: pull.draft ?? false,
    merged: pull.merged ?? (pull.merged_at !== undefined && pull.merged_at !== null),
    merged_at: pull.merged_at ?? null,
    merge_commit_sha: pull.merge_commit_sha ?? null,
    mergeable: null,
    author_association: 'CONTRIBUTOR',
    head: branch(pull.head, pull.head.repo?.fork ?? false),
    base: branch(pull.base, false),
    commits: 1,
    additions: files.reduce((n, f) => n + f.additions, 0),
    deletions: files.reduce((n, f) => n + f.deletions, 0),
    changed_files: files.length,
  };
}

interface ResolvedPullFile extends PullFileState {
  sha: string;
  additions: number;
  deletions: number;
  changes: number;
}

/** The changed-file list of a pull: explicit in state, or derived from the base/head trees. */
function pullFiles(state: GitHubApiState, pull: PullState): ResolvedPullFile[] {
  const baseTree = resolveTree(state, pull.base.sha) ?? resolveTree(state, pull.base.ref);
  const headTree = resolveTree(state, pull.head.sha) ?? resolveTree(state, pull.head.ref);
  if (pull.files) {
    return pull.files.map((f) => {
      const before = baseTree?.files.get(f.previous_filename ?? f.filename);
      const after = headTree?.files.get(f.filename);
      const delta = lineDelta(f.status === 'added' ? undefined : before, f.status === 'removed' ? undefined : after);
      const additions = f.additions ?? delta.additions;
      const deletions = f.deletions ?? delta.deletions;
      const content = f.status === 'removed' ? before : after;
      return {
        ...f,
        sha: f.sha ?? (content !== undefined ? blobSha(content) : sha1(`missing:${f.filename}`)),
        additions,
        deletions,
        changes: f.changes ?? additions + deletions,
      };
    });
  }
  return diffTrees(baseTree?.files ?? new Map(), headTree?.files ?? new Map());
}

function diffTrees(before: FileTree, after: FileTree): ResolvedPullFile[] {
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  const files: ResolvedPullFile[] = [];
  for (const filename of names) {
    const a = before.get(filename);
    const b = after.get(filename);
    if (a !== undefined && b !== undefined && toBuffer(a).equals(toBuffer(b))) continue;
    const status: PullFileStatus = a === undefined ? 'added' : b === undefined ? 'removed' : 'modified';
    const { additions, deletions } = lineDelta(a, b);
    files.push({ filename, status, sha: blobSha((b ?? a)!), additions, deletions, changes: additions + deletions });
  }
  return files;
}

/** Added/removed line counts by multiset difference: exact enough for tests, no diff algorithm needed. */
function lineDelta(before: FileContent | undefined, after: FileContent | undefined) {
  const lines = (c: FileContent | undefined) => (c === undefined || typeof c !== 'string' || c === '' ? [] : c.replace(/\n$/, '').split('\n'));
  const count = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
  const a = count(lines(before));
  const b = count(lines(after));
  let additions = 0;
  let deletions = 0;
  for (const [line, n] of b) additions += Math.max(0, n - (a.get(line) ?? 0));
  for (const [line, n] of a) deletions += Math.max(0, n - (b.get(line) ?? 0));
  return { additions, deletions };
}

function pullFileJson(ctx: Ctx, pull: PullState, f: ResolvedPullFile) {
  const encoded = f.filename.split('/').map(encodeURIComponent).join('/');
  return {
    sha: f.sha,
    filename: f.filename,
    status: f.status,
    additions: f.additions,
    deletions: f.deletions,
    changes: f.changes,
    blob_url: `https://github.com/${repoPath(ctx)}/blob/${pull.head.sha}/${encoded}`,
    raw_url: `https://github.com/${repoPath(ctx)}/raw/${pull.head.sha}/${encoded}`,
    contents_url: `${ctx.base}/repos/${repoPath(ctx)}/contents/${encoded}?ref=${pull.head.sha}`,
    ...(f.patch !== undefined ? { patch: f.patch } : {}),
    ...(f.previous_filename !== undefined ? { previous_filename: f.previous_filename } : {}),
  };
}

function compare(ctx: Ctx, baseRef: string, headRef: string): Reply {
  // "owner:branch" names a branch in a fork; the fake has one repository, so drop the owner.
  const strip = (ref: string) => ref.replace(/^[^:]+:/, '');
  const baseTree = resolveTree(ctx.state, strip(baseRef));
  const headTree = resolveTree(ctx.state, strip(headRef));
  if (!baseTree || !headTree) return notFound(ctx.operation.docsUrl);
  const files = diffTrees(baseTree.files, headTree.files);
  const identical = files.length === 0 && baseTree.sha === headTree.sha;
  const page = Number.parseInt(ctx.query['page'] ?? '1', 10);
  const commitJson = (sha: string) => ({ sha, url: `${ctx.base}/repos/${repoPath(ctx)}/commits/${sha}` });
  return ok({
    url: `${ctx.base}/repos/${repoPath(ctx)}/compare/${baseRef}...${headRef}`,
    html_url: `https://github.com/${repoPath(ctx)}/compare/${baseRef}...${headRef}`,
    status: identical ? 'identical' : 'ahead',
    ahead_by: identical ? 0 : 1,
    behind_by: 0,
    total_commits: identical ? 0 : 1,
    base_commit: commitJson(baseTree.sha),
    merge_base_commit: commitJson(baseTree.sha),
    commits: identical ? [] : [commitJson(headTree.sha)],
    // GitHub: at most 300 files, and only on the first page of a paginated comparison.
    files:
      page > 1
        ? []
        : files.slice(0, 300).map((f) => ({
            sha: f.sha,
            filename: f.filename,
            status: f.status,
            additions: f.additions,
            deletions: f.deletions,
            changes: f.changes,
          })),
  });
}

type ContentItem = { type: 'file'; bytes: Buffer } | { type: 'dir'; sha: string };

function contentEntryJson(ctx: Ctx, refName: string, path: string, item: ContentItem, withContent: boolean) {
  const sha = item.type === 'file' ? blobSha(item.bytes) : item.sha;
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  const apiUrl = `${ctx.base}/repos/${repoPath(ctx)}/contents/${encoded}?ref=${encodeURIComponent(refName)}`;
  const htmlUrl = `https://github.com/${repoPath(ctx)}/${item.type === 'file' ? 'blob' : 'tree'}/${refName}/${encoded}`;
  const gitUrl = `${ctx.base}/repos/${repoPath(ctx)}/git/${item.type === 'file' ? 'blobs' : 'trees'}/${sha}`;
  const entry: Record<string, unknown> = {
    type: item.type,
    size: item.type === 'file' ? item.bytes.length : 0,
    name: path.split('/').pop() ?? '',
    path,
    sha,
    url: apiUrl,
    git_url: gitUrl,
    html_url: htmlUrl,
    download_url: item.type === 'file' ? `https://raw.githubusercontent.com/${repoPath(ctx)}/${refName}/${encoded}` : null,
    _links: { self: apiUrl, git: gitUrl, html: htmlUrl },
  };
  if (withContent && item.type === 'file') {
    if (item.bytes.length > MAX_CONTENTS_JSON_SIZE) {
      // Above 1 MB GitHub still answers 200 but without content; clients must fall back to raw.
      Object.assign(entry, { encoding: 'none', content: '' });
    } else {
      // GitHub wraps base64 at 60 characters with "\n"; decoders must tolerate it.
      const base64 = item.bytes.toString('base64').replace(/.{60}/g, '$&\n');
      Object.assign(entry, { encoding: 'base64', content: base64.endsWith('\n') ? base64 : `${base64}\n` });
    }
  }
  return entry;
}

/** Accept header check for a GitHub custom media type such as "raw" (all spellings octokit and curl use). */
function acceptsMediaType(accept: string, format: 'raw' | 'object'): boolean {
  const pattern = new RegExp(`^application/vnd\\.github(?:\\.v3)?\\.${format}(?:\\+json)?$`, 'i');
  return accept.split(',').some((part) => pattern.test((part.split(';')[0] ?? '').trim()));
}

// ---------------------------------------------------------------------------
// Trees and refs
// ---------------------------------------------------------------------------

interface ResolvedTree {
  sha: string;
  files: FileTree;
}

/** Resolves a branch name, tag or SHA (optionally "refs/heads/...") to its files. */
function resolveTree(state: GitHubApiState, ref: string): ResolvedTree | undefined {
  const name = ref.replace(/^refs\/(heads|tags)\//, '');
  const direct = state.files.get(name);
  const viaBranch = state.branches.get(name);
  if (direct) return { sha: viaBranch ?? (/^[0-9a-f]{40}$/.test(name) ? name : sha1(`ref:${name}`)), files: direct };
  const files = viaBranch !== undefined ? state.files.get(viaBranch) : undefined;
  return files && viaBranch !== undefined ? { sha: viaBranch, files } : undefined;
}

/** Finds a (sub)tree by the fake tree SHA this server hands out, so commit -> tree -> subtree walks work. */
function findSubtree(state: GitHubApiState, sha: string): { files: FileTree; dir: string } | undefined {
  for (const files of state.files.values()) {
    const dirs = new Set(['']);
    for (const path of files.keys()) {
      const parts = path.split('/');
      for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
    }
    for (const dir of dirs) if (treeSha(files, dir) === sha) return { files, dir };
  }
  return undefined;
}

interface TreeEntry {
  type: 'blob' | 'tree';
  /** Relative to the listed directory. */
  path: string;
  sha: string;
  /** Blobs only. */
  size?: number;
  content?: FileContent;
}

/** Entries under `dir` ("" = root): its children, or every descendant when `recursive`, sorted by path. */
function treeEntries(files: FileTree, dir: string, recursive: boolean): TreeEntry[] {
  const prefix = dir === '' ? '' : `${dir}/`;
  const entries = new Map<string, TreeEntry>();
  for (const [path, content] of files) {
    if (!path.startsWith(prefix)) continue;
    const parts = path.slice(prefix.length).split('/');
    // Directories on the way down: all of them when recursive, else only the first.
    const dirCount = recursive ? parts.length - 1 : Math.min(1, parts.length - 1);
    for (let i = 1; i <= dirCount; i++) {
      const sub = parts.slice(0, i).join('/');
      if (!entries.has(sub)) entries.set(sub, { type: 'tree', path: sub, sha: treeSha(files, prefix + sub) });
    }
    if (recursive || parts.length === 1) {
      const rel = parts.join('/');
      entries.set(rel, { type: 'blob', path: rel, sha: blobSha(content), size: toBuffer(content).length, content });
    }
  }
  return [...entries.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Deterministic stand-in for a git tree SHA: hash of the directory's sorted paths and blob SHAs. */
function treeSha(files: FileTree, dir: string): string {
  const prefix = dir === '' ? '' : `${dir}/`;
  const hash = createHash('sha1').update(`tree:${dir}\0`);
  for (const path of [...files.keys()].sort()) {
    if (path.startsWith(prefix)) hash.update(`${path}\0${blobSha(files.get(path)!)}\0`);
  }
  return hash.digest('hex');
}

/** The real git blob SHA, so tests can compare against `git hash-object`. */
function blobSha(content: FileContent): string {
  const bytes = toBuffer(content);
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

// ---------------------------------------------------------------------------
// State normalization
// ---------------------------------------------------------------------------

function normalizeState(init: GitHubApiInit): GitHubApiState {
  const now = init.now ?? (() => new Date());
  const stamp = () =>
    now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  const toMap = <V>(value: Map<string, V> | Record<string, V> | undefined) => (value instanceof Map ? new Map(value) : new Map(Object.entries(value ?? {})));
  const user = (u: string | { login: string; type?: UserType } | undefined, fallback: string) => {
    const login = typeof u === 'string' ? u : (u?.login ?? fallback);
    return { login, type: (typeof u === 'object' ? u.type : undefined) ?? userType(login) };
  };

  const login = init.login ?? 'github-actions[bot]';
  const pulls = new Map<number, PullState>(init.pulls instanceof Map ? init.pulls : (init.pulls ?? []).map((p) => [p.number, p] as const));
  const files = new Map<string, FileTree>();
  for (const [ref, tree] of toMap<Map<string, FileContent> | Record<string, FileContent>>(init.files)) {
    files.set(ref, toMap(tree));
  }
  const branches = toMap(init.branches);
  // Pull head/base branches resolve to their SHAs unless the test mapped them explicitly.
  for (const pull of pulls.values()) {
    for (const side of [pull.base, pull.head]) {
      if (!branches.has(side.ref) && !files.has(side.ref)) branches.set(side.ref, side.sha);
    }
  }

  let nextId = 1_000_000;
  const comments: CommentState[] = (init.comments ?? []).map((c) => ({
    id: c.id ?? ++nextId,
    issue_number: c.issue_number,
    body: c.body,
    user: user(c.user, 'octocat'),
    created_at: c.created_at ?? stamp(),
    updated_at: c.updated_at ?? c.created_at ?? stamp(),
  }));
  let nextReviewId = 2_000_000;
  const reviews: ReviewState[] = (init.reviews ?? []).map((r) => ({
    id: r.id ?? ++nextReviewId,
    pull_number: r.pull_number,
    user: user(r.user, 'octocat'),
    body: r.body ?? '',
    state: r.state,
    commit_id: r.commit_id ?? pulls.get(r.pull_number)?.head.sha ?? sha1('unknown'),
    submitted_at: r.submitted_at !== undefined ? r.submitted_at : r.state === 'PENDING' ? null : stamp(),
    edits: (r.edits ?? []).map((e) => ({ editor: e.editor, editedAt: e.editedAt ?? stamp() })),
  }));
  const commits = new Map<number, CommitState[]>();
  for (const c of init.commits ?? []) {
    const author = c.author !== undefined ? c.author : (pulls.get(c.pull_number)?.user.login ?? null);
    const list = commits.get(c.pull_number) ?? [];
    list.push({ sha: c.sha, author, committer: c.committer !== undefined ? c.committer : author, files: c.files ?? [] });
    commits.set(c.pull_number, list);
  }
  let nextActivityId = 3_000_000;
  const activity: ActivityState[] = (init.activity ?? []).map((a) => ({
    id: a.id ?? ++nextActivityId,
    before: a.before ?? '0'.repeat(40),
    after: a.after,
    ref: a.ref ?? 'refs/heads/feature',
    actor: a.actor,
    activity_type: a.activity_type ?? 'push',
    timestamp: a.timestamp ?? stamp(),
  }));
  const permissions = new Map(Object.entries(init.permissions ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const teams = new Map<string, TeamMembership[]>(
    Object.entries(init.teams ?? {}).map(([key, members]) => [key, members.map((m) => (typeof m === 'string' ? { login: m, role: 'member', state: 'active' } : { login: m.login, role: m.role ?? 'member', state: m.state ?? 'active' }))]),
  );

  let nextCheckRunId = 3_000_000;
  const checkRuns: CheckRunState[] = (init.checkRuns ?? []).map((c) => ({
    id: c.id ?? ++nextCheckRunId,
    name: c.name,
    head_sha: c.head_sha,
    status: c.status ?? 'completed',
    conclusion: c.conclusion ?? 'success',
    app: c.app ?? init.app ?? 'github-actions',
    output: c.output ?? { title: null, summary: null, text: null },
    started_at: c.started_at ?? stamp(),
    completed_at: c.completed_at ?? stamp(),
    ...(c.check_suite_id !== undefined ? { check_suite_id: c.check_suite_id } : {}),
  }));

  return {
    checkRuns,
    workflowRuns: [...(init.workflowRuns ?? [])],
    app: init.app ?? 'github-actions',
    owner: init.owner ?? 'acme',
    repo: init.repo ?? 'widgets',
    defaultBranch: init.defaultBranch ?? 'main',
    login,
    readOnly: init.readOnly ?? false,
    pulls,
    files,
    branches,
    comments,
    reviews,
    teams,
    permissions,
    commits,
    activity,
    now,
  };
}

// ---------------------------------------------------------------------------
// Small utilities
// ---------------------------------------------------------------------------

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}

function toBuffer(content: FileContent): Buffer {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function numericId(seed: string): number {
  return Number.parseInt(sha1(seed).slice(0, 7), 16);
}

function nodeId(prefix: string, seed: string): string {
  return `${prefix}_${Buffer.from(sha1(seed).slice(0, 12)).toString('base64url')}`;
}

function timestamp(state: GitHubApiState): string {
  return state
    .now()
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
}

function randomRequestId(): string {
  // Shaped like GitHub's, e.g. "C0DE:1A2B:3C4D5E:6F7A8B:65F0A1B2".
  const hex = randomBytes(10).toString('hex').toUpperCase();
  const time = Date.now().toString(16).toUpperCase().slice(-8);
  return [hex.slice(0, 4), hex.slice(4, 8), hex.slice(8, 14), hex.slice(14, 20), time].join(':');
}
