/** Durations ("30d", "1h30m", "0"), rates ("50/h") and dates, as authors write them in YAML. */

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 7 * 86400, y: 365 * 86400 };
/** Nothing we judge needs more than a century; larger values are typos or attempts to overflow. */
export const MAX_DURATION_SECONDS = 100 * 365 * 86400;

export const DURATION_PATTERN = "^(0|([0-9]+[smhdwy])+)$";
export const RATE_PATTERN = "^[0-9]+(\\.[0-9]+)?/[smhdw]$";
export const DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$";

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Seconds in a duration such as `30d`, `1h30m`, `0`. */
export function parseDuration(text: unknown): Parsed<number> {
  if (typeof text === "number" && text === 0) return { ok: true, value: 0 };
  if (typeof text !== "string") return { ok: false, reason: "a duration is a string such as 30d, 4h or 1h30m" };
  if (text === "0") return { ok: true, value: 0 };
  if (!/^([0-9]+[smhdwy])+$/.test(text)) {
    return { ok: false, reason: `'${text}' is not a duration: write a whole number and a unit (s, m, h, d, w, y), e.g. 30d or 1h30m` };
  }
  let total = 0;
  for (const m of text.matchAll(/([0-9]+)([smhdwy])/g)) total += Number(m[1]) * (UNIT_SECONDS[m[2]!] ?? 0);
  if (!Number.isFinite(total) || total > MAX_DURATION_SECONDS) return { ok: false, reason: `'${text}' is longer than 100 years` };
  return { ok: true, value: total };
}

/** Objects per hour in a rate such as `50/h`; zero is refused (nothing would ever be restored). */
export function parseRate(text: unknown): Parsed<number> {
  if (typeof text !== "string" || !/^[0-9]+(\.[0-9]+)?\/[smhdw]$/.test(text)) {
    return { ok: false, reason: `'${String(text)}' is not a rate: write objects per unit of time, e.g. 50/h` };
  }
  const [num, unit] = text.split("/") as [string, string];
  const perUnit = Number(num);
  if (!(perUnit > 0)) return { ok: false, reason: `restore rate '${text}' is zero: nothing would ever be restored` };
  return { ok: true, value: (perUnit * 3600) / (UNIT_SECONDS[unit] ?? 3600) };
}

/** A calendar date or timestamp; a date alone means midnight UTC. */
export function parseDate(text: unknown): Parsed<Date> {
  if (typeof text !== "string" || !new RegExp(DATE_PATTERN).test(text)) {
    return { ok: false, reason: `'${String(text)}' is not a date: write YYYY-MM-DD` };
  }
  const d = new Date(text.length === 10 ? text + "T00:00:00Z" : text);
  if (Number.isNaN(d.getTime())) return { ok: false, reason: `'${text}' is not a real date` };
  // Reject dates JavaScript silently rolls over (2024-02-31 -> March 2), timestamps included.
  const [y, m, day] = text.slice(0, 10).split("-").map(Number) as [number, number, number];
  const calendar = new Date(Date.UTC(y, m - 1, day));
  if (calendar.getUTCMonth() !== m - 1 || calendar.getUTCDate() !== day) return { ok: false, reason: `'${text}' is not a real date` };
  return { ok: true, value: d };
}

/** 63000 -> "17h30m"; what a reviewer reads. At most three units; the last is rounded up, never down. */
export function formatDuration(seconds: number, round: "up" | "exact" = "up"): string {
  if (!Number.isFinite(seconds)) return "never";
  if (seconds <= 0) return "0";
  const units = [
    ["d", 86400],
    ["h", 3600],
    ["m", 60],
    ["s", 1],
  ] as const;
  const first = units.findIndex(([, size]) => seconds >= size);
  if (first < 0) return round === "up" ? "1s" : "0";
  // A promise (a retention, an RTO) is shown exactly, to the second: 13d23h59m59s is not 14d.
  const last = round === "exact" ? units.length - 1 : Math.min(first + 2, units.length - 1);
  // A cost is rounded up to the last unit shown, so "restore takes 9d4h45m" is never below the real 9d4h44m10s.
  let rest = round === "exact" ? Math.floor(seconds) : Math.ceil(seconds / units[last]![1]) * units[last]![1];
  const parts: string[] = [];
  for (let i = first; i <= last; i++) {
    const [unit, size] = units[i]!;
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n}${unit}`);
  }
  return parts.join("") || "0";
}

/**
 * 1234567 -> "1,234,567", as toLocaleString("en-US") writes it, without waking ICU: its first use
 * costs 40-60 ms, a third of Node's own start.
 */
export function grouped(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString("en-US");
  const digits = String(Math.abs(n));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += "," + digits.slice(i, i + 3);
  return n < 0 ? "-" + out : out;
}
