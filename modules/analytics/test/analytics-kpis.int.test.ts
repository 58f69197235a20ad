import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPiiCipher, fixedClock, type Actor, type RequestContext } from '@linkmall/kernel';
import { createTestDatabase, type TestDatabase } from '@linkmall/testing';
import { applyRollupEvent, createAnalyticsService, rawAnalytics, rebuildRollups, rollUpTracking, rollupAnalytics, type AnalyticsFilter, type KpiView } from '../src/index.ts';
import { analyticsWorld } from './analytics-world.ts';
import { buildKpiWorld, KPI_WORLD_EVENTS, PERIOD } from './kpi-fixture.ts';

let database: TestDatabase;
const clock = fixedClock(new Date('2026-04-02T00:00:00Z'));
const operations: Actor = { userId: 'usr_ops', sessionId: 's', displayName: 'Ops', organizationId: 'org_platform', organizationKind: 'platform', roles: ['operations'], permissions: new Set(['analytics.read', 'analytics.spend', 'visitor.read']), scope: { kind: 'all' } };
const ctx: RequestContext = { requestId: 'test', locale: 'zh-CN', clock, actor: operations };

const values = (view: KpiView) => Object.fromEntries(view.kpis.map((kpi) => [kpi.key, kpi.value]));
const previousValues = (view: KpiView) => Object.fromEntries(view.kpis.map((kpi) => [kpi.key, kpi.previousValue]));
const filter = (kind: AnalyticsFilter['scope']['kind'], id: string | null): AnalyticsFilter => ({ scope: { kind, id }, ...PERIOD });

beforeAll(async () => {
  database = await createTestDatabase();
  await buildKpiWorld(analyticsWorld(database));
  const analytics = createAnalyticsService({ db: database.db, pii: createPiiCipher(randomBytes(32)) });
  await analytics.spend.record(ctx, { day: '2026-02-22', channel: 'card', amountFen: 6_000n, merchantId: 'org_m' });
  const mistake = await analytics.spend.record(ctx, { day: '2026-03-01', channel: 'direct', amountFen: 1_000n, merchantId: 'org_m' });
  await analytics.spend.reverse(ctx, mistake.ok ? mistake.value.id : '', 'typed twice');
  await analytics.spend.record(ctx, { day: '2026-03-01', channel: 'distribution', amountFen: 100_000n, province: '广东省' });
  // The incremental path: the events as the outbox delivers them, then the tracking watermark job.
  for (const event of KPI_WORLD_EVENTS) await applyRollupEvent(database.db, event, clock.now());
  await rollUpTracking(database.db, clock);
});
afterAll(() => database?.destroy());

describe('KPIs on hand-computed fixtures', () => {
  it('a merchant: every KPI of the period and of the one before', async () => {
    const view = await rollupAnalytics(database.db).kpis(filter('merchant', 'org_m'));
    expect(view).toMatchObject({ from: '2026-02-20', to: '2026-03-10', previousFrom: '2026-02-01', previousTo: '2026-02-19' });
    expect(values(view)).toEqual({
      gmv: 100_000, // O1 20 000 + O2 30 000 + O3 10 000 + O4 40 000
      orders: 4,
      aov: 25_000, // 100 000 ÷ 4
      conversion_rate: 5_000, // 4 orders ÷ 8 card views
      repurchase_rate: 5_000, // O1 and O3 repeat ÷ 4
      retention: 5_000, // February cohort b1, b2; b2 paid again in March
      ltv: 42_500, // (b2 40 000 + b3 45 000 to date) ÷ 2
      cac: 3_000, // spend 6 000 + 1 000 − 1 000 reversed, ÷ 2 new buyers (b2, b3)
      invites_per_distributor: null, // not counted per merchant
      agent_boss_conversion: null,
      fission_coefficient: null,
      after_sales_rate: 2_500, // 1 case ÷ 4 orders
      order_to_ship_hours: 8, // (6 h + 10 h) ÷ 2
      inventory_turnover_days: 74.1, // stock (30 + 9) × 19 days ÷ 10 units
    });
    expect(previousValues(view)).toEqual({
      gmv: 10_000,
      orders: 1,
      aov: 10_000,
      conversion_rate: 5_000, // 1 ÷ 2 views
      repurchase_rate: 0,
      retention: null, // no cohort month before February
      ltv: 30_000, // b1: 10 000 + 20 000
      cac: 0,
      invites_per_distributor: null,
      agent_boss_conversion: null,
      fission_coefficient: null,
      after_sales_rate: 0,
      order_to_ship_hours: null,
      inventory_turnover_days: 570, // P1 stock 30 × 19 ÷ 1
    });
    const gmv = view.kpis.find((kpi) => kpi.key === 'gmv')!;
    expect(gmv).toMatchObject({ unit: 'fen', label: { 'zh-CN': 'GMV' } });
    expect(gmv.definition['zh-CN']).toContain('支付');
  });

  it('the platform: CAC over all spend, the distribution KPIs', async () => {
    const view = values(await rollupAnalytics(database.db).kpis(filter('platform', null)));
    expect(view).toMatchObject({
      gmv: 107_000,
      orders: 5,
      cac: 53_000, // (6 000 + 100 000) ÷ 2 new buyers (b2; b3 first paid O6)
      repurchase_rate: 6_000, // O1, O3, O4 ÷ 5
      invites_per_distributor: 1.33, // 4 bound in P (a1, a2, b1, m4) ÷ 3 distributors (boss, a1, a2)
      agent_boss_conversion: 5_000, // agents in P a1, a2; a2 boss by 03-10
      fission_coefficient: 2, // 4 ÷ 2 referrers (boss, a1)
    });
  });

  it('a team: its members’ orders and referrals', async () => {
    const view = values(await rollupAnalytics(database.db).kpis(filter('team', 'usr_boss')));
    expect(view).toMatchObject({
      gmv: 60_000, // O1 (b1), O2 and O3 (b2)
      orders: 3,
      cac: null,
      invites_per_distributor: 1.5, // a1, b1, m4 ÷ boss and a1 (a2 leads its own team)
      agent_boss_conversion: 0, // a1 is still an agent
      fission_coefficient: 1.5, // 3 ÷ referrers boss and a1
    });
  });

  it('the funnel: five steps with conversion from the step before', async () => {
    const funnel = await rollupAnalytics(database.db).funnel(filter('merchant', 'org_m'));
    expect(funnel.steps.map((step) => [step.step, step.count, step.conversionBps, step.previousCount])).toEqual([
      ['exposure', 8, null, 2],
      ['interaction', 4, 5_000, 0],
      ['fission', 3, 7_500, 0],
      ['conversion', 4, 13_333, 1],
      ['repurchase', 2, 5_000, 0],
    ]);
    const platform = await rollupAnalytics(database.db).funnel(filter('platform', null));
    // 3 shares and forwards + 4 referrals.
    expect(platform.steps[2]!.count).toBe(7);
    const card = await rollupAnalytics(database.db).funnel(filter('card', 'crd_a'));
    expect(card.steps.map((step) => step.count)).toEqual([8, 4, 3, 2, 1]);
  });

  it('the raw path answers exactly as the roll-ups, for every scope', async () => {
    const raw = rawAnalytics(database.db);
    const rollups = rollupAnalytics(database.db);
    for (const scope of [filter('platform', null), filter('merchant', 'org_m'), filter('merchant', 'org_other'), filter('team', 'usr_boss'), filter('guide', 'usr_guide'), filter('card', 'crd_a')]) {
      expect(await raw.rawKpis(scope)).toEqual(await rollups.kpis(scope));
      expect(await raw.rawFunnel(scope)).toEqual(await rollups.funnel(scope));
    }
  });

  it('a rebuild from scratch, and of a day range, gives the same roll-ups', async () => {
    const snapshot = async () => (await database.executeSql(`select * from analytics_daily where ${nonZero} order by 1, 2, 3`)).rows;
    const dimensions = async () => (await database.executeSql(`select * from analytics_daily_dimensions where views + shares + referrals + orders + gmv_fen + units <> 0 order by 1, 2, 3, 4, 5`)).rows;
    const incremental = [await snapshot(), await dimensions()];
    await rebuildRollups(database.db, undefined, clock);
    expect([await snapshot(), await dimensions()]).toEqual(incremental);
    await rebuildRollups(database.db, { from: '2026-02-24', to: '2026-03-05' }, clock);
    expect([await snapshot(), await dimensions()]).toEqual(incremental);
  });
});

const nonZero = `(views + interactions + shares + referrals + orders + gmv_fen + new_buyers + repeat_orders + units + refunds + refund_fen + after_sales + shipped + ship_seconds) <> 0
  or new_buyers <> 0 or repeat_orders <> 0`;
