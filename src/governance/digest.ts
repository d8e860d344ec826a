import { createHash, type Hash } from "node:crypto";
import type { FileSource } from "../documents/files.js";

/**
 * The digest an approval or an override binds to: the manifest, its identifier file and the scripts its
 * `metadata.scripts` names, as text.
 * `sha256:` + SHA-256 over a header and, per file in order, its path and the SHA-256 of its content,
 * so moving bytes from one file to the other changes it too. A leading byte order mark is not content
 * (every file source decodes it away), so adding or dropping one changes nothing.
 */
export type DigestResult = { ok: true; digest: string } | { ok: false; reason: string };

export interface DigestPart {
  /** Repository-relative, normalised. */
  path: string;
  /** Hex SHA-256 of the file's text. */
  sha256: string;
}

const HEADER = "blastgate-digest/1\n";

/** A repository-relative path as digests name it: the one canonical form (documents/paths.ts). */
export { repoPath } from "../documents/paths.js";

export function combineDigest(parts: readonly DigestPart[]): string {
  const h = createHash("sha256").update(HEADER);
  for (const p of parts) h.update(`${p.path}\t${p.sha256}\n`);
  return `sha256:${h.digest("hex")}`;
}

/** A hash fed while a file is read for another purpose (loading a manifest, parsing identifiers): one read, not two. */
export function fileHash(): { hash: Hash; part(path: string): DigestPart } {
  const hash = createHash("sha256");
  return { hash, part: (path) => ({ path, sha256: hash.digest("hex") }) };
}

/** The parts of files read from a source (the workspace, or a past commit), streamed. Never throws: a file that cannot be read is a reason. */
export async function digestParts(source: FileSource, files: readonly { path: string; maxBytes: number }[]): Promise<{ ok: true; parts: DigestPart[] } | { ok: false; reason: string }> {
  const parts: DigestPart[] = [];
  for (const f of files) {
    const h = createHash("sha256");
    try {
      for await (const chunk of source.chunks(f.path, f.maxBytes)) h.update(chunk, "utf8");
    } catch (e) {
      return { ok: false, reason: `${(e as Error)?.message ?? String(e)} (${source.label})` };
    }
    parts.push({ path: f.path, sha256: h.digest("hex") });
  }
  return { ok: true, parts };
}

/** The digest of files read from a source. Never throws: a file that cannot be read is a reason. */
export async function digestFiles(source: FileSource, files: readonly { path: string; maxBytes: number }[]): Promise<DigestResult> {
  const read = await digestParts(source, files);
  return read.ok ? { ok: true, digest: combineDigest(read.parts) } : read;
}

/** `sha256:1a2b3c4d5e6f` for people; the JSON report carries the full digest. */
export function shortDigest(digest: string): string {
  return digest.slice(0, "sha256:".length + 12);
}
