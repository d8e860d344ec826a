import { type Hash } from "node:crypto";
import type { FileSource } from "../documents/files.js";
/**
 * The digest an approval or an override binds to: the manifest, its identifier file and the scripts its
 * `metadata.scripts` names, as text.
 * `sha256:` + SHA-256 over a header and, per file in order, its path and the SHA-256 of its content,
 * so moving bytes from one file to the other changes it too. A leading byte order mark is not content
 * (every file source decodes it away), so adding or dropping one changes nothing.
 */
export type DigestResult = {
    ok: true;
    digest: string;
} | {
    ok: false;
    reason: string;
};
export interface DigestPart {
    /** Repository-relative, normalised. */
    path: string;
    /** Hex SHA-256 of the file's text. */
    sha256: string;
}
/** A repository-relative path as digests name it: the one canonical form (documents/paths.ts). */
export { repoPath } from "../documents/paths.js";
export declare function combineDigest(parts: readonly DigestPart[]): string;
/** A hash fed while a file is read for another purpose (loading a manifest, parsing identifiers): one read, not two. */
export declare function fileHash(): {
    hash: Hash;
    part(path: string): DigestPart;
};
/** The parts of files read from a source (the workspace, or a past commit), streamed. Never throws: a file that cannot be read is a reason. */
export declare function digestParts(source: FileSource, files: readonly {
    path: string;
    maxBytes: number;
}[]): Promise<{
    ok: true;
    parts: DigestPart[];
} | {
    ok: false;
    reason: string;
}>;
/** The digest of files read from a source. Never throws: a file that cannot be read is a reason. */
export declare function digestFiles(source: FileSource, files: readonly {
    path: string;
    maxBytes: number;
}[]): Promise<DigestResult>;
/** `sha256:1a2b3c4d5e6f` for people; the JSON report carries the full digest. */
export declare function shortDigest(digest: string): string;
