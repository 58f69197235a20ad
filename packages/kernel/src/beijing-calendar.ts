/**
 * The platform's business calendar: China Standard Time (UTC+8, no daylight saving), whatever zone
 * the server runs in, because caps, reports, exports and demand all follow the local calendar. Days
 * are either whole day numbers since 1970-01-01 (local) or `YYYY-MM-DD` strings; nothing reads a clock.
 */
export const DAY_MS = 86_400_000;
export const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** Whole local days since 1970-01-01 (local). */
export function businessDay(atMs: number): number {
  return Math.floor((atMs + BEIJING_OFFSET_MS) / DAY_MS);
}

/** The instant of local midnight starting a business day, plus seconds into it. */
export function instantOfBusinessDay(day: number, secondOfDay = 0): number {
  return day * DAY_MS - BEIJING_OFFSET_MS + secondOfDay * 1000;
}

/** A business day number as `YYYY-MM-DD`. */
export function businessDayLabel(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The local calendar date of an instant, `YYYY-MM-DD`. */
export function beijingDate(at: Date): string {
  return businessDayLabel(businessDay(at.getTime()));
}

/** [start, end) of a local calendar month `YYYY-MM` as instants. */
export function beijingMonthRange(month: string): { from: Date; to: Date } {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return { from: new Date(Date.UTC(year, monthNumber - 1, 1) - BEIJING_OFFSET_MS), to: new Date(Date.UTC(year, monthNumber, 1) - BEIJING_OFFSET_MS) };
}

/** A `YYYY-MM-DD` day moved by whole days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
