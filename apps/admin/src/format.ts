import dayjs from 'dayjs';
import type { Fen } from './types';

/** Formats integer fen as yuan with two decimals, e.g. 1230 → "¥12.30", without floating point. */
export function formatFen(fen: Fen | null | undefined): string {
  if (fen === null || fen === undefined || fen === '') return '—';
  let value: bigint;
  try {
    value = BigInt(fen);
  } catch {
    return String(fen);
  }
  const negative = value < 0n;
  const absolute = negative ? -value : value;
  const yuan = (absolute / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (absolute % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}¥${yuan}.${cents}`;
}

/** Local time; lists drop the seconds to stay narrow. */
export function formatDateTime(value: string | null | undefined, withSeconds = true): string {
  if (!value) return '—';
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed.format(withSeconds ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm') : value;
}

export function formatCoordinate(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed.toFixed(6) : String(value);
}
