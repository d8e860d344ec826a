import type { Problem } from "../documents/problem.js";
import type { ChangedFiles } from "../engine/change.js";
import type { ChangedFile } from "../engine/change.js";
import { type FileSource } from "../documents/files.js";
/** Globs selecting manifests when none are given: every YAML file (the Action's `manifests` default). */
export declare const DEFAULT_MANIFESTS: string[];
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
/**
 * A path the `manifests` globs select (a glob starting with ! excludes), outside the policies directory.
 * Matched ignoring letter case: `**\/*.yaml` selects `op.YAML`, which the executor reads all the same.
 */
export declare function matchesGlobs(file: string, globs: string[], policiesDir: string): boolean;
/** Whether a file is a manifest by the shared rule (documents/manifest-like.ts); one that cannot be read is, so loading says why. */
export declare function isManifest(ws: FileSource, file: string): Promise<boolean>;
/** Every manifest in the workspace that the globs select. */
export declare function allManifests(opts: Pick<SelectOptions, "workspace" | "globs" | "policiesDir">): Promise<string[]>;
/**
 * Every repository path judging a manifest reads through: the manifest and its identifier file, each
 * with the symbolic links on the way and the file finally read. A change to any of them re-judges it.
 */
export declare function manifestReads(ws: FileSource, manifest: string): Promise<{
    path: string;
    via: string;
}[]>;
export declare function selectAll(opts: SelectOptions, note?: string, known?: string[]): Promise<Selection>;
export declare function selectChanged(changes: ChangedFiles, opts: SelectOptions): Promise<Selection>;
/**
 * The CLI's manifests: named files are taken as they are (a missing one is a problem); globs select
 * among the repository's files by the shared rule; with neither, every manifest (as the Action's
 * default `manifests` globs select them).
 */
export declare function discoverManifests(source: FileSource, patterns: string[], policiesDir: string, problems: Problem[]): Promise<string[]>;
