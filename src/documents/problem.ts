import type { SourceLocation } from "./source.js";

/**
 * Input Blastgate could not understand: malformed YAML, a schema violation, a missing file.
 * A problem is never a pass: any problem makes the verdict "error" (exit 2).
 */
export interface Problem {
  code: string;
  message: string;
  location: SourceLocation;
}

export class ProblemList {
  readonly items: Problem[] = [];
  add(code: string, message: string, location: SourceLocation): void {
    this.items.push({ code, message, location });
  }
  get length(): number {
    return this.items.length;
  }
}
