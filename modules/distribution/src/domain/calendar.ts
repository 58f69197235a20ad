/**
 * Business days and months are counted in China Standard Time (UTC+8, no daylight saving), because
 * members, the daily income cap and the after-sales window all follow the local calendar, whatever
 * zone the server runs in. Time always comes in with the event; nothing here reads a clock.
 */
import { BEIJING_OFFSET_MS, businessDay, instantOfBusinessDay } from '@linkmall/kernel';

export { businessDay };

/** The local calendar month, e.g. "2026-03". */
export function businessMonth(atMs: number): string {
  const local = new Date(atMs + BEIJING_OFFSET_MS);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The instant of local midnight starting a business day, plus seconds into it. */
export function instantOf(day: number, secondOfDay = 0): number {
  return instantOfBusinessDay(day, secondOfDay);
}

export const dayPeriod = (atMs: number): string => `day:${businessDay(atMs)}`;
export const monthPeriod = (atMs: number): string => `month:${businessMonth(atMs)}`;
