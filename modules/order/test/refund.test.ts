import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refundForLine } from '../src/domain/refund.ts';

describe('refund per line', () => {
  it('refunds a proportional share and the remainder with the last units', () => {
    const line = { quantity: 3, payableFen: 1000n, refundedQuantity: 0, refundedFen: 0n };
    expect(refundForLine(line, 1)).toBe(333n);
    expect(refundForLine({ ...line, refundedQuantity: 1, refundedFen: 333n }, 2)).toBe(667n);
    expect(refundForLine(line, 3)).toBe(1000n);
    expect(refundForLine(line, 4)).toBeNull();
    expect(refundForLine(line, 0)).toBeNull();
  });

  it('adds up to exactly what was paid, however the units are refunded', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.bigInt({ min: 0n, max: 10_000_000n }), fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 60 }), (quantity, payableFen, steps) => {
        let refundedQuantity = 0;
        let refundedFen = 0n;
        for (const step of steps) {
          const refund = refundForLine({ quantity, payableFen, refundedQuantity, refundedFen }, step);
          if (refund === null) continue;
          expect(refund >= 0n).toBe(true);
          refundedQuantity += step;
          refundedFen += refund;
          expect(refundedFen <= payableFen).toBe(true);
        }
        if (refundedQuantity === quantity) expect(refundedFen).toBe(payableFen);
      }),
    );
  });
});
