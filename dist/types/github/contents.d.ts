import { type FileSource } from "../documents/files.js";
import type { Repo } from "./changes.js";
import type { GitHub } from "./client.js";
/**
 * The files of one commit, read through the contents API: the Action reads policies and the
 * catalog this way from the pull request's base commit, so the pull request cannot change them,
 * and a manifest at a review's commit, to compare what the reviewer saw with head.
 * Every answer is cached: a file is fetched once per run.
 */
export declare class GitHubFiles implements FileSource {
    private readonly gh;
    private readonly repo;
    readonly ref: string;
    readonly label: string;
    private readonly texts;
    private readonly listings;
    private readonly entries;
    constructor(gh: GitHub, repo: Repo, ref: string, 
    /** What the ref is to the reader: "base commit", or "commit" for a review's commit. */
    what?: string);
    readText(file: string, maxBytes: number): Promise<string>;
    chunks(file: string, maxBytes: number): AsyncIterable<string>;
    list(dir: string): Promise<string[]>;
    exists(file: string): Promise<boolean>;
    /**
     * Git's id of a file's content at this commit, from its directory's entry (one request per directory,
     * whatever the file's size); undefined when the file is not there.
     */
    blobId(file: string): Promise<string | undefined>;
    private checked;
    private fetchText;
    private fetchListing;
    /** One directory's entries as the contents API lists them (cached: a listing and a blob id share one request). */
    private entriesOf;
    private fetchEntries;
    private fileError;
}
