/**
 * Splits `totalFen` across weighted parts in exact integer fen, proportionally to the weights, by the
 * largest-remainder method: the parts always add up to the total, no part exceeds its cap, and ties
 * go to the earlier part so the result is deterministic. Used to spread an order-level coupon over
 * lines (each line's refund then returns exactly its share).
 */
export function allocateProportionally(weights: readonly bigint[], totalFen: bigint, caps: readonly bigint[] = weights): bigint[] {
  if (totalFen < 0n) throw new Error('cannot allocate a negative amount');
  if (weights.some((weight) => weight < 0n)) throw new Error('weights must not be negative');
  const capacity = caps.reduce((sum, cap) => sum + cap, 0n);
  if (totalFen > capacity) throw new Error(`cannot allocate ${totalFen} over caps totalling ${capacity}`);
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0n);
  if (totalFen === 0n) return weights.map(() => 0n);
  if (weightSum === 0n) throw new Error('cannot allocate over zero weights');

  const shares = weights.map((weight, index) => {
    const exact = weight * totalFen;
    const floor = exact / weightSum;
    return { index, share: floor < caps[index]! ? floor : caps[index]!, remainder: exact % weightSum };
  });
  let left = totalFen - shares.reduce((sum, part) => sum + part.share, 0n);
  // Hand out the fen lost to rounding (or to a cap) one by one, biggest remainder first.
  const order = [...shares].sort((a, b) => (b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : a.index - b.index));
  while (left > 0n) {
    let progressed = false;
    for (const part of order) {
      if (left === 0n) break;
      if (part.share < caps[part.index]!) {
        part.share += 1n;
        left -= 1n;
        progressed = true;
      }
    }
    if (!progressed) throw new Error('allocation exceeded the caps');
  }
  return shares.map((part) => part.share);
}
