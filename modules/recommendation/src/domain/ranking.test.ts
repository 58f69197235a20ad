import { describe, expect, it } from 'vitest';
import { InteractionModel } from './interaction-model.ts';
import { rankProducts, type RankingWeights } from './ranking.ts';
import { cosineSimilarity, dampedSimilarity, supportWeight } from './similarity.ts';

/**
 * The hand-computed fixture: four people.
 *   p1: A B C    p2: A B    p3: B C    p4: A D
 * People per product: A 3, B 3, C 2, D 1. Together: A·B 2, A·C 1, B·C 2, A·D 1, C·D 0.
 */
function fixture(): InteractionModel {
  const model = new InteractionModel();
  model.meet('p1', ['A', 'B', 'C']);
  model.meet('p2', ['B', 'A']);
  model.meet('p3', ['C']);
  model.meet('p3', ['B', 'C']);
  model.meet('p4', ['D', 'A', 'A']);
  return model;
}

describe('similarity on co-occurrence counts', () => {
  it('counts each person once per product and pair, whatever the order of arrival', () => {
    const model = fixture();
    expect(Object.fromEntries(model.persons)).toEqual({ A: 3, B: 3, C: 2, D: 1 });
    expect(Object.fromEntries(model.neighboursOf('A'))).toEqual({ B: 2, C: 1, D: 1 });
    expect(Object.fromEntries(model.neighboursOf('B'))).toEqual({ A: 2, C: 2 });
    expect(Object.fromEntries(model.neighboursOf('C'))).toEqual({ A: 1, B: 2 });
    expect(Object.fromEntries(model.neighboursOf('D'))).toEqual({ A: 1 });
  });

  it('is the cosine of the binary person vectors', () => {
    expect(cosineSimilarity(2, 3, 3)).toBeCloseTo(2 / 3, 12); // A·B
    expect(cosineSimilarity(2, 3, 2)).toBeCloseTo(0.816496580927726, 12); // B·C = 2/√6
    expect(cosineSimilarity(1, 3, 2)).toBeCloseTo(0.408248290463863, 12); // A·C = 1/√6
    expect(cosineSimilarity(1, 3, 1)).toBeCloseTo(0.577350269189626, 12); // A·D = 1/√3
    expect(cosineSimilarity(0, 3, 1)).toBe(0);
    expect(cosineSimilarity(1, 0, 1)).toBe(0);
  });

  it('damps thin evidence: together / (together + shrink)', () => {
    expect(supportWeight(1, 2)).toBeCloseTo(1 / 3, 12);
    expect(supportWeight(10, 2)).toBeCloseTo(10 / 12, 12);
    expect(dampedSimilarity(2, 3, 3, 2)).toBeCloseTo((2 / 3) * 0.5, 12);
  });
});

const itemToItem: RankingWeights = { similar: 1, popular: 0.1, supportShrink: 0, minimumSupport: 1, regionPseudoOrders: null, categoryPseudoPurchases: null };
const popularity = new Map([['A', 3], ['B', 3], ['C', 2], ['D', 1]]);

function rank(model: InteractionModel, seeds: string[], weights: RankingWeights, regional = new Map<string, number>(), pool = popularity) {
  return rankProducts({ seeds, neighbours: new Map(seeds.map((seed) => [seed, model.neighboursOf(seed)])), persons: model.persons, popularity: pool, regional, weights });
}

describe('ranking', () => {
  it('ranks by similarity plus the popularity prior, never the seeds themselves', () => {
    // Seed A: B 2/3 + 0.1·3/3 = 0.7667; D 0.5774 + 0.1·1/3 = 0.6107; C 0.4082 + 0.1·2/3 = 0.4749.
    const ranked = rank(fixture(), ['A'], itemToItem);
    expect(ranked.map((item) => item.productId)).toEqual(['B', 'D', 'C']);
    expect(ranked[0]!.score).toBeCloseTo(2 / 3 + 0.1, 12);
    expect(ranked[1]!.score).toBeCloseTo(1 / Math.sqrt(3) + 0.1 / 3, 12);
    expect(ranked.every((item) => item.reason === 'similar' && item.becauseOf === 'A')).toBe(true);
  });

  it('combines several seeds as a noisy-or and names the closest seed', () => {
    // Seeds A and C: B = 1 − (1 − 2/3)(1 − 2/√6) = 0.93884, because of C (2/√6 > 2/3); D = 1/√3 from A only.
    const ranked = rank(fixture(), ['A', 'C'], itemToItem);
    expect(ranked.map((item) => [item.productId, item.becauseOf])).toEqual([['B', 'C'], ['D', 'A']]);
    expect(ranked[0]!.score).toBeCloseTo(1 - (1 / 3) * (1 - 2 / Math.sqrt(6)) + 0.1, 12);
  });

  it('ignores pairs below the minimum support', () => {
    // Only A·B was met by two people.
    const ranked = rank(fixture(), ['A'], { ...itemToItem, minimumSupport: 2 });
    expect(ranked.map((item) => [item.productId, item.reason])).toEqual([['B', 'similar'], ['C', 'popular'], ['D', 'popular']]);
  });

  it('falls back to popular in the region, then popular overall, for a person without history', () => {
    const pool = new Map([['X', 30], ['Y', 100], ['Z', 50]]);
    const weights: RankingWeights = { similar: 1, popular: 1, supportShrink: 2, minimumSupport: 2, regionPseudoOrders: 20, categoryPseudoPurchases: null };
    // Region has 30 orders, all of X. Prior X = (30 + 20·30/180) / 50 = 0.667, Y = (20·100/180) / 50 = 0.222, Z = 0.111.
    const inRegion = rank(new InteractionModel(), [], weights, new Map([['X', 30]]), pool);
    expect(inRegion.map((item) => [item.productId, item.reason])).toEqual([['X', 'popular_in_region'], ['Y', 'popular'], ['Z', 'popular']]);
    expect(inRegion[1]!.score).toBeCloseTo((20 * 100) / 180 / 50 / ((30 + (20 * 30) / 180) / 50), 12);
    // No region known: popularity overall.
    expect(rank(new InteractionModel(), [], weights, new Map(), pool).map((item) => item.productId)).toEqual(['Y', 'Z', 'X']);
  });

  it('keeps ties in product id order', () => {
    const ranked = rank(new InteractionModel(), [], itemToItem, new Map(), new Map([['b', 1], ['a', 1], ['c', 2]]));
    expect(ranked.map((item) => item.productId)).toEqual(['c', 'a', 'b']);
  });
});
