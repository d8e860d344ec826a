import { createHash } from "node:crypto";
import { closeSync, createReadStream, lstatSync, openSync, readdirSync, readlinkSync, readSync, realpathSync, statSync, type Stats } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { TextDecoder } from "node:util";
import { checkRelative, repoPath } from "../documents/paths.js";
import { FileError, mib, type FileSource } from "../documents/files.js";

const CHUNK_BYTES = 64 * 1024;
const SEP = Buffer.from(path.sep);
let readBuffer: Buffer | undefined;

/**
 * Not walked: git's own store. `node_modules/` is walked: a manifest committed there is judged like any
 * other (skipping the directory let one pass unjudged).
 */
const SKIP_DIRS = new Set([".git"]);
/** Links followed at most (a loop of links ends here; the read itself then fails). */
const MAX_LINKS = 40;

/**
 * The local file system below a root, refusing anything that resolves outside it (symlinks included).
 * Reads are synchronous behind the async interface: a local file answers in microseconds, while each
 * asynchronous call queues on libuv's thread pool (10,000 manifests took a minute, mostly waiting).
 */
export class LocalFiles implements FileSource {
  readonly label: string;
  private realRoot: string | undefined;
  /** Real paths of the directories seen so far: a file then costs one lstat, not a walk of its path. */
  private readonly realDirs = new Map<string, string>();
  /** Listed paths whose own name is not UTF-8 (see list). */
  private readonly badNames = new Set<string>();
  /** Set by a walk of the whole tree: whether it met a symbolic link. */
  private linksSeen: boolean | undefined;

  constructor(readonly root: string) {
    this.label = "the working tree";
  }

  /** The real path of a file below the root, and its status; refuses what leaves the root. */
  private resolve(file: string): { real: string; st: Stats } {
    const bad = checkRelative(file);
    if (bad) throw new FileError(`${file} ${bad}`, "outside");
    this.realRoot ??= realpathSync.native(this.root);
    const full = path.resolve(this.realRoot, file);
    let real: string;
    let st: Stats;
    try {
      const dir = path.dirname(full);
      let realDir = this.realDirs.get(dir);
      if (realDir === undefined) this.realDirs.set(dir, (realDir = realpathSync.native(dir)));
      real = path.join(realDir, path.basename(full));
      st = lstatSync(real);
      if (st.isSymbolicLink()) {
        real = realpathSync.native(real);
        st = statSync(real);
      }
    } catch {
      if (this.notUtf8(file)) throw new FileError(`${file}: the file name is not valid UTF-8 (shown with \uFFFD for the bytes that are not): rename the file`, "encoding");
      throw new FileError(`${file} does not exist`, "missing");
    }
    if (real !== this.realRoot && !real.startsWith(this.realRoot + path.sep)) throw new FileError(`${file} resolves outside the repository (through a symbolic link)`, "outside");
    return { real, st };
  }

  /** Opens a regular file within the limit; the caller closes the descriptor. */
  private open(file: string, maxBytes: number): number {
    // Checked before opening: opening a FIFO would wait for a writer.
    const { real, st } = this.resolve(file);
    if (st.isDirectory()) throw new FileError(`${file} is a directory, not a file`, "directory");
    if (!st.isFile()) throw new FileError(`${file} is not a regular file`, "io");
    if (st.size > maxBytes) throw new FileError(`${file} is ${mib(st.size)}, over the limit of ${mib(maxBytes)}`, "too-large");
    return openSync(real, "r");
  }

  async readText(file: string, maxBytes: number): Promise<string> {
    let text = "";
    for await (const c of this.chunks(file, maxBytes)) text += c;
    return text;
  }

  async *chunks(file: string, maxBytes: number): AsyncIterable<string> {
    const fd = this.open(file, maxBytes);
    const decoder = new TextDecoder("utf-8", { fatal: true });
    // 64 KiB: each chunk's string is then young garbage, freed at once; megabyte strings go straight to
    // the old generation and pile up until a full collection (an inventory's peak memory rose by half).
    // One buffer for every read: each chunk is decoded (copied) before the generator yields.
    const buf = (readBuffer ??= Buffer.allocUnsafe(CHUNK_BYTES));
    let read = 0;
    try {
      for (;;) {
        const n = readSync(fd, buf, 0, buf.length, null);
        if (n === 0) break;
        read += n;
        if (read > maxBytes) throw new FileError(`${file} grew over the limit of ${mib(maxBytes)} while being read`, "too-large");
        yield decode(decoder, buf.subarray(0, n), file, true);
      }
      yield decode(decoder, undefined, file, false);
    } finally {
      closeSync(fd);
    }
  }

  async list(dir: string): Promise<string[]> {
    const out: string[] = [];
    const base = dir === "" || dir === "." ? "" : dir.replace(/\/+$/, "");
    // Names are read as bytes: a name that is not UTF-8 is listed (with U+FFFD for its bad bytes) and
    // remembered, so a read of it says why it fails instead of "does not exist"; what is under it is walked too.
    const walk = async (rel: string, abs: Buffer): Promise<void> => {
      const entries = readdirSync(abs, { withFileTypes: true, encoding: "buffer" }).map((e) => {
        const raw = e.name as unknown as Buffer;
        const name = raw.toString("utf8");
        return { e, raw, name, valid: !name.includes("\uFFFD") || Buffer.from(name, "utf8").equals(raw) };
      });
      for (const { e, raw, name, valid } of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const child = rel ? `${rel}/${name}` : name;
        if (!valid) this.badNames.add(child);
        if (e.isDirectory()) {
          if (!SKIP_DIRS.has(name)) await walk(child, Buffer.concat([abs, SEP, raw]));
        } else if (e.isFile() || e.isSymbolicLink()) {
          out.push(child);
          if (e.isSymbolicLink()) this.linksSeen = true;
        }
      }
    };
    if (base) {
      if (!this.resolve(base).st.isDirectory()) throw new FileError(`${base} is not a directory`, "io");
    }
    await walk(base, Buffer.from(path.join(this.root, base)));
    return out;
  }

  /** A listed path whose name, or a directory's on the way, is not UTF-8: such a path cannot be opened as written. */
  private notUtf8(file: string): boolean {
    if (this.badNames.size === 0 || !file.includes("\uFFFD")) return false;
    for (let i = file.indexOf("/"); ; i = file.indexOf("/", i + 1)) {
      if (this.badNames.has(i < 0 ? file : file.slice(0, i))) return true;
      if (i < 0) return false;
    }
  }

  /** Git's id of the file's bytes, as a commit's tree would give it (hashed, not looked up: the workspace need not be a git checkout). */
  async blobId(file: string): Promise<string | undefined> {
    let real: string;
    try {
      real = this.resolve(file).real;
    } catch (e) {
      if (e instanceof FileError && e.code === "missing") return undefined;
      throw e;
    }
    return gitBlobId(real);
  }

  async hasLinks(): Promise<boolean> {
    if (this.linksSeen === undefined) {
      this.linksSeen = false;
      await this.list("");
    }
    return this.linksSeen;
  }

  async reads(file: string): Promise<string[]> {
    const out = [repoPath(file)];
    if (checkRelative(file)) return out;
    let segments = out[0]!.split("/");
    for (let hops = 0; hops < MAX_LINKS; hops++) {
      let link: number | undefined;
      let target = "";
      for (let i = 0; i < segments.length && link === undefined; i++) {
        const rel = segments.slice(0, i + 1).join("/");
        try {
          if (lstatSync(path.join(this.root, rel)).isSymbolicLink()) {
            link = i;
            target = readlinkSync(path.join(this.root, rel));
          }
        } catch {
          return out; // missing: the read says so
        }
      }
      if (link === undefined) break;
      const linkPath = segments.slice(0, link + 1).join("/");
      out.push(linkPath);
      let resolved: string;
      if (path.isAbsolute(target)) {
        this.realRoot ??= realpathSync.native(this.root);
        const base = [this.realRoot, path.resolve(this.root)].find((r) => target === r || target.startsWith(r + path.sep));
        if (base === undefined) return [...new Set(out)]; // outside: the read refuses it
        resolved = path.relative(base, target).split(path.sep).join("/");
      } else resolved = path.posix.join(path.posix.dirname(linkPath), target.split(path.sep).join("/"));
      const next = repoPath([resolved, ...segments.slice(link + 1)].join("/"));
      if (checkRelative(next)) return [...new Set(out)];
      segments = next.split("/");
      out.push(next);
    }
    return [...new Set(out)];
  }

  async exists(file: string): Promise<boolean> {
    if (checkRelative(file)) return false;
    try {
      lstatSync(path.resolve(this.root, file));
      return true;
    } catch {
      return false;
    }
  }
}

function decode(decoder: TextDecoder, buf: Uint8Array | undefined, file: string, stream: boolean): string {
  try {
    return decoder.decode(buf, { stream });
  } catch {
    throw new FileError(`${file} is not UTF-8 text`, "encoding");
  }
}

/**
 * Git's id of a file's content (the sha1 of "blob <size>\0" and its bytes), read a chunk at a time; the
 * id a commit's tree gives the same file. Undefined when the file does not exist.
 */
export async function gitBlobId(absolutePath: string): Promise<string | undefined> {
  let size: number;
  try {
    const s = await stat(absolutePath);
    if (!s.isFile()) return undefined;
    size = s.size;
  } catch {
    return undefined;
  }
  const hash = createHash("sha1").update(`blob ${size}\0`);
  for await (const chunk of createReadStream(absolutePath, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
