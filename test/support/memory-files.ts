import { checkRelative } from "../../src/documents/paths.js";
import { FileError, type FileSource } from "../../src/documents/files.js";

/** A repository held in memory, for tests of the engine that need no disk. */
export class MemoryFiles implements FileSource {
  readonly label = "memory";
  constructor(private readonly files: Record<string, string>) {}

  private get(file: string, maxBytes: number): string {
    const bad = checkRelative(file);
    if (bad) throw new FileError(`${file} ${bad}`, "outside");
    const text = this.files[file.replace(/^\.\//, "")];
    if (text === undefined) throw new FileError(`${file} does not exist`, "missing");
    if (Buffer.byteLength(text) > maxBytes) throw new FileError(`${file} is over the limit`, "too-large");
    return text;
  }
  async readText(file: string, maxBytes: number): Promise<string> {
    return this.get(file, maxBytes);
  }
  async *chunks(file: string, maxBytes: number): AsyncIterable<string> {
    const text = this.get(file, maxBytes);
    // Odd chunk sizes exercise line reassembly across chunk borders.
    for (let i = 0; i < text.length; i += 7) yield text.slice(i, i + 7);
  }
  async list(dir: string): Promise<string[]> {
    const prefix = dir === "" || dir === "." ? "" : dir.replace(/\/+$/, "") + "/";
    return Object.keys(this.files)
      .filter((f) => f.startsWith(prefix))
      .sort();
  }
  async exists(file: string): Promise<boolean> {
    return Object.hasOwn(this.files, file);
  }
}
