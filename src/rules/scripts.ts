import { minimatch } from "minimatch";
import { repoPath as norm } from "../documents/paths.js";
import type { ManifestIndexEntry } from "./types.js";

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
