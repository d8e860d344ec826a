import type { SourceLocation } from "./source.js";

/**
 * Input Blastgate could not understand: malformed YAML, a schema violation, a missing file.
 * A problem is never a pass: any problem makes the verdict "error" (exit 2).
 */
export interface Problem {
  code: string;
  message: string;
  location: SourceLocation;
  /** Set on an "and N more problems" entry: how many problems it stands for, not listed one by one. */
  more?: number;
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

/** Problems listed per file; the rest are counted in one "and N more" entry (160,000 bad list items made 160,000 lines). */
export const MAX_PROBLEMS_PER_FILE = 100;

/**
 * At most `max` problems per file, in the order given, then one entry saying how many more the file has
 * (counting those earlier "and N more" entries stand for). Linear in the number of problems.
 */
export function capProblems(problems: readonly Problem[], max = MAX_PROBLEMS_PER_FILE): Problem[] {
  const listed = new Map<string, number>();
  const hidden = new Map<string, { more: number; location: SourceLocation }>();
  const out: Problem[] = [];
  for (const p of problems) {
    const file = p.location.file;
    const n = listed.get(file) ?? 0;
    if (p.more === undefined && n < max) {
      listed.set(file, n + 1);
      out.push(p);
      continue;
    }
    const h = hidden.get(file);
    if (h) h.more += p.more ?? 1;
    else hidden.set(file, { more: p.more ?? 1, location: p.location });
  }
  if (hidden.size === 0) return out;
  // Each file's "and N more" goes right after the file's last listed problem.
  const lastIndex = new Map<string, number>();
  out.forEach((p, i) => lastIndex.set(p.location.file, i));
  const result: Problem[] = [];
  const placed = new Set<string>();
  const summary = (file: string): Problem => {
    const h = hidden.get(file)!;
    placed.add(file);
    return moreProblems(h.more, h.location);
  };
  out.forEach((p, i) => {
    result.push(p);
    const file = p.location.file;
    if (lastIndex.get(file) === i && hidden.has(file)) result.push(summary(file));
  });
  for (const file of hidden.keys()) if (!placed.has(file)) result.push(summary(file));
  return result;
}

/** How many problems a list stands for: an "and N more" entry counts N. */
export function problemCount(problems: readonly Problem[]): number {
  let n = 0;
  for (const p of problems) n += p.more ?? 1;
  return n;
}

/** The entry standing for `more` problems of a file not listed one by one. */
export function moreProblems(more: number, location: SourceLocation): Problem {
  return { code: "more", message: `and ${more} more problem${more === 1 ? "" : "s"} in ${location.file}`, location, more };
}
