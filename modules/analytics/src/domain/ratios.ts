/** Exact integer ratios for stored and served numbers: basis points and rounded quotients, half up. */

function toBig(value: bigint | number): bigint {
  return typeof value === 'bigint' ? value : BigInt(Math.trunc(value));
}

/** numerator ÷ denominator, rounded half up (both non-negative); null for a zero denominator. */
export function roundedQuotient(numerator: bigint | number, denominator: bigint | number): bigint | null {
  const n = toBig(numerator);
  const d = toBig(denominator);
  if (d === 0n) return null;
  const negative = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (2n * an + ad) / (2n * ad);
  return negative ? -q : q;
}

/** numerator ÷ denominator × 10 000 as whole basis points; null for a zero denominator. */
export function basisPoints(numerator: bigint | number, denominator: bigint | number): number | null {
  const value = roundedQuotient(toBig(numerator) * 10_000n, denominator);
  return value === null ? null : Number(value);
}

/** numerator ÷ denominator with `places` decimals (for ratios, hours and days shown to people). */
export function decimalQuotient(numerator: bigint | number, denominator: bigint | number, places: number): number | null {
  const scale = 10n ** BigInt(places);
  const value = roundedQuotient(toBig(numerator) * scale, denominator);
  return value === null ? null : Number(value) / Number(scale);
}
