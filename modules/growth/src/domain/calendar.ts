/**
 * Business days follow China Standard Time (UTC+8, no daylight saving), whatever zone the server runs
 * in, because the daily points caps and the distribution profile's income caps are local-calendar
 * limits. The same counting as the distribution engine's, so a day here is a day there.
 */
import { BEIJING_OFFSET_MS, businessDay, DAY_MS } from '@linkmall/kernel';

export { businessDay };

/** The first and last business day of the local calendar month holding the instant. */
export function businessMonthDays(atMs: number): { fromDay: number; toDay: number } {
  const local = new Date(atMs + BEIJING_OFFSET_MS);
  const first = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1);
  const next = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1);
  return { fromDay: first / DAY_MS, toDay: next / DAY_MS - 1 };
}
