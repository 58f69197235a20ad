import { describe, expect, it } from 'vitest';
import { evaluateOnOrders, formatEvaluationTable, holdOutLastOrders, metricsAtK } from './evaluation.ts';
import type { PurchaseFact } from './interaction-model.ts';

const order = (orderId: string, personKey: string, day: number, productIds: string[]): PurchaseFact => ({ orderId, personKey, paidAt: new Date(Date.UTC(2026, 0, day)), productIds, region: null });

describe('metrics at k', () => {
  it('computes hit rate and recall by hand', () => {
    // k = 2: customer 1 finds b of {b, x} (recall 1/2); customer 2 finds nothing; customer 3 finds g (1/1).
    const metrics = metricsAtK([['a', 'b', 'c'], ['d', 'e', 'f'], ['g']], [new Set(['b', 'x']), new Set(['y']), new Set(['g'])], 2);
    expect(metrics).toEqual({ hitRate: 2 / 3, recall: 0.5, hits: 2, customers: 3 });
  });

  it('only counts the top k', () => {
    expect(metricsAtK([['a', 'b', 'c']], [new Set(['c'])], 2).hits).toBe(0);
    expect(metricsAtK([['a', 'b', 'c']], [new Set(['c'])], 3).recall).toBe(1);
  });
});

describe('held-out split', () => {
  const orders = [order('o2', 'c1', 5, ['C']), order('o1', 'c1', 1, ['A', 'B']), order('o3', 'c2', 2, ['A', 'B']), order('o4', 'c2', 6, ['C', 'D', 'A']), order('o5', 'c3', 3, ['A', 'C'])];

  it('holds out each customer’s last order, scored on the products new to them', () => {
    const split = holdOutLastOrders(orders);
    expect(split.training.map((item) => item.orderId).sort()).toEqual(['o1', 'o3', 'o5']);
    expect(split.tests.map((test) => [test.personKey, [...test.relevant]])).toEqual([['c1', ['C']], ['c2', ['C', 'D']]]);
  });

  it('scores popularity by hand on a tiny dataset', () => {
    // Training orders per product: A 3, B 2, C 1. Top 1 after the customer's own A and B: C for both.
    // c1 wants {C}: hit, recall 1; c2 wants {C, D}: hit, recall 1/2.
    const report = evaluateOnOrders(orders, { k: 1, bootstrapSamples: 50 });
    const popularity = report.results.find((result) => result.model === 'popularity')!;
    expect(popularity).toMatchObject({ hitRate: 1, recall: 0.75, hits: 2, customers: 2, hitRateDifference95: null });
    expect(report).toMatchObject({ trainingOrders: 3, customers: 2, k: 1 });
    expect(formatEvaluationTable([report])).toContain('popularity');
  });

  it('validates on the second-to-last orders without ever training on the last ones', () => {
    const three = [order('v1', 'c9', 1, ['A']), order('v2', 'c9', 2, ['B']), order('v3', 'c9', 3, ['C']), order('v4', 'c8', 1, ['B', 'C'])];
    const report = evaluateOnOrders(three, { k: 1, split: 'validation', bootstrapSamples: 50 });
    // Training: v1 and v4 only (v3 dropped, v2 scored). Popularity: B 1, C 1, A 1; c9 has A, so top 1 is B: a hit.
    expect(report).toMatchObject({ trainingOrders: 2, customers: 1, protocol: 'second-to-last order per customer, last removed' });
    expect(report.results.find((result) => result.model === 'popularity')!.hits).toBe(1);
  });

  it('fits the category strength on the training orders and lifts the buyer’s categories with it', () => {
    // Twelve tea buyers: T1, then T2, then (held out) T3. Snacks outsell tea: S1 12, S2 10, S3 8 single
    // orders; T3 has 4 single orders of its own.
    const single = (product: string, count: number, offset: number) => Array.from({ length: count }, (_, index) => order(`${product}-${index}`, `x${offset + index}`, 1, [product]));
    const tea = Array.from({ length: 12 }, (_, buyer) => [order(`a${buyer}`, `t${buyer}`, 1, ['T1']), order(`b${buyer}`, `t${buyer}`, 2, ['T2']), order(`c${buyer}`, `t${buyer}`, 3, ['T3'])]).flat();
    const all = [...tea, ...single('S1', 12, 0), ...single('S2', 10, 100), ...single('S3', 8, 200), ...single('T3', 4, 300)];
    const categories = new Map([['S1', 'snacks'], ['S2', 'snacks'], ['S3', 'snacks'], ['T1', 'tea'], ['T2', 'tea'], ['T3', 'tea']]);
    const report = evaluateOnOrders(all, { k: 2, categories, bootstrapSamples: 50 });
    // The fit never saw T3's held-out orders: it scored each tea buyer's T2 against their T1.
    expect(report.categoryFit).toMatchObject({ pseudoPurchases: 1, buyers: 12, products: 12, why: 'fitted' });
    const hits = Object.fromEntries(report.results.map((result) => [result.model, result.hits]));
    // Popularity's top 2 are S1, S2. With 1 pseudo purchase (tea 28 of 58 orders): tea ×(2 + 28/58)/(3 · 28/58)
    // = 1.71, snacks ×1/3: T3 6.9 above S1 4.
    expect(hits).toEqual({ popularity: 0, 'item-to-item': 0, 'hybrid without categories': 0, hybrid: 12 });
    expect(formatEvaluationTable([report])).toContain('category strength fitted on training orders: 1');
  });

  it('serves the hybrid without categories when the training orders fit off', () => {
    // Tea buyers whose next order is a snack: their first category says nothing (snacks sell on their own too).
    const snacks = Array.from({ length: 6 }, (_, index) => order(`s${index}`, `x${index}`, 1, ['S1']));
    const orders = [...snacks, ...Array.from({ length: 12 }, (_, buyer) => [order(`a${buyer}`, `t${buyer}`, 1, ['T1']), order(`b${buyer}`, `t${buyer}`, 2, ['S1']), order(`c${buyer}`, `t${buyer}`, 3, ['S2'])]).flat()];
    const categories = new Map([['S1', 'snacks'], ['S2', 'snacks'], ['T1', 'tea']]);
    const report = evaluateOnOrders(orders, { k: 2, categories, bootstrapSamples: 50 });
    expect(report.categoryFit).toMatchObject({ pseudoPurchases: null, why: 'no candidate beats off', buyers: 12 });
    const of = (model: string) => report.results.find((result) => result.model === model)!;
    expect(of('hybrid')).toMatchObject({ hits: of('hybrid without categories').hits, recall: of('hybrid without categories').recall });
  });

  it('says so when no customer has two orders', () => {
    expect(evaluateOnOrders([order('o1', 'c1', 1, ['A'])]).verdict).toBe('not enough data');
  });
});
