import { IntList } from "./int-list.js";
import { LineSplitter } from "./lines.js";
import { hashOf, StringStore } from "./string-store.js";
import type { Limits } from "./limits.js";
import { capProblems, type Problem } from "./problem.js";
import type { SourceLocation } from "./source.js";

/** The identifiers of one manifest, in the order written, each with the place it was written. */
export interface IdentifierList {
  /** Where the list lives: the identifier file, or the manifest for an inline list. */
  file: string;
  /** How many identifiers (duplicates and defective lines are not kept). */
  readonly length: number;
  /** The i-th identifier, as written. */
  value(i: number): string;
  location(i: number): SourceLocation;
  /**
   * The i-th identifier's inventory row (-1: not in the inventory), when the list was read with the
   * inventory at hand: resolution then needs no second lookup.
   */
  row?: (i: number) => number;
}

/** The part of an inventory the identifier parser needs: a row per known id, and the id of a row. */
export interface RowLookup {
  readonly size: number;
  row(id: string): number | undefined;
  idAt(row: number): string;
}

/** Every identifier of a list, as an array (for callers that want one; the list itself does not hold one). */
export function identifierValues(list: IdentifierList): string[] {
  return Array.from({ length: list.length }, (_, i) => list.value(i));
}

/** Characters that make two identifiers look the same while they differ. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00a0\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0]/u;

function codePoint(ch: string): string {
  return "U+" + ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
}

/**
 * Why an identifier cannot be trusted to be what it looks like, or undefined when it can.
 * Identifiers are ASCII: a Cyrillic 'а' in place of 'a' is a different object that reads the same.
 */
export function identifierDefect(id: string, limits: Limits): string | undefined {
  if (id.length > limits.maxIdentifierLength) return `identifier is longer than ${limits.maxIdentifierLength} characters (limit maxIdentifierLength)`;
  const invisible = INVISIBLE.exec(id);
  if (invisible) return `identifier '${printable(id)}' contains the invisible character ${codePoint(invisible[0])} at position ${invisible.index + 1}`;
  const ws = /\s/.exec(id);
  if (ws) return `identifier '${printable(id)}' contains white space at position ${ws.index + 1}`;
  const nonAscii = /[^\x20-\x7e]/u.exec(id);
  if (nonAscii) return `identifier '${printable(id)}' contains the non-ASCII character '${nonAscii[0]}' (${codePoint(nonAscii[0])}) at position ${nonAscii.index + 1}; identifiers are ASCII, and a look-alike letter names a different object`;
  return undefined;
}

/**
 * Shows invisible and control characters as \u{..}, so a message neither hides them nor carries them to a
 * terminal or a log; cut to `max` characters.
 */
export function printable(text: string, max = 80): string {
  const shown = text.replace(/[^\x20-\x7e]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
  return shown.length > max ? shown.slice(0, max - 3) + "..." : shown;
}

/**
 * Reads an identifier file a chunk at a time (one identifier per line; blank lines and `#` comment
 * lines ignored; CRLF, a BOM and surrounding spaces tolerated). Pure: the caller does the reading.
 *
 * With the inventory at hand, an identifier the inventory holds is kept as its row (its text is the
 * inventory's), and a duplicate is found by a mark per row; other identifiers are kept in a compact
 * store. Either way the list holds integers and characters, not a string object per identifier, and no
 * chunk of the file outlives its parsing.
 */
export class IdentifierFileParser {
  /** Per identifier: its inventory row (>= 0), or -(entry + 1) for an entry of `others`. */
  private readonly entries = new IntList();
  private readonly lines = new IntList();
  /** Columns other than 1, by identifier (a column is almost always 1). */
  private readonly columns = new Map<number, number>();
  /** Identifiers the inventory does not hold (all of them, without an inventory), and each one's line. */
  private readonly others = new StringStore();
  private readonly otherLines = new IntList();
  /** First line of each inventory row's id, 0 while unseen. */
  private readonly firstLineOfRow: Int32Array | undefined;
  private readonly problems: Problem[] = [];
  private readonly splitter: LineSplitter;
  private lineNo = 0;
  private duplicates = 0;
  private defects = 0;
  private tooMany = false;

  constructor(
    private readonly file: string,
    private readonly limits: Limits,
    private readonly lookup?: RowLookup,
  ) {
    // No identifier is longer than maxIdentifierLength, so no line need be: a longer one stops the read at once.
    const max = limits.maxIdentifierLength;
    this.splitter = new LineSplitter(
      (text, start, end) => this.line(text, start, end),
      max,
      () => this.problem(`line ${this.lineNo + 1} is longer than ${max} characters (limit maxIdentifierLength): an identifier file holds one identifier per line`, this.lineNo + 1, 1, "limit"),
    );
    // One integer per inventory row instead of a map entry per identifier: a million ids cost 4 MB, not 80.
    if (lookup) this.firstLineOfRow = new Int32Array(lookup.size);
  }

  push(chunk: string): void {
    this.splitter.push(chunk);
  }

  /** The file is refused already (a line too long, a NUL byte, too many identifiers): the caller may stop reading. */
  get done(): boolean {
    return this.splitter.stopped;
  }

  end(): { list: IdentifierList; problems: Problem[] } {
    this.splitter.end();
    const { file, entries, lines, columns, others, lookup } = this;
    if (this.duplicates > 3) this.problem(`${this.duplicates - 3} more duplicate identifiers`, entries.length > 0 ? lines.at(0) : 1, 1, "identifier-duplicate");
    if (this.defects > 5) this.problem(`${this.defects - 5} more identifiers with invisible or non-ASCII characters`, entries.length > 0 ? lines.at(0) : 1, 1, "identifier-character");
    // Only a file that is truly blank is "empty": a binary or all-defective file already has its problem.
    if (entries.length === 0 && this.problems.length === 0) {
      this.problem(`identifier file ${file} holds no identifiers (blank lines and comments only): an empty run is refused, not a no-op`, 1, 1, "identifier-empty");
    }
    const list: IdentifierList = {
      file,
      length: entries.length,
      value: (i) => {
        const e = entries.at(i);
        return e >= 0 ? lookup!.idAt(e) : others.get(-e - 1);
      },
      location: (i) => ({ file, line: i < lines.length ? lines.at(i) : 1, column: columns.get(i) ?? 1 }),
    };
    if (lookup) list.row = (i) => Math.max(entries.at(i), -1);
    return { list, problems: this.problems };
  }

  private line(text: string, from: number, to: number): void {
    this.lineNo++;
    if (this.tooMany) return;
    let a = from;
    let b = to;
    // Only ASCII spaces, tabs and CR are trimmed; any other white space is a defect, reported below.
    while (a < b && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === 9)) a++;
    while (b > a && (text.charCodeAt(b - 1) === 32 || text.charCodeAt(b - 1) === 9 || text.charCodeAt(b - 1) === 13)) b--;
    if (a === b || text.charCodeAt(a) === 35 /* # */) return;
    const id = text.slice(a, b);
    const column = a - from + 1;
    if (id.indexOf("\u0000") >= 0) {
      if (!this.problems.some((p) => p.code === "identifier-binary")) this.problem(`${this.file} is not a text file (NUL byte on line ${this.lineNo})`, this.lineNo, column, "identifier-binary");
      this.tooMany = true;
      this.splitter.stop();
      return;
    }
    const defect = identifierDefect(id, this.limits);
    if (defect) {
      if (++this.defects <= 5) this.problem(defect, this.lineNo, column, "identifier-character");
      return;
    }
    const row = this.lookup ? this.lookup.row(id) : undefined;
    let hash = 0;
    let other = -1;
    if (row === undefined) {
      hash = hashOf(text, a, b);
      other = this.others.find(id, hash);
    }
    const seen = row !== undefined ? this.firstLineOfRow![row] || undefined : other >= 0 ? this.otherLines.at(other) : undefined;
    if (seen !== undefined) {
      if (++this.duplicates <= 3) this.problem(`duplicate identifier '${id}' (first on line ${seen})`, this.lineNo, column, "identifier-duplicate");
      return;
    }
    if (this.entries.length >= this.limits.maxIdentifiers) {
      this.problem(`more than ${this.limits.maxIdentifiers} identifiers (limit maxIdentifiers)`, this.lineNo, column, "limit");
      this.tooMany = true;
      this.splitter.stop();
      return;
    }
    if (row !== undefined) {
      this.firstLineOfRow![row] = this.lineNo;
      this.entries.push(row);
    } else {
      this.entries.push(-this.others.add(id, hash) - 1);
      this.otherLines.push(this.lineNo);
    }
    if (column !== 1) this.columns.set(this.entries.length - 1, column);
    this.lines.push(this.lineNo);
  }

  private problem(message: string, line: number, column: number, code: string): void {
    this.problems.push({ code, message, location: { file: this.file, line, column } });
  }
}

/** Checks an inline list from a manifest the same way a file is checked. */
export function checkInlineIdentifiers(values: string[], locate: (i: number) => SourceLocation, limits: Limits, file: string): { list: IdentifierList; problems: Problem[] } {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  const kept: string[] = [];
  const keptIndex: number[] = [];
  values.forEach((id, i) => {
    const defect = id.length === 0 ? "identifier is empty" : identifierDefect(id, limits);
    if (defect) return void problems.push({ code: "identifier-character", message: defect, location: locate(i) });
    const first = seen.get(id);
    if (first !== undefined) return void problems.push({ code: "identifier-duplicate", message: `duplicate identifier '${id}' (first at line ${locate(first).line})`, location: locate(i) });
    seen.set(id, i);
    kept.push(id);
    keptIndex.push(i);
  });
  if (values.length > limits.maxIdentifiers) problems.push({ code: "limit", message: `more than ${limits.maxIdentifiers} identifiers (limit maxIdentifiers)`, location: locate(0) });
  if (values.length === 0) problems.push({ code: "identifier-empty", message: "spec.target.identifiers is empty: an empty run is refused, not a no-op", location: locate(-1) });
  return { problems: capProblems(problems), list: { file, length: kept.length, value: (i) => kept[i]!, location: (i) => locate(keptIndex[i] ?? 0) } };
}
