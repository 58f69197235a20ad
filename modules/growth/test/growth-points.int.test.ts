import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, newId, systemContext, type RequestContext } from '@linkmall/kernel';
import { inTransaction, sql } from '@linkmall/db';
import { OutboxDispatcher, publishEvent, silentLogger, type DeliveredEvent } from '@linkmall/events';
import { createTestDatabase, type TestDatabase } from '@linkmall/testing';
import { createGrowthModule, growthSubscribers, type GrowthModule, type RewardMoney } from '../src/index.ts';

/**
 * Points (能量值) through the real outbox on real PostgreSQL: `growth.points` credits share, review and
 * order points once per cause however often an event arrives, keeps the daily caps, and refunds take
 * the points back (partially, then the rest), once per after-sales case.
 */
let database: TestDatabase;
let growth: GrowthModule;
const clock = fixedClock(new Date('2026-12-10T10:00:00+08:00'));
const ctx: RequestContext = systemContext(clock);
const noMoney: RewardMoney = { accrue: async () => {}, settle: async () => {}, void: async () => {}, clawBack: async () => {} };

async function publish(type: string, payload: object): Promise<void> {
  await inTransaction(database.db, (tx) => publishEvent(tx, ctx, { type, aggregateId: 'x', payload }));
}
async function deliver(): Promise<void> {
  const report = await new OutboxDispatcher(database.db, { subscribers: growthSubscribers(growth), clock, logger: silentLogger }).drain();
  expect(report.failed).toBe(0);
}
const balance = async (memberId: string) => (await growth.points.balanceOf(memberId)).points;
const lines = async (memberId: string) => (await growth.points.lines({ memberId }, { page: 1, pageSize: 100 })).items;

beforeAll(async () => {
  database = await createTestDatabase();
  growth = createGrowthModule({ db: database.db, money: noMoney });
});
afterAll(() => database?.destroy());

describe('order points', () => {
  const buyer = newId('usr');
  const orderId = newId('ord');
  const paid = { orderId, buyerUserId: buyer, merchantId: null, payableFen: 12_399, lines: [] };

  it('credits 10 + 1 per whole yuan once, however many times the payment arrives', async () => {
    await publish('order.paid', paid);
    await deliver();
    await publish('order.paid', paid);
    await deliver();
    // A redelivery of the very same event straight into the subscriber changes nothing either.
    const subscriber = growthSubscribers(growth).find((candidate) => candidate.name === 'growth.points')!;
    const event: DeliveredEvent = { id: newId('evt'), type: 'order.paid', aggregateId: orderId, payload: paid, occurredAt: clock.now(), requestId: null, position: 1n, attempt: 2 };
    await inTransaction(database.db, (tx) => subscriber.handle(tx, event, ctx));
    expect(await balance(buyer)).toBe(133n);
    expect((await lines(buyer)).map((line) => [line.action, line.points])).toEqual([['order', 133]]);
  });

  it('takes back the refunded share per after-sales case, once each, until nothing is left', async () => {
    const caseOne = newId('asc');
    await publish('order.refunded', { orderId, subOrderId: 'sub', caseId: caseOne, refundFen: 4_000, lines: [] });
    await publish('order.refunded', { orderId, subOrderId: 'sub', caseId: caseOne, refundFen: 4_000, lines: [] });
    await deliver();
    const firstTakeBack = (133n * 4_000n) / 12_399n;
    expect(await balance(buyer)).toBe(133n - firstTakeBack);
    await publish('order.refunded', { orderId, subOrderId: 'sub', caseId: newId('asc'), refundFen: 8_399, lines: [] });
    await deliver();
    expect(await balance(buyer)).toBe(0n);
    const history = await lines(buyer);
    const original = history.find((line) => line.action === 'order')!;
    const reversals = history.filter((line) => line.action === 'order_refund').sort((a, b) => b.points - a.points);
    expect(reversals.map((line) => [line.points, line.reversesLineId])).toEqual([
      [-Number(firstTakeBack), original.id],
      [-Number(133n - firstTakeBack), original.id],
    ]);
  });

  it('keeps the ledger append-only', async () => {
    await expect(sql`update growth_point_lines set points = 1000000`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from growth_point_lines`.execute(database.db)).rejects.toThrow(/append-only/);
  });
});

describe('share and review points', () => {
  it('pays a card owner 5 points per share up to the daily cap of 20, and again the next day', async () => {
    const owner = newId('usr');
    for (let index = 0; index < 5; index++) await publish('card.shared', { cardId: 'crd_1', shareId: newId('csh'), parentShareId: null, ownerUserId: owner, organizationId: 'org_1', sharerVisitorId: null });
    await deliver();
    expect(await balance(owner)).toBe(20n);
    clock.advance(86_400_000);
    await publish('card.shared', { cardId: 'crd_1', shareId: newId('csh'), parentShareId: null, ownerUserId: owner, organizationId: 'org_1', sharerVisitorId: null });
    await deliver();
    clock.advance(-86_400_000);
    expect(await balance(owner)).toBe(25n);
  });

  it('pays an anonymous forward nothing, a named forwarder their points', async () => {
    const owner = newId('usr');
    const forwarder = newId('usr');
    await publish('card.shared', { cardId: 'crd_2', shareId: newId('csh'), parentShareId: null, ownerUserId: owner, organizationId: 'org_1', sharerVisitorId: 'visitor-1' });
    await publish('card.shared', { cardId: 'crd_2', shareId: newId('csh'), parentShareId: null, ownerUserId: owner, organizationId: 'org_1', sharerVisitorId: 'visitor-2', sharerUserId: forwarder });
    await deliver();
    expect(await balance(owner)).toBe(0n);
    expect(await balance(forwarder)).toBe(5n);
  });

  it('pays the buyer of the reviewed order once per review; an order it never saw pays nobody', async () => {
    const buyer = newId('usr');
    const orderId = newId('ord');
    await publish('order.paid', { orderId, buyerUserId: buyer, merchantId: null, payableFen: 50, lines: [] });
    const reviewId = newId('rvw');
    const review = { reviewId, orderId, orderLineId: 'oln_1', productId: 'prd_1', supplierId: 'org_s', merchantId: null, rating: 5 };
    await publish('review.created', review);
    await publish('review.created', review);
    await publish('review.created', { ...review, reviewId: newId('rvw'), orderId: newId('ord') });
    await deliver();
    expect((await lines(buyer)).map((line) => [line.action, line.points]).sort()).toEqual([
      ['order', 10],
      ['review', 20],
    ]);
  });

  it('applies a changed rule from the next event on, and audits the change', async () => {
    const updated = await growth.points.updateRule({ ...ctx, actor: null }, { action: 'review', enabled: false, points: 20, pointsPerYuan: 7, dailyCap: 60 });
    expect(updated.ok && updated.value).toMatchObject({ action: 'review', enabled: false, pointsPerYuan: 0 });
    const audit = await sql<{ action: string }>`select action from audit_log where entity_id = 'growth_point_rule:review'`.execute(database.db);
    expect(audit.rows.map((row) => row.action)).toEqual(['growth.point_rule_updated']);
    const buyer = newId('usr');
    const orderId = newId('ord');
    await publish('order.paid', { orderId, buyerUserId: buyer, merchantId: null, payableFen: 50, lines: [] });
    await publish('review.created', { reviewId: newId('rvw'), orderId, orderLineId: 'oln_1', productId: 'prd_1', supplierId: 'org_s', merchantId: null, rating: 4 });
    await deliver();
    expect(await balance(buyer)).toBe(10n);
  });
});
