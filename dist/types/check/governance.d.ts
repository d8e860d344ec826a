/**
 * The I/O governance needs, done before the pure check and only through what the caller hands in:
 * a FileSource for head and for past commits, a TeamDirectory, the reviews. The CLI and the Action
 * differ only in those; see GovernanceOptions.
 */
import type { Limits } from "../documents/limits.js";
import type { Catalog } from "../resolve/catalog.js";
import type { CompiledRule } from "../rules/types.js";
import type { ManifestInput } from "../rules/types.js";
import type { FileSource } from "../documents/files.js";
import type { GovernanceFacts } from "../governance/facts.js";
import type { ChangeSet, ManifestIndexEntry } from "../rules/types.js";
import { type Review } from "../governance/reviews.js";
import { type CommitHistory, type PermissionReader } from "../governance/authorship.js";
import { type TeamDirectory } from "../governance/teams.js";
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
/** `metadata.name` and `metadata.scripts` of manifests, read leniently: loading reports a broken one if it is judged. */
export declare function indexManifests(source: FileSource, files: readonly string[], limits: Limits): Promise<ManifestIndexEntry[]>;
/** The change `manifest-required` rules judge, and the manifests they add to the check. */
export declare function prepareChanges(opts: {
    workspace: FileSource;
    rules: readonly CompiledRule[];
    index: ManifestIndexEntry[];
    changedFiles: string[] | undefined;
}): Promise<{
    changes: ChangeSet | undefined;
    extraManifests: string[];
}>;
/** Every manifest name -> the files holding it. */
export declare function manifestNames(index: readonly ManifestIndexEntry[]): Map<string, string[]>;
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
/**
 * Reads what the pure judgement needs: memberships of the reviewers in the teams that matter, and
 * the digest of every judged manifest (and governed script without one) at each review's commit.
 */
export declare function gatherFacts(opts: GatherOptions): Promise<GovernanceFacts>;
/**
 * Before manifests load: the manifest index (when a `manifest-required` rule or a waiver needs it),
 * the change, and the manifests a changed governed script brings into the check.
 */
export declare function prepareGovernance(opts: {
    workspace: FileSource;
    policiesDir: string;
    rules: readonly CompiledRule[];
    waivers: number;
    governance: GovernanceOptions | undefined;
    limits: Limits;
}): Promise<{
    index: ManifestIndexEntry[] | undefined;
    changes: ChangeSet | undefined;
    extraManifests: string[];
}>;
export {};
