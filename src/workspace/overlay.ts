import { repoPath } from "../documents/paths.js";
import { FileError, type FileSource } from "../documents/files.js";

/**
 * A file source with some files replaced or added in memory: a policy test's inline manifest, its inventory
 * rows, the files its change names. Everything else is read from the source below.
 */
export class OverlayFiles implements FileSource {
  readonly label: string;
  private readonly files = new Map<string, string>();

  constructor(
    private readonly base: FileSource,
    files: ReadonlyMap<string, string>,
  ) {
    this.label = base.label;
    for (const [p, text] of files) this.files.set(repoPath(p), text);
  }

  async readText(file: string, maxBytes: number): Promise<string> {
    const text = this.files.get(repoPath(file));
    if (text === undefined) return this.base.readText(file, maxBytes);
    if (Buffer.byteLength(text) > maxBytes) throw new FileError(`${file} is over the limit of ${maxBytes} bytes`, "too-large");
    return text;
  }

  async *chunks(file: string, maxBytes: number): AsyncIterable<string> {
    if (!this.files.has(repoPath(file))) {
      yield* this.base.chunks(file, maxBytes);
      return;
    }
    yield await this.readText(file, maxBytes);
  }

  async list(dir: string): Promise<string[]> {
    const prefix = dir === "" || dir === "." ? "" : repoPath(dir).replace(/\/+$/, "") + "/";
    const listed = await this.base.list(dir).catch((e: unknown) => {
      if (e instanceof FileError && e.code === "missing" && [...this.files.keys()].some((f) => f.startsWith(prefix))) return [];
      throw e;
    });
    const all = new Set(listed);
    for (const f of this.files.keys()) if (f.startsWith(prefix)) all.add(f);
    return [...all].sort();
  }

  async exists(file: string): Promise<boolean> {
    return this.files.has(repoPath(file)) || this.base.exists(file);
  }

  async reads(file: string): Promise<string[]> {
    if (this.files.has(repoPath(file)) || !this.base.reads) return [repoPath(file)];
    return this.base.reads(file);
  }

  async hasLinks(): Promise<boolean> {
    return (await this.base.hasLinks?.()) ?? false;
  }
}
