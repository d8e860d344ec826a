/** Durations ("30d", "1h30m", "0"), rates ("50/h") and dates, as authors write them in YAML. */
/** Nothing we judge needs more than a century; larger values are typos or attempts to overflow. */
export declare const MAX_DURATION_SECONDS: number;
export declare const DURATION_PATTERN = "^(0|([0-9]+[smhdwy])+)$";
export declare const RATE_PATTERN = "^[0-9]+(\\.[0-9]+)?/[smhdw]$";
export declare const DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$";
export type Parsed<T> = {
    ok: true;
    value: T;
} | {
    ok: false;
    reason: string;
};
/** Seconds in a duration such as `30d`, `1h30m`, `0`. */
export declare function parseDuration(text: unknown): Parsed<number>;
/** Objects per hour in a rate such as `50/h`; zero is refused (nothing would ever be restored). */
export declare function parseRate(text: unknown): Parsed<number>;
/** A calendar date or timestamp; a date alone means midnight UTC. */
export declare function parseDate(text: unknown): Parsed<Date>;
/** 63000 -> "17h30m"; what a reviewer reads. At most three units; the last is rounded up, never down. */
export declare function formatDuration(seconds: number, round?: "up" | "exact"): string;
/**
 * 1234567 -> "1,234,567", as toLocaleString("en-US") writes it, without waking ICU: its first use
 * costs 40-60 ms, a third of Node's own start.
 */
export declare function grouped(n: number): string;
