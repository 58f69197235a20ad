import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@linkmall/db';
import { DEFAULT_PROFILE_INPUT } from '@linkmall/distribution';
import { fanOutNextBatch, OutboxDispatcher, publishEvent, silentLogger, SubscriberRegistry } from '@linkmall/events';
import { commissionSubscribers } from '@linkmall/flows';
import { growthSubscribers } from '@linkmall/growth';
import { inTransaction } from '@linkmall/db';
import { verifyLedger } from '@linkmall/ledger';
import { growthWorld, PACKAGE, type GrowthWorld } from './growth-setup.ts';

/**
 * Invite campaigns on the real 链动2+1 engine and ledger: tier boundaries (3rd vs 4th vs 11th
 * invite), ladder thresholds (3 / 5 / 10), nothing for a sign-up, refunds before and after
 * settlement, the end date, and the wait for the engine's credits before a reward is decided.
 */
let w: GrowthWorld;
const DAY_MS = 86_400_000;

beforeAll(async () => {
  w = await growthWorld();
  await w.activate(DEFAULT_PROFILE_INPUT);
});
afterAll(() => w?.close());
// Each test's campaigns end with it, so no campaign pays into the next test's orders.
afterEach(async () => {
  for (const campaign of (await w.growth.campaigns.list('active', { page: 1, pageSize: 100 })).items) await w.growth.campaigns.act(w.ctx, campaign.id, 'end');
});

const rewardsOf = async (campaignId: string) => (await w.growth.rewards.list({ campaignId }, { page: 1, pageSize: 100 })).items.sort((a, b) => (a.inviteOrdinal ?? 0) - (b.inviteOrdinal ?? 0) || (a.ladderInvites ?? 0) - (b.ladderInvites ?? 0));
const campaignOf = async (id: string) => {
  const found = await w.growth.campaigns.get(id);
  if (!found.ok) throw new Error(found.code);
  return found.value;
};

describe('tiers and ladder', () => {
  it('pays the 1st–3rd invite 10 %, the 4th–10th 5 %, the 11th 2 %, and reaches the ladder at exactly 3, 5 and 10', async () => {
    const campaignId = await w.campaign({
      tiers: [
        { fromInvite: 1, toInvite: 3, rateBps: 1_000 },
        { fromInvite: 4, toInvite: 10, rateBps: 500 },
        { fromInvite: 11, toInvite: null, rateBps: 200 },
      ],
      ladder: [
        { invites: 3, reward: { kind: 'coupon', couponTemplateId: 'cpt_01jd3x7k9q2w8e5r4t6y1u3i0o', costFen: 1_000 } },
        { invites: 5, reward: { kind: 'gift', nameZh: '紫砂茶具', nameEn: 'Clay tea set', costFen: 5_000 } },
        { invites: 10, reward: { kind: 'coupon', couponTemplateId: 'cpt_01jd3x7k9q2w8e5r4t6y1u3i0p', costFen: 3_000 } },
      ],
    });
    const inviter = await w.inviter();
    const ladderAfter: number[][] = [];
    for (let index = 1; index <= 11; index++) {
      await w.pay(await w.invitee(inviter), 10_000n);
      expect(await w.work()).toEqual({ processed: 1, waiting: 0 });
      ladderAfter.push((await rewardsOf(campaignId)).filter((reward) => reward.ladderInvites !== null).map((reward) => reward.ladderInvites!));
    }
    expect(ladderAfter[1]).toEqual([]);
    expect(ladderAfter[2]).toEqual([3]);
    expect(ladderAfter[3]).toEqual([3]);
    expect(ladderAfter[4]).toEqual([3, 5]);
    expect(ladderAfter[8]).toEqual([3, 5]);
    expect(ladderAfter[9]).toEqual([3, 5, 10]);

    const rewards = await rewardsOf(campaignId);
    const tiers = rewards.filter((reward) => reward.kind === 'tier_cash');
    expect(tiers.map((reward) => [reward.inviteOrdinal, reward.rateBps, reward.grantedAmount])).toEqual([
      [1, 1_000, 1_000], [2, 1_000, 1_000], [3, 1_000, 1_000],
      [4, 500, 500], [5, 500, 500], [6, 500, 500], [7, 500, 500], [8, 500, 500], [9, 500, 500], [10, 500, 500],
      [11, 200, 200],
    ]);
    expect(tiers.every((reward) => reward.decision === 'granted' && reward.state === 'pending' && reward.memberId === inviter)).toBe(true);
    expect(rewards.filter((reward) => reward.kind !== 'tier_cash').map((reward) => [reward.kind, reward.state])).toEqual([
      ['ladder_coupon', 'to_issue'],
      ['ladder_gift', 'to_ship'],
      ['ladder_coupon', 'to_issue'],
    ]);
    // The cash went through the commission path: pending (待结算) in the inviter's ledger account.
    // A root boss earns nothing from the engine on their own package: all of it is the campaign's.
    expect(await w.pendingFen(inviter)).toBe(6_700n);
    expect((await campaignOf(campaignId)).budgetSpent).toBe(6_700 + 1_000 + 5_000 + 3_000);

    expect(await w.growth.rewards.issueCoupons(w.ctx)).toEqual({ issued: 2, failed: 0 });
    expect(w.coupons.map((grant) => [grant.memberId, grant.couponTemplateId]).sort()).toEqual([
      [inviter, 'cpt_01jd3x7k9q2w8e5r4t6y1u3i0o'],
      [inviter, 'cpt_01jd3x7k9q2w8e5r4t6y1u3i0p'],
    ]);
    const [progress] = await w.growth.members.invites(inviter, w.clock.now());
    expect(progress).toMatchObject({ campaignId, qualifiedInvites: 11, nextStep: null, nextInviteRateBps: 200 });
    expect((await w.growth.members.summary(inviter)).qualifiedInvites).toBe(11);
  });

  it('counts nothing for a sign-up, and only purchases at the campaign minimum for the campaign', async () => {
    const campaignId = await w.campaign({ minOrderFen: 5_000n, tiers: [{ fromInvite: 1, toInvite: null, rateBps: 1_000 }] });
    const inviter = await w.inviter();
    const invitee = await w.invitee(inviter);
    expect(await w.work()).toEqual({ processed: 0, waiting: 0 });
    expect((await w.growth.members.summary(inviter)).qualifiedInvites).toBe(0);
    await w.pay(invitee, 4_000n);
    await w.work();
    // A real purchase: the invite counts for the member (levels), but is below this campaign's minimum.
    expect((await w.growth.members.summary(inviter)).qualifiedInvites).toBe(1);
    expect(await rewardsOf(campaignId)).toEqual([]);
    await w.pay(invitee, 6_000n);
    await w.work();
    expect((await rewardsOf(campaignId)).map((reward) => [reward.inviteOrdinal, reward.grantedAmount])).toEqual([[1, 600]]);
  });
});

describe('refunds', () => {
  it('voids a pending reward, gives the budget back and uncounts the invite; the invitee can qualify again', async () => {
    const campaignId = await w.campaign({ tiers: [{ fromInvite: 1, toInvite: null, rateBps: 1_000 }] });
    const inviter = await w.inviter();
    const before = await w.pendingFen(inviter);
    const invitee = await w.invitee(inviter);
    const { orderId } = await w.pay(invitee, 10_000n);
    await w.work();
    expect(await w.pendingFen(inviter)).toBe(before + 1_000n);
    await w.refund(orderId, 3_000n);
    expect(await w.work()).toEqual({ processed: 1, waiting: 0 });
    expect((await rewardsOf(campaignId)).map((reward) => [reward.state, reward.grantedAmount])).toEqual([['reversed', 1_000]]);
    expect(await w.pendingFen(inviter)).toBe(before);
    expect((await campaignOf(campaignId)).budgetSpent).toBe(0);
    expect((await w.growth.members.summary(inviter)).qualifiedInvites).toBe(0);
    expect((await w.growth.members.invites(inviter, w.clock.now())).find((view) => view.campaignId === campaignId)?.qualifiedInvites).toBe(0);
    // A new real purchase qualifies the invitee again, as the first invite.
    await w.pay(invitee, 8_000n);
    await w.work();
    expect((await rewardsOf(campaignId)).map((reward) => [reward.state, reward.inviteOrdinal, reward.grantedAmount])).toContainEqual(['pending', 1, 800]);
  });

  it('settles after the after-sales window and the freeze days, and claws back a refund after that', async () => {
    const campaignId = await w.campaign({ tiers: [{ fromInvite: 1, toInvite: null, rateBps: 1_000 }] });
    const inviter = await w.inviter();
    const { orderId } = await w.pay(await w.invitee(inviter), 20_000n);
    await w.work();
    await w.complete(orderId);
    await w.work();
    expect(await w.growth.rewards.settleDue(w.ctx)).toBe(0);
    w.clock.advance(7 * DAY_MS);
    expect(await w.growth.rewards.settleDue(w.ctx)).toBe(1);
    expect(await w.availableFen(inviter)).toBe(2_000n);
    await w.refund(orderId, 20_000n);
    await w.work();
    w.clock.advance(-7 * DAY_MS);
    expect((await rewardsOf(campaignId)).map((reward) => reward.state)).toEqual(['clawed_back']);
    expect(await w.availableFen(inviter)).toBe(0n);
    // Clawed-back money may never be recovered, so it does not return to the budget.
    expect((await campaignOf(campaignId)).budgetSpent).toBe(2_000);
    expect((await verifyLedger(w.database.db)).ok).toBe(true);
  });
});

describe('end date', () => {
  it('counts purchases paid before the end (even worked off late) and nothing paid after', async () => {
    const now = w.clock.now();
    const campaignId = await w.campaign({ startsAt: new Date(now.getTime() - DAY_MS), endsAt: new Date(now.getTime() + 3_600_000), tiers: [{ fromInvite: 1, toInvite: null, rateBps: 1_000 }] });
    const inviter = await w.inviter();
    await w.pay(await w.invitee(inviter), 10_000n);
    w.clock.advance(2 * 3_600_000);
    // The job: the campaign ends by its date first, then the late payment is worked off.
    const report = await w.growth.rewards.run(w.ctx);
    expect(report).toMatchObject({ campaignsEnded: 1, processed: 1 });
    expect(await campaignOf(campaignId)).toMatchObject({ status: 'ended', endedReason: 'end_date' });
    await w.pay(await w.invitee(inviter), 10_000n);
    await w.work();
    // The clock stays past this campaign's end, so no later test's purchase falls in its window.
    expect((await rewardsOf(campaignId)).map((reward) => [reward.inviteOrdinal, reward.grantedAmount])).toEqual([[1, 1_000]]);
    const audit = await sql<{ action: string }>`select action from audit_log where entity_id = ${campaignId} order by sequence`.execute(w.database.db);
    expect(audit.rows.map((row) => row.action)).toEqual(['growth.campaign_created', 'growth.campaign_activated', 'growth.campaign_ended']);
  });
});

describe('the distribution engine goes first', () => {
  it('waits for the engine’s credits on the order, then stays within the profile’s 30 % payout cap', async () => {
    const campaignId = await w.campaign({ tiers: [{ fromInvite: 1, toInvite: null, rateBps: 1_000 }] });
    const inviter = await w.inviter();
    const invitee = await w.invitee(inviter);
    const subscribers = [...commissionSubscribers(w.distribution), ...growthSubscribers(w.growth)];
    const orderId = `ord_${'0'.repeat(20)}gate01`;
    const payload = { orderId, buyerUserId: invitee, merchantId: null, payableFen: 39_900, paymentId: 'pay_1', provider: 'sandbox', subOrders: [], lines: [{ productId: PACKAGE }] };
    await inTransaction(w.database.db, (tx) => publishEvent(tx, w.ctx, { type: 'order.paid', aggregateId: orderId, payload }));
    await fanOutNextBatch(w.database.db, new SubscriberRegistry(subscribers), w.clock.now(), 200);
    // The growth subscriber's delivery happens to run before the commission flow's.
    const [event] = (await sql<{ id: string }>`select id from outbox_events where aggregate_id = ${orderId}`.execute(w.database.db)).rows;
    const queue = growthSubscribers(w.growth).find((subscriber) => subscriber.name === 'growth.invites')!;
    await inTransaction(w.database.db, (tx) => queue.handle(tx, { id: event!.id, type: 'order.paid', aggregateId: orderId, payload, occurredAt: w.clock.now(), requestId: null, position: 1n, attempt: 1 }, w.ctx));
    expect(await w.work()).toEqual({ processed: 0, waiting: 1 });
    expect(await rewardsOf(campaignId)).toEqual([]);

    expect((await new OutboxDispatcher(w.database.db, { subscribers, clock: w.clock, logger: silentLogger }).drain()).failed).toBe(0);
    expect(await w.work()).toEqual({ processed: 1, waiting: 0 });
    // The engine paid the inviter 15 % direct + 10 % team on the package; 10 % more would pass 30 %.
    const lines = await w.distribution.rewards.lines({ orderId }, { page: 1, pageSize: 10 });
    expect(lines.items.reduce((sum, line) => sum + line.amountFen, 0n)).toBe(9_975n);
    expect((await rewardsOf(campaignId)).map((reward) => [reward.requestedAmount, reward.grantedAmount, reward.decision, reward.limitedBy]), JSON.stringify({ lines: lines.items.map((line) => [line.kind, String(line.amountFen), line.payeeId]), inviter })).toEqual([[3_990, 1_995, 'reduced', ['payout_ratio_cap']]]);
  });
});
