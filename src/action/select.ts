import { minimatch } from "minimatch";
import { grouped } from "../documents/units.js";
import { DEFAULT_LIMITS } from "../documents/limits.js";
import type { Problem } from "../documents/problem.js";
import { parseYaml } from "../documents/yaml.js";
import type { ChangedFile, ChangedFiles } from "../github/changes.js";
import { declaresOperation, LOOKS_LIKE_MANIFEST } from "../workspace/discover.js";
import { normalizePath, type FileSource } from "../workspace/files.js";

const YAML_FILE = /\.ya?ml$/i;

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

const norm = normalizePath;

function underDir(file: string, dir: string): boolean {
  return file.startsWith(dir.replace(/\/+$/, "") + "/");
}

/** A path the `manifests` globs select (a glob starting with ! excludes), outside the policies directory. */
export function matchesGlobs(file: string, globs: string[], policiesDir: string): boolean {
  if (!YAML_FILE.test(file) || underDir(file, policiesDir)) return false;
  const include = globs.filter((g) => !g.startsWith("!"));
  const exclude = globs.filter((g) => g.startsWith("!")).map((g) => g.slice(1));
  return include.some((g) => minimatch(file, norm(g), { dot: true })) && !exclude.some((g) => minimatch(file, norm(g), { dot: true }));
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

/**
 * Also a manifest written so the quick test misses it (flow style, a quoted key, an escape): skipping a
 * manifest would let it through unjudged. The parse is the CLI's (discover.ts).
 */
async function isManifest(ws: FileSource, file: string): Promise<boolean> {
  if (await looksLikeManifest(ws, file)) return true;
  try {
    return declaresOperation(file, await ws.readText(file, DEFAULT_LIMITS.maxDocumentBytes));
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

/** The identifier file a manifest names, if it names one (parse errors are left to loading). */
async function identifierFileOf(ws: FileSource, manifest: string): Promise<string[]> {
  try {
    const parsed = parseYaml(manifest, await ws.readText(manifest, DEFAULT_LIMITS.maxDocumentBytes), DEFAULT_LIMITS);
    const files: string[] = [];
    for (const d of parsed.documents) {
      const file = (d.value as { spec?: { target?: { identifiers?: { file?: unknown } } } } | null)?.spec?.target?.identifiers?.file;
      if (typeof file === "string") files.push(norm(file));
    }
    return files;
  } catch {
    return [];
  }
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
export async function selectChanged(changes: ChangedFiles, opts: SelectOptions): Promise<Selection> {
  const { workspace, policiesDir } = opts;
  const inventory = opts.inventoryPath ? norm(opts.inventoryPath) : undefined;
  const touched = (f: ChangedFile) => [f.filename, ...(f.previousFilename ? [f.previousFilename] : [])];
  const policyChanges = changes.files.filter((f) => touched(f).some((p) => underDir(p, policiesDir)));
  const inventoryChanged = inventory !== undefined && changes.files.some((f) => touched(f).includes(inventory));

  const reasons = new Map<string, string>();
  const problems: Problem[] = [];
  const others = new Set<string>();
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
        reasons.set(f.filename, "changed");
        continue;
      }
    }
    // Any other changed file may be some manifest's identifier file, whatever its name (ids.yml matches
    // the manifest globs) and wherever it lives. (Only then is the workspace scanned for manifests.)
    touched(f).forEach((p) => others.add(p));
  }
  let every: string[] | undefined;
  if (others.size > 0) {
    every = await allManifests(opts);
    for (const m of every) {
      if (reasons.has(m)) continue;
      const file = (await identifierFileOf(workspace, m)).find((f) => others.has(f));
      if (file) reasons.set(m, `its identifier file ${file} changed`);
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
