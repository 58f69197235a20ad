/**
 * Demand is counted per Beijing calendar day (China has one time zone and no daylight saving), and
 * days travel as `YYYY-MM-DD` strings so no rule depends on the machine's time zone.
 */
import { addDays, beijingDate as beijingDay, daysBetween } from '@linkmall/kernel';

export { addDays, beijingDay, daysBetween };

export interface DailyQuantity {
  readonly day: string;
  readonly quantity: number;
}

/**
 * The days `from`..`to` (inclusive) as a dense series: a day without a sale is a zero, which is the
 * demand a forecaster must learn from (skipping it would make slow sellers look busy).
 */
export function denseSeries(points: readonly DailyQuantity[], from: string, to: string): number[] {
  const length = daysBetween(from, to) + 1;
  if (length <= 0) return [];
  const series = new Array<number>(length).fill(0);
  for (const point of points) {
    const index = daysBetween(from, point.day);
    if (index >= 0 && index < length) series[index] = (series[index] ?? 0) + point.quantity;
  }
  return series;
}
