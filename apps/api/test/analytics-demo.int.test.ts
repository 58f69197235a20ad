import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoAnalytics } from '../src/analytics-demo.ts';
import { startTestPlatform, type TestPlatform } from './harness.ts';

let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform();
}, 60_000);
afterAll(() => t?.close());

describe('the demo analytics', () => {
  it('fills the dashboard of operations and of 锦里 with visits, orders, referrals and spend', async () => {
    expect(await seedDemoAnalytics(t.platform)).toEqual({ orders: 7 });
    const operations = await t.login('13800000002');
    const funnel = (await t.json('GET', '/admin/analytics/funnel', { token: operations })).body;
    const [exposure, interaction, fission, conversion, repurchase] = funnel.steps.map((step: any) => step.count);
    // 12 views; 8 clicks + 3 calls; 3 shares + 3 forwards + 2 referrals; 7 orders, 3 of them repeats.
    expect([exposure, interaction, fission, conversion, repurchase]).toEqual([12, 11, 8, 7, 3]);
    const kpis = Object.fromEntries((await t.json('GET', '/admin/analytics/kpis', { token: operations })).body.kpis.map((kpi: any) => [kpi.key, kpi.value]));
    expect(kpis.cac).toBeGreaterThan(0);
    expect(kpis.order_to_ship_hours).not.toBeNull();
    expect(kpis.after_sales_rate).toBe(1_429); // 1 case ÷ 7 orders
    const budget = (await t.json('GET', '/admin/analytics/budget-suggestions?dimension=region', { token: operations })).body;
    expect(budget.rows.length).toBeGreaterThan(1);
    const jinli = (await t.json('GET', '/admin/analytics/funnel', { token: await t.login('13700000003') })).body;
    expect(jinli.steps[3].count).toBe(5);
  });
});
