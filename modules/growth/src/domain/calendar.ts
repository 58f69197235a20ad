/**
 * Business days follow China Standard Time (UTC+8, no daylight saving), whatever zone the server runs
 * in, because the daily points caps and the distribution profile's income caps are local-calendar
 * limits. The same counting as the distribution engine's, so a day here is a day there.
 */
const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Whole local days since 1970-01-01 (local). */
export function businessDay(atMs: number): number {
  return Math.floor((atMs + CHINA_OFFSET_MS) / DAY_MS);
}

/** The first and last business day of the local calendar month holding the instant. */
export function businessMonthDays(atMs: number): { fromDay: number; toDay: number } {
  const local = new Date(atMs + CHINA_OFFSET_MS);
  const first = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1);
  const next = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1);
  return { fromDay: first / DAY_MS, toDay: next / DAY_MS - 1 };
}
