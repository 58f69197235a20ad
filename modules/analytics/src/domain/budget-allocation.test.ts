import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateExactly, suggestBudget } from './budget-allocation.ts';

describe('exact allocation', () => {
  it('splits by weight with the remainder to the largest fractions', () => {
    expect(allocateExactly(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(allocateExactly(10n, [0n, 0n])).toEqual([5n, 5n]);
    expect(allocateExactly(7n, [3n, 1n])).toEqual([5n, 2n]);
  });

  it('always sums to the total, never negative', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 1, maxLength: 12 }), (total, weights) => {
        const parts = allocateExactly(total, weights);
        expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
        expect(parts.every((part) => part >= 0n)).toBe(true);
      }),
    );
  });
});

describe('budget suggestions', () => {
  const candidates = [
    // ROI 5×, 10 fission actions per ¥100 → the best on both.
    { key: 'card', label: '名片分享', spendFen: 100_000n, gmvFen: 500_000n, fissionActions: 100n },
    // ROI 1×, no fission.
    { key: 'direct', label: '自然流量', spendFen: 100_000n, gmvFen: 100_000n, fissionActions: 0n },
    // No spend: nothing to measure, left out.
    { key: 'distribution', label: '分销推荐', spendFen: 0n, gmvFen: 900_000n, fissionActions: 50n },
  ];

  it('ranks by return on spend and fission, moves money to the better one and keeps the total exact', () => {
    const rows = suggestBudget(candidates, 200_000n);
    expect(rows.map((row) => row.key)).toEqual(['card', 'direct']);
    // Scores: card 0.7 × 1 + 0.3 × 1 = 1; direct 0.7 × 0.2 + 0 = 0.14.
    expect(rows.map((row) => row.score)).toEqual([1, 0.14]);
    // Weights: half current share (0.5 each) + half score share (1/1.14, 0.14/1.14).
    // card = 0.5 × 0.5 + 0.5 × 0.877193 = 0.688596 → 137 719 fen (of 200 000); direct the rest.
    expect(rows.map((row) => row.suggestedFen)).toEqual([137_719n, 62_281n]);
    expect(rows.map((row) => row.changeFen)).toEqual([37_719n, -37_719n]);
    expect(rows[0]!.roiBps).toBe(50_000);
    expect(rows[0]!.fissionPer10kFen).toBe(10);
    expect(rows[0]!.reasoning['zh-CN']).toContain('投入产出比 5.00 倍，高于平均水平');
    expect(rows[0]!.reasoning['zh-CN']).toContain('建议增加 ¥377.19');
    expect(rows[1]!.reasoning.en).toContain('Decrease by ¥377.19');
  });

  it('reallocates another total exactly', () => {
    const rows = suggestBudget(candidates, 1_000_001n);
    expect(rows.reduce((sum, row) => sum + row.suggestedFen, 0n)).toBe(1_000_001n);
    expect(rows.reduce((sum, row) => sum + row.currentFen, 0n)).toBe(1_000_001n);
  });

  it('suggests nothing without spend', () => {
    expect(suggestBudget([{ key: 'card', label: 'x', spendFen: 0n, gmvFen: 10n, fissionActions: 1n }], 100n)).toEqual([]);
  });
});
