import { FileError, type FileSource } from "../documents/files.js";
import { governedScripts, namesScript } from "../rules/scripts.js";
import { repoPath } from "./digest.js";
import type { ChangeSet } from "../rules/types.js";
import type { ScriptEntry } from "../rules/status.js";

const norm = repoPath;

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
    const fixed = segments
      .slice(
        0,
        segments.findIndex((s) => GLOB.test(s)),
      )
      .join("/");
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
