import { createReadStream } from "node:fs";
import { lstat, readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { TextDecoder } from "node:util";

/** A file that cannot be read as asked; the message names the file and why. */
export class FileError extends Error {
  constructor(message: string, readonly code: "missing" | "outside" | "directory" | "too-large" | "encoding" | "io") {
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
}

/** Rejects what could leave the repository before any file system call is made. */
export function checkRelative(file: string): string | undefined {
  if (file.includes("\0")) return "contains a NUL byte";
  if (path.isAbsolute(file) || /^[a-zA-Z]:[\\/]/.test(file) || file.startsWith("\\")) return "is absolute; paths are relative to the repository root";
  const norm = path.posix.normalize(file.replace(/\\/g, "/"));
  if (norm === ".." || norm.startsWith("../")) return "leaves the repository";
  return undefined;
}

const SKIP_DIRS = new Set([".git", "node_modules"]);

/** The local file system below a root, refusing anything that resolves outside it (symlinks included). */
export class LocalFiles implements FileSource {
  readonly label: string;
  private realRoot: string | undefined;

  constructor(readonly root: string) {
    this.label = "the working tree";
  }

  private async resolve(file: string): Promise<string> {
    const bad = checkRelative(file);
    if (bad) throw new FileError(`${file} ${bad}`, "outside");
    this.realRoot ??= await realpath(this.root);
    const full = path.resolve(this.realRoot, file);
    let real: string;
    try {
      real = await realpath(full);
    } catch {
      throw new FileError(`${file} does not exist`, "missing");
    }
    if (real !== this.realRoot && !real.startsWith(this.realRoot + path.sep)) throw new FileError(`${file} resolves outside the repository (through a symbolic link)`, "outside");
    return real;
  }

  private async fileOf(file: string, maxBytes: number): Promise<string> {
    const real = await this.resolve(file);
    const st = await stat(real);
    if (st.isDirectory()) throw new FileError(`${file} is a directory, not a file`, "directory");
    if (!st.isFile()) throw new FileError(`${file} is not a regular file`, "io");
    if (st.size > maxBytes) throw new FileError(`${file} is ${mib(st.size)}, over the limit of ${mib(maxBytes)}`, "too-large");
    return real;
  }

  async readText(file: string, maxBytes: number): Promise<string> {
    let text = "";
    for await (const c of this.chunks(file, maxBytes)) text += c;
    return text;
  }

  async *chunks(file: string, maxBytes: number): AsyncIterable<string> {
    const real = await this.fileOf(file, maxBytes);
    const decoder = new TextDecoder("utf-8", { fatal: true });
    let read = 0;
    const stream = createReadStream(real, { highWaterMark: 1 << 20 });
    try {
      for await (const buf of stream as AsyncIterable<Buffer>) {
        read += buf.length;
        if (read > maxBytes) throw new FileError(`${file} grew over the limit of ${mib(maxBytes)} while being read`, "too-large");
        yield decode(decoder, buf, file, true);
      }
      yield decode(decoder, undefined, file, false);
    } finally {
      stream.destroy();
    }
  }

  async list(dir: string): Promise<string[]> {
    const out: string[] = [];
    const base = dir === "" || dir === "." ? "" : dir.replace(/\/+$/, "");
    const walk = async (rel: string): Promise<void> => {
      const abs = path.join(this.root, rel);
      const entries = await readdir(abs, { withFileTypes: true });
      for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const child = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) {
          if (!SKIP_DIRS.has(e.name)) await walk(child);
        } else if (e.isFile() || e.isSymbolicLink()) out.push(child);
      }
    };
    if (base) {
      const real = await this.resolve(base);
      if (!(await stat(real)).isDirectory()) throw new FileError(`${base} is not a directory`, "io");
    }
    await walk(base);
    return out;
  }

  async exists(file: string): Promise<boolean> {
    if (checkRelative(file)) return false;
    try {
      await lstat(path.resolve(this.root, file));
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

export function mib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(bytes >= 10 * 1024 * 1024 ? 0 : 1)} MiB` : `${bytes} bytes`;
}
