import { describe, expect, it } from 'vitest';
import { categoryAffinity, POPULARITY_ONLY, rankProducts, type RankingWeights } from './ranking.ts';

/**
 * Paid orders: tea T1 60, T2 20; snacks S1 100, S2 20. The overall mix: tea 80/200 = 0.4, snacks 0.6.
 * The person bought one tea (T0, not in the popular pool).
 */
const popularity = new Map([['T1', 60], ['T2', 20], ['S1', 100], ['S2', 20]]);
const categories = new Map([['T0', 'tea'], ['T1', 'tea'], ['T2', 'tea'], ['S1', 'snacks'], ['S2', 'snacks']]);
const withAffinity: RankingWeights = { ...POPULARITY_ONLY, categoryPseudoPurchases: 3 };

const rank = (seeds: string[], weights: RankingWeights, known = categories) =>
  rankProducts({ seeds, neighbours: new Map(), persons: new Map(), popularity, regional: new Map(), categories: known, weights }).map((item) => item.productId);

describe('category affinity', () => {
  it('is the person’s smoothed share of a category over everyone’s', () => {
    const factor = categoryAffinity({ seeds: ['T0'], popularity, categories }, 3);
    // Tea: (1 + 3·0.4) / ((1 + 3)·0.4) = 1.375; snacks: (0 + 3·0.6) / (4·0.6) = 0.75.
    expect(factor('T1')).toBeCloseTo(2.2 / 1.6, 12);
    expect(factor('S1')).toBeCloseTo(0.75, 12);
    // A reweighting, not a bonus: over the overall mix the multipliers average to one.
    expect(0.4 * factor('T1') + 0.6 * factor('S1')).toBeCloseTo(1, 12);
  });

  it('leaves popularity alone without a history, without categories, for unknown products, or when switched off', () => {
    expect(categoryAffinity({ seeds: [], popularity, categories }, 3)('T1')).toBe(1);
    expect(categoryAffinity({ seeds: ['T0'], popularity }, 3)('T1')).toBe(1);
    expect(categoryAffinity({ seeds: ['T0'], popularity, categories }, null)('T1')).toBe(1);
    expect(categoryAffinity({ seeds: ['T0'], popularity, categories }, 3)('unknown')).toBe(1);
    // Seeds whose category is unknown say nothing about the person.
    expect(categoryAffinity({ seeds: ['mystery'], popularity, categories }, 3)('T1')).toBe(1);
  });

  it('tends to plain popularity as the pseudo purchases grow', () => {
    expect(categoryAffinity({ seeds: ['T0'], popularity, categories }, 1e9)('T1')).toBeCloseTo(1, 6);
  });

  it('ranks the popular products of the person’s categories up', () => {
    // Popularity alone: S1 100, T1 60, then the tie S2 / T2 20 in id order.
    expect(rank(['T0'], POPULARITY_ONLY)).toEqual(['S1', 'T1', 'S2', 'T2']);
    // A tea buyer: T1 60·1.375 = 82.5 > S1 100·0.75 = 75; T2 27.5 > S2 15.
    expect(rank(['T0'], withAffinity)).toEqual(['T1', 'S1', 'T2', 'S2']);
    // Someone without a known category is ranked on popularity.
    expect(rank(['T0'], withAffinity, new Map())).toEqual(['S1', 'T1', 'S2', 'T2']);
  });

  it('adds item-to-item evidence to the lifted prior', () => {
    // S2, bought by the same ten people as T0: 10/√(10·10) · 10/12 = 0.833 + its prior 15/82.5 = 1.015,
    // above T1's 1 although snacks are lowered for this tea buyer.
    const ranked = rankProducts({
      seeds: ['T0'],
      neighbours: new Map([['T0', new Map([['S2', 10]])]]),
      persons: new Map([['T0', 10], ['S2', 10]]),
      popularity,
      regional: new Map(),
      categories,
      weights: { ...withAffinity, similar: 1, supportShrink: 2, minimumSupport: 2 },
    });
    expect(ranked.map((item) => [item.productId, item.reason])).toEqual([['S2', 'similar'], ['T1', 'popular'], ['S1', 'popular'], ['T2', 'popular']]);
  });
});
