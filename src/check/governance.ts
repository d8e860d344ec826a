/**
 * The I/O governance needs, done before the pure check and only through what the caller hands in:
 * a FileSource for head and for past commits, a TeamDirectory, the reviews. The CLI and the Action
 * differ only in those; see GovernanceOptions.
 */
import type { Limits } from "../documents/limits.js";
import type { Catalog } from "../resolve/catalog.js";
import { parseYaml } from "../documents/yaml.js";
import type { CompiledRule } from "../rules/types.js";
import type { ManifestInput } from "../rules/types.js";
import { discoverManifests } from "./select.js";
import type { FileSource } from "../documents/files.js";
import { digestFiles, repoPath, type DigestResult } from "../governance/digest.js";
import type { Authorship, GovernanceFacts, JudgedFiles, Permission } from "../governance/facts.js";
import type { ChangeSet, ManifestIndexEntry } from "../rules/types.js";
import { readReviews, sameLogin, type Review } from "../governance/reviews.js";
import { preRefusal } from "../governance/overrides.js";
import { resolveScripts } from "../governance/scripts.js";
import { governedScripts } from "../rules/scripts.js";
import { attribute, type CommitHistory, type PermissionReader } from "../governance/authorship.js";
import { MembershipTable, type Membership, type TeamDirectory } from "../governance/teams.js";
import { teamName } from "../documents/teams.js";
import type { DigestEntry } from "../rules/status.js";
import type { CompiledWaiver } from "../governance/waivers.js";

/** What a caller (the CLI, the Action) supplies for governance; every field is optional and its absence never lets anything through. */
export interface GovernanceOptions {
  /** The pull request's reviews, as GitHub's REST API returns them (GET /repos/{o}/{r}/pulls/{n}/reviews, every page). */
  reviews?: Review[];
  /** Team memberships; without one, no team membership can be confirmed. */
  teams?: TeamDirectory;
  /** The pull request author's login: their own reviews never approve or override. */
  author?: string;
  /** The repository's organisation (its owner), for teams written as a bare slug. */
  org?: string;
  /**
   * Repository-relative paths the change touches (the pull request's files); files no longer at
   * head are left out. Absent: every file of the workspace is judged by `manifest-required`.
   */
  changedFiles?: string[];
  /** The repository at a past commit (a review's commit_id), to compare what a reviewer saw with head. */
  filesAt?: (commit: string) => FileSource;
  /** Reviewers' permissions on the repository; without it no review counts (only reviewers with write access do). */
  permissions?: PermissionReader;
  /** Who authored, committed and pushed the pull request's commits; without it no reviewer can be cleared of writing the change. */
  commits?: CommitHistory;
  /** Every manifest file at head. Absent: discovered when needed (every YAML file outside the policies directory declaring kind: Operation). */
  allManifests?: string[];
}

const norm = repoPath;

/** `metadata.name` and `metadata.scripts` of manifests, read leniently: loading reports a broken one if it is judged. */
export async function indexManifests(source: FileSource, files: readonly string[], limits: Limits): Promise<ManifestIndexEntry[]> {
  const out: ManifestIndexEntry[] = [];
  for (const file of files) {
    const entry: ManifestIndexEntry = { file: norm(file), name: undefined, scripts: [] };
    out.push(entry);
    try {
      const parsed = parseYaml(file, await source.readText(file, limits.maxDocumentBytes), limits);
      const meta = (parsed.documents[0]?.value as { kind?: unknown; metadata?: { name?: unknown; scripts?: unknown } } | null)?.metadata;
      if (typeof meta?.name === "string") entry.name = meta.name;
      if (Array.isArray(meta?.scripts)) entry.scripts = meta.scripts.filter((s): s is string => typeof s === "string" && s !== "");
    } catch {
      // unreadable: it names nothing here, and loading says why if it is judged
    }
  }
  return out;
}

/** The change `manifest-required` rules judge, and the manifests they add to the check. */
export async function prepareChanges(opts: { workspace: FileSource; rules: readonly CompiledRule[]; index: ManifestIndexEntry[]; changedFiles: string[] | undefined }): Promise<{ changes: ChangeSet | undefined; extraManifests: string[] }> {
  const changeRules = opts.rules.filter((r) => r.module.checkChanges);
  if (changeRules.length === 0) return { changes: undefined, extraManifests: [] };
  let files: string[];
  if (opts.changedFiles) {
    files = [];
    for (const f of new Set(opts.changedFiles.map(norm))) if (await opts.workspace.exists(f)) files.push(f);
  } else {
    files = await opts.workspace.list("");
  }
  const changes: ChangeSet = { files: files.sort(), changed: opts.changedFiles !== undefined, manifests: opts.index };
  const extra = new Set<string>();
  for (const rule of changeRules) {
    for (const s of governedScripts(rule.options.scripts as string[], changes.files, changes.manifests)) s.manifests.forEach((m) => extra.add(m));
  }
  return { changes, extraManifests: [...extra].sort() };
}

/** Every manifest name -> the files holding it. */
export function manifestNames(index: readonly ManifestIndexEntry[]): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const e of index) if (e.name !== undefined) names.set(e.name, [...(names.get(e.name) ?? []), e.file]);
  return names;
}

type GatherOptions = {
  governance: GovernanceOptions | undefined;
  workspace: FileSource;
  rules: readonly CompiledRule[];
  catalog: Catalog | undefined;
  manifests: readonly ManifestInput[];
  waivers: CompiledWaiver[];
  changes: ChangeSet | undefined;
  names: Map<string, string[]> | undefined;
  limits: Limits;
};

/** Per subject (a manifest, or a governed script named by none): its files, and the `metadata.scripts` entries each commit resolves for itself. */
type Subjects = Map<string, { files: { path: string; maxBytes: number }[]; scripts: string[] }>;

/**
 * Reads what the pure judgement needs: memberships of the reviewers in the teams that matter, and
 * the digest of every judged manifest (and governed script without one) at each review's commit.
 */
export async function gatherFacts(opts: GatherOptions): Promise<GovernanceFacts> {
  const g = opts.governance ?? {};
  const author = g.author?.trim() || undefined;
  const org = g.org?.trim() || undefined;
  const reviews = readReviews(g.reviews ?? []);
  const { head, subjects } = await headDigests(opts);
  const { pairs, commits, signers } = whatMatters(opts, reviews, author, org);

  const memberships = new MembershipTable();
  for (const { team, login } of pairs.values()) memberships.set(team, login, await membershipOf(g.teams, team, login));
  const atCommit = new Map<string, Map<string, DigestResult>>();
  for (const commit of commits) atCommit.set(commit, await digestsAtCommit(g, commit, subjects, opts.limits));
  const permissions = new Map<string, Permission>();
  for (const login of signers) {
    const key = login.toLowerCase();
    if (!permissions.has(key)) permissions.set(key, await permissionOf(g.permissions, login));
  }
  const authorship = signers.size > 0 ? await authorshipOf(g.commits, signers) : undefined;

  // What a subject's writers wrote: its files, and the governed scripts a manifest names.
  const judged = new Map<string, JudgedFiles>();
  const scriptsOf = new Map((opts.changes?.manifests ?? []).map((e) => [e.file, e.scripts]));
  for (const m of opts.manifests) judged.set(m.file, { paths: head.get(m.file)?.files ?? [norm(m.file)], scripts: m.doc.metadata.scripts ?? scriptsOf.get(norm(m.file)) ?? [] });
  for (const [subject, entry] of head) if (!judged.has(subject)) judged.set(subject, { paths: entry.files, scripts: [] });

  return { author, org, reviews, memberships, head, atCommit, plans: new Map(), planAt: new Map(), waivers: opts.waivers, changes: opts.changes, manifestNames: opts.names, permissions, authorship, judged };
}

/** Head digests: manifests as loaded; governed scripts named by no manifest, read here. */
async function headDigests(opts: GatherOptions): Promise<{ head: Map<string, DigestEntry>; subjects: Subjects }> {
  const head = new Map<string, DigestEntry>();
  const subjects: Subjects = new Map();
  for (const m of opts.manifests) {
    if (!m.digest) continue;
    const files = [norm(m.file), ...(m.identifierFile ? [m.identifierFile] : []), ...(m.scriptFiles ?? [])];
    head.set(m.file, { subject: m.file, files, digest: m.digest });
    subjects.set(m.file, {
      files: [{ path: norm(m.file), maxBytes: opts.limits.maxDocumentBytes }, ...(m.identifierFile ? [{ path: m.identifierFile, maxBytes: opts.limits.maxIdentifierFileBytes }] : [])],
      scripts: m.doc.metadata.scripts ?? [],
    });
  }
  if (opts.changes) {
    for (const rule of opts.rules.filter((r) => r.module.checkChanges)) {
      for (const s of governedScripts(rule.options.scripts as string[], opts.changes.files, opts.changes.manifests)) {
        if (s.manifests.length > 0 || head.has(s.script)) continue;
        const files = [{ path: s.script, maxBytes: opts.limits.maxDocumentBytes }];
        const d = await digestFiles(opts.workspace, files);
        if (d.ok) head.set(s.script, { subject: s.script, files: [s.script], digest: d.digest });
        subjects.set(s.script, { files, scripts: [] });
      }
    }
  }
  return { head, subjects };
}

/** Which (team, login) memberships, which reviewed commits and which signers' permissions matter. */
function whatMatters(opts: GatherOptions, reviews: ReturnType<typeof readReviews>, author: string | undefined, org: string | undefined) {
  const byId = new Map(opts.rules.map((r) => [r.id, r]));
  const notAuthor = (login: string) => author !== undefined && !sameLogin(login, author);
  const pairs = new Map<string, { team: string; login: string }>();
  const want = (team: string, login: string) => pairs.set(MembershipTable.key(team, login), { team, login });
  const commits = new Set<string>();
  // Reviewers whose sign-off may count: their permission and what they wrote are read.
  const signers = new Set<string>();
  const ruleIds = [...byId.keys()];
  for (const req of reviews.overrides) {
    const rule = byId.get(req.ruleId);
    if (!rule || preRefusal(req, rule, ruleIds, author)) continue;
    signers.add(req.login);
    if (req.commit) commits.add(req.commit);
    if (rule.overrideUsers.some((u) => sameLogin(u, req.login))) continue;
    for (const team of rule.overrideTeams) want(team, req.login);
  }
  if (opts.rules.some((r) => r.type === "approvals")) {
    const teams = new Set<string>();
    const add = (raw: string | undefined) => {
      const t = raw === undefined ? undefined : teamName(raw, org).team;
      if (t) teams.add(t);
    };
    for (const m of opts.manifests) {
      add(m.doc.metadata.requestedBy);
      add(m.doc.metadata.executedBy);
    }
    for (const k of opts.catalog?.kinds.values() ?? []) add(k.owner);
    for (const a of reviews.approvals) {
      if (!notAuthor(a.login)) continue;
      signers.add(a.login);
      if (a.commit) commits.add(a.commit);
      for (const team of teams) want(team, a.login);
    }
  }
  return { pairs, commits, signers };
}

/** Each subject's digest at a reviewed commit, or why it cannot be read there. */
async function digestsAtCommit(g: GovernanceOptions, commit: string, subjects: Subjects, limits: Limits): Promise<Map<string, DigestResult>> {
  const at = new Map<string, DigestResult>();
  let source: FileSource | undefined;
  let unreadable: string | undefined;
  if (!g.filesAt) unreadable = "no way to read past commits was given, so what the reviewer saw cannot be compared with head";
  else {
    try {
      source = g.filesAt(commit);
    } catch (e) {
      unreadable = (e as Error)?.message ?? String(e);
    }
  }
  for (const [subject, { files, scripts }] of subjects) at.set(subject, source ? await digestAt(source, files, scripts, limits) : { ok: false, reason: unreadable! });
  return at;
}

/** A subject's digest in one version of the repository, its scripts resolved there. */
async function digestAt(source: FileSource, files: { path: string; maxBytes: number }[], scripts: readonly string[], limits: Limits): Promise<DigestResult> {
  let resolved: string[];
  try {
    resolved = scripts.length > 0 ? await resolveScripts(source, scripts) : [];
  } catch (e) {
    return { ok: false, reason: `the scripts metadata.scripts names cannot be listed: ${(e as Error)?.message ?? String(e)} (${source.label})` };
  }
  return digestFiles(source, [...files, ...resolved.map((path) => ({ path, maxBytes: limits.maxDocumentBytes }))]);
}

async function permissionOf(reader: PermissionReader | undefined, login: string): Promise<Permission> {
  if (!reader) return { state: "unknown", reason: "no permissions were given" };
  try {
    return await reader.permission(login);
  } catch (e) {
    return { state: "unknown", reason: (e as Error)?.message ?? String(e) };
  }
}

/** Commits and pushes, and the files of each commit a signer wrote or that names nobody (only those can disqualify anyone). */
async function authorshipOf(history: CommitHistory | undefined, signers: Set<string>): Promise<Authorship> {
  if (!history) return { state: "unknown", reason: "no commits were given" };
  try {
    const { commits, pushes } = await history.read();
    const lower = new Set([...signers].map((l) => l.toLowerCase()));
    const out = [];
    for (const c of attribute(commits, pushes)) {
      const people = [...c.authors, ...c.committers, ...c.pushers];
      const wrote = people.length === 0 || people.some((l) => lower.has(l.toLowerCase()));
      if (!wrote) {
        out.push({ ...c, files: [] });
        continue;
      }
      try {
        out.push({ ...c, files: (await history.files(c.sha)).map(norm) });
      } catch (e) {
        out.push({ ...c, files: undefined, filesUnknown: (e as Error)?.message ?? String(e) });
      }
    }
    return { state: "known", commits: out };
  } catch (e) {
    return { state: "unknown", reason: (e as Error)?.message ?? String(e) };
  }
}

async function membershipOf(dir: TeamDirectory | undefined, team: string, login: string): Promise<Membership> {
  if (!dir) return { state: "unknown", reason: "no team directory was given" };
  try {
    return await dir.membership(team, login);
  } catch (e) {
    return { state: "unknown", reason: (e as Error)?.message ?? String(e) };
  }
}

/**
 * Before manifests load: the manifest index (when a `manifest-required` rule or a waiver needs it),
 * the change, and the manifests a changed governed script brings into the check.
 */
export async function prepareGovernance(opts: {
  workspace: FileSource;
  policiesDir: string;
  rules: readonly CompiledRule[];
  waivers: number;
  governance: GovernanceOptions | undefined;
  limits: Limits;
}): Promise<{ index: ManifestIndexEntry[] | undefined; changes: ChangeSet | undefined; extraManifests: string[] }> {
  const needed = opts.waivers > 0 || opts.rules.some((r) => r.module.checkChanges);
  if (!needed) return { index: undefined, changes: undefined, extraManifests: [] };
  const files = opts.governance?.allManifests ?? (await discoverManifests(opts.workspace, [], opts.policiesDir, []));
  const index = await indexManifests(opts.workspace, files, opts.limits);
  const prepared = await prepareChanges({ workspace: opts.workspace, rules: opts.rules, index, changedFiles: opts.governance?.changedFiles });
  return { index, ...prepared };
}
