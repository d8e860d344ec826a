import { IntList } from "./int-list.js";

/** Strings waiting to be joined into a piece: enough that a piece is worth its header, few enough to stay young. */
const PIECE_ENTRIES = 2048;

/**
 * A set of distinct strings, numbered in the order added, held compactly: strings are joined into
 * pieces of a few thousand (so none keeps alive the text it was sliced from, and none costs an object
 * header of its own), and found again through an open-addressing table of their hashes, in typed arrays.
 * A million ids of 12 characters take about 40 MB as a `Map` of strings, about 30 MB here, and leave
 * no old copies of the map's backing store behind as it grows.
 */
export class StringStore {
  private readonly pieces: string[] = [];
  /** Strings added since the last `seal`. */
  private pending: string[] = [];
  private pendingFirst = 0;
  private pendingLength = 0;
  private readonly piece = new IntList();
  private readonly start = new IntList();
  private readonly hashes = new IntList();
  /** Entry + 1 per slot; 0 is an empty slot. Never more than half full. */
  private table = new Int32Array(1024);
  size = 0;

  /** The entry holding `s`, or -1. `hash` is `hashOf(s)`, when the caller has it. */
  find(s: string, hash = hashOf(s, 0, s.length)): number {
    const table = this.table;
    const mask = table.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const e = table[slot]! - 1;
      if (e < 0) return -1;
      if (this.hashes.at(e) === hash && this.equals(e, s)) return e;
    }
  }

  /** The entry holding `s`, added when absent (then it is `size - 1`). */
  put(s: string, hash = hashOf(s, 0, s.length)): number {
    const table = this.table;
    const mask = table.length - 1;
    let slot = hash & mask;
    for (; ; slot = (slot + 1) & mask) {
      const e = table[slot]! - 1;
      if (e < 0) break;
      if (this.hashes.at(e) === hash && this.equals(e, s)) return e;
    }
    const e = this.append(s, hash);
    if (this.size * 2 > table.length) this.rehash(table.length * 2);
    else table[slot] = e + 1;
    return e;
  }

  /** Adds `s`, known to be absent; returns its entry. */
  add(s: string, hash = hashOf(s, 0, s.length)): number {
    const e = this.append(s, hash);
    if (this.size * 2 > this.table.length) this.rehash(this.table.length * 2);
    else this.insert(e, hash);
    return e;
  }

  get(e: number): string {
    if (e >= this.pendingFirst) return this.pending[e - this.pendingFirst]!;
    const p = this.pieces[this.piece.at(e)]!;
    return p.slice(this.start.at(e), this.end(e, p));
  }

  /** Joins the strings added since the last call into one piece: after it, nothing refers to their text. */
  seal(): void {
    if (this.pending.length === 0) return;
    this.pieces.push(this.pending.join(""));
    this.pending = [];
    this.pendingFirst = this.size;
    this.pendingLength = 0;
  }

  private append(s: string, hash: number): number {
    const e = this.size++;
    this.piece.push(this.pieces.length);
    this.start.push(this.pendingLength);
    this.hashes.push(hash);
    this.pending.push(s);
    this.pendingLength += s.length;
    if (this.pending.length >= PIECE_ENTRIES) this.seal();
    return e;
  }

  /** Where entry e ends in its piece. */
  private end(e: number, p: string): number {
    return e + 1 < this.pendingFirst && this.piece.at(e + 1) === this.piece.at(e) ? this.start.at(e + 1) : p.length;
  }

  private equals(e: number, s: string): boolean {
    if (e >= this.pendingFirst) return this.pending[e - this.pendingFirst] === s;
    const p = this.pieces[this.piece.at(e)]!;
    const from = this.start.at(e);
    const n = this.end(e, p) - from;
    if (n !== s.length) return false;
    for (let i = 0; i < n; i++) if (p.charCodeAt(from + i) !== s.charCodeAt(i)) return false;
    return true;
  }

  private insert(e: number, hash: number): void {
    const mask = this.table.length - 1;
    let slot = hash & mask;
    while (this.table[slot] !== 0) slot = (slot + 1) & mask;
    this.table[slot] = e + 1;
  }

  private rehash(length: number): void {
    this.table = new Int32Array(length);
    for (let e = 0; e < this.size; e++) this.insert(e, this.hashes.at(e));
  }
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
