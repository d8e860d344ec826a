/**
 * Strings in the order added, held compactly: every 2,048 are joined into one piece (so none keeps
 * alive the text it was sliced from, and none costs an object header of its own). Appending is
 * sequential: no lookup, no hash table. A row's text can be hashed and compared where it lies.
 */
export declare class TextColumn {
    /** Piece k holds entries k * PIECE_ENTRIES .. (k + 1) * PIECE_ENTRIES - 1. */
    private readonly pieces;
    /** Strings added since the last piece was joined. */
    private pending;
    private pendingLength;
    /** Where each entry starts in its piece. */
    private readonly start;
    length: number;
    push(s: string): number;
    get(e: number): string;
    /** Whether entry e holds `s`. */
    equals(e: number, s: string): boolean;
    /** Whether entries a and b hold the same text. */
    same(a: number, b: number): boolean;
    /** `hashOf` entry e's text, read where it lies. */
    hash(e: number): number;
    /** Where entry e ends in its piece p. */
    private end;
}
/**
 * A set of distinct strings, numbered in the order added: a `TextColumn` found again through an
 * open-addressing table of hashes, in a typed array. A lookup touches the table slot (entry and hash
 * side by side: one cache line), and only when the hash matches, the string's start and characters.
 * A million ids of 12 characters take about 60 MB as a `Map` of strings, about 30 MB here, and leave no
 * old copies of a map's backing store behind as it grows.
 */
export declare class StringStore {
    private readonly texts;
    private readonly hashes;
    /** Per slot: entry + 1 (0: empty) and the entry's hash, side by side. Never more than half full. */
    private table;
    get size(): number;
    /** The entry holding `s`, or -1. `hash` is `hashOf(s)`, when the caller has it. */
    find(s: string, hash?: number): number;
    /** The entry holding `s`, added when absent (then it is `size - 1`). */
    put(s: string, hash?: number): number;
    /** Adds `s`, known to be absent; returns its entry. */
    add(s: string, hash?: number): number;
    get(e: number): string;
    private rehash;
}
/**
 * How many different texts the given entries of a column hold, each hashed and compared where it lies.
 * The entries are visited in column order (a sorted copy: reading a million rows' texts at random
 * cost a cache miss each), and the table grows with the distinct texts found, not with the entries.
 */
export declare function countDistinct(column: TextColumn, entries: ArrayLike<number>): number;
/** `countDistinct` of entries already in ascending order (several columns can share one sort). */
export declare function countDistinctSorted(column: TextColumn, order: Int32Array): number;
/** FNV-1a of text[from, to) from a random seed, mixed so that the low bits (the table's slot) depend on every character. */
export declare function hashOf(text: string, from: number, to: number): number;
