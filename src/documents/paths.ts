/**
 * One canonical form for every repository path: selection, reading and digests compare paths only in
 * this form, so `ids/a.txt/`, `ids\a.txt`, `./ids/a.txt` and `ids//a.txt` cannot name one file under
 * two names (one re-judged when the file changes, the other not). Pure: no file system here.
 */
import path from "node:path";

/** The canonical spelling of a repository-relative path: `/` separators, no `.`, `..`, `//`, leading `./` or trailing `/`; "." for the root. */
export function repoPath(p: string): string {
  const n = path.posix.normalize(p.replace(/\\/g, "/"));
  return n.replace(/^(\.\/)+/, "").replace(/(.)\/+$/, "$1") || ".";
}

/** A directory in canonical form, with the trailing `/` that makes `startsWith` a containment test. */
export function dirPrefix(dir: string): string {
  const d = repoPath(dir);
  return d === "." ? "" : `${d}/`;
}

/** Whether a canonical file path lies below a directory (any spelling). */
export function isUnder(file: string, dir: string): boolean {
  const prefix = dirPrefix(dir);
  return prefix === "" || repoPath(file).startsWith(prefix);
}

/**
 * Why a path written in a document is not in its one canonical form, or undefined when it is. A
 * document names each file one way: an alias (a trailing slash, a backslash, `.` or `..` segments, a
 * double slash) is refused, not read, since what selects manifests for re-judging compares paths.
 */
export function pathAlias(p: string): string | undefined {
  if (p === "") return "is empty";
  const canonical = repoPath(p);
  if (p === canonical) return undefined;
  const why = p.includes("\\") ? "a backslash: paths use /" : /\/$/.test(p) ? "a trailing /" : /\/\//.test(p) ? "a double /" : /(^|\/)\.\.?(\/|$)/.test(p) ? "a . or .. segment" : "another spelling";
  return `is not written in its canonical form '${canonical}' (${why}): write each path one way, as the repository lists it`;
}

/** Rejects what could leave the repository before any file system call is made. */
export function checkRelative(file: string): string | undefined {
  if (file.includes("\0")) return "contains a NUL byte";
  if (path.isAbsolute(file) || /^[a-zA-Z]:[\\/]/.test(file) || file.startsWith("\\")) return "is absolute; paths are relative to the repository root";
  const norm = repoPath(file);
  if (norm === ".." || norm.startsWith("../")) return "leaves the repository";
  return undefined;
}
