import { describe, expect, it } from 'vitest';
import { pointsEarned, pointsToReverse, withinDailyCap, type PointsRule } from './points.ts';

const order: PointsRule = { action: 'order', enabled: true, points: 10, pointsPerYuan: 1, dailyCap: 100 };

describe('points rules', () => {
  it('earns the fixed points plus whole yuan for an order, nothing when disabled', () => {
    expect(pointsEarned(order, 12_399n)).toBe(10n + 123n);
    expect(pointsEarned({ ...order, action: 'share', pointsPerYuan: 5 }, 12_399n)).toBe(10n);
    expect(pointsEarned({ ...order, enabled: false }, 12_399n)).toBe(0n);
  });

  it('keeps a day within the cap: the last credit is cut to the room left, then nothing', () => {
    expect(withinDailyCap(30n, 0n, 100)).toBe(30n);
    expect(withinDailyCap(30n, 80n, 100)).toBe(20n);
    expect(withinDailyCap(30n, 100n, 100)).toBe(0n);
    expect(withinDailyCap(30n, 10_000n, null)).toBe(30n);
  });

  it('takes back the refunded share, and exactly what was credited once the order is fully refunded', () => {
    const facts = { creditedPoints: 133n, reversedPoints: 0n, payableFen: 12_399n, refundedBeforeFen: 0n };
    const first = pointsToReverse({ ...facts, refundFen: 4_000n });
    expect(first).toBe((133n * 4_000n) / 12_399n);
    const second = pointsToReverse({ ...facts, reversedPoints: first, refundedBeforeFen: 4_000n, refundFen: 8_399n });
    expect(first + second).toBe(133n);
    // A refund that claims more than the order is still capped at what was credited.
    expect(pointsToReverse({ ...facts, refundFen: 99_999n })).toBe(133n);
    expect(pointsToReverse({ ...facts, reversedPoints: 133n, refundedBeforeFen: 12_399n, refundFen: 1n })).toBe(0n);
  });
});
