/**
 * Export periods are calendar days or ISO weeks (Monday to Monday) in Beijing time, the business
 * calendar of the product; China has no daylight saving, so UTC+8 is exact.
 */
import { businessDay, businessDayLabel, instantOfBusinessDay } from '@linkmall/kernel';

export type ExportFrequency = 'daily' | 'weekly';

export interface ExportPeriod {
  readonly start: Date;
  /** Exclusive. */
  readonly end: Date;
  /** `2026-05-03` for a day, `2026-04-27_2026-05-03` for a week (first and last day). */
  readonly label: string;
}

const beijingDayNumber = (instant: Date) => businessDay(instant.getTime());
const dayStart = (dayNumber: number) => new Date(instantOfBusinessDay(dayNumber));
const dayLabel = businessDayLabel;

/** The period that contains an instant. */
export function periodContaining(frequency: ExportFrequency, instant: Date): ExportPeriod {
  const day = beijingDayNumber(instant);
  if (frequency === 'daily') return { start: dayStart(day), end: dayStart(day + 1), label: dayLabel(day) };
  // Day 0 (1970-01-01) was a Thursday: (day + 3) mod 7 counts from Monday.
  const monday = day - (((day + 3) % 7) + 7) % 7;
  return { start: dayStart(monday), end: dayStart(monday + 7), label: `${dayLabel(monday)}_${dayLabel(monday + 6)}` };
}

/** The last period that has fully ended at `now`. */
export function lastCompletePeriod(frequency: ExportFrequency, now: Date): ExportPeriod {
  return periodContaining(frequency, new Date(periodContaining(frequency, now).start.getTime() - 1));
}

/**
 * Periods due for a schedule at `now`: every complete period from the one the schedule was created
 * in, oldest first, at most `limit` of the most recent (a worker that was down catches up, but a
 * schedule does not reach back for ever).
 */
export function duePeriods(frequency: ExportFrequency, createdAt: Date, now: Date, limit: number): ExportPeriod[] {
  const periods: ExportPeriod[] = [];
  const first = periodContaining(frequency, createdAt).start.getTime();
  for (let period = lastCompletePeriod(frequency, now); period.start.getTime() >= first && periods.length < limit; period = periodContaining(frequency, new Date(period.start.getTime() - 1))) {
    periods.push(period);
  }
  return periods.reverse();
}
