import type { ManifestIndexEntry } from "./types.js";
/** Whether a manifest's `metadata.scripts` entry (a path or a glob) names a script. */
export declare function namesScript(entry: string, script: string): boolean;
/**
 * The governed scripts among `files` (those a `with.scripts` glob matches), each with the glob that
 * governs it and the manifests at head that name it. One place for this: the loader uses it to judge
 * those manifests, the `manifest-required` rule to find scripts named by none.
 */
export declare function governedScripts(globs: readonly string[], files: readonly string[], manifests: readonly ManifestIndexEntry[]): {
    script: string;
    glob: string;
    manifests: string[];
}[];
