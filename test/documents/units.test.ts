import { expect, it } from "vitest";
import { formatDuration, parseDate } from "../../src/documents/units.js";
import { percent } from "../../src/rules/examples.js";

it("a shown duration is never shorter than the real one (three units, the last rounded up)", () => {
  expect(formatDuration((883 / 4) * 3600)).toBe("9d4h45m"); // 883 targets at 4/h; once shown as "9d4h"
  expect(formatDuration(9 * 86400 + 4 * 3600 + 44 * 60 + 10)).toBe("9d4h45m");
  expect(formatDuration(63000)).toBe("17h30m");
  expect(formatDuration(0.4)).toBe("1s");
  expect(formatDuration(0)).toBe("0");
});

it("a small share never reads as 0%", () => {
  expect([1 / 30000, 0.736, 0.02, 0.00001, 0].map(percent)).toEqual(["0.0033%", "73.6%", "2%", "0.001%", "0%"]);
});

it("dates JavaScript would roll over are refused, timestamps too", () => {
  expect(parseDate("2026-02-31").ok).toBe(false);
  expect(parseDate("2026-02-31T00:00:00Z").ok).toBe(false);
  expect(parseDate("2024-02-29").ok).toBe(true);
});
