import { minimatch } from "minimatch";
import { FileError, type FileSource } from "../workspace/files.js";
import { repoPath } from "./digest.js";
import type { ChangeSet, ManifestIndexEntry } from "./facts.js";
import type { ScriptEntry } from "./types.js";

const norm = repoPath;

/** Whether a manifest's `metadata.scripts` entry (a path or a glob) names a script. */
export function namesScript(entry: string, script: string): boolean {
  return minimatch(norm(script), norm(entry), { dot: true });
}

/**
 * The governed scripts among `files` (those a `with.scripts` glob matches), each with the glob that
 * governs it and the manifests at head that name it. One place for this: the loader uses it to judge
 * those manifests, the `manifest-required` rule to find scripts named by none.
 */
export function governedScripts(globs: readonly string[], files: readonly string[], manifests: readonly ManifestIndexEntry[]): { script: string; glob: string; manifests: string[] }[] {
  const out: { script: string; glob: string; manifests: string[] }[] = [];
  for (const file of files) {
    const script = norm(file);
    const glob = globs.find((g) => minimatch(script, norm(g), { dot: true }));
    if (glob === undefined) continue;
    out.push({ script, glob, manifests: manifests.filter((m) => m.scripts.some((e) => namesScript(e, script))).map((m) => m.file) });
  }
  return out;
}

/** Every governed script of a change, merged over the `manifest-required` rules (`scripts` of the report). */
export function scriptEntries(rules: readonly { id: string; options: Record<string, unknown>; module: { checkChanges?: unknown } }[], changes: ChangeSet | undefined): ScriptEntry[] {
  if (!changes) return [];
  const out = new Map<string, ScriptEntry>();
  for (const rule of rules) {
    if (!rule.module.checkChanges || !Array.isArray(rule.options.scripts)) continue;
    for (const s of governedScripts(rule.options.scripts as string[], changes.files, changes.manifests)) {
      const e = out.get(s.script) ?? { script: s.script, rules: [], manifests: s.manifests };
      e.rules.push(rule.id);
      out.set(s.script, e);
    }
  }
  return [...out.values()].sort((a, b) => (a.script < b.script ? -1 : 1));
}

const GLOB = /[*?[\]{}()!+@]/;

/**
 * The files a manifest's `metadata.scripts` names in one version of the repository: literal paths that
 * exist there and the files each glob matches, canonical and sorted. Head and a review's commit each
 * resolve their own, so a script added under a glob after the review changes the digest.
 */
export async function resolveScripts(source: FileSource, entries: readonly string[]): Promise<string[]> {
  const out = new Set<string>();
  for (const raw of entries) {
    const entry = norm(raw);
    if (entry === "" || entry.startsWith("../") || entry.startsWith("/")) continue;
    if (!GLOB.test(entry)) {
      if (await source.exists(entry)) out.add(entry);
      continue;
    }
    const segments = entry.split("/");
    const fixed = segments.slice(0, segments.findIndex((s) => GLOB.test(s))).join("/");
    let files: string[];
    try {
      files = await source.list(fixed);
    } catch (e) {
      if (e instanceof FileError && (e.code === "missing" || e.code === "directory")) continue;
      throw e;
    }
    for (const f of files) if (namesScript(entry, f)) out.add(norm(f));
  }
  return [...out].sort();
}
