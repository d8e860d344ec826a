import type { Limits } from "./limits.js";
import { type Problem } from "./problem.js";
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
export declare function identifierValues(list: IdentifierList): string[];
/**
 * Why an identifier cannot be trusted to be what it looks like, or undefined when it can.
 * Identifiers are ASCII: a Cyrillic 'а' in place of 'a' is a different object that reads the same.
 */
export declare function identifierDefect(id: string, limits: Limits): string | undefined;
/**
 * Shows invisible and control characters as \u{..}, so a message neither hides them nor carries them to a
 * terminal or a log; cut to `max` characters.
 */
export declare function printable(text: string, max?: number): string;
/**
 * Reads an identifier file a chunk at a time (one identifier per line; blank lines and `#` comment
 * lines ignored; CRLF, a BOM and surrounding spaces tolerated). Pure: the caller does the reading.
 *
 * With the inventory at hand, an identifier the inventory holds is kept as its row (its text is the
 * inventory's), and a duplicate is found by a mark per row; other identifiers are kept in a compact
 * store. Either way the list holds integers and characters, not a string object per identifier, and no
 * chunk of the file outlives its parsing.
 */
export declare class IdentifierFileParser {
    private readonly file;
    private readonly limits;
    private readonly lookup?;
    /** Per identifier: its inventory row (>= 0), or -(entry + 1) for an entry of `others`. */
    private readonly entries;
    private readonly lines;
    /** Columns other than 1, by identifier (a column is almost always 1). */
    private readonly columns;
    /** Identifiers the inventory does not hold (all of them, without an inventory), and each one's line. */
    private readonly others;
    private readonly otherLines;
    /** First line of each inventory row's id, 0 while unseen. */
    private readonly firstLineOfRow;
    private readonly problems;
    private readonly splitter;
    private lineNo;
    private duplicates;
    private defects;
    private tooMany;
    constructor(file: string, limits: Limits, lookup?: RowLookup | undefined);
    push(chunk: string): void;
    /** The file is refused already (a line too long, a NUL byte, too many identifiers): the caller may stop reading. */
    get done(): boolean;
    end(): {
        list: IdentifierList;
        problems: Problem[];
    };
    private line;
    private problem;
}
/** Checks an inline list from a manifest the same way a file is checked. */
export declare function checkInlineIdentifiers(values: string[], locate: (i: number) => SourceLocation, limits: Limits, file: string): {
    list: IdentifierList;
    problems: Problem[];
};
