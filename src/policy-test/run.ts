/**
 * `blastgate test`: each case of each PolicyTest document is one check (runCheck) of one manifest, with the
 * case's fixtures laid over the repository in memory, compared with what the case expects.
 */
import { isMap, isSeq, LineCounter, parseAllDocuments } from "yaml";
import { DEFAULT_LIMITS } from "../documents/limits.js";
import { inNodeModules, POLICY_KINDS } from "../documents/manifest-like.js";
import type { Problem } from "../documents/problem.js";
import { policyTestSchema } from "../documents/schemas.js";
import type { PolicyTestCase, PolicyTestDocument } from "../documents/types.js";
import { parseDate } from "../documents/units.js";
import { validateValue } from "../documents/validate.js";
import { parseYaml, type ParsedDocument } from "../documents/yaml.js";
import type { SourceLocation } from "../documents/source.js";
import { compilePolicies } from "../engine/policies.js";
import type { GovernanceOptions } from "../check/governance.js";
import type { Review } from "../governance/reviews.js";
import { StaticTeams } from "../governance/teams.js";
import { checkRuleMatches } from "../resolve/catalog.js";
import { repoPath } from "../documents/paths.js";
import { checkRelative } from "../documents/paths.js";
import { type FileSource } from "../documents/files.js";
import { catalogOf, loadPolicies, runCheck, type PolicyDocuments } from "../check/run.js";
import { OverlayFiles } from "../workspace/overlay.js";
import { compareCase, coverage, unknownExpectations, type CaseOutcome, type Coverage, type KnownRules } from "./expect.js";
import { INVENTORY_CHANGED, POLICY_CHANGED } from "../engine/change.js";
import { WAIVER_EXPIRED } from "../governance/waivers.js";

export interface CaseResult {
  file: string;
  line: number;
  name: string;
  pass: boolean;
  diff: string[];
  outcome: CaseOutcome;
}

export interface TestRun {
  /** Bad input (unreadable or invalid test files, policies that do not load): the run decides nothing (exit 2). */
  problems: Problem[];
  cases: CaseResult[];
  coverage: Coverage;
}

export interface TestOptions {
  workspace: FileSource;
  policiesDir: string;
  /** Test files or directories, repository-relative; none: `<policiesDir>/tests`. */
  paths: string[];
  /** The time for cases that set no `now`. */
  now: Date;
}

interface TestDocument {
  file: string;
  text: string;
  index: number;
  doc: PolicyTestDocument;
  /** Each case's line. */
  lines: number[];
  source: ParsedDocument;
}

const YAML_FILE = /\.ya?ml$/i;
/** Findings Blastgate itself reports, whatever the policies: their rule ids and message ids. */
const BUILT_IN_FINDINGS: [string, string[]][] = [
  [POLICY_CHANGED, ["policy-changed"]],
  [INVENTORY_CHANGED, ["inventory-changed"]],
  [WAIVER_EXPIRED, ["expired"]],
];
/** Reviews in fixtures saw the case as written: they all name this commit, which reads the case's own files. */
const FIXTURE_COMMIT = "fixture";

export async function runPolicyTests(opts: TestOptions): Promise<TestRun> {
  const problems: Problem[] = [];
  const policiesDir = opts.policiesDir.replace(/\/+$/, "") || ".";
  const policies = await loadPolicies(opts.workspace, policiesDir);
  problems.push(...policies.problems);
  // The policies load as a check loads them (one Catalog, at least one Policy, rules matching the catalog), or no case runs.
  const catalog = catalogOf(policies, opts.workspace.label, problems);
  const compiled = compilePolicies(policies.policies);
  problems.push(...compiled.problems);
  if (catalog) problems.push(...checkRuleMatches(catalog, compiled.rules));
  const ruleIds = compiled.rules.map((r) => r.id);
  const known: KnownRules = new Map([...compiled.rules.map((r): [string, string[]] => [r.id, Object.keys(r.module.meta.messages)]), ...BUILT_IN_FINDINGS]);
  const policiesLoad = problems.length === 0;
  const files = await testFiles(opts.workspace, opts.paths, policiesDir, problems);
  const tests: TestDocument[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await opts.workspace.readText(file, DEFAULT_LIMITS.maxDocumentBytes);
    } catch (e) {
      problems.push({ code: "file", message: (e as Error).message, location: { file, line: 1, column: 1 } });
      continue;
    }
    const parsed = parseYaml(file, text, DEFAULT_LIMITS);
    problems.push(...parsed.problems);
    let found = 0;
    for (const d of parsed.documents) {
      if ((d.value as { kind?: unknown } | null)?.kind !== "PolicyTest") continue;
      found++;
      const { value, problems: invalid } = validateValue(policyTestSchema, d.value, d, "", "");
      problems.push(...invalid);
      if (invalid.length > 0) continue;
      const doc = value as PolicyTestDocument;
      const lines = doc.cases.map((_, i) => d.map.locate(`/cases/${i}`).line);
      // Against policies that do not load, every rule id would look unknown: their problems are reported instead.
      if (policiesLoad) for (const bad of unknownExpectations(doc, known)) problems.push({ code: "schema", message: bad.message, location: d.map.locate(bad.pointer) });
      doc.cases.forEach((c, i) => {
        if (c.now !== undefined && !parseDate(c.now).ok) problems.push({ code: "schema", message: `cases[${i}].now: ${(parseDate(c.now) as { reason: string }).reason}`, location: d.map.locate(`/cases/${i}/now`) });
        if (c.manifest !== undefined) {
          const bad = checkRelative(c.manifest);
          if (bad) problems.push({ code: "file", message: `cases[${i}].manifest ${c.manifest} ${bad}`, location: d.map.locate(`/cases/${i}/manifest`) });
        }
      });
      tests.push({ file, text, index: d.index, doc, lines, source: d });
    }
    if (found === 0 && parsed.problems.length === 0 && opts.paths.length > 0 && YAML_FILE.test(file)) {
      problems.push({ code: "schema", message: `${file} holds no PolicyTest document`, location: { file, line: 1, column: 1 } });
    }
  }
  for (const t of tests) {
    for (const [i, c] of t.doc.cases.entries()) {
      if (c.manifest === undefined) continue;
      const at = t.source.map.locate(`/cases/${i}/manifest`);
      if (!(await opts.workspace.exists(c.manifest))) problems.push({ code: "file", message: `case '${c.name}': manifest ${c.manifest} does not exist`, location: { file: t.file, line: t.lines[i]!, column: 1 } });
      else {
        const other = await otherKind(opts.workspace, c.manifest);
        if (other) problems.push({ code: "file", message: `case '${c.name}': ${c.manifest} is not an Operation manifest (it holds a ${other}): name a manifest file, or write the manifest inline under operation:`, location: at });
      }
    }
  }
  if (problems.length > 0) return { problems, cases: [], coverage: coverage(ruleIds, []) };

  const cases: CaseResult[] = [];
  for (const t of tests) {
    for (const [i, c] of t.doc.cases.entries()) {
      const outcome = await runCase(opts.workspace, policies, t, i, c, opts.now);
      cases.push({ file: t.file, line: t.lines[i]!, name: c.name, ...compareCase(c.expect, outcome), outcome });
    }
  }
  return {
    problems,
    cases,
    coverage: coverage(
      ruleIds,
      cases.filter((c) => c.pass).map((c) => c.outcome),
    ),
  };
}

/** The Blastgate kind a file holds instead of an Operation (a Catalog, a Policy...), or undefined. */
async function otherKind(source: FileSource, file: string): Promise<string | undefined> {
  try {
    const kinds = parseYaml(file, await source.readText(file, DEFAULT_LIMITS.maxDocumentBytes), DEFAULT_LIMITS).documents.map((d) => (d.value as { kind?: unknown } | null)?.kind);
    if (kinds.includes("Operation")) return undefined;
    return kinds.find((k): k is string => typeof k === "string" && POLICY_KINDS.includes(k));
  } catch {
    return undefined; // the case's check says why it cannot be read
  }
}

/** The test files named (files, or directories searched for YAML files), or those of `<policies>/tests`. */
async function testFiles(source: FileSource, paths: string[], policiesDir: string, problems: Problem[]): Promise<string[]> {
  const named = paths.length > 0 ? paths : [`${policiesDir === "." ? "" : `${policiesDir}/`}tests`];
  const out = new Set<string>();
  for (const p of named.map(repoPath)) {
    const bad = checkRelative(p);
    if (bad) {
      problems.push({ code: "usage", message: `${p} ${bad}`, location: { file: p, line: 1, column: 1 } });
      continue;
    }
    const listed = await source.list(p).catch(() => undefined);
    if (listed) {
      // A directory's node_modules/ holds packages' files (Blastgate's own tests among them), not this repository's cases.
      const yaml = listed.filter((f) => YAML_FILE.test(f) && (inNodeModules(p + "/") || !inNodeModules(f)));
      if (yaml.length === 0) problems.push({ code: "usage", message: `${p}/ holds no test files (YAML files with kind: PolicyTest)`, location: { file: p, line: 1, column: 1 } });
      yaml.forEach((f) => out.add(f));
    } else if (await source.exists(p)) out.add(p);
    else {
      const hint = paths.length === 0 ? ": write PolicyTest files there (blastgate init writes a starter set), or name test files" : "";
      problems.push({ code: "usage", message: `${p} does not exist${hint}`, location: { file: p, line: 1, column: 1 } });
    }
  }
  return [...out];
}

async function runCase(workspace: FileSource, policies: PolicyDocuments, test: TestDocument, i: number, c: PolicyTestCase, defaultNow: Date): Promise<CaseOutcome> {
  const files = new Map<string, string>();
  const fixtures = c.fixtures ?? {};
  let manifest: string;
  if (c.manifest !== undefined) manifest = repoPath(c.manifest);
  else {
    // The inline manifest is judged where it is written: findings name the test file's own lines.
    manifest = test.file;
    files.set(manifest, inlineText(test.text, test.index, i));
  }
  let forCase = policies;
  let inventoryPath: string | undefined;
  if (fixtures.inventory) {
    const catalog = policies.catalogs[0];
    const named = catalog?.doc.inventory;
    // The rows replace the inventory file the catalog names; with none (or a database), they are the case's own file.
    inventoryPath = repoPath(typeof named === "string" ? named : `${test.file}.inventory-${i + 1}.ndjson`);
    files.set(inventoryPath, fixtures.inventory.map((row) => JSON.stringify(row)).join("\n") + "\n");
    if (catalog && typeof named !== "string") {
      forCase = { ...policies, catalogs: [{ ...catalog, doc: { ...catalog.doc, inventory: inventoryPath } }, ...policies.catalogs.slice(1)] };
    }
  }
  const changed = (fixtures.changed ?? []).map(repoPath);
  // A file the change names is there (empty when the repository lacks it): a test of a script change needs no script.
  for (const f of changed) if (!files.has(f) && !(await workspace.exists(f))) files.set(f, "");
  const source = new OverlayFiles(workspace, files);
  const governance: GovernanceOptions = {
    filesAt: () => source,
    teams: new StaticTeams(fixtures.teams ?? {}, `the fixtures of case '${c.name}'`),
    // One case is one change: its manifest and the files it names; no other manifest of the repository joins it.
    changedFiles: [manifest, ...changed],
    allManifests: [manifest],
    author: fixtures.author ?? "author",
  };
  if (fixtures.org !== undefined) governance.org = fixtures.org;
  // Reviewers can review (write access) and the author wrote the change, unless the case says otherwise.
  const permissions = new Map(Object.entries(fixtures.permissions ?? {}).map(([login, p]) => [login.toLowerCase(), p]));
  governance.permissions = { permission: async (login) => ({ state: "known", permission: permissions.get(login.toLowerCase()) ?? "write" }) };
  const commits = (fixtures.commits ?? [{ author: governance.author! }]).map((c, n) => ({ sha: `fixture-${n + 1}`, ...c }));
  governance.commits = {
    read: async () => ({
      commits: commits.map((c) => ({ sha: c.sha, author: c.author, committer: c.committer ?? c.author })),
      pushes: commits.map((c, n) => ({ before: n === 0 ? "fixture-0" : commits[n - 1]!.sha, after: c.sha, actor: c.pushedBy ?? c.author })),
    }),
    files: async (sha) => commits.find((c) => c.sha === sha)?.files ?? governance.changedFiles!,
  };
  if (fixtures.reviews) {
    governance.reviews = fixtures.reviews.map((r, n): Review => ({
      id: r.id ?? n + 1,
      user: typeof r.user === "string" ? { login: r.user } : { login: r.user.login },
      body: r.body ?? null,
      state: r.state,
      commit_id: FIXTURE_COMMIT,
      submitted_at: r.state === "PENDING" ? null : "2000-01-01T00:00:00Z",
      // Unedited, unless the case names who edited the body.
      ...(r.editedBy === undefined
        ? { lastEditedAt: null, editor: null, userContentEdits: { totalCount: 0, nodes: [] } }
        : { lastEditedAt: "2000-01-02T00:00:00Z", editor: { login: r.editedBy }, userContentEdits: { totalCount: 1, nodes: [{ editedAt: "2000-01-02T00:00:00Z", editor: { login: r.editedBy } }] } }),
    }));
  }
  const now = c.now !== undefined ? (parseDate(c.now) as { value: Date }).value : defaultNow;
  const result = await runCheck({ workspace: source, policiesDir: policies.dir, policies: forCase, manifests: [manifest], now, governance, change: "changed" });
  if (inventoryPath !== undefined) {
    // The inventory is the case's rows: a location in it is the row's line in the test file.
    const row = (l: SourceLocation) => (l.file === inventoryPath ? test.source.map.locate(`/cases/${i}/fixtures/inventory/${l.line - 1}`) : l);
    for (const p of result.problems) p.location = row(p.location);
    for (const f of result.findings) f.location = row(f.location);
  }
  return { verdict: result.verdict, findings: result.findings, problems: result.problems, rulesRun: result.rulesRun ?? [] };
}

/**
 * The inline `operation:` of case i as a document of its own, at the same lines and columns as in the
 * test file (blank lines above it, spaces before its first key), so every location is the test file's.
 */
function inlineText(text: string, docIndex: number, i: number): string {
  const lineCounter = new LineCounter();
  const doc = parseAllDocuments(text, { lineCounter, version: "1.2" });
  const cases = Array.isArray(doc) ? doc[docIndex]?.get("cases", true) : undefined;
  const node = isSeq(cases) ? cases.items[i] : undefined;
  const op = isMap(node) ? node.get("operation", true) : undefined;
  const range = (op as { range?: [number, number, number] } | undefined)?.range;
  if (!range) return "";
  const { line, col } = lineCounter.linePos(range[0]);
  return "\n".repeat(line - 1) + " ".repeat(col - 1) + text.slice(range[0], range[1]);
}
