import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@linkmall/db';
import { DEFAULT_PROFILE_INPUT } from '@linkmall/distribution';
import { businessDay, businessMonthDays } from '@linkmall/growth';
import { verifyLedger } from '@linkmall/ledger';
import { growthWorld, type GrowthWorld } from './growth-setup.ts';

/**
 * "Campaigns never pay beyond caps" on the real PostgreSQL server: parallel qualifying orders never
 * overspend a budget, and random purchase streams under random compliant profiles never take an
 * order past its payees or payout ratio, or a payee past the income caps when the reward is decided.
 */
let w: GrowthWorld;
const DAY_MS = 86_400_000;

beforeAll(async () => {
  w = await growthWorld({ poolSize: 12 });
  await w.activate(DEFAULT_PROFILE_INPUT);
}, 120_000);
afterAll(() => w?.close());

async function endActiveCampaigns() {
  for (const campaign of (await w.growth.campaigns.list('active', { page: 1, pageSize: 100 })).items) await w.growth.campaigns.act(w.ctx, campaign.id, 'end');
}

describe('budget under concurrency', () => {
  it('40 qualifying orders worked off by 80 competing workers spend exactly the budget, never more', async () => {
    const campaignId = await w.campaign({ budgetTotal: 9_750n, tiers: [{ fromInvite: 1, toInvite: null, rateBps: 1_000 }] });
    const inviters: string[] = [];
    for (let index = 0; index < 8; index++) inviters.push(await w.inviter());
    for (let index = 0; index < 40; index++) await w.pay(await w.invitee(inviters[index % 8]!), 5_000n);
    const work = (await w.database.db.selectFrom('growth_invite_work' as never).selectAll().where('status' as never, '=', 'pending' as never).execute()) as never[];
    expect(work).toHaveLength(40);
    const outcomes = await Promise.all(work.flatMap((row) => [w.growth.engine.process(w.ctx, row), w.growth.engine.process(w.ctx, row)]));
    // Every order was worked off exactly once; its twin found it taken or done.
    expect(outcomes.filter((outcome) => outcome === 'processed')).toHaveLength(40);
    expect(outcomes.filter((outcome) => outcome === 'skipped')).toHaveLength(40);

    const rewards = await sql<{ member_id: string; invite_ordinal: number; granted: string; decision: string; limited_by: string[] }>`
      select member_id, invite_ordinal, granted_amount::text as granted, decision, limited_by from growth_rewards where campaign_id = ${campaignId}`.execute(w.database.db);
    const granted = rewards.rows.reduce((sum, row) => sum + BigInt(row.granted), 0n);
    expect(granted).toBe(9_750n);
    expect(rewards.rows.filter((row) => row.decision === 'granted')).toHaveLength(19);
    expect(rewards.rows.filter((row) => row.decision === 'reduced').map((row) => [row.granted, row.limited_by])).toEqual([['250', ['budget']]]);
    const campaign = await w.growth.campaigns.get(campaignId);
    expect(campaign.ok && campaign.value).toMatchObject({ budgetSpent: 9_750, budgetRemaining: 0, status: 'ended', endedReason: 'budget_spent' });
    // Each inviter's invites were numbered 1, 2, 3… with no number taken twice.
    for (const inviter of inviters) {
      const ordinals = rewards.rows.filter((row) => row.member_id === inviter).map((row) => row.invite_ordinal).sort((a, b) => a - b);
      expect(ordinals).toEqual(ordinals.map((_, index) => index + 1));
    }
    let pending = 0n;
    for (const inviter of inviters) pending += await w.pendingFen(inviter);
    expect(pending).toBe(9_750n);
    expect((await verifyLedger(w.database.db)).ok).toBe(true);
    await endActiveCampaigns();
  }, 120_000);
});

interface Purchase {
  readonly inviter: number;
  readonly amountFen: number;
  readonly package: boolean;
  readonly dayOffset: number;
}

/** A payee's gross income in business days [from, to]: the engine's original credits plus every campaign's cash. */
async function income(memberId: string, from: number, to: number): Promise<bigint> {
  const engine = await w.distribution.rewards.lines({ memberId, fromDay: from, toDay: to }, { page: 1, pageSize: 1_000 });
  const growth = await sql<{ total: string | null }>`select sum(granted_amount)::text as total from growth_rewards where member_id = ${memberId} and kind = 'tier_cash' and day between ${from} and ${to}`.execute(w.database.db);
  return engine.items.filter((line) => !line.kind.startsWith('CLAWBACK_')).reduce((sum, line) => sum + line.amountFen, 0n) + BigInt(growth.rows[0]?.total ?? 0);
}

describe('caps on random purchase streams', () => {
  it('keeps every order within its payees and payout ratio, and each payee within the income caps', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          maxPayoutRatioBps: fc.constantFrom(2_500, 3_000, 4_000),
          maxPayeesPerOrder: fc.constantFrom(1, 2),
          dailyIncomeCapFen: fc.integer({ min: 500, max: 40_000 }),
          monthlyIncomeCapFen: fc.integer({ min: 20_000, max: 120_000 }),
        }),
        fc.integer({ min: 300, max: 3_000 }),
        fc.integer({ min: 2_000, max: 30_000 }),
        fc.array(fc.record({ inviter: fc.integer({ min: 0, max: 2 }), amountFen: fc.integer({ min: 100, max: 40_000 }), package: fc.boolean(), dayOffset: fc.integer({ min: 0, max: 1 }) }), { minLength: 4, maxLength: 12 }),
        async (limits, rateBps, budget, purchases: Purchase[]) => {
          run++;
          // A failed run leaves its campaign running; shrinking must start from a clean slate.
          await endActiveCampaigns();
          await w.activate({ ...DEFAULT_PROFILE_INPUT, id: `growth-caps-${run}`, version: undefined, limits: { ...DEFAULT_PROFILE_INPUT.limits, ...limits } } as never);
          const campaignId = await w.campaign({ budgetTotal: BigInt(budget), tiers: [{ fromInvite: 1, toInvite: null, rateBps }] });
          const inviters = [await w.inviter(), await w.inviter(), await w.inviter()];
          const start = w.clock.now().getTime();
          for (const purchase of purchases) {
            w.clock.set(new Date(start + purchase.dayOffset * DAY_MS));
            const inviter = inviters[purchase.inviter]!;
            const { orderId } = await w.pay(await w.invitee(inviter), BigInt(purchase.amountFen), { package: purchase.package });
            await w.work();
            const [reward] = (await w.growth.rewards.list({ campaignId }, { page: 1, pageSize: 100 })).items.filter((candidate) => candidate.orderId === orderId);
            if (!reward || reward.grantedAmount === 0) continue;
            // Right when the reward is decided, the payee's day and month (engine + campaigns) are within the caps.
            const day = businessDay(w.clock.now().getTime());
            expect(await income(inviter, day, day)).toBeLessThanOrEqual(BigInt(limits.dailyIncomeCapFen));
            const month = businessMonthDays(w.clock.now().getTime());
            expect(await income(inviter, month.fromDay, month.toDay)).toBeLessThanOrEqual(BigInt(limits.monthlyIncomeCapFen));
          }
          // After the whole stream too: the engine's later credits counted the campaign cash paid before them.
          for (const inviter of inviters) {
            for (const offset of [0, 1]) {
              const at = start + offset * DAY_MS;
              const day = businessDay(at);
              expect(await income(inviter, day, day)).toBeLessThanOrEqual(BigInt(limits.dailyIncomeCapFen));
              const month = businessMonthDays(at);
              expect(await income(inviter, month.fromDay, month.toDay)).toBeLessThanOrEqual(BigInt(limits.monthlyIncomeCapFen));
            }
          }
          w.clock.set(new Date(start));
          // Every order: engine lines and campaign cash together within the payee count and the payout ratio.
          const orders = await sql<{ order_id: string; amount: string; credited: string; payees: string }>`
            select o.order_id, o.amount_fen::text as amount,
                   (coalesce((select sum(amount_fen) from distribution_reward_lines l where l.order_id = o.order_id and l.kind not like 'CLAWBACK%'), 0)
                    + coalesce((select sum(granted_amount) from growth_rewards r where r.order_id = o.order_id and r.kind = 'tier_cash'), 0))::text as credited,
                   (select count(distinct payee) from (
                      select payee_id as payee from distribution_reward_lines l where l.order_id = o.order_id
                      union select member_id from growth_rewards r where r.order_id = o.order_id and r.granted_amount > 0) p)::text as payees
            from growth_invite_work o
            where o.kind = 'paid' and exists (select 1 from growth_rewards r where r.order_id = o.order_id and r.campaign_id = ${campaignId})`.execute(w.database.db);
          expect(orders.rows.length).toBeGreaterThan(0);
          for (const order of orders.rows) {
            expect(BigInt(order.credited)).toBeLessThanOrEqual((BigInt(order.amount) * BigInt(limits.maxPayoutRatioBps)) / 10_000n);
            expect(Number(order.payees)).toBeLessThanOrEqual(limits.maxPayeesPerOrder);
          }
          const campaign = await w.growth.campaigns.get(campaignId);
          const spent = await sql<{ total: string | null }>`select sum(granted_amount)::text as total from growth_rewards where campaign_id = ${campaignId}`.execute(w.database.db);
          expect(campaign.ok && campaign.value.budgetSpent).toBe(Number(spent.rows[0]?.total ?? 0));
          expect(campaign.ok && campaign.value.budgetSpent).toBeLessThanOrEqual(budget);
          await endActiveCampaigns();
        },
      ),
      { numRuns: 6 },
    );
    expect((await verifyLedger(w.database.db)).ok).toBe(true);
  }, 240_000);
});
