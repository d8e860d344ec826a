/** A file that cannot be read as asked; the message names the file and why. */
export declare class FileError extends Error {
    readonly code: "missing" | "outside" | "directory" | "too-large" | "encoding" | "io";
    constructor(message: string, code: "missing" | "outside" | "directory" | "too-large" | "encoding" | "io");
}
/** Where documents come from: the working tree, or (in the Action) the base commit through the API. */
export interface FileSource {
    /** A description for messages ("the working tree", "base commit 1a2b3c4"). */
    readonly label: string;
    readText(file: string, maxBytes: number): Promise<string>;
    /** The file as text chunks, so large identifier files and inventories are never held whole. */
    chunks(file: string, maxBytes: number): AsyncIterable<string>;
    /** Repository-relative paths of the files below a directory, recursively. */
    list(dir: string): Promise<string[]>;
    exists(file: string): Promise<boolean>;
    /** Git's id of the file's content, when the source can tell it without reading the file through; undefined when the file is not there. */
    blobId?(file: string): Promise<string | undefined>;
    /**
     * The repository paths a read of `file` goes through, in canonical form: the path itself, every
     * symbolic link on the way (a linked directory too) and the file finally read. A change to any of
     * them changes what the read returns. Absent: the source has no links, the path alone.
     */
    reads?(file: string): Promise<string[]>;
    /** Whether the repository holds any symbolic link (then a change may reach a file through one). */
    hasLinks?(): Promise<boolean>;
}
/** What a read of a file depends on (see FileSource.reads). */
export declare function readsOf(source: FileSource, file: string): Promise<string[]>;
/** A size for messages: bytes below a MiB, MiB above. */
export declare function mib(bytes: number): string;
