export interface RefundableLine {
  readonly quantity: number;
  readonly payableFen: bigint;
  readonly refundedQuantity: number;
  readonly refundedFen: bigint;
}

/**
 * What refunding `quantity` more units of a line returns, in exact fen: a proportional share of what
 * was paid, rounded down, and the whole remainder with the last units, so the refunds of a line
 * always add up to exactly what was paid for it. Null when more units are asked than are left.
 */
export function refundForLine(line: RefundableLine, quantity: number): bigint | null {
  const left = line.quantity - line.refundedQuantity;
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > left) return null;
  if (quantity === left) return line.payableFen - line.refundedFen;
  return (line.payableFen * BigInt(quantity)) / BigInt(line.quantity);
}
