import { IntList } from "./int-list.js";

/** Strings joined into one piece: enough that a piece is worth its header, few enough that the pending ones stay young. */
const PIECE_BITS = 11;
const PIECE_ENTRIES = 1 << PIECE_BITS;

/**
 * Strings in the order added, held compactly: every 2,048 are joined into one piece (so none keeps
 * alive the text it was sliced from, and none costs an object header of its own). Appending is
 * sequential: no lookup, no hash table. A row's text can be hashed and compared where it lies.
 */
export class TextColumn {
  /** Piece k holds entries k * PIECE_ENTRIES .. (k + 1) * PIECE_ENTRIES - 1. */
  private readonly pieces: string[] = [];
  /** Strings added since the last piece was joined. */
  private pending: string[] = [];
  private pendingLength = 0;
  /** Where each entry starts in its piece. */
  private readonly start = new IntList();
  length = 0;

  push(s: string): number {
    const e = this.length++;
    this.start.push(this.pendingLength);
    this.pending.push(s);
    this.pendingLength += s.length;
    if (this.pending.length === PIECE_ENTRIES) {
      this.pieces.push(this.pending.join(""));
      this.pending = [];
      this.pendingLength = 0;
    }
    return e;
  }

  get(e: number): string {
    const k = e >>> PIECE_BITS;
    if (k === this.pieces.length) return this.pending[e & (PIECE_ENTRIES - 1)]!;
    const p = this.pieces[k]!;
    return p.slice(this.start.at(e), this.end(e, p));
  }

  /** Whether entry e holds `s`. */
  equals(e: number, s: string): boolean {
    const k = e >>> PIECE_BITS;
    if (k === this.pieces.length) return this.pending[e & (PIECE_ENTRIES - 1)] === s;
    const p = this.pieces[k]!;
    const from = this.start.at(e);
    const n = this.end(e, p) - from;
    if (n !== s.length) return false;
    for (let i = 0; i < n; i++) if (p.charCodeAt(from + i) !== s.charCodeAt(i)) return false;
    return true;
  }

  /** Whether entries a and b hold the same text. */
  same(a: number, b: number): boolean {
    const ka = a >>> PIECE_BITS;
    if (ka === this.pieces.length) return this.equals(b, this.pending[a & (PIECE_ENTRIES - 1)]!);
    const p = this.pieces[ka]!;
    const from = this.start.at(a);
    const n = this.end(a, p) - from;
    const kb = b >>> PIECE_BITS;
    if (kb === this.pieces.length) return this.equals(a, this.pending[b & (PIECE_ENTRIES - 1)]!);
    const q = this.pieces[kb]!;
    const qFrom = this.start.at(b);
    if (this.end(b, q) - qFrom !== n) return false;
    for (let i = 0; i < n; i++) if (p.charCodeAt(from + i) !== q.charCodeAt(qFrom + i)) return false;
    return true;
  }

  /** `hashOf` entry e's text, read where it lies. */
  hash(e: number): number {
    const k = e >>> PIECE_BITS;
    if (k === this.pieces.length) {
      const s = this.pending[e & (PIECE_ENTRIES - 1)]!;
      return hashOf(s, 0, s.length);
    }
    const p = this.pieces[k]!;
    return hashOf(p, this.start.at(e), this.end(e, p));
  }

  /** Where entry e ends in its piece p. */
  private end(e: number, p: string): number {
    return (e + 1) & (PIECE_ENTRIES - 1) ? this.start.at(e + 1) : p.length;
  }
}

/**
 * A set of distinct strings, numbered in the order added: a `TextColumn` found again through an
 * open-addressing table of hashes, in a typed array. A lookup touches the table slot (entry and hash
 * side by side: one cache line), and only when the hash matches, the string's start and characters.
 * A million ids of 12 characters take about 60 MB as a `Map` of strings, about 30 MB here, and leave no
 * old copies of a map's backing store behind as it grows.
 */
export class StringStore {
  private readonly texts = new TextColumn();
  private readonly hashes = new IntList();
  /** Per slot: entry + 1 (0: empty) and the entry's hash, side by side. Never more than half full. */
  private table = new Int32Array(2 * 16);

  get size(): number {
    return this.texts.length;
  }

  /** The entry holding `s`, or -1. `hash` is `hashOf(s)`, when the caller has it. */
  find(s: string, hash = hashOf(s, 0, s.length)): number {
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const e = table[2 * slot]! - 1;
      if (e < 0) return -1;
      if (table[2 * slot + 1] === hash && this.texts.equals(e, s)) return e;
    }
  }

  /** The entry holding `s`, added when absent (then it is `size - 1`). */
  put(s: string, hash = hashOf(s, 0, s.length)): number {
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    let slot = hash & mask;
    for (; ; slot = (slot + 1) & mask) {
      const e = table[2 * slot]! - 1;
      if (e < 0) break;
      if (table[2 * slot + 1] === hash && this.texts.equals(e, s)) return e;
    }
    const e = this.texts.push(s);
    this.hashes.push(hash);
    table[2 * slot] = e + 1;
    table[2 * slot + 1] = hash;
    if (this.size * 4 > table.length) this.rehash(table.length * 2);
    return e;
  }

  /** Adds `s`, known to be absent; returns its entry. */
  add(s: string, hash = hashOf(s, 0, s.length)): number {
    const e = this.texts.push(s);
    this.hashes.push(hash);
    insert(this.table, e, hash);
    if (this.size * 4 > this.table.length) this.rehash(this.table.length * 2);
    return e;
  }

  get(e: number): string {
    return this.texts.get(e);
  }

  private rehash(length: number): void {
    this.table = new Int32Array(length);
    for (let e = 0; e < this.size; e++) insert(this.table, e, this.hashes.at(e));
  }
}

function insert(table: Int32Array, e: number, hash: number): void {
  const mask = (table.length >> 1) - 1;
  let slot = hash & mask;
  while (table[2 * slot] !== 0) slot = (slot + 1) & mask;
  table[2 * slot] = e + 1;
  table[2 * slot + 1] = hash;
}

/**
 * How many different texts the given entries of a column hold, each hashed and compared where it lies.
 * The entries are visited in column order (a sorted copy: reading a million rows' texts at random
 * cost a cache miss each), and the table grows with the distinct texts found, not with the entries.
 */
export function countDistinct(column: TextColumn, entries: ArrayLike<number>): number {
  return countDistinctSorted(column, Int32Array.from(entries).sort());
}

/** `countDistinct` of entries already in ascending order (several columns can share one sort). */
export function countDistinctSorted(column: TextColumn, order: Int32Array): number {
  // Small to start: 10,000 small manifests each ask about a handful of rows.
  let table = new Int32Array(2 * 16);
  let mask = 15;
  let distinct = 0;
  let previous = -1;
  for (let i = 0; i < order.length; i++) {
    const e = order[i]!;
    if (e === previous) continue;
    previous = e;
    const hash = column.hash(e);
    let slot = hash & mask;
    for (; ; slot = (slot + 1) & mask) {
      const other = table[2 * slot]! - 1;
      if (other < 0) break;
      if (table[2 * slot + 1] === hash && column.same(other, e)) break;
    }
    if (table[2 * slot] !== 0) continue;
    table[2 * slot] = e + 1;
    table[2 * slot + 1] = hash;
    if (++distinct * 4 > table.length) {
      const old = table;
      table = new Int32Array(old.length * 2);
      for (let j = 0; j < old.length; j += 2) if (old[j] !== 0) insert(table, old[j]! - 1, old[j + 1]!);
      mask = (table.length >> 1) - 1;
    }
  }
  return distinct;
}

/**
 * A per-process random seed: which strings collide is not known in advance, so an inventory or an
 * identifier file cannot be written to make every lookup probe the whole table.
 */
const SEED = (Math.random() * 0x100000000) >>> 0;

/** FNV-1a of text[from, to) from a random seed, mixed so that the low bits (the table's slot) depend on every character. */
export function hashOf(text: string, from: number, to: number): number {
  let h = (0x811c9dc5 ^ SEED) >>> 0;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  h = Math.imul(h, 0x297a2d39);
  return h ^ (h >>> 15);
}
