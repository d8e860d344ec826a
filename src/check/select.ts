/**
 * Which manifests a run judges: the one selection rule of the CLI (`blastgate check`, with or without
 * paths or `--changed`) and the Action (a pull request's or merge group's changed files, or every
 * manifest). Both call these functions, so they cannot disagree on what is a manifest.
 */
import { minimatch } from "minimatch";
import { grouped } from "../documents/units.js";
import { DEFAULT_LIMITS } from "../documents/limits.js";
import { isManifestText, LOOKS_LIKE_MANIFEST, YAML_FILE } from "../documents/manifest-like.js";
import { isUnder, repoPath } from "../documents/paths.js";
import type { Problem } from "../documents/problem.js";
import { parseYaml } from "../documents/yaml.js";
import type { ChangedFiles } from "../engine/change.js";
import type { ChangedFile } from "../engine/change.js";
import { checkRelative } from "../documents/paths.js";
import { readsOf, type FileSource } from "../documents/files.js";

/** Globs selecting manifests when none are given: every YAML file (the Action's `manifests` default). */
export const DEFAULT_MANIFESTS = ["**/*.yaml", "**/*.yml"];
const GLOB_CHARS = /[*?[\]{}!]/;

export interface Selection {
  /** Repository-relative manifests to judge, sorted. */
  manifests: string[];
  /** Why each manifest is judged ("changed", "its identifier file ids/a.txt changed", ...). */
  reasons: Map<string, string>;
  /** Changed files under the policies directory: the pull request is judged by the base policies anyway. */
  policyChanges: ChangedFile[];
  /** The pull request changes the inventory the catalog names (read from the workspace). */
  inventoryChanged: boolean;
  /** Manifests the change itself touches (the manifest or its identifier file), whatever else brought every manifest in. */
  touchedByChange: string[];
  /** Sentences for the summary: why every manifest was judged, ... */
  notes: string[];
  problems: Problem[];
}

export interface SelectOptions {
  workspace: FileSource;
  globs: string[];
  policiesDir: string;
  /** The inventory named by the (base) catalog, when there is one. */
  inventoryPath: string | undefined;
}

const norm = repoPath;
const underDir = isUnder;

/**
 * A path the `manifests` globs select (a glob starting with ! excludes), outside the policies directory.
 * Matched ignoring letter case: `**\/*.yaml` selects `op.YAML`, which the executor reads all the same.
 */
export function matchesGlobs(file: string, globs: string[], policiesDir: string): boolean {
  if (!YAML_FILE.test(file) || underDir(file, policiesDir)) return false;
  const opts = { dot: true, nocase: true };
  const include = globs.filter((g) => !g.startsWith("!"));
  const exclude = globs.filter((g) => g.startsWith("!")).map((g) => g.slice(1));
  return include.some((g) => minimatch(file, norm(g), opts)) && !exclude.some((g) => minimatch(file, norm(g), opts));
}

/** Whether a file declares `kind: Operation`; streamed, so a large unrelated YAML file is never held whole. */
async function looksLikeManifest(ws: FileSource, file: string): Promise<boolean> {
  let tail = "";
  try {
    for await (const chunk of ws.chunks(file, DEFAULT_LIMITS.maxIdentifierFileBytes)) {
      const window = tail + chunk;
      if (LOOKS_LIKE_MANIFEST.test(window)) return true;
      tail = window.slice(-256);
    }
    return false;
  } catch {
    return true; // loading reports why it cannot be read
  }
}

/** Whether a file is a manifest by the shared rule (documents/manifest-like.ts); one that cannot be read is, so loading says why. */
export async function isManifest(ws: FileSource, file: string): Promise<boolean> {
  if (await looksLikeManifest(ws, file)) return true;
  try {
    return isManifestText(file, await ws.readText(file, DEFAULT_LIMITS.maxDocumentBytes));
  } catch {
    return true; // loading reports why it cannot be read
  }
}

/** Every manifest in the workspace that the globs select. */
export async function allManifests(opts: Pick<SelectOptions, "workspace" | "globs" | "policiesDir">): Promise<string[]> {
  const out: string[] = [];
  for (const f of await opts.workspace.list("")) {
    if (matchesGlobs(f, opts.globs, opts.policiesDir) && (await isManifest(opts.workspace, f))) out.push(f);
  }
  return out.sort();
}

/** The identifier files a manifest names, as written (parse errors are left to loading). */
async function identifierFilesOf(ws: FileSource, manifest: string): Promise<string[]> {
  try {
    const parsed = parseYaml(manifest, await ws.readText(manifest, DEFAULT_LIMITS.maxDocumentBytes), DEFAULT_LIMITS);
    const files: string[] = [];
    for (const d of parsed.documents) {
      const file = (d.value as { spec?: { target?: { identifiers?: { file?: unknown } } } } | null)?.spec?.target?.identifiers?.file;
      if (typeof file === "string" && !checkRelative(file)) files.push(file);
    }
    return files;
  } catch {
    return [];
  }
}

/**
 * Every repository path judging a manifest reads through: the manifest and its identifier file, each
 * with the symbolic links on the way and the file finally read. A change to any of them re-judges it.
 */
export async function manifestReads(ws: FileSource, manifest: string): Promise<{ path: string; via: string }[]> {
  const out: { path: string; via: string }[] = [];
  for (const p of await readsOf(ws, manifest)) out.push({ path: p, via: p === norm(manifest) ? "changed" : `it is read through ${p}, which changed` });
  for (const file of await identifierFilesOf(ws, manifest)) {
    for (const p of await readsOf(ws, file)) out.push({ path: p, via: p === norm(file) ? `its identifier file ${p} changed` : `its identifier file ${file} is read through ${p}, which changed` });
  }
  return out;
}

export async function selectAll(opts: SelectOptions, note?: string, known?: string[]): Promise<Selection> {
  const manifests = known ?? (await allManifests(opts));
  return {
    manifests,
    reasons: new Map(manifests.map((m) => [m, "every manifest is checked"])),
    policyChanges: [],
    inventoryChanged: false,
    touchedByChange: [],
    notes: note ? [note] : [],
    problems: [],
  };
}

/**
 * The manifests a change touches: changed manifests, manifests whose identifier file changed, and
 * every manifest when the inventory changed (it can change what any identifier resolves to) or
 * when GitHub cut the list of changed files short.
 */
async function hasLinks(ws: FileSource): Promise<boolean> {
  try {
    return ws.hasLinks ? await ws.hasLinks() : false;
  } catch {
    return true;
  }
}

export async function selectChanged(changes: ChangedFiles, opts: SelectOptions): Promise<Selection> {
  const { workspace, policiesDir } = opts;
  const inventory = opts.inventoryPath ? norm(opts.inventoryPath) : undefined;
  const touched = (f: ChangedFile) => [f.filename, ...(f.previousFilename ? [f.previousFilename] : [])].map(norm);
  const changedPaths = new Set(changes.files.flatMap(touched));
  const policyChanges = changes.files.filter((f) => touched(f).some((p) => underDir(p, policiesDir)));
  // A policy file that is a link changes when its target does (the change applies once merged).
  if (await hasLinks(workspace)) {
    let policyFiles: string[] = [];
    try {
      policyFiles = await workspace.list(policiesDir);
    } catch {
      // no policies directory at head: loading says so
    }
    for (const file of policyFiles) {
      if (policyChanges.some((f) => norm(f.filename) === file)) continue;
      if ((await readsOf(workspace, file)).some((p) => changedPaths.has(p))) policyChanges.push({ filename: file, status: "modified" });
    }
  }
  // The inventory as it is read: a change to the link or to the file it points at changes it.
  const inventoryChanged = inventory !== undefined && (await readsOf(workspace, inventory)).some((p) => changedPaths.has(p));

  const reasons = new Map<string, string>();
  const problems: Problem[] = [];
  let others = false;
  for (const f of changes.files) {
    if (matchesGlobs(f.filename, opts.globs, policiesDir) && f.status !== "removed") {
      if (!(await workspace.exists(f.filename))) {
        problems.push({
          code: "workspace",
          message: `${f.filename} is changed by this pull request but is not in the workspace: check out the pull request (actions/checkout) before the Blastgate step`,
          location: { file: f.filename, line: 1, column: 1 },
        });
        continue;
      }
      if (await isManifest(workspace, f.filename)) {
        reasons.set(norm(f.filename), "changed");
        continue;
      }
    }
    others = true;
  }
  // Any other changed file may be some manifest's identifier file, whatever its name (ids.yml matches
  // the manifest globs) and wherever it lives, or what a symbolic link leads to: then the workspace is
  // scanned for manifests. A change of manifests alone needs no scan unless the repository has links.
  let every: string[] | undefined;
  if (others || (await hasLinks(workspace))) {
    every = await allManifests(opts);
    for (const m of every) {
      if (reasons.has(m)) continue;
      const hit = (await manifestReads(workspace, m)).find((r) => changedPaths.has(r.path));
      if (hit) reasons.set(m, hit.via);
    }
  }
  const touchedByChange = [...reasons.keys()].sort();

  const whole = async (why: string): Promise<Selection> => {
    const all = await selectAll(opts, why, every);
    return { ...all, policyChanges, inventoryChanged, touchedByChange, reasons: new Map(all.manifests.map((m) => [m, reasons.get(m) ?? why])), problems };
  };
  if (!changes.complete) return whole(`GitHub lists only the first ${grouped(changes.files.length)} changed files: every manifest was checked`);
  if (inventoryChanged) {
    return whole(`this change edits the inventory ${inventory}, which every manifest resolves against: every manifest was checked, against the inventory as this change leaves it`);
  }
  return { manifests: touchedByChange, reasons, policyChanges, inventoryChanged, touchedByChange, notes: [], problems };
}

/**
 * The CLI's manifests: named files are taken as they are (a missing one is a problem); globs select
 * among the repository's files by the shared rule; with neither, every manifest (as the Action's
 * default `manifests` globs select them).
 */
export async function discoverManifests(source: FileSource, patterns: string[], policiesDir: string, problems: Problem[]): Promise<string[]> {
  if (patterns.length === 0) return allManifests({ workspace: source, globs: DEFAULT_MANIFESTS, policiesDir });
  const found = new Set<string>();
  let all: string[] | undefined;
  const everything = async () => (all ??= await source.list(""));
  for (const raw of patterns) {
    const p = norm(raw);
    if (GLOB_CHARS.test(p)) {
      const manifests: string[] = [];
      for (const f of await everything()) if (matchesGlobs(f, [p], policiesDir) && (await isManifest(source, f))) manifests.push(f);
      if (manifests.length === 0) problems.push({ code: "usage", message: `the glob '${raw}' matches no manifest`, location: { file: raw, line: 1, column: 1 } });
      manifests.forEach((f) => found.add(f));
    } else if (await source.exists(p)) {
      found.add(p);
    } else {
      const outside = checkRelative(p);
      problems.push({ code: "file", message: `${raw} ${outside ?? "does not exist"}`, location: { file: raw, line: 1, column: 1 } });
    }
  }
  return [...found];
}
