import fc from "fast-check";
import { expect, it } from "vitest";
import { grouped } from "../../src/documents/units.js";

it("groups digits exactly as toLocaleString('en-US') does", () => {
  fc.assert(
    fc.property(fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.maxSafeInteger(), fc.double({ noNaN: true }), fc.constantFrom(0, 999, 1000, 999_999, 1_000_000)), (n) => {
      expect(grouped(n)).toBe(n.toLocaleString("en-US"));
    }),
  );
});
