import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countDistinct, hashOf, StringStore, TextColumn } from "../../src/documents/string-store.js";
import { configureFastCheck } from "../property/world.js";

configureFastCheck();

// Short and long strings (V8 slices strings of 13 characters or more), from a small pool so that the same string comes back.
const word = fc.oneof(fc.constantFrom("", "a", "b", "site-000000000001", "site-000000000002", "ß", "\u{1f600}"), fc.string({ maxLength: 20 }));

describe("StringStore", () => {
  it("numbers distinct strings in the order added, finds them and gives them back, as a Map would", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom("put", "find", "add"), word), { maxLength: 300 }), fc.boolean(), (ops, collide) => {
        const store = new StringStore();
        const model = new Map<string, number>();
        // With `collide`, every string has the same hash: equality alone must tell them apart.
        const hash = (s: string) => (collide ? 7 : hashOf(s, 0, s.length));
        for (const [op, s] of ops) {
          if (op === "add") {
            // add() is for strings known to be absent.
            if (!model.has(s)) {
              model.set(s, model.size);
              expect(store.add(s, hash(s))).toBe(model.get(s));
            }
          } else if (op === "find") expect(store.find(s, hash(s))).toBe(model.get(s) ?? -1);
          else {
            if (!model.has(s)) model.set(s, model.size);
            expect(store.put(s, hash(s))).toBe(model.get(s));
          }
          expect(store.size).toBe(model.size);
        }
        for (const [s, e] of model) expect(store.get(e)).toBe(s);
      }),
    );
  });

  it("holds a hundred thousand strings across pieces and table growth", () => {
    const store = new StringStore();
    const ids = Array.from({ length: 100_000 }, (_, i) => `obj-${(i * 7919).toString(16).padStart(12, "0")}`);
    const numbered = ids.map((id) => store.put(id));
    expect(numbered.every((e, i) => e === i)).toBe(true);
    for (let i = 0; i < ids.length; i += 997) {
      expect(store.get(i)).toBe(ids[i]);
      expect(store.find(ids[i]!)).toBe(i);
    }
    expect(store.find("obj-missing")).toBe(-1);
    expect(store.find(ids[5]!.slice(0, -1))).toBe(-1);
    expect(store.size).toBe(100_000);
  });

  it("tells strings apart by their characters alone when every hash is the same, across pieces", () => {
    const store = new StringStore();
    const ids = Array.from({ length: 5000 }, (_, i) => (i % 3 ? `x${i}` : `a-much-longer-identifier-${i}`));
    const numbered = ids.map((id) => store.put(id, 42));
    expect(numbered.every((e, i) => e === i)).toBe(true);
    expect(ids.every((id, i) => store.find(id, 42) === i && store.get(i) === id)).toBe(true);
    expect(store.find("x5000", 42)).toBe(-1);
  });

  it("hashes a slice of a text as it hashes the same string", () => {
    const text = "xx site-000000000001 yy";
    expect(hashOf(text, 3, 20)).toBe(hashOf("site-000000000001", 0, 17));
  });

  it("a TextColumn gives back what was pushed, and counts the distinct texts of any rows, across pieces and the pending ones", () => {
    const column = new TextColumn();
    // 10,000 rows (four full pieces and a pending part), 700 distinct texts of different lengths.
    const texts = Array.from({ length: 10_000 }, (_, i) => `tenant-${((i * 7919) % 700).toString().padStart(i % 5, "0")}`);
    texts.forEach((t, i) => expect(column.push(t)).toBe(i));
    expect(texts.every((t, i) => column.get(i) === t && column.equals(i, t))).toBe(true);
    for (const rows of [[], [3], [0, 700], Array.from({ length: 10_000 }, (_, i) => i), Array.from({ length: 300 }, (_, i) => 9_999 - i * 31)]) {
      expect(countDistinct(column, rows)).toBe(new Set(rows.map((r) => texts[r])).size);
    }
  });
});
