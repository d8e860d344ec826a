/** Where a value came from: every finding and error points at one of these. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export interface Position {
  line: number;
  column: number;
}

/** JSON pointer ("/spec/target/kind") -> position of the value (and of its key, for map entries). */
export class SourceMap {
  readonly values = new Map<string, Position>();
  readonly keys = new Map<string, Position>();

  constructor(
    readonly file: string,
    readonly origin: Position = { line: 1, column: 1 },
  ) {}

  /** The value at pointer, or the nearest ancestor that exists (a missing field points at its parent). */
  locate(pointer: string): SourceLocation {
    let p = pointer;
    for (;;) {
      const pos = this.values.get(p);
      if (pos) return { file: this.file, ...pos };
      if (p === "") return { file: this.file, ...this.origin };
      p = p.slice(0, p.lastIndexOf("/"));
    }
  }

  /** The key of a map entry (for "unknown field" errors), falling back to the value. */
  locateKey(pointer: string): SourceLocation {
    const pos = this.keys.get(pointer);
    return pos ? { file: this.file, ...pos } : this.locate(pointer);
  }
}

export function pointerOf(parts: readonly (string | number)[]): string {
  return parts.map((p) => "/" + String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

/** "/spec/target/kind" -> "spec.target.kind", the way a reader writes it. */
export function dottedPath(pointer: string): string {
  if (pointer === "") return "(document)";
  return pointer
    .slice(1)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : "." + p))
    .join("");
}
