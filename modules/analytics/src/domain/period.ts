/** Beijing calendar days as 'YYYY-MM-DD' strings and the periods built from them; pure date arithmetic in UTC. */

import { addDays, BEIJING_OFFSET_MS, beijingDate, daysBetween as daysApart } from '@linkmall/kernel';
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** The longest range a report covers: a year and a day, so "last year" fits with a leap day. */
export const MAX_RANGE_DAYS = 366;

export interface Period {
  readonly from: string;
  readonly to: string;
}

export function isDay(value: string): boolean {
  if (!DAY_PATTERN.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

export { addDays };

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return daysApart(from, to) + 1;
}

/** The Beijing calendar day of an instant. */
export function beijingDay(instant: Date): string {
  return beijingDate(instant);
}

/** The instant a Beijing day starts (00:00 at UTC+8). */
export function beijingDayStart(day: string): Date {
  return new Date(dayMs(day) - BEIJING_OFFSET_MS);
}

/** The same number of days immediately before the period. */
export function previousPeriod(period: Period): Period {
  const length = daysBetween(period.from, period.to);
  return { from: addDays(period.from, -length), to: addDays(period.from, -1) };
}

export type RangeProblem = 'reversed' | 'too_long';

export function rangeProblem(period: Period): RangeProblem | null {
  if (period.from > period.to) return 'reversed';
  if (daysBetween(period.from, period.to) > MAX_RANGE_DAYS) return 'too_long';
  return null;
}

/** The default report period: the 30 Beijing days ending today. */
export function defaultPeriod(now: Date, days = 30): Period {
  const to = beijingDay(now);
  return { from: addDays(to, -(days - 1)), to };
}

export function allDays(period: Period): string[] {
  const days: string[] = [];
  for (let day = period.from; day <= period.to; day = addDays(day, 1)) days.push(day);
  return days;
}

/**
 * Buckets of a period at day or week grain. Weeks start on Monday; the first and last week are cut to
 * the period, and a bucket is named by its first day inside the period.
 */
export function buckets(period: Period, granularity: 'day' | 'week'): Period[] {
  if (granularity === 'day') return allDays(period).map((day) => ({ from: day, to: day }));
  const result: Period[] = [];
  let start = period.from;
  while (start <= period.to) {
    const weekday = new Date(`${start}T00:00:00Z`).getUTCDay();
    const untilSunday = (7 - weekday) % 7;
    const end = addDays(start, untilSunday) < period.to ? addDays(start, untilSunday) : period.to;
    result.push({ from: start, to: end });
    start = addDays(end, 1);
  }
  return result;
}

/** 'YYYY-MM' of a day. */
export const monthOf = (day: string) => day.slice(0, 7);

export function addMonths(month: string, count: number): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (monthNumber - 1) + count;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The months a period touches, in order. */
export function monthsOf(period: Period): string[] {
  const months: string[] = [];
  for (let month = monthOf(period.from); month <= monthOf(period.to); month = addMonths(month, 1)) months.push(month);
  return months;
}

export function monthsBetween(from: string, to: string): number {
  const [fromYear, fromMonth] = from.split('-').map(Number) as [number, number];
  const [toYear, toMonth] = to.split('-').map(Number) as [number, number];
  return (toYear - fromYear) * 12 + (toMonth - fromMonth);
}
