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

  it('says so when no customer has two orders', () => {
    expect(evaluateOnOrders([order('o1', 'c1', 1, ['A'])]).verdict).toBe('not enough data');
  });
});
