import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock, systemContext } from '@linkmall/kernel';
import { accrueCommission, createLedgerService, settleCommission } from '@linkmall/ledger';
import { idNumberCheckCharacter } from '@linkmall/payout';
import { bind, buyPackage, deliverOutbox, inviteCodeOf, packageSku, signUp, type Shopper } from './distribution-checkout.ts';
import { startTestPlatform, type TestPlatform } from './harness.ts';

/**
 * Team health (团队健康度) on the platform as it runs: the team facts come from the distribution
 * engine's own tables (no hand-made facts), fed by real sign-ups, invite-code bindings, checkout,
 * sandbox payment, after-sales refunds and the outbox. A burst of bindings under one referrer and a
 * package refunded after it upgraded its buyer are both flagged, and hold the member's withdrawal.
 */
let t: TestPlatform;
let finance: string;
let skuId: string;
let referrer: Shopper;
const bound: Shopper[] = [];
const ctx = () => systemContext(systemClock);
const hourAgo = () => new Date(Date.now() - 3_600_000);

/** A verified identity and 500 yuan available, so that the member can ask for a withdrawal. */
async function readyToWithdraw(shopper: Shopper, index: number): Promise<void> {
  const first17 = `3301061990010100${index}`;
  expect((await t.json('POST', '/shop/payouts/identity', { token: shopper.token, body: { realName: '测试', idNumber: first17 + idNumberCheckCharacter(first17) } })).status).toBe(200);
  const ledger = createLedgerService(t.platform.db);
  const pendingId = `ord_health_${index}:line-1:direct`;
  await ledger.apply(t.platform.db, ctx(), [accrueCommission({ id: pendingId, memberId: shopper.id, amountFen: 50_000n, code: 'commission.direct', causeType: 'order', causeId: `ord_health_${index}` })]);
  await ledger.apply(t.platform.db, ctx(), settleCommission({ pendingId, memberId: shopper.id, amountFen: 50_000n }));
}

async function withdraw(shopper: Shopper): Promise<string> {
  const created = await t.json('POST', '/shop/payouts/withdrawals', { token: shopper.token, body: { amountFen: 2_000, method: 'bank', bankAccount: { bankName: '招商银行', accountNumber: '6225880000000009' } } });
  expect(created.body.status).toBe('requested');
  return created.body.id as string;
}

const findings = async (rule: string) => (await t.json('GET', `/admin/payouts/anomalies?rule=${rule}`, { token: finance })).body;
const withdrawal = async (id: string) => (await t.json('GET', `/admin/payouts/withdrawals/${id}`, { token: finance })).body;

beforeAll(async () => {
  t = await startTestPlatform();
  finance = await t.login('13800000003');
  skuId = await packageSku(t, 10);
  referrer = await signUp(t, 'health-referrer');
  await buyPackage(t, referrer, skuId);
  await deliverOutbox(t, systemClock);
  await readyToWithdraw(referrer, 1);
}, 60_000);
afterAll(() => t?.close());

describe('team health over the engine’s own facts', () => {
  it('flags ten invite-code bindings under one referrer within minutes, and holds the referrer’s withdrawal', async () => {
    const code = await inviteCodeOf(t, referrer);
    for (let index = 0; index < 10; index++) {
      const shopper = await signUp(t, `health-member-${index}`);
      await bind(t, shopper, code);
      bound.push(shopper);
    }
    const open = await withdraw(referrer);
    const outcome = await t.platform.payouts.anomalies.detect(ctx(), hourAgo());
    expect(outcome).toEqual({ detected: 1, held: 1 });
    const list = await findings('signup_burst');
    expect(list.total).toBe(1);
    expect(list.items[0].evidence).toMatchObject({ referrerId: referrer.id, bindings: 10 });
    expect([...list.items[0].evidence.boundMemberIds].sort()).toEqual(bound.map((shopper) => shopper.id).sort());
    expect(await withdrawal(open)).toMatchObject({ status: 'held', heldReason: 'member_flagged' });
  });

  it('flags a package refunded after it upgraded its buyer (and the buyer’s orders shipped where the upline’s went), and holds the buyer’s withdrawal', async () => {
    // A member bound after the burst was recorded: not named by it, so their withdrawal starts open.
    const buyer = await signUp(t, 'health-buyer');
    await bind(t, buyer, await inviteCodeOf(t, referrer));
    await readyToWithdraw(buyer, 2);
    const order = await buyPackage(t, buyer, skuId);
    await deliverOutbox(t, systemClock);
    expect((await t.json('GET', '/shop/distribution/me', { token: buyer.token })).body.member.role).toBe('AGENT');
    const open = await withdraw(buyer);
    expect((await findings('refund_after_upgrade')).total).toBe(0);

    const supplier = await t.login('13900000001');
    const subOrder = order.subOrders[0]!;
    const asked = await t.json('POST', `/shop/orders/${order.id}/after-sales`, { token: buyer.token, body: { subOrderId: subOrder.id, kind: 'refund_only', reason: '不想要了', lines: [{ orderLineId: subOrder.lines[0]!.id, quantity: 1 }] } });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect((await t.json('POST', `/admin/after-sales/${asked.body.id}/approve`, { token: supplier })).body).toMatchObject({ refundStatus: 'succeeded' });
    await deliverOutbox(t, systemClock);

    const outcome = await t.platform.payouts.anomalies.detect(ctx(), hourAgo());
    expect(outcome.held).toBe(1);
    const refunds = await findings('refund_after_upgrade');
    expect(refunds.total).toBe(1);
    expect(refunds.items[0]).toMatchObject({ memberIds: [buyer.id], evidence: { memberId: buyer.id, orderId: order.id } });
    // The buyer and the referrer (the buyer's upline) had their packages shipped to one address.
    const loops = await findings('self_dealing');
    expect(loops.items.map((item: { memberIds: string[] }) => item.memberIds)).toContainEqual([buyer.id, referrer.id]);
    expect(await withdrawal(open)).toMatchObject({ status: 'held', heldReason: 'member_flagged' });
  });
});
