import { TextDecoder } from "node:util";
import { repoPath } from "../documents/paths.js";
import { grouped } from "../documents/units.js";
import { checkRelative } from "../documents/paths.js";
import { FileError, mib, type FileSource } from "../documents/files.js";
import type { Repo } from "./changes.js";
import type { GitHub } from "./client.js";
import { explainApiError, statusOf } from "./errors.js";

/** An entry of a directory listing of the contents API (what Blastgate reads of it). */
interface DirectoryEntry {
  path: string;
  type: string;
  sha: string;
}

/** GitHub lists at most this many entries of one directory through the contents API. */
const MAX_DIRECTORY_ENTRIES = 1000;

/**
 * The files of one commit, read through the contents API: the Action reads policies and the
 * catalog this way from the pull request's base commit, so the pull request cannot change them,
 * and a manifest at a review's commit, to compare what the reviewer saw with head.
 * Every answer is cached: a file is fetched once per run.
 */
export class GitHubFiles implements FileSource {
  readonly label: string;
  private readonly texts = new Map<string, Promise<string>>();
  private readonly listings = new Map<string, Promise<string[]>>();
  private readonly entries = new Map<string, Promise<DirectoryEntry[]>>();

  constructor(
    private readonly gh: GitHub,
    private readonly repo: Repo,
    readonly ref: string,
    /** What the ref is to the reader: "base commit", or "commit" for a review's commit. */
    what = "base commit",
  ) {
    this.label = `${what} ${/^[0-9a-f]{40}$/i.test(ref) ? ref.slice(0, 7) : ref}`;
  }

  async readText(file: string, maxBytes: number): Promise<string> {
    const path = this.checked(file);
    let pending = this.texts.get(path);
    if (!pending) {
      pending = this.fetchText(path);
      this.texts.set(path, pending);
    }
    const text = await pending;
    const bytes = Buffer.byteLength(text, "utf8");
    if (bytes > maxBytes) throw new FileError(`${file} is ${mib(bytes)}, over the limit of ${mib(maxBytes)} (${this.label})`, "too-large");
    return text;
  }

  async *chunks(file: string, maxBytes: number): AsyncIterable<string> {
    yield await this.readText(file, maxBytes);
  }

  async list(dir: string): Promise<string[]> {
    const path = dir === "" || dir === "." ? "" : this.checked(dir).replace(/\/+$/, "");
    let pending = this.listings.get(path);
    if (!pending) {
      pending = this.fetchListing(path);
      this.listings.set(path, pending);
    }
    return [...(await pending)];
  }

  async exists(file: string): Promise<boolean> {
    if (checkRelative(file)) return false;
    try {
      await this.readText(file, Number.MAX_SAFE_INTEGER);
      return true;
    } catch (e) {
      if (e instanceof FileError && (e.code === "missing" || e.code === "directory")) return e.code === "directory";
      throw e;
    }
  }

  /**
   * Git's id of a file's content at this commit, from its directory's entry (one request per directory,
   * whatever the file's size); undefined when the file is not there.
   */
  async blobId(file: string): Promise<string | undefined> {
    const path = this.checked(file);
    const dir = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
    let entries: DirectoryEntry[];
    try {
      entries = await this.entriesOf(dir);
    } catch (e) {
      if (e instanceof FileError && e.code === "missing") return undefined;
      throw e;
    }
    return entries.find((e) => e.path === path && e.type === "file")?.sha;
  }

  private checked(file: string): string {
    const bad = checkRelative(file);
    if (bad) throw new FileError(`${file} ${bad}`, "outside");
    return repoPath(file);
  }

  private async fetchText(path: string): Promise<string> {
    let data: unknown;
    try {
      ({ data } = await this.gh.request("GET /repos/{owner}/{repo}/contents/{path}", { ...this.repo, path, ref: this.ref, mediaType: { format: "raw" } }));
    } catch (e) {
      throw this.fileError(e, path);
    }
    if (typeof data === "string") return data;
    if (data instanceof ArrayBuffer) {
      try {
        return new TextDecoder("utf-8", { fatal: true }).decode(data);
      } catch {
        throw new FileError(`${path} is not UTF-8 text (${this.label})`, "encoding");
      }
    }
    // A directory answers with its listing even when the raw format is asked for.
    if (Array.isArray(data)) throw new FileError(`${path} is a directory, not a file (${this.label})`, "directory");
    throw new FileError(`${path} is not a regular file (${this.label})`, "io");
  }

  private async fetchListing(dir: string): Promise<string[]> {
    const out: string[] = [];
    const entries = (await this.entriesOf(dir)).slice().sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const e of entries) {
      if (e.type === "dir") out.push(...(await this.list(e.path)));
      else if (e.type === "file" || e.type === "symlink") out.push(e.path);
    }
    return out;
  }

  /** One directory's entries as the contents API lists them (cached: a listing and a blob id share one request). */
  private entriesOf(dir: string): Promise<DirectoryEntry[]> {
    let pending = this.entries.get(dir);
    if (!pending) {
      pending = this.fetchEntries(dir);
      this.entries.set(dir, pending);
    }
    return pending;
  }

  private async fetchEntries(dir: string): Promise<DirectoryEntry[]> {
    let data: unknown;
    try {
      ({ data } = await this.gh.request("GET /repos/{owner}/{repo}/contents/{path}", { ...this.repo, path: dir, ref: this.ref }));
    } catch (e) {
      throw this.fileError(e, dir || "the repository root");
    }
    if (!Array.isArray(data)) throw new FileError(`${dir} is not a directory (${this.label})`, "io");
    if (data.length >= MAX_DIRECTORY_ENTRIES) {
      throw new FileError(`${dir || "the repository root"} holds ${grouped(MAX_DIRECTORY_ENTRIES)} entries or more, more than GitHub lists (${this.label}): keep the policies in a small directory of their own`, "io");
    }
    return data as DirectoryEntry[];
  }

  private fileError(e: unknown, path: string): FileError {
    if (statusOf(e) === 404) return new FileError(`${path} does not exist in the ${this.label}`, "missing");
    return new FileError(explainApiError(e, { doing: `read ${path} from the ${this.label}`, permission: "contents: read" }), "io");
  }
}
