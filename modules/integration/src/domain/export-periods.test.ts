import { describe, expect, it } from 'vitest';
import { duePeriods, lastCompletePeriod, periodContaining } from './export-periods.ts';

// Instants are written in Beijing time (+08:00), the business calendar the periods follow.
const at = (text: string) => new Date(text);

describe('export periods', () => {
  it('cuts days at Beijing midnight', () => {
    const day = periodContaining('daily', at('2026-05-03T23:59:59.999+08:00'));
    expect(day).toEqual({ start: at('2026-05-03T00:00:00+08:00'), end: at('2026-05-04T00:00:00+08:00'), label: '2026-05-03' });
    expect(periodContaining('daily', at('2026-05-04T00:00:00+08:00')).label).toBe('2026-05-04');
    // 16:30 UTC is already the next day in Beijing.
    expect(periodContaining('daily', at('2026-05-03T16:30:00Z')).label).toBe('2026-05-04');
  });

  it('cuts weeks at Monday midnight', () => {
    // 2026-05-03 is a Sunday; its week began on Monday 2026-04-27.
    const week = periodContaining('weekly', at('2026-05-03T12:00:00+08:00'));
    expect(week).toEqual({ start: at('2026-04-27T00:00:00+08:00'), end: at('2026-05-04T00:00:00+08:00'), label: '2026-04-27_2026-05-03' });
    expect(periodContaining('weekly', at('2026-05-04T00:00:00+08:00')).start).toEqual(at('2026-05-04T00:00:00+08:00'));
  });

  it('gives the last period that has fully ended', () => {
    expect(lastCompletePeriod('daily', at('2026-05-04T00:00:00+08:00')).label).toBe('2026-05-03');
    expect(lastCompletePeriod('daily', at('2026-05-04T09:00:00+08:00')).label).toBe('2026-05-03');
    expect(lastCompletePeriod('weekly', at('2026-05-06T09:00:00+08:00')).label).toBe('2026-04-27_2026-05-03');
  });

  it('lists due periods from the one the schedule was created in, oldest first, capped', () => {
    const created = at('2026-05-01T15:00:00+08:00');
    expect(duePeriods('daily', created, at('2026-05-01T23:00:00+08:00'), 31)).toEqual([]);
    expect(duePeriods('daily', created, at('2026-05-04T01:00:00+08:00'), 31).map((period) => period.label)).toEqual(['2026-05-01', '2026-05-02', '2026-05-03']);
    expect(duePeriods('daily', created, at('2026-05-04T01:00:00+08:00'), 2).map((period) => period.label)).toEqual(['2026-05-02', '2026-05-03']);
    expect(duePeriods('weekly', created, at('2026-05-12T01:00:00+08:00'), 31).map((period) => period.label)).toEqual(['2026-04-27_2026-05-03', '2026-05-04_2026-05-10']);
  });
});
