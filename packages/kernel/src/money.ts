/** Money is integer fen (1 yuan = 100 fen) carried as bigint; never a float. */
export type Fen = bigint;

/** Formats fen as yuan with exactly two decimals, e.g. 12345n → "123.45", -5n → "-0.05". */
export function formatYuan(amountFen: Fen): string {
  const negative = amountFen < 0n;
  const abs = negative ? -amountFen : amountFen;
  const yuan = abs / 100n;
  const fen = abs % 100n;
  return `${negative ? '-' : ''}${yuan}.${fen.toString().padStart(2, '0')}`;
}

/** Parses a yuan string with at most two decimals ("12", "12.3", "12.30") into fen; null if malformed. */
export function parseYuan(text: string): Fen | null {
  const match = /^(-)?(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const fen = BigInt(match[2]!) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -fen : fen;
}
