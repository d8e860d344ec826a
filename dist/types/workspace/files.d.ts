import { type FileSource } from "../documents/files.js";
/**
 * The local file system below a root, refusing anything that resolves outside it (symlinks included).
 * Reads are synchronous behind the async interface: a local file answers in microseconds, while each
 * asynchronous call queues on libuv's thread pool (10,000 manifests took a minute, mostly waiting).
 */
export declare class LocalFiles implements FileSource {
    readonly root: string;
    readonly label: string;
    private realRoot;
    /** Real paths of the directories seen so far: a file then costs one lstat, not a walk of its path. */
    private readonly realDirs;
    /** Listed paths whose own name is not UTF-8 (see list). */
    private readonly badNames;
    /** Set by a walk of the whole tree: whether it met a symbolic link. */
    private linksSeen;
    constructor(root: string);
    /** The real path of a file below the root, and its status; refuses what leaves the root. */
    private resolve;
    /** Opens a regular file within the limit; the caller closes the descriptor. */
    private open;
    readText(file: string, maxBytes: number): Promise<string>;
    chunks(file: string, maxBytes: number): AsyncIterable<string>;
    list(dir: string): Promise<string[]>;
    /** A listed path whose name, or a directory's on the way, is not UTF-8: such a path cannot be opened as written. */
    private notUtf8;
    /** Git's id of the file's bytes, as a commit's tree would give it (hashed, not looked up: the workspace need not be a git checkout). */
    blobId(file: string): Promise<string | undefined>;
    hasLinks(): Promise<boolean>;
    reads(file: string): Promise<string[]>;
    exists(file: string): Promise<boolean>;
}
/**
 * Git's id of a file's content (the sha1 of "blob <size>\0" and its bytes), read a chunk at a time; the
 * id a commit's tree gives the same file. Undefined when the file does not exist.
 */
export declare function gitBlobId(absolutePath: string): Promise<string | undefined>;
