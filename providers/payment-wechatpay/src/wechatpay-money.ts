/**
 * WeChat Pay carries money as JSON integers of fen (`amount.total`, `amount.refund`). Code keeps fen as
 * bigint; these convert at the protocol edge and refuse anything a JSON number cannot carry exactly.
 */
export function fenToProtocol(amountFen: bigint): number | null {
  if (amountFen <= 0n || amountFen > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(amountFen);
}

export function fenFromProtocol(value: unknown): bigint | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? BigInt(value) : null;
}
