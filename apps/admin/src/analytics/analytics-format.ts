import { formatFen } from '../format';
import type { Locale, Translate } from '../i18n';
import type { KpiUnit, Localized } from './types';

export function localized(text: Localized | null | undefined, locale: Locale): string {
  if (!text) return '';
  return text[locale] || text['zh-CN'];
}

/** Basis points as a percentage with two decimals: 1234 → "12.34%", from integers only. */
export function formatBpsPercent(bps: number | null | undefined): string {
  if (bps === null || bps === undefined) return '—';
  const negative = bps < 0;
  const absolute = Math.abs(Math.trunc(bps));
  return `${negative ? '-' : ''}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}%`;
}

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toLocaleString('en-US');
}

/** A KPI's value in its unit: money in yuan, rates as percentages, durations with their unit. */
export function formatKpiValue(value: number | null, unit: KpiUnit, t: Translate): string {
  if (value === null) return '—';
  switch (unit) {
    case 'fen':
      return formatFen(value);
    case 'bps':
      return formatBpsPercent(value);
    case 'ratio':
      return value.toFixed(2);
    case 'hours':
      return t('analytics.unit.hours', { value: value.toFixed(1) });
    case 'days':
      return t('analytics.unit.days', { value: value.toFixed(1) });
    default:
      return formatCount(value);
  }
}

export type Direction = 'up' | 'down' | 'flat';

export interface Change {
  text: string;
  direction: Direction;
}

/**
 * The change against the previous period. Rates change by percentage points (a rate's relative
 * change reads as noise); everything else by percent of the previous value. Null when there is
 * nothing to compare with (no previous value, or a previous zero).
 */
export function changeOf(value: number | null, previous: number | null, unit: KpiUnit, t: Translate): Change | null {
  if (value === null || previous === null) return null;
  const difference = value - previous;
  const direction: Direction = difference > 0 ? 'up' : difference < 0 ? 'down' : 'flat';
  const sign = difference > 0 ? '+' : difference < 0 ? '-' : '';
  if (unit === 'bps') {
    const points = Math.abs(difference);
    return { direction, text: t('analytics.change.points', { value: `${sign}${Math.floor(points / 100)}.${String(points % 100).padStart(2, '0')}` }) };
  }
  if (previous === 0) return difference === 0 ? { direction, text: '0.0%' } : { direction, text: t('analytics.change.new') };
  const percent = Math.abs((difference / Math.abs(previous)) * 100);
  return { direction, text: `${sign}${percent.toFixed(1)}%` };
}

/** KPIs where a rise is bad news, so the change is coloured the other way round. */
const LOWER_IS_BETTER = new Set(['cac', 'after_sales_rate', 'order_to_ship_hours', 'inventory_turnover_days']);

export function changeColor(key: string, direction: Direction): string | undefined {
  if (direction === 'flat') return undefined;
  const good = (direction === 'up') !== LOWER_IS_BETTER.has(key);
  return good ? '#389e0d' : '#cf1322';
}
