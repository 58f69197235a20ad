import { describe, expect, it } from 'vitest';
import { addMonths, beijingDay, buckets, daysBetween, defaultPeriod, isDay, monthsOf, previousPeriod, rangeProblem } from './period.ts';

describe('periods of Beijing days', () => {
  it('takes the Beijing calendar day of an instant (UTC+8)', () => {
    expect(beijingDay(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(beijingDay(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
  });

  it('compares with the same number of days just before', () => {
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-01-29', to: '2026-02-28' });
    expect(previousPeriod({ from: '2026-03-05', to: '2026-03-05' })).toEqual({ from: '2026-03-04', to: '2026-03-04' });
  });

  it('rejects reversed and over-long ranges and impossible days', () => {
    expect(rangeProblem({ from: '2026-03-02', to: '2026-03-01' })).toBe('reversed');
    expect(rangeProblem({ from: '2025-01-01', to: '2026-01-02' })).toBe('too_long');
    expect(rangeProblem({ from: '2025-01-01', to: '2026-01-01' })).toBeNull();
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-3-1')).toBe(false);
  });

  it('defaults to the 30 days ending today', () => {
    const period = defaultPeriod(new Date('2026-03-31T20:00:00Z'));
    expect(period).toEqual({ from: '2026-03-03', to: '2026-04-01' });
    expect(daysBetween(period.from, period.to)).toBe(30);
  });

  it('cuts weeks (Monday to Sunday) to the period', () => {
    // 2026-03-04 is a Wednesday.
    expect(buckets({ from: '2026-03-04', to: '2026-03-17' }, 'week')).toEqual([
      { from: '2026-03-04', to: '2026-03-08' },
      { from: '2026-03-09', to: '2026-03-15' },
      { from: '2026-03-16', to: '2026-03-17' },
    ]);
    expect(buckets({ from: '2026-03-04', to: '2026-03-05' }, 'day')).toHaveLength(2);
  });

  it('counts months across years', () => {
    expect(monthsOf({ from: '2025-11-20', to: '2026-02-01' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
  });
});
