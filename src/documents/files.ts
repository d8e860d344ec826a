import { repoPath } from "./paths.js";

// The file port of the core: where documents come from (the working tree, a commit through the API).
// Adapters implement FileSource (src/workspace, src/github); the core reads only through it. Pure: no I/O here.

/** A file that cannot be read as asked; the message names the file and why. */
export class FileError extends Error {
  constructor(
    message: string,
    readonly code: "missing" | "outside" | "directory" | "too-large" | "encoding" | "io",
  ) {
    super(message);
  }
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
export async function readsOf(source: FileSource, file: string): Promise<string[]> {
  if (!source.reads) return [repoPath(file)];
  try {
    return await source.reads(file);
  } catch {
    return [repoPath(file)];
  }
}

/** A size for messages: bytes below a MiB, MiB above. */
export function mib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(bytes >= 10 * 1024 * 1024 ? 0 : 1)} MiB` : `${bytes} bytes`;
}
