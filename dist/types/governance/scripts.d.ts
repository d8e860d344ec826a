import { type FileSource } from "../documents/files.js";
import type { ChangeSet } from "../rules/types.js";
import type { ScriptEntry } from "../rules/status.js";
/** Every governed script of a change, merged over the `manifest-required` rules (`scripts` of the report). */
export declare function scriptEntries(rules: readonly {
    id: string;
    options: Record<string, unknown>;
    module: {
        checkChanges?: unknown;
    };
}[], changes: ChangeSet | undefined): ScriptEntry[];
/**
 * The files a manifest's `metadata.scripts` names in one version of the repository: literal paths that
 * exist there and the files each glob matches, canonical and sorted. Head and a review's commit each
 * resolve their own, so a script added under a glob after the review changes the digest.
 */
export declare function resolveScripts(source: FileSource, entries: readonly string[]): Promise<string[]>;
