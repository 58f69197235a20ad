import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@linkmall/kernel';
import { createTestDatabase, type TestDatabase } from '@linkmall/testing';
import { applyRollupEvent, rawAnalytics, rebuildRollups, rollUpTracking, rollupAnalytics } from '../src/index.ts';
import { analyticsWorld, type AnalyticsWorld } from './analytics-world.ts';

/**
 * Roll-ups maintained one event at a time equal a rebuild from scratch, whatever the order the events
 * arrive in (late ones on earlier days), however often they repeat (redelivered under the same id,
 * or the same fact under a new id), with the tracking watermark job running in between.
 */

let database: TestDatabase;
let world: AnalyticsWorld;
const clock = fixedClock(new Date('2026-06-01T00:00:00Z'));
const BUYERS = ['usr_p1', 'usr_p2', 'usr_p3', 'usr_p4'];
const CARDS = [
  { id: 'crd_x', owner: { userId: 'usr_gx', organizationId: 'org_mx' } },
  { id: 'crd_y', owner: { userId: 'usr_gy', organizationId: 'org_my' } },
];
const KINDS = ['view', 'view', 'dwell', 'product_click', 'call', 'share', 'forward'];
const instant = (minute: number) => new Date(Date.parse('2026-05-01T00:00:00+08:00') + minute * 60_000).toISOString();
const DAYS_IN_MINUTES = 20 * 24 * 60;

const orderArbitrary = fc.record({
  buyer: fc.constantFrom(...BUYERS),
  merchant: fc.constantFrom('org_mx', 'org_my'),
  paidMinute: fc.integer({ min: 0, max: DAYS_IN_MINUTES }),
  quantity: fc.integer({ min: 1, max: 3 }),
  unitFen: fc.integer({ min: 100, max: 10_000 }),
  product: fc.constantFrom('prd_q1', 'prd_q2'),
  province: fc.constantFrom('广东省', '浙江省'),
  shipAfterMinutes: fc.option(fc.integer({ min: 1, max: 3_000 }), { nil: undefined }),
  afterSales: fc.option(fc.record({ afterMinutes: fc.integer({ min: 1, max: 5_000 }), refunded: fc.boolean() }), { nil: undefined }),
});

const scenarioArbitrary = fc.record({
  orders: fc.array(orderArbitrary, { maxLength: 10 }),
  visits: fc.array(fc.record({ buyer: fc.constantFrom(...BUYERS), card: fc.constantFrom(0, 1), minute: fc.integer({ min: 0, max: DAYS_IN_MINUTES }) }), { maxLength: 4 }),
  tracking: fc.array(fc.record({ card: fc.constantFrom(0, 1), kind: fc.constantFrom(...KINDS), minute: fc.integer({ min: 0, max: DAYS_IN_MINUTES }), visitor: fc.integer({ min: 0, max: 3 }) }), { maxLength: 30 }),
  members: fc.array(fc.record({ referrer: fc.option(fc.constantFrom('usr_lead', 'usr_p1'), { nil: null }), boundMinute: fc.integer({ min: 0, max: DAYS_IN_MINUTES }), agentMinute: fc.option(fc.integer({ min: 0, max: DAYS_IN_MINUTES }), { nil: null }) }), { minLength: 4, maxLength: 4 }),
  seed: fc.integer(),
  duplicates: fc.integer({ min: 0, max: 8 }),
  trackingRuns: fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 4 }),
});
type Scenario = typeof scenarioArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** A deterministic shuffle from the scenario's seed, so a failure replays. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const result = [...items];
  let state = seed >>> 0 || 1;
  for (let index = result.length - 1; index > 0; index--) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    const other = state % (index + 1);
    [result[index], result[other]] = [result[other]!, result[index]!];
  }
  return result;
}

async function reset() {
  await database.executeSql(`truncate orders, sub_orders, order_lines, order_status_history, after_sales_cases, radar_events, radar_visitors,
    distribution_members, distribution_orders, analytics_applied_events, analytics_applied_facts, analytics_watermarks, analytics_orders,
    analytics_order_products, analytics_daily, analytics_daily_dimensions, analytics_buyers, analytics_buyer_months, analytics_members restart identity cascade`);
}

type Event = { id: string; type: string; payload: Record<string, string> };

/** Writes the scenario's source rows and returns the events they would have published. */
async function writeWorld(scenario: Scenario): Promise<{ events: Event[]; trackingRows: Scenario['tracking'] }> {
  const events: Event[] = [];
  await world.member({ id: 'usr_lead', role: 'BOSS', packageOrder: { id: 'dord_lead', paidAt: instant(0) } });
  events.push({ id: 'evt_m_lead', type: 'distribution.package_activated', payload: { memberId: 'usr_lead' } });
  for (const [index, member] of scenario.members.entries()) {
    const id = BUYERS[index]!;
    const referrer = member.referrer === id ? 'usr_lead' : member.referrer;
    await world.member({
      id,
      role: member.agentMinute === null ? 'MEMBER' : 'AGENT',
      referrer,
      teamBoss: referrer ? 'usr_lead' : null,
      boundAt: referrer ? instant(member.boundMinute) : null,
      packageOrder: member.agentMinute === null ? null : { id: `dord_${id}`, paidAt: instant(member.agentMinute) },
    });
    events.push({ id: `evt_m_${id}`, type: 'distribution.referrer_bound', payload: { memberId: id } });
  }
  for (const [index, visit] of scenario.visits.entries()) {
    const card = CARDS[visit.card]!;
    await world.run(`insert into radar_visitors (card_id, visitor_id, owner_user_id, organization_id, user_id, first_seen_at, last_seen_at, visits)
      values ($1, $2, $3, $4, $5, $6, $6, 1) on conflict do nothing`, [card.id, `visitor-buyer-${index}-000000`, card.owner.userId, card.owner.organizationId, visit.buyer, instant(visit.minute)]);
  }
  for (const [index, order] of scenario.orders.entries()) {
    const id = `ord_q${index}`;
    const afterSales = order.afterSales
      ? { id: `asc_q${index}`, openedAt: instant(order.paidMinute + order.afterSales.afterMinutes), refundFen: order.unitFen, ...(order.afterSales.refunded ? { refundedAt: instant(order.paidMinute + order.afterSales.afterMinutes + 60) } : {}) }
      : undefined;
    await world.order({
      id,
      buyer: order.buyer,
      merchant: order.merchant,
      supplier: 'org_sq',
      paidAt: instant(order.paidMinute),
      lines: [{ product: order.product, quantity: order.quantity, unitFen: order.unitFen }],
      province: order.province,
      ...(order.shipAfterMinutes ? { shippedAt: instant(order.paidMinute + order.shipAfterMinutes) } : {}),
      ...(afterSales ? { afterSales } : {}),
    });
    events.push({ id: `evt_paid_${index}`, type: 'order.paid', payload: { orderId: id } });
    if (order.shipAfterMinutes) events.push({ id: `evt_ship_${index}`, type: 'order.shipped', payload: { orderId: id, subOrderId: `sub_${id}` } });
    if (afterSales) events.push({ id: `evt_case_${index}`, type: 'after_sales.opened', payload: { orderId: id, caseId: afterSales.id } });
    if (afterSales?.refundedAt) events.push({ id: `evt_refund_${index}`, type: 'order.refunded', payload: { orderId: id, caseId: afterSales.id } });
  }
  return { events, trackingRows: scenario.tracking };
}

const tables = async () => {
  const read = async (text: string) => (await database.executeSql(text)).rows;
  return {
    daily: await read(`select scope_kind, scope_id, day::text, views, interactions, shares, referrals, orders, gmv_fen, new_buyers, repeat_orders, units, refunds, refund_fen, after_sales, shipped, ship_seconds
      from analytics_daily where views <> 0 or interactions <> 0 or shares <> 0 or referrals <> 0 or orders <> 0 or gmv_fen <> 0 or new_buyers <> 0 or repeat_orders <> 0
        or units <> 0 or refunds <> 0 or refund_fen <> 0 or after_sales <> 0 or shipped <> 0 or ship_seconds <> 0 order by 1, 2, 3`),
    dimensions: await read(`select scope_kind, scope_id, dimension, key, day::text, views, shares, referrals, orders, gmv_fen, units from analytics_daily_dimensions
      where views <> 0 or shares <> 0 or referrals <> 0 or orders <> 0 or gmv_fen <> 0 or units <> 0 order by 1, 2, 3, 4, 5`),
    buyers: await read(`select scope_kind, scope_id, buyer_user_id, first_order_id, first_day::text, orders, gmv_fen from analytics_buyers order by 1, 2, 3`),
    months: await read(`select scope_kind, scope_id, buyer_user_id, month::text, orders from analytics_buyer_months order by 1, 2, 3, 4`),
    members: await read(`select member_id, referrer_id, team_id, bound_day::text, agent_day::text, boss_day::text from analytics_members order by 1`),
  };
};

beforeAll(async () => {
  database = await createTestDatabase();
  world = analyticsWorld(database);
  for (const org of ['org_mx', 'org_my']) await world.organization(org, 'merchant');
  await world.organization('org_sq', 'supplier');
  for (const user of [...BUYERS, 'usr_lead']) await world.user(user, null, ['consumer']);
  for (const card of CARDS) await world.user(card.owner.userId, card.owner.organizationId, ['shop_guide']);
  await world.product('prd_q1', 'org_sq', 'Q1', 10);
  await world.product('prd_q2', 'org_sq', 'Q2', 20);
});
afterAll(() => database?.destroy());

describe('incremental roll-ups against a rebuild', () => {
  it('are equal after a randomized stream with late and duplicate events', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async (scenario) => {
        await reset();
        const { events, trackingRows } = await writeWorld(scenario);
        // Late and repeated: the events in a random order, some delivered twice, some facts republished under new ids.
        const stream = shuffled(events, scenario.seed);
        for (let copy = 0; copy < scenario.duplicates && events.length > 0; copy++) {
          const original = events[(copy * 7 + (scenario.seed >>> 0)) % events.length]!;
          stream.splice((copy * 5) % (stream.length + 1), 0, copy % 2 === 0 ? original : { ...original, id: `${original.id}_again_${copy}` });
        }
        // Tracking rows arrive in between, and the watermark job runs at random points.
        const runsAt = new Set(scenario.trackingRuns.map((run) => run % (stream.length + 1)));
        let written = 0;
        for (const [position, event] of stream.entries()) {
          if (runsAt.has(position)) {
            for (; written < Math.min(trackingRows.length, Math.ceil(((position + 1) * trackingRows.length) / (stream.length + 1))); written++) await track(trackingRows[written]!);
            await rollUpTracking(database.db, clock);
          }
          await applyRollupEvent(database.db, event, clock.now());
        }
        for (; written < trackingRows.length; written++) await track(trackingRows[written]!);
        await rollUpTracking(database.db, clock);

        const incremental = await tables();
        const platform = { scope: { kind: 'platform' as const, id: null }, from: '2026-05-01', to: '2026-05-20' };
        expect(await rawAnalytics(database.db).rawFunnel(platform)).toEqual(await rollupAnalytics(database.db).funnel(platform));
        expect(await rawAnalytics(database.db).rawKpis(platform)).toEqual(await rollupAnalytics(database.db).kpis(platform));
        await rebuildRollups(database.db, undefined, clock);
        expect(await tables()).toEqual(incremental);
      }),
      { numRuns: Number(process.env.ANALYTICS_PROPERTY_RUNS ?? 15) },
    );
  }, 240_000);
});

async function track(row: Scenario['tracking'][number]) {
  const card = CARDS[row.card]!;
  await world.track(card.id, card.owner, `visitor-${row.visitor}-00000000000`, row.kind, instant(row.minute), row.kind === 'product_click' ? 'prd_q1' : null);
}
