import type { Fen } from './types';

const YUAN_PATTERN = /^(\d{1,13})(?:\.(\d{0,2}))?$/;

/**
 * Parses a yuan amount typed by a person ("12", "12.3", "12.30", "¥1,299.00") into integer fen,
 * from the decimal string itself — never through floating-point multiplication. Answers null for
 * anything that is not a non-negative amount with at most two decimals.
 */
export function parseYuanToFen(input: string | null | undefined): number | null {
  if (input === null || input === undefined) return null;
  const cleaned = String(input).trim().replace(/^[¥￥]/, '').replace(/,/g, '');
  const match = YUAN_PATTERN.exec(cleaned);
  if (!match) return null;
  const yuan = BigInt(match[1]!);
  const cents = BigInt((match[2] ?? '').padEnd(2, '0'));
  const fen = yuan * 100n + cents;
  return fen > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(fen);
}

/** Integer fen as a plain yuan string for an input box: 1230 → "12.30". */
export function fenToYuanInput(fen: Fen | null | undefined): string {
  if (fen === null || fen === undefined || fen === '') return '';
  let value: bigint;
  try {
    value = BigInt(fen);
  } catch {
    return String(fen);
  }
  const negative = value < 0n;
  const absolute = negative ? -value : value;
  return `${negative ? '-' : ''}${absolute / 100n}.${(absolute % 100n).toString().padStart(2, '0')}`;
}
