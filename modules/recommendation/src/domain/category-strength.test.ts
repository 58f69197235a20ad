import { seededRandom } from '@linkmall/kernel';
import { describe, expect, it } from 'vitest';
import { fitCategoryStrength, MINIMUM_BUYERS, type FitOrder } from './category-strength.ts';


const CATEGORIES = 8;
const PRODUCTS_PER_CATEGORY = 50;
const categories = new Map(Array.from({ length: CATEGORIES * PRODUCTS_PER_CATEGORY }, (_, index) => [`p${index}`, `c${index % CATEGORIES}`] as const));

/**
 * Buyers with three orders of two products each. With `loyalty` the share of lines drawn from the
 * buyer's own favourite category (the rest from the whole catalog); 0: every line from anywhere.
 */
function history(buyers: number, loyalty: number, seed: number): FitOrder[] {
  const random = seededRandom(seed);
  const orders: FitOrder[] = [];
  for (let buyer = 0; buyer < buyers; buyer++) {
    const favourite = Math.floor(random() * CATEGORIES);
    for (let number = 0; number < 3; number++) {
      const productIds = Array.from({ length: 2 }, () => {
        const category = random() < loyalty ? favourite : Math.floor(random() * CATEGORIES);
        return `p${category + CATEGORIES * Math.floor(random() * PRODUCTS_PER_CATEGORY)}`;
      });
      orders.push({ orderId: `o${buyer}-${number}`, personKey: `b${String(buyer).padStart(4, '0')}`, paidAt: new Date(Date.UTC(2026, 0, 1 + number)), productIds });
    }
  }
  return orders;
}

describe('fitting the category strength', () => {
  it('fits a finite count when buyers keep to their categories', () => {
    const fit = fitCategoryStrength(history(300, 0.7, 1), categories);
    expect(fit.why).toBe('fitted');
    expect(fit.pseudoPurchases).not.toBeNull();
    const chosen = fit.candidates.find((candidate) => candidate.pseudoPurchases === fit.pseudoPurchases)!;
    // The chosen count has the best gain, clear of zero by more than two standard errors.
    expect(chosen.gain).toBe(Math.max(...fit.candidates.map((candidate) => candidate.gain)));
    expect(chosen.gain - 2 * chosen.standardError).toBeGreaterThan(0);
    expect(fit.buyers).toBe(300);
  });

  it('fits off when a buyer’s categories say nothing about their next order', () => {
    const fit = fitCategoryStrength(history(300, 0, 2), categories);
    expect(fit).toMatchObject({ pseudoPurchases: null, why: 'no candidate beats off', buyers: 300 });
    // Following one's own few past lines costs likelihood; the cost shrinks towards zero as the count grows.
    const gains = fit.candidates.map((candidate) => candidate.gain);
    expect(gains[0]).toBeLessThan(-0.1);
    expect(gains[0]).toBeLessThan(gains.at(-1)!);
    for (const candidate of fit.candidates) expect(candidate.gain - 2 * candidate.standardError).toBeLessThanOrEqual(0);
  });

  it('fits off with too few buyers to judge', () => {
    const fit = fitCategoryStrength(history(MINIMUM_BUYERS - 1, 1, 3), categories);
    expect(fit).toMatchObject({ pseudoPurchases: null, why: 'too few buyers', candidates: [] });
  });

  it('scores only the last order’s new products, against the buyer’s earlier ones, and is deterministic', () => {
    // Every buyer: tea, then tea again; the last order also repeats an earlier product (not scored) and
    // one of unknown category (not scored). Buyers of one order only shape the mix, are never scored.
    const known = new Map([['t1', 'tea'], ['t2', 'tea'], ['s1', 'snacks'], ['s2', 'snacks']]);
    const orders: FitOrder[] = [];
    for (let buyer = 0; buyer < 12; buyer++) {
      orders.push({ orderId: `a${buyer}`, personKey: `b${buyer}`, paidAt: new Date(Date.UTC(2026, 0, 1)), productIds: ['t1'] });
      orders.push({ orderId: `z${buyer}`, personKey: `b${buyer}`, paidAt: new Date(Date.UTC(2026, 0, 2)), productIds: ['t2', 't1', 'mystery'] });
      orders.push({ orderId: `s${buyer}`, personKey: `x${buyer}`, paidAt: new Date(Date.UTC(2026, 0, 1)), productIds: ['s1', 's2'] });
    }
    const fit = fitCategoryStrength([...orders].reverse(), known);
    expect(fit).toMatchObject({ buyers: 12, products: 12, pseudoPurchases: 1, why: 'fitted' });
    // The mix from the orders not scored: tea 12 of 36 lines. Own: one tea. Gain at 1: log((1 + 1/3) / (2 · 1/3)).
    expect(fit.candidates[0]!.gain).toBeCloseTo(Math.log(2), 12);
    expect(fit.candidates[0]!.standardError).toBe(0);
    expect(fitCategoryStrength(orders, known)).toEqual(fit);
  });
});
