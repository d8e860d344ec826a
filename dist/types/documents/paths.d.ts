/** The canonical spelling of a repository-relative path: `/` separators, no `.`, `..`, `//`, leading `./` or trailing `/`; "." for the root. */
export declare function repoPath(p: string): string;
/** A directory in canonical form, with the trailing `/` that makes `startsWith` a containment test. */
export declare function dirPrefix(dir: string): string;
/** Whether a canonical file path lies below a directory (any spelling). */
export declare function isUnder(file: string, dir: string): boolean;
/**
 * Why a path written in a document is not in its one canonical form, or undefined when it is. A
 * document names each file one way: an alias (a trailing slash, a backslash, `.` or `..` segments, a
 * double slash) is refused, not read, since what selects manifests for re-judging compares paths.
 */
export declare function pathAlias(p: string): string | undefined;
/** Rejects what could leave the repository before any file system call is made. */
export declare function checkRelative(file: string): string | undefined;
