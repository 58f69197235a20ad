/**
 * Business days and months are counted in China Standard Time (UTC+8, no daylight saving), because
 * members, the daily income cap and the after-sales window all follow the local calendar, whatever
 * zone the server runs in. Time always comes in with the event; nothing here reads a clock.
 */
const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Whole local days since 1970-01-01 (local). */
export function businessDay(atMs: number): number {
  return Math.floor((atMs + CHINA_OFFSET_MS) / DAY_MS);
}

/** The local calendar month, e.g. "2026-03". */
export function businessMonth(atMs: number): string {
  const local = new Date(atMs + CHINA_OFFSET_MS);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The instant of local midnight starting a business day, plus seconds into it. */
export function instantOf(day: number, secondOfDay = 0): number {
  return day * DAY_MS - CHINA_OFFSET_MS + secondOfDay * 1000;
}

export const dayPeriod = (atMs: number): string => `day:${businessDay(atMs)}`;
export const monthPeriod = (atMs: number): string => `month:${businessMonth(atMs)}`;
