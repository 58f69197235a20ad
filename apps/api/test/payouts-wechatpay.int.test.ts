import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineWechatAuth } from '@linkmall/identity';
import { systemClock, systemContext } from '@linkmall/kernel';
import { accrueCommission, createLedgerService, settleCommission, verifyLedger } from '@linkmall/ledger';
import { idNumberCheckCharacter } from '@linkmall/payout';
import { newMerchant } from '../../../providers/payment-wechatpay/test/fake-wechatpay-server.ts';
import { startFakeTransferServer, type FakeTransferServer } from '../../../providers/payout-wechatpay/test/fake-transfer-server.ts';
import { startTestPlatform, type TestPlatform } from './harness.ts';

/**
 * Withdrawals to WeChat balance end to end: a platform configured with WeChat Pay, pointed at a local
 * server speaking the v3 transfer protocol, signs each transfer with the merchant key and verifies
 * each answer with the platform key. Success ends in 已提现 (paid_out) in the ledger; failure returns
 * amount and fee to 可提现; a lost call, or one WeChat keeps refusing as transient (FREQUENCY_LIMITED,
 * SYSTEM_ERROR), is handed over again by the sync job under the same id.
 */
const merchant = newMerchant();
let server: FakeTransferServer;
let t: TestPlatform;
let finance: string;
let member: { token: string; id: string };
const ctx = () => systemContext(systemClock);
let credits = 0;

async function credit(memberId: string, amountFen: bigint) {
  const ledger = createLedgerService(t.platform.db);
  const id = `ord_wx_payout_${++credits}:line-1:direct`;
  expect((await ledger.apply(t.platform.db, ctx(), [accrueCommission({ id, memberId, amountFen, code: 'commission.direct', causeType: 'order', causeId: `ord_wx_payout_${credits}` })])).ok).toBe(true);
  expect((await ledger.apply(t.platform.db, ctx(), settleCommission({ pendingId: id, memberId, amountFen }))).ok).toBe(true);
}

const balances = async () => {
  const result = await createLedgerService(t.platform.db).memberBalances(member.id);
  if (!result.ok) throw new Error(result.code);
  return result.value;
};

/** A member's WeChat withdrawal, approved by finance and ready to pay. */
async function approvedWechatWithdrawal(amountFen: number): Promise<string> {
  const created = await t.json('POST', '/shop/payouts/withdrawals', { token: member.token, body: { amountFen, method: 'wechat' } });
  expect(created.status).toBe(201);
  expect((await t.json('POST', `/admin/payouts/withdrawals/${created.body.id}/approve`, { token: finance })).body.status).toBe('approved');
  return created.body.id as string;
}

const batchNo = (withdrawalId: string) => withdrawalId.replace(/[^A-Za-z0-9]/g, '');

beforeAll(async () => {
  server = await startFakeTransferServer(merchant);
  t = await startTestPlatform({
    wechatAuth: createOfflineWechatAuth(merchant.appId),
    payment: { provider: 'wechatpay', wechatPay: { ...merchant, baseUrl: server.baseUrl } },
  });
  finance = await t.login('13800000003');
  const login = await t.json('POST', '/shop/auth/wechat', { body: { code: 'wechat-payout-member' } });
  expect(login.status).toBe(200);
  const token = login.body.token as string;
  member = { token, id: (await t.json('GET', '/shop/me', { token })).body.id };
  const first17 = '11010519920202123';
  expect((await t.json('POST', '/shop/payouts/identity', { token, body: { realName: '陈晓', idNumber: first17 + idNumberCheckCharacter(first17) } })).status).toBe(200);
  await credit(member.id, 100_000n);
});
afterAll(async () => {
  await t?.close();
  await server?.close();
});

describe('WeChat withdrawals through 商家转账到零钱', () => {
  it('pays: submitted signed, in flight while WeChat processes, then 已提现 in the ledger', async () => {
    const id = await approvedWechatWithdrawal(10_000);
    const paying = await t.json('POST', `/admin/payouts/withdrawals/${id}/pay`, { token: finance });
    expect(paying.status).toBe(200);
    expect(paying.body).toMatchObject({ status: 'paying' });
    const sent = server.seen.find((request) => request.method === 'POST' && request.body?.out_batch_no === batchNo(id))!;
    expect(sent.authorized).toBe(true);
    expect(sent.body!.transfer_detail_list[0]).toMatchObject({ transfer_amount: 10_000, openid: expect.any(String) });
    // Handed over: the amount is in flight on the platform's payouts account and the fee is earned.
    const inFlight = await balances();
    expect([inFlight.availableFen, inFlight.withdrawingFen, inFlight.paidOutFen]).toEqual([100_000n - 10_100n, 0n, 0n]);

    // Still processing: the sync job asks and leaves it in flight.
    expect(await t.platform.payouts.withdrawals.syncWechat(ctx())).toEqual({ checked: 1, finished: 0 });
    server.settle(batchNo(id), 'SUCCESS');
    expect(await t.platform.payouts.withdrawals.syncWechat(ctx())).toEqual({ checked: 1, finished: 1 });
    const paid = await t.json('GET', `/admin/payouts/withdrawals/${id}`, { token: finance });
    expect(paid.body).toMatchObject({ status: 'paid' });
    const after = await balances();
    expect([after.availableFen, after.withdrawingFen, after.paidOutFen]).toEqual([100_000n - 10_100n, 0n, 10_000n]);
    // A second pay is refused: the withdrawal is finished.
    expect((await t.json('POST', `/admin/payouts/withdrawals/${id}/pay`, { token: finance })).body.error.code).toBe('withdrawal_state_conflict');
  });

  it('fails: WeChat reports FAIL and amount and fee return to 可提现', async () => {
    const before = await balances();
    const id = await approvedWechatWithdrawal(20_000);
    expect((await t.json('POST', `/admin/payouts/withdrawals/${id}/pay`, { token: finance })).body.status).toBe('paying');
    server.settle(batchNo(id), 'FAIL', 'ACCOUNT_FROZEN');
    await t.platform.payouts.withdrawals.syncWechat(ctx());
    const failed = await t.json('GET', `/admin/payouts/withdrawals/${id}`, { token: finance });
    expect(failed.body).toMatchObject({ status: 'failed', failureReason: 'ACCOUNT_FROZEN' });
    const after = await balances();
    expect([after.availableFen, after.withdrawingFen, after.paidOutFen]).toEqual([before.availableFen, 0n, before.paidOutFen]);
  });

  it('fails at once when WeChat refuses the batch (NOT_ENOUGH), returning the money', async () => {
    const before = await balances();
    const id = await approvedWechatWithdrawal(5_000);
    server.setBalance(0);
    const answer = await t.json('POST', `/admin/payouts/withdrawals/${id}/pay`, { token: finance });
    server.setBalance(100_000_000);
    expect(answer.body).toMatchObject({ status: 'failed', failureReason: expect.stringContaining('NOT_ENOUGH') });
    expect((await balances()).availableFen).toBe(before.availableFen);
  });

  it('keeps a withdrawal in flight when WeChat is down, and the sync job hands it over again under the same id', async () => {
    const id = await approvedWechatWithdrawal(3_000);
    server.setMode('server_error');
    const answer = await t.json('POST', `/admin/payouts/withdrawals/${id}/pay`, { token: finance });
    server.setMode('normal');
    expect(answer.body.status).toBe('paying');
    expect([...server.details.values()].some((detail) => detail.outBatchNo === batchNo(id))).toBe(false);
    await t.platform.payouts.withdrawals.syncWechat(ctx());
    expect([...server.details.values()].filter((detail) => detail.outBatchNo === batchNo(id))).toHaveLength(1);
    server.settle(batchNo(id), 'SUCCESS');
    await t.platform.payouts.withdrawals.syncWechat(ctx());
    expect((await t.json('GET', `/admin/payouts/withdrawals/${id}`, { token: finance })).body.status).toBe('paid');
    expect((await balances()).paidOutFen).toBe(13_000n);
  });

  it('keeps a withdrawal in flight while WeChat says FREQUENCY_LIMITED (after retrying), then pays it from the sync job', async () => {
    const before = await balances();
    const id = await approvedWechatWithdrawal(2_000);
    server.refuseNext({ status: 403, code: 'FREQUENCY_LIMITED' }, { status: 403, code: 'FREQUENCY_LIMITED' }, { status: 403, code: 'FREQUENCY_LIMITED' });
    const answer = await t.json('POST', `/admin/payouts/withdrawals/${id}/pay`, { token: finance });
    expect(answer.body).toMatchObject({ status: 'paying' });
    expect(server.pendingRefusals).toBe(0);
    expect((await balances()).availableFen).toBe(before.availableFen - 2_100n);
    await t.platform.payouts.withdrawals.syncWechat(ctx());
    server.settle(batchNo(id), 'SUCCESS');
    await t.platform.payouts.withdrawals.syncWechat(ctx());
    expect((await t.json('GET', `/admin/payouts/withdrawals/${id}`, { token: finance })).body.status).toBe('paid');
    expect((await balances()).paidOutFen).toBe(before.paidOutFen + 2_000n);
  });

  it('fails at once on a final refusal (INVALID_REQUEST), returning amount and fee to 可提现', async () => {
    const before = await balances();
    const id = await approvedWechatWithdrawal(2_500);
    server.refuseNext({ status: 400, code: 'INVALID_REQUEST' });
    const answer = await t.json('POST', `/admin/payouts/withdrawals/${id}/pay`, { token: finance });
    expect(answer.body).toMatchObject({ status: 'failed', failureReason: expect.stringContaining('INVALID_REQUEST') });
    expect((await balances()).availableFen).toBe(before.availableFen);
  });

  it('leaves the ledger consistent', async () => {
    const verification = await verifyLedger(t.platform.db);
    expect(verification.checks.filter((check: { ok: boolean }) => !check.ok)).toEqual([]);
  });
});
