import { describe, expect, it } from 'vitest';
import { addDays, beijingDay, daysBetween, denseSeries } from './calendar.ts';
import { normalQuantile } from './normal-quantile.ts';
import { explainSuggestion } from './reasoning.ts';
import { demandPlan, effectiveSettings, orderSuggestion, PLATFORM_DEFAULT_SETTINGS } from './suggestion.ts';

describe('normal quantile', () => {
  it('matches the tables to nine digits', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.95)).toBeCloseTo(1.644853627, 8);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232306, 8);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326347874, 8);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});

describe('suggestion arithmetic', () => {
  const settings = { leadTimeDays: 9, reviewPeriodDays: 5, serviceLevelBps: 9500 };
  const flat = new Array(30).fill(10);

  it('adds safety stock z·σ·√L to lead-time and cover demand, rounding the stock levels up', () => {
    const plan = demandPlan(flat, 4, settings);
    // z(95 %) = 1.6449, SS = 1.6449 × 4 × √9 = 19.74; ROP = ⌈90 + 19.74⌉ = 110; S = ⌈140 + 19.74⌉ = 160.
    expect(plan.leadTimeDemand).toBe(90);
    expect(plan.coverDemand).toBe(140);
    expect(plan.safetyStock).toBeCloseTo(1.644853627 * 4 * 3, 6);
    expect(plan).toMatchObject({ reorderPoint: 110, targetStock: 160 });
  });

  it('orders up to the target less stock on hand and on order, now when at or under the reorder point', () => {
    const plan = { reorderPoint: 110, targetStock: 160 };
    expect(orderSuggestion(plan, 100, 20)).toEqual({ inventoryPosition: 120, suggestedQuantity: 40, status: 'order_at_review' });
    expect(orderSuggestion(plan, 80, 30)).toEqual({ inventoryPosition: 110, suggestedQuantity: 50, status: 'order_now' });
    expect(orderSuggestion(plan, 0, 0)).toEqual({ inventoryPosition: 0, suggestedQuantity: 160, status: 'order_now' });
    expect(orderSuggestion(plan, 150, 30)).toEqual({ inventoryPosition: 180, suggestedQuantity: 0, status: 'sufficient' });
  });

  it('does not add an item for floating-point dust', () => {
    // 0.1 summed 30 times is 3.0000000000000004.
    const plan = demandPlan(new Array(30).fill(0.1), 0, { leadTimeDays: 10, reviewPeriodDays: 20, serviceLevelBps: 9000 });
    expect(plan).toMatchObject({ reorderPoint: 1, targetStock: 3, safetyStock: 0 });
  });

  it('refuses a forecast shorter than the cover', () => {
    expect(() => demandPlan([1, 2], 1, settings)).toThrow(/covers 2 days/);
  });

  it('takes each setting from the SKU, else the supplier, else the platform', () => {
    expect(effectiveSettings(null, null)).toEqual({ ...PLATFORM_DEFAULT_SETTINGS, sources: { leadTimeDays: 'platform', reviewPeriodDays: 'platform', serviceLevelBps: 'platform' } });
    expect(effectiveSettings({ leadTimeDays: 12, reviewPeriodDays: 3, serviceLevelBps: 9000 }, { leadTimeDays: null, serviceLevelBps: 9900 })).toEqual({
      leadTimeDays: 12,
      reviewPeriodDays: 3,
      serviceLevelBps: 9900,
      sources: { leadTimeDays: 'supplier', reviewPeriodDays: 'supplier', serviceLevelBps: 'sku' },
    });
  });

  it('explains the arithmetic with its numbers in both languages', () => {
    const plan = demandPlan(flat, 4, settings);
    const order = orderSuggestion(plan, 100, 20);
    const input = { model: { method: 'holt_winters' as const, alpha: 0.2, beta: 0.05, gamma: 0.1, historyDays: 120, sigmaDaily: 4, dailyLevel: 10 }, settings, plan, order, onHand: 100, onOrder: 20 };
    const zh = explainSuggestion(input, 'zh-CN');
    expect(zh[0]).toContain('Holt-Winters');
    expect(zh.join('\n')).toContain('安全库存 = z × σ × √交货期 = 1.64（服务水平 95%）× 4.00 件/天 × √9 = 19.7 件');
    expect(zh.join('\n')).toContain('建议采购 = max(0, 目标库存 160 − 现有库存 100 − 在途 20) = 40 件');
    expect(zh.at(-1)).toContain('下个补货周期');
    const en = explainSuggestion(input, 'en');
    expect(en.join('\n')).toContain('Suggested quantity = max(0, target 160 − on hand 100 − on order 20) = 40');
    expect(en.at(-1)).toContain('next review');
    expect(explainSuggestion({ ...input, model: { ...input.model, method: 'none' } }, 'en')[0]).toContain('no sales');
  });
});

describe('calendar', () => {
  it('counts Beijing days and fills quiet days with zeros', () => {
    expect(beijingDay(new Date('2026-11-22T16:30:00Z'))).toBe('2026-11-23');
    expect(beijingDay(new Date('2026-11-22T15:59:59Z'))).toBe('2026-11-22');
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(daysBetween('2026-02-27', '2026-03-01')).toBe(2);
    expect(denseSeries([{ day: '2026-03-01', quantity: 4 }, { day: '2026-03-03', quantity: 2 }, { day: '2026-02-01', quantity: 9 }], '2026-03-01', '2026-03-04')).toEqual([4, 0, 2, 0]);
  });
});
