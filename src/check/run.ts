import type { Hash } from "node:crypto";
import { checkInlineIdentifiers, IdentifierFileParser, printable, type IdentifierList } from "../documents/identifiers.js";
import { DEFAULT_LIMITS, type Limits } from "../documents/limits.js";
import { isOperationShape, YAML_FILE } from "../documents/manifest-like.js";
import { checkOperationValues } from "../documents/operation.js";
import type { Problem } from "../documents/problem.js";
import { DOCUMENT_SCHEMAS, type DocumentKind } from "../documents/schemas.js";
import type { CatalogDocument, OperationDocument, PolicyDocument, Validated, WaiverDocument } from "../documents/types.js";
import { validateValue, type KnownNames } from "../documents/validate.js";
import { parseYaml, type ParsedDocument } from "../documents/yaml.js";
import { compilePolicies, unvalidatedRuleOptionProblems } from "../engine/policies.js";
import type { ChangeFacts } from "../engine/change.js";
import { evaluate, type Evaluation, type EvaluationInput } from "../engine/evaluate.js";
import type { PolicyImpact } from "../engine/impact.js";
import { gatherFacts, manifestNames, prepareGovernance, type GovernanceOptions } from "./governance.js";
import type { GovernanceFacts, PlanAt } from "../governance/facts.js";
import { measure, planScope } from "../measure/plan.js";
import { resolveIdentifiers } from "../resolve/resolve.js";
import { combineDigest, digestParts, fileHash } from "../governance/digest.js";
import { resolveScripts } from "../governance/scripts.js";
import { compileWaivers } from "../governance/waivers.js";
import { checkRuleMatches, compileCatalog, type Catalog, type PostgresInventorySource } from "../resolve/catalog.js";
import { InventoryParser, type Inventory, type InventoryInfo, type LiveInventory } from "../resolve/inventory.js";
import { StringStore } from "../documents/string-store.js";
import type { ManifestInput } from "../rules/types.js";
import { pathAlias, repoPath } from "../documents/paths.js";
import { checkRelative } from "../documents/paths.js";
import { FileError, type FileSource } from "../documents/files.js";

export interface CheckOptions {
  /** Manifests, identifier files and the inventory. */
  workspace: FileSource;
  /** Policies and the catalog (the Action reads them from the base commit). Defaults to the workspace. */
  policySource?: FileSource;
  policiesDir: string;
  /** Repository-relative manifest files to judge. */
  manifests: string[];
  now: Date;
  /** Reviews, teams, the author, the change, past commits: what overrides, approvals and `manifest-required` judge. */
  governance?: GovernanceOptions;
  /**
   * Which judged manifests form one change, whose blast-radius limits also hold together: "judged" (those
   * of `manifests`: paths named on the command line), "changed" (those among `governance.changedFiles`), or
   * those among the files listed (the manifests a pull request touches); by the manifest or its identifier
   * file, with those a changed governed script brings in. Absent: each manifest on its own.
   */
  change?: "judged" | "changed" | readonly string[];
  /** The policy files, when the caller has read them already (`loadPolicies`); otherwise they are read from `policySource`. */
  policies?: PolicyDocuments;
  /** Opens the live inventory a catalog names (Postgres); the callers bring the connection string. */
  liveInventory?: (source: PostgresInventorySource) => LiveInventory;
  /** Hands the caller what was loaded (the runtime guard slices stages and measures budgets with it). */
  inspect?: (loaded: { catalog: Catalog | undefined; inventory: Inventory | undefined; manifests: readonly ManifestInput[] }) => void;
  /** Problems found choosing what to judge (discovery, selection): reported first, and the verdict is "error". */
  selectionProblems?: Problem[];
  /** What the caller learnt about the change itself: the policies or the inventory it edits (engine/change.ts). */
  changeFacts?: ChangeFacts;
}

/** The policy files of one directory, read, parsed and validated, with the problems found doing so. */
export interface PolicyDocuments {
  dir: string;
  label: string;
  catalogs: Validated<CatalogDocument>[];
  policies: Validated<PolicyDocument>[];
  waivers: Validated<WaiverDocument>[];
  /** Catalog documents that failed their schema (their problems are among `problems`). */
  invalidCatalogs: number;
  problems: Problem[];
  /** The first file (or the directory) that could not be read for a reason other than its content: an API or I/O failure. */
  unreadable?: string;
}

/** Reads every policy file of a directory (all reads at once: in the Action each is an API round trip). */
export async function loadPolicies(source: FileSource, policiesDir: string): Promise<PolicyDocuments> {
  const dir = repoPath(policiesDir);
  const problems: Problem[] = [];
  return { dir, label: source.label, ...(await loadPolicyDocuments(source, dir, problems)), problems };
}

export interface CheckResult extends Evaluation {
  manifests: string[];
  policiesDir: string;
  /** Rules in force, for the report. */
  rules: { id: string; type: string; enforcement: string; description?: string }[];
  /** Where the inventory came from, when the catalog names one and it was read. */
  inventory?: InventoryInfo;
  /** Every manifest judged under the old and the new policies, when the caller compared them (check/impact.ts). */
  impact?: PolicyImpact;
}

/** What the pure engine is given, read and compiled through the sources, with what the report needs besides. */
export interface PreparedCheck {
  input: EvaluationInput;
  /** The manifest files judged (those asked for, and those a changed governed script brings in). */
  manifests: string[];
  policiesDir: string;
  /** Rules in force, for the report. */
  rules: CheckResult["rules"];
  /** The inventory read: where from, as of when, how many rows. */
  inventory?: InventoryInfo;
}

/** Reads everything a check needs through the given sources, then hands plain data to the pure engine. */
export async function runCheck(opts: CheckOptions): Promise<CheckResult> {
  const prepared = await prepareCheck(opts);
  return { ...evaluate(prepared.input), manifests: prepared.manifests, policiesDir: prepared.policiesDir, rules: prepared.rules, ...(prepared.inventory ? { inventory: prepared.inventory } : {}) };
}

/** Reads and compiles what evaluate() takes: the policies, the catalog, the inventory, the manifests and the governance facts. */
export async function prepareCheck(opts: CheckOptions): Promise<PreparedCheck> {
  const problems: Problem[] = [];
  const policySource = opts.policySource ?? opts.workspace;
  const policiesDir = repoPath(opts.policiesDir);
  const loaded = opts.policies?.dir === policiesDir ? opts.policies : await loadPolicies(policySource, policiesDir);
  problems.push(...loaded.problems);
  const catalog = catalogOf(loaded, policySource.label, problems);
  const { rules, limits, problems: policyProblems, waiverCap } = compilePolicies(loaded.policies);
  problems.push(...policyProblems);
  if (catalog) problems.push(...checkRuleMatches(catalog, rules));
  const prepared = await prepareGovernance({ workspace: opts.workspace, policiesDir, rules, waivers: loaded.waivers.length, governance: opts.governance, limits });
  // A changed governed script brings the manifests naming it into the check, changed or not.
  const manifestFiles = [...new Set([...opts.manifests, ...prepared.extraManifests])];

  let inventory: Inventory | undefined;
  let inventoryInfo: InventoryInfo | undefined;
  const inventoryHash = fileHash();
  if (catalog?.inventoryPath) {
    inventory = await loadInventory(opts.workspace, catalog, limits, problems, inventoryHash.hash);
    if (inventory) inventoryInfo = { source: "file", path: normalize(catalog.inventoryPath), asOf: opts.now.toISOString(), rows: inventory.size };
  }

  let manifests: ManifestInput[] = [];
  const known = catalog ? knownNames(catalog) : {};
  for (const file of manifestFiles) manifests.push(...(await loadManifest(opts.workspace, file, limits, problems, known, inventory, policiesDir)));

  // A live inventory the catalog names but that cannot be used (its problem is reported): nothing is judged without it.
  if (catalog && !catalog.inventoryDatabase && typeof loaded.catalogs[0]?.doc.inventory === "object") manifests = [];
  // Nothing to look up, nothing to ask: a run with no manifest (say, checking the policies alone) needs no connection.
  if (catalog?.inventoryDatabase && manifests.some((m) => m.identifiers)) {
    const live = await readLiveInventory(catalog, catalog.inventoryDatabase, manifests, limits, opts.liveInventory);
    problems.push(...live.problems);
    // Nothing is judged on part of an inventory: without all of it, no manifest is measured.
    if (live.inventory && live.problems.length === 0) {
      inventory = live.inventory;
      inventoryInfo = live.info;
    } else manifests = [];
  }

  const names = prepared.index ? manifestNames(prepared.index) : undefined;
  const waivers = compileWaivers(loaded.waivers, { ruleIds: rules.map((r) => r.id), manifestNames: names, maxExpiry: waiverCap, now: opts.now });
  problems.push(...waivers.problems);
  const governance = await gatherFacts({ governance: opts.governance, workspace: opts.workspace, rules, catalog, manifests, waivers: waivers.waivers, changes: prepared.changes, names, limits });
  if (catalog?.inventoryPath && inventory && opts.governance?.filesAt) {
    governance.planAt = await plansAtReviews({
      facts: governance,
      filesAt: opts.governance.filesAt,
      workspace: opts.workspace,
      catalog,
      manifests,
      inventorySha256: inventoryHash.part(catalog.inventoryPath).sha256,
      limits,
      known,
      now: opts.now,
    });
  }

  opts.inspect?.({ catalog, inventory, manifests });
  const change = opts.change && oneChange(opts.change, manifests, opts.manifests, opts.governance?.changedFiles, prepared.extraManifests);
  const input: EvaluationInput = {
    manifests,
    catalog,
    rules,
    inventory,
    now: opts.now,
    problems,
    governance,
    ...(change ? { change } : {}),
    ...(opts.selectionProblems ? { selectionProblems: opts.selectionProblems } : {}),
    ...(opts.changeFacts ? { changeFacts: opts.changeFacts } : {}),
  };
  return {
    input,
    manifests: manifestFiles,
    policiesDir,
    rules: rules.map((r) => ({ id: r.id, type: r.type, enforcement: r.enforcement, ...(r.description !== undefined ? { description: r.description } : {}) })),
    ...(inventoryInfo ? { inventory: inventoryInfo } : {}),
  };
}

/** The one catalog of the policy files, compiled; a missing or second one is a problem. */
export function catalogOf(loaded: PolicyDocuments, label: string, problems: Problem[]): Catalog | undefined {
  const { catalogs, policies, invalidCatalogs, dir } = loaded;
  if (policies.length === 0 && catalogs.length > 0) {
    problems.push({ code: "policy", message: `no Policy document in ${dir}/: nothing to judge against`, location: { file: dir, line: 1, column: 1 } });
  }
  if (catalogs.length === 0) {
    // A catalog that failed its schema has its problem already; "no Catalog" would send the reader looking for a missing file.
    if (invalidCatalogs === 0) problems.push({ code: "policy", message: `no Catalog document in ${dir}/ (${label}): without one no identifier can be resolved`, location: { file: dir, line: 1, column: 1 } });
    return undefined;
  }
  for (const extra of catalogs.slice(1)) {
    problems.push({ code: "policy", message: `a second Catalog document (the first is in ${catalogs[0]!.source.file}): keep one catalog`, location: extra.source.map.locate("") });
  }
  const compiled = compileCatalog(catalogs[0]!);
  problems.push(...compiled.problems);
  return compiled.catalog;
}

/** The manifests judged as one change (see CheckOptions.change). */
function oneChange(how: NonNullable<CheckOptions["change"]>, manifests: ManifestInput[], named: string[], changedFiles: string[] | undefined, extra: string[]): string[] {
  // Named paths are the change; manifests a governed script brings in without a change given are not part of it.
  if (how === "judged") return manifests.filter((m) => named.includes(m.file)).map((m) => m.file);
  const changed = new Set([...(how === "changed" ? (changedFiles ?? []) : how).map(repoPath), ...extra]);
  return manifests.filter((m) => changed.has(m.file) || (m.identifierFile !== undefined && changed.has(m.identifierFile))).map((m) => m.file);
}

/** Asks the live inventory, once, for the rows of every identifier the manifests name (each sent once). */
async function readLiveInventory(catalog: Catalog, source: PostgresInventorySource, manifests: ManifestInput[], limits: Limits, open: CheckOptions["liveInventory"]) {
  if (!open) return { problems: [{ code: "inventory", message: "the catalog's inventory is in Postgres, which this caller cannot read (the CLI and the Action can)", location: source.location } satisfies Problem] };
  const distinct = new StringStore();
  const identifiers = function* () {
    for (const m of manifests) {
      const list = m.identifiers;
      if (!list) continue;
      for (let i = 0; i < list.length; i++) {
        const id = list.value(i);
        const before = distinct.size;
        if (distinct.put(id) === before) yield id;
      }
    }
  };
  return await open(source).read({ identifiers: identifiers(), kinds: [...catalog.kinds.keys()], model: inventoryModel(catalog), timeoutSeconds: limits.inventoryTimeout });
}

async function loadPolicyDocuments(source: FileSource, dir: string, problems: Problem[]) {
  const catalogs: Validated<CatalogDocument>[] = [];
  const policies: Validated<PolicyDocument>[] = [];
  const waivers: Validated<WaiverDocument>[] = [];
  let invalidCatalogs = 0;
  let unreadable: string | undefined;
  const ioFailure = (e: unknown) => {
    if (e instanceof FileError && e.code === "io") unreadable ??= e.message;
  };
  let files: string[];
  let listed: string[];
  try {
    listed = await source.list(dir === "." ? "" : dir);
    files = listed.filter((f) => YAML_FILE.test(f));
  } catch (e) {
    ioFailure(e);
    problems.push({ code: "policy", message: `policies directory ${dir}/ cannot be read (${source.label}): ${messageOf(e)}`, location: { file: dir, line: 1, column: 1 } });
    return { catalogs, policies, invalidCatalogs, waivers, ...(unreadable !== undefined ? { unreadable } : {}) };
  }
  if (files.length === 0) {
    // Git keeps no empty directories: nothing listed under it at a commit means it is not there.
    const what = listed.length === 0 ? `does not exist in ${source.label}` : `holds no YAML files (${source.label})`;
    problems.push({ code: "policy", message: `policies directory ${dir}/ ${what}`, location: { file: dir, line: 1, column: 1 } });
  }
  // All reads start at once (in the Action each is an API round trip); parsing keeps the files' order.
  const texts = files.map((file) => source.readText(file, DEFAULT_LIMITS.maxDocumentBytes));
  for (const t of texts) void t.catch(ioFailure); // rejections are reported in order below
  for (const [i, file] of files.entries()) {
    const docs = await readDocuments(source, file, DEFAULT_LIMITS, problems, undefined, texts[i]);
    for (const d of docs) {
      const kind = kindOf(d, problems);
      if (kind === "Catalog") {
        const v = validateDocument<CatalogDocument>(d, "Catalog", problems);
        if (v) catalogs.push(v);
        else invalidCatalogs++;
      } else if (kind === "Policy") {
        const v = validateDocument<PolicyDocument>(d, "Policy", problems);
        if (v) policies.push(v);
        else problems.push(...unvalidatedRuleOptionProblems(d.value, d));
      } else if (kind === "Waiver") {
        const v = validateDocument<WaiverDocument>(d, "Waiver", problems);
        if (v) waivers.push(v);
      } else if (kind === "PolicyTest") {
        // Cases for `blastgate test`: they judge nothing in a check (the tests validate them when they run).
      } else if (kind === "Operation") {
        problems.push({ code: "policy", message: `an Operation manifest does not belong among the policy files (${dir}/)`, location: d.map.locate("/kind") });
      }
    }
  }
  return { catalogs, policies, invalidCatalogs, waivers, ...(unreadable !== undefined ? { unreadable } : {}) };
}

async function readDocuments(source: FileSource, file: string, limits: Limits, problems: Problem[], hash?: Hash, pending?: Promise<string>): Promise<ParsedDocument[]> {
  let text: string;
  try {
    text = await (pending ?? source.readText(file, limits.maxDocumentBytes));
  } catch (e) {
    const limit = e instanceof FileError && e.code === "too-large" ? " (limit maxDocumentBytes)" : "";
    problems.push({ code: "file", message: messageOf(e) + limit, location: { file, line: 1, column: 1 } });
    return [];
  }
  hash?.update(text, "utf8");
  const parsed = parseYaml(file, text, limits);
  problems.push(...parsed.problems);
  return parsed.problems.length > 0 ? [] : parsed.documents;
}

function kindOf(d: ParsedDocument, problems: Problem[]): DocumentKind | undefined {
  const v = d.value as Record<string, unknown> | null;
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    problems.push({ code: "schema", message: `document ${d.index + 1} of ${d.file} is not a map with apiVersion and kind`, location: d.map.locate("") });
    return undefined;
  }
  const kind = v.kind;
  if (typeof kind === "string" && Object.hasOwn(DOCUMENT_SCHEMAS, kind)) return kind as DocumentKind;
  problems.push({
    code: "schema",
    message:
      kind === undefined ? `document ${d.index + 1} of ${d.file} has no kind (Operation, Catalog, Policy, Waiver or PolicyTest)` : `kind '${String(kind)}' is not a Blastgate document kind (Operation, Catalog, Policy, Waiver or PolicyTest)`,
    location: d.map.locate(kind === undefined ? "" : "/kind"),
  });
  return undefined;
}

/** The catalog's names, so a manifest's near miss ("Production", "prod ") is answered with the name it meant. */
function knownNames(catalog: Catalog): KnownNames {
  const known: Record<string, string[]> = { "/spec/action": [...catalog.actions.keys()], "/spec/target/kind": [...catalog.kinds.keys()] };
  if (catalog.environments) known["/spec/environment"] = catalog.environments;
  return known;
}

function validateDocument<T>(d: ParsedDocument, kind: DocumentKind, problems: Problem[], known?: KnownNames): Validated<T> | undefined {
  const { value, problems: found } = validateValue(DOCUMENT_SCHEMAS[kind], d.value, d, "", "", known);
  problems.push(...found);
  return found.length > 0 ? undefined : { doc: value as T, source: d };
}

async function loadManifest(source: FileSource, file: string, limits: Limits, problems: Problem[], known: KnownNames, inventory?: Inventory, policiesDir = "policies"): Promise<ManifestInput[]> {
  const out: ManifestInput[] = [];
  const manifestHash = fileHash();
  const docs = await readDocuments(source, file, limits, problems, manifestHash.hash);
  const manifestPart = manifestHash.part(normalize(file));
  // One manifest per file: a second document below the one a reviewer reads is refused, not judged on the side.
  if (docs.length > 1) {
    problems.push({ code: "manifest", message: `${file} holds ${docs.length} YAML documents; a manifest file holds one Operation: move document ${docs[1]!.index + 1} to a file of its own`, location: docs[1]!.map.locate("") });
    return out;
  }
  let operations = 0;
  for (const d of docs) {
    const kind = kindOf(d, problems);
    if (kind === undefined) continue;
    if (kind !== "Operation") {
      problems.push({
        code: "manifest",
        message: `a ${kind} is only read from the policies directory (${policiesDir}/): this one, in ${file}, does nothing where it is; move it there${d.value !== null && typeof d.value === "object" && isOperationShape((d.value as { spec?: unknown }).spec) ? " (it has an Operation's spec.action and spec.target: if it is meant as a manifest, write kind: Operation)" : ""}`,
        location: d.map.locate("/kind"),
      });
      continue;
    }
    operations++;
    const v = validateDocument<OperationDocument>(d, "Operation", problems, known);
    if (!v) continue;
    const valueProblems = checkOperationValues(v.doc, d);
    problems.push(...valueProblems);
    if (valueProblems.length > 0) continue;
    // The digest covers the manifest and its identifier file, hashed as they are read: what reviews bind to.
    const ids = v.doc.spec.target.identifiers;
    const identifierFile = Array.isArray(ids) ? undefined : normalize(ids.file);
    const idHash = identifierFile === undefined ? undefined : fileHash();
    const manifest: ManifestInput = { file, doc: v.doc, source: d, identifiers: await loadIdentifiers(source, v, limits, problems, idHash?.hash, inventory) };
    if (manifest.identifiers) {
      // ...and the scripts it names: a push that hardens the script the reviewers approved voids their approval.
      const scripts = await scriptDigest(source, v, limits, problems);
      if (scripts) {
        manifest.digest = combineDigest([manifestPart, ...(idHash && identifierFile !== undefined ? [idHash.part(identifierFile)] : []), ...scripts]);
        if (scripts.length > 0) manifest.scriptFiles = scripts.map((p) => p.path);
      }
      if (identifierFile !== undefined) manifest.identifierFile = identifierFile;
    }
    out.push(manifest);
  }
  if (operations === 0 && !problems.some((p) => p.location.file === file)) {
    problems.push({ code: "manifest", message: `${file} holds no Operation manifest`, location: { file, line: 1, column: 1 } });
  }
  return out;
}

/** The digest parts of the scripts a manifest names, or undefined (with a problem) when one cannot be read: nothing binds to content unread. */
async function scriptDigest(source: FileSource, { doc, source: parsed }: Validated<OperationDocument>, limits: Limits, problems: Problem[]) {
  const entries = doc.metadata.scripts ?? [];
  if (entries.length === 0) return [];
  const at = parsed.map.locate("/metadata/scripts");
  try {
    const files = await resolveScripts(source, entries);
    const read = await digestParts(
      source,
      files.map((path) => ({ path, maxBytes: limits.maxDocumentBytes })),
    );
    if (read.ok) return read.parts;
    problems.push({ code: "file", message: `a script metadata.scripts names cannot be read: ${read.reason}`, location: at });
  } catch (e) {
    problems.push({ code: "file", message: `the scripts metadata.scripts names cannot be listed: ${messageOf(e)}`, location: at });
  }
  return undefined;
}

async function loadIdentifiers(source: FileSource, { doc, source: parsed }: Validated<OperationDocument>, limits: Limits, problems: Problem[], hash?: Hash, inventory?: Inventory): Promise<IdentifierList | undefined> {
  const ids = doc.spec.target.identifiers;
  const manifestFile = parsed.file;
  if (Array.isArray(ids)) {
    const checked = checkInlineIdentifiers(ids, (i) => parsed.map.locate(`/spec/target/identifiers${i >= 0 ? `/${i}` : ""}`), limits, manifestFile);
    problems.push(...checked.problems);
    return checked.problems.length > 0 ? undefined : checked.list;
  }
  const at = parsed.map.locate("/spec/target/identifiers/file");
  const file = ids.file;
  const bad = checkRelative(file) ?? pathAlias(file);
  if (bad) {
    problems.push({ code: "file", message: `identifier file ${printable(file, 1000)} ${bad}`, location: at });
    return undefined;
  }
  if (normalize(file) === normalize(manifestFile)) {
    problems.push({ code: "file", message: `the identifier file is the manifest itself (${file}): name a plain text file of identifiers`, location: at });
    return undefined;
  }
  const parser = new IdentifierFileParser(normalize(file), limits, inventory);
  const failed = await feed(source, file, limits.maxIdentifierFileBytes, "maxIdentifierFileBytes", parser, hash);
  if (failed) {
    problems.push({ code: "file", message: `identifier file ${failed}`, location: at });
    return undefined;
  }
  const { list, problems: found } = parser.end();
  problems.push(...found);
  return found.length > 0 ? undefined : list;
}

/**
 * The plan each approved manifest had at each review's commit, where the inventory there is not head's:
 * the same ids may have become other objects, of other customers, since the review. The manifest and its
 * identifiers are read again at that commit (their digest equals head's, or the review is stale anyway)
 * and measured against that commit's inventory and the catalog in force.
 */
async function plansAtReviews(opts: {
  facts: GovernanceFacts;
  filesAt: (commit: string) => FileSource;
  workspace: FileSource;
  catalog: Catalog;
  manifests: readonly ManifestInput[];
  inventorySha256: string;
  limits: Limits;
  known: KnownNames;
  now: Date;
}): Promise<Map<string, Map<string, PlanAt>>> {
  const out = new Map<string, Map<string, PlanAt>>();
  const file = opts.catalog.inventoryPath!;
  // Inventories run to gigabytes: where both sides can name the file's git blob id, equal ids spare reading it at the commit.
  const blobOf = async (source: FileSource) => (source.blobId ? source.blobId(file).catch(() => undefined) : undefined);
  const headBlob = await blobOf(opts.workspace);
  for (const [commit, digests] of opts.facts.atCommit) {
    // Only manifests whose files a reviewer saw as head holds them: for the others the digest already decides.
    const bound = opts.manifests.filter((m) => {
      const at = digests.get(m.file);
      return m.digest !== undefined && at?.ok === true && at.digest === m.digest;
    });
    if (bound.length === 0) continue;
    const plans = new Map<string, PlanAt>();
    const fail = (reason: string) => bound.forEach((m) => plans.set(m.file, { ok: false, reason }));
    out.set(commit, plans);
    let source: FileSource;
    try {
      source = opts.filesAt(commit);
    } catch (e) {
      fail(messageOf(e));
      continue;
    }
    if (headBlob !== undefined && (await blobOf(source)) === headBlob) {
      out.delete(commit);
      continue;
    }
    const sink: Problem[] = [];
    let inventory: Inventory | undefined;
    const hash = fileHash();
    if (await source.exists(file)) {
      inventory = await loadInventory(source, opts.catalog, opts.limits, sink, hash.hash);
      if (sink.length > 0 || !inventory) {
        fail(`its inventory ${file} cannot be read there: ${sink[0]?.message ?? "unknown error"}`);
        continue;
      }
      if (hash.part(file).sha256 === opts.inventorySha256) {
        out.delete(commit);
        continue;
      }
    }
    for (const m of bound) {
      const [again] = await loadManifest(source, m.file, opts.limits, sink, opts.known, inventory);
      if (!again?.identifiers) {
        plans.set(m.file, { ok: false, reason: sink[0]?.message ?? `${m.file} cannot be loaded there` });
        continue;
      }
      const resolution = resolveIdentifiers(again.identifiers, opts.catalog, inventory, again.doc.spec.environment);
      plans.set(m.file, { ok: true, scope: planScope(measure(m.file, again.doc, resolution, opts.catalog, inventory, opts.now)) });
    }
  }
  return out;
}

/**
 * Streams a file into a line parser (and the digest) until it is read or the parser stops: a refused file
 * fails the run, so its digest need not be complete. Why the read failed, or undefined.
 */
async function feed(source: FileSource, file: string, maxBytes: number, limitName: string, parser: { push(chunk: string): void; readonly done: boolean }, hash?: Hash): Promise<string | undefined> {
  try {
    for await (const chunk of source.chunks(file, maxBytes)) {
      parser.push(chunk);
      hash?.update(chunk, "utf8");
      if (parser.done) break;
    }
    return undefined;
  } catch (e) {
    return `${messageOf(e)}${e instanceof FileError && e.code === "too-large" ? ` (limit ${limitName})` : ""}`;
  }
}

/** What an inventory's rows must agree with in the catalog: how kinds nest, and the environments. */
function inventoryModel(catalog: Catalog): { parentKinds: Map<string, string | undefined>; environments?: readonly string[] } {
  return { parentKinds: new Map([...catalog.kinds].map(([name, k]) => [name, k.parent])), ...(catalog.environments ? { environments: catalog.environments } : {}) };
}

async function loadInventory(source: FileSource, catalog: Catalog, limits: Limits, problems: Problem[], hash?: Hash): Promise<Inventory | undefined> {
  const file = catalog.inventoryPath!;
  const at = catalog.locate("/inventory");
  const bad = checkRelative(file) ?? pathAlias(file);
  if (bad) {
    problems.push({ code: "file", message: `inventory ${printable(file, 1000)} ${bad}`, location: at });
    return undefined;
  }
  const parser = new InventoryParser(normalize(file), new Set(catalog.kinds.keys()), inventoryModel(catalog));
  const failed = await feed(source, file, limits.maxInventoryBytes, "maxInventoryBytes", parser, hash);
  if (failed) {
    problems.push({ code: "file", message: `inventory ${failed}`, location: at });
    return undefined;
  }
  const { inventory, problems: found } = parser.end();
  problems.push(...found);
  return inventory;
}

const normalize = repoPath;

function messageOf(e: unknown): string {
  if (e instanceof FileError) return e.message;
  const err = e as NodeJS.ErrnoException;
  return err?.code ? `${err.code}: ${err.message}` : String((e as Error)?.message ?? e);
}
