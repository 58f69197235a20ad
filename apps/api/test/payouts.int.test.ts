import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext, systemClock } from '@linkmall/kernel';
import { accrueCommission, createLedgerService, settleCommission, verifyLedger } from '@linkmall/ledger';
import { idNumberCheckCharacter } from '@linkmall/payout';
import { startTestPlatform, type TestPlatform } from './harness.ts';

let t: TestPlatform;
let admin: string;
let finance: string;
const members: { phone: string; token: string; id: string }[] = [];
let credits = 0;

/** A valid ID number for a test person (the check character computed, not guessed). */
const idNumber = (n: number) => {
  const first17 = `11010519900101${String(n).padStart(3, "0")}`;
  return first17 + idNumberCheckCharacter(first17);
};

/** Credits a member's 可提现 the way the money path does: an accrued commission, then its settlement. */
async function credit(memberId: string, amountFen: bigint) {
  const ledger = createLedgerService(t.platform.db);
  const id = `ord_payout_test_${++credits}:line-1:direct`;
  const ctx = systemContext(systemClock);
  const accrued = await ledger.apply(t.platform.db, ctx, [accrueCommission({ id, memberId, amountFen, code: 'commission.direct', causeType: 'order', causeId: `ord_payout_test_${credits}` })]);
  expect(accrued.ok).toBe(true);
  const settled = await ledger.apply(t.platform.db, ctx, settleCommission({ pendingId: id, memberId, amountFen }));
  expect(settled.ok).toBe(true);
}

const available = async (memberId: string) => {
  const balances = await createLedgerService(t.platform.db).memberBalances(memberId);
  if (!balances.ok) throw new Error(balances.code);
  return balances.value;
};

const bank = { bankName: '招商银行', accountNumber: '6225880000001234' };

beforeAll(async () => {
  t = await startTestPlatform();
  admin = await t.login('13800000001');
  finance = await t.login('13800000003');
  for (const phone of ['13500000001', '13500000002', '13500000003', '13500000004']) {
    const token = await t.login(phone, 'shop');
    const me = await t.json('GET', '/shop/me', { token });
    members.push({ phone, token, id: me.body.id });
  }
});
afterAll(() => t?.close());

describe('identity verification', () => {
  it('is required before a withdrawal, refuses a bad ID number, and never returns the number in clear', async () => {
    const [m] = members;
    await credit(m!.id, 100_000n);
    const early = await t.json('POST', '/shop/payouts/withdrawals', { token: m!.token, body: { amountFen: 5_000, method: 'bank', bankAccount: bank } });
    expect([early.status, early.body.error.code]).toEqual([409, 'payout_identity_required']);
    const wrongCheck = idNumber(1).slice(0, 17) + (idNumber(1)[17] === '0' ? '1' : '0');
    const bad = await t.json('POST', '/shop/payouts/identity', { token: m!.token, body: { realName: '林小雨', idNumber: wrongCheck } });
    expect([bad.status, bad.body.error.code]).toEqual([422, 'payout_identity_invalid']);
    const verified = await t.json('POST', '/shop/payouts/identity', { token: m!.token, body: { realName: '林小雨', idNumber: idNumber(1) } });
    expect(verified.status).toBe(200);
    expect(verified.body.idNumberMasked).toBe(`1101${'*'.repeat(10)}${idNumber(1).slice(-4)}`);
    const again = await t.json('POST', '/shop/payouts/identity', { token: m!.token, body: { realName: '林小雨', idNumber: idNumber(1) } });
    expect(again.body.error.code).toBe('payout_identity_already_verified');
    const { rows } = await t.database.executeSql('select id_number_cipher from payout_identities where user_id = $1', [m!.id]);
    expect(JSON.stringify(rows)).not.toContain(idNumber(1));
    // The same person cannot verify a second account.
    const other = await t.json('POST', '/shop/payouts/identity', { token: members[1]!.token, body: { realName: '何明', idNumber: idNumber(1) } });
    expect(other.body.error.code).toBe('payout_identity_in_use');
    for (const [index, member] of members.slice(1).entries()) {
      expect((await t.json('POST', '/shop/payouts/identity', { token: member.token, body: { realName: '测试', idNumber: idNumber(index + 2) } })).status).toBe(200);
    }
  });
});

describe('withdrawal requests', () => {
  it('checks the minimum, charges the fee on top, and moves amount + fee to 提现中', async () => {
    const [m] = members;
    const small = await t.json('POST', '/shop/payouts/withdrawals', { token: m!.token, body: { amountFen: 999, method: 'bank', bankAccount: bank } });
    expect(small.body.error.code).toBe('withdrawal_below_minimum');
    const created = await t.json('POST', '/shop/payouts/withdrawals', { token: m!.token, body: { amountFen: 10_000, method: 'bank', bankAccount: bank } });
    expect(created.status).toBe(201);
    // 0.6% of 100 yuan is 60 fen, below the 1-yuan minimum fee.
    expect(created.body).toMatchObject({ amountFen: 10_000, feeFen: 100, status: 'requested', bankAccountMasked: '****1234', needsSecondApproval: false });
    expect(JSON.stringify(created.body)).not.toContain(bank.accountNumber);
    const balances = await available(m!.id);
    expect([balances.availableFen, balances.withdrawingFen]).toEqual([100_000n - 10_100n, 10_100n]);
  });

  it('refuses a withdrawal the balance cannot cover, and one over the daily cap', async () => {
    const m = members[1]!;
    await credit(m.id, 5_000n);
    const tooMuch = await t.json('POST', '/shop/payouts/withdrawals', { token: m.token, body: { amountFen: 5_000, method: 'bank', bankAccount: bank } });
    expect([tooMuch.status, tooMuch.body.error.code]).toEqual([409, 'withdrawal_insufficient_balance']);
    await credit(m.id, 3_000_000n);
    const overCap = await t.json('POST', '/shop/payouts/withdrawals', { token: m.token, body: { amountFen: 2_000_001, method: 'bank', bankAccount: bank } });
    expect(overCap.body.error.code).toBe('withdrawal_daily_cap_exceeded');
    expect((await available(m.id)).withdrawingFen).toBe(0n);
  });

  it('never overdraws under concurrent requests', async () => {
    const m = members[2]!;
    await credit(m.id, 30_000n);
    // Each asks 10,000 + 100 fee: only two fit in 30,000.
    const results = await Promise.all(
      Array.from({ length: 6 }, () => t.json('POST', '/shop/payouts/withdrawals', { token: m.token, body: { amountFen: 10_000, method: 'bank', bankAccount: { bankName: '工商银行', accountNumber: '6222000000005555' } } })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'withdrawal_insufficient_balance')).toBe(true);
    const balances = await available(m.id);
    expect([balances.availableFen, balances.withdrawingFen]).toEqual([30_000n - 20_200n, 20_200n]);
  });
});

describe('approval, rejection and payment', () => {
  it('needs two different finance users above the threshold', async () => {
    const m = members[1]!;
    const big = await t.json('POST', '/shop/payouts/withdrawals', { token: m.token, body: { amountFen: 600_000, method: 'bank', bankAccount: bank } });
    expect(big.body.needsSecondApproval).toBe(true);
    const first = await t.json('POST', `/admin/payouts/withdrawals/${big.body.id}/approve`, { token: finance });
    expect(first.body.status).toBe('approved');
    const same = await t.json('POST', `/admin/payouts/withdrawals/${big.body.id}/approve`, { token: finance });
    expect([same.status, same.body.error.code]).toEqual([409, 'withdrawal_same_approver']);
    const second = await t.json('POST', `/admin/payouts/withdrawals/${big.body.id}/approve`, { token: admin });
    expect(second.body).toMatchObject({ status: 'second_approved', secondApprovedBy: expect.any(String) });
    const third = await t.json('POST', `/admin/payouts/withdrawals/${big.body.id}/approve`, { token: admin });
    expect(third.body.error.code).toBe('withdrawal_state_conflict');
  });

  it('rejection returns amount and fee to 可提现', async () => {
    const m = members[0]!;
    const before = await available(m.id);
    const created = await t.json('POST', '/shop/payouts/withdrawals', { token: m.token, body: { amountFen: 20_000, method: 'bank', bankAccount: bank } });
    const rejected = await t.json('POST', `/admin/payouts/withdrawals/${created.body.id}/reject`, { token: finance, body: { reason: '账户信息有误' } });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: '账户信息有误' });
    const again = await t.json('POST', `/admin/payouts/withdrawals/${created.body.id}/reject`, { token: finance, body: { reason: '重复' } });
    expect(again.body.error.code).toBe('withdrawal_state_conflict');
    const after = await available(m.id);
    expect([after.availableFen, after.withdrawingFen]).toEqual([before.availableFen, before.withdrawingFen]);
  });

  it('exports approved bank withdrawals with full account numbers, then marks the batch paid', async () => {
    const queue = await t.json('GET', '/admin/payouts/withdrawals?status=requested', { token: finance });
    for (const item of queue.body.items) await t.json('POST', `/admin/payouts/withdrawals/${item.id}/approve`, { token: finance });
    const exported = await t.json('POST', '/admin/payouts/bank-batches', { token: finance });
    expect(exported.status).toBe(201);
    expect(exported.body.csv).toContain(bank.accountNumber);
    expect(exported.body.csv.startsWith('\uFEFF批次号')).toBe(true);
    const empty = await t.json('POST', '/admin/payouts/bank-batches', { token: finance });
    expect(empty.body.error.code).toBe('payout_bank_batch_empty');
    const paid = await t.json('POST', `/admin/payouts/bank-batches/${exported.body.batchId}/paid`, { token: finance });
    expect(paid.body).toMatchObject({ status: 'paid', paidCount: exported.body.withdrawalCount });
    const m = members[0]!;
    const balances = await available(m.id);
    expect(balances.paidOutFen).toBe(10_000n);
    const mine = await t.json('GET', '/shop/payouts/withdrawals', { token: m.token });
    expect(mine.body.items.map((w: any) => w.status).sort()).toEqual(['paid', 'rejected']);
    const platform = await createLedgerService(t.platform.db).platformBalances();
    expect(platform.fees.postedFen).toBeGreaterThan(0n);
  });

  it('gives a monthly statement that adds up, and exports withdrawals with masked accounts', async () => {
    const m = members[0]!;
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const statement = await t.json('GET', `/shop/payouts/statements?month=${month}`, { token: m.token });
    expect(statement.body).toMatchObject({ openingFen: 0, rewardsFen: 100_000, withdrawalsFen: 10_000, feesFen: 100, closingFen: 100_000 - 10_100, paidOutFen: 10_000 });
    const adminView = await t.json('GET', `/admin/payouts/statements?month=${month}&memberId=${m.id}`, { token: finance });
    expect(adminView.body).toEqual(statement.body);
    const csv = await t.request('GET', `/admin/payouts/withdrawals.csv?month=${month}`, { token: finance });
    const text = await csv.text();
    expect(text).toContain('****1234');
    expect(text).not.toContain(bank.accountNumber);
  });
});

describe('the sandbox payout channel (WeChat Pay not configured)', () => {
  it('pays an approved WeChat withdrawal at once, recorded and queryable, and refuses to pay twice', async () => {
    const m = members[3]!;
    await credit(m.id, 20_000n);
    const before = await available(m.id);
    const created = await t.json('POST', '/shop/payouts/withdrawals', { token: m.token, body: { amountFen: 5_000, method: 'wechat' } });
    expect(created.body).toMatchObject({ status: 'requested', method: 'wechat' });
    const early = await t.json('POST', `/admin/payouts/withdrawals/${created.body.id}/pay`, { token: finance });
    expect(early.body.error.code).toBe('withdrawal_state_conflict');
    await t.json('POST', `/admin/payouts/withdrawals/${created.body.id}/approve`, { token: finance });
    const paid = await t.json('POST', `/admin/payouts/withdrawals/${created.body.id}/pay`, { token: finance });
    expect(paid.body).toMatchObject({ status: 'paid' });
    const after = await available(m.id);
    expect([after.availableFen, after.paidOutFen - before.paidOutFen]).toEqual([before.availableFen - 5_100n, 5_000n]);
    // The sandbox remembers the transfer, so a sync asks and finds nothing left in flight.
    expect(await t.platform.payouts.withdrawals.syncWechat(systemContext(systemClock))).toEqual({ checked: 0, finished: 0 });
    const again = await t.json('POST', `/admin/payouts/withdrawals/${created.body.id}/pay`, { token: finance });
    expect(again.body.error.code).toBe('withdrawal_state_conflict');
  });
});

describe('team health', () => {
  it('flags members sharing one payee account, holds their withdrawals, and finance resolves', async () => {
    const shared = { bankName: '建设银行', accountNumber: '6217000000009999' };
    const [a, b, c] = [members[1]!, members[2]!, members[3]!];
    await credit(c.id, 50_000n);
    const requested = [];
    for (const m of [a, b, c]) requested.push((await t.json('POST', '/shop/payouts/withdrawals', { token: m.token, body: { amountFen: 1_000, method: 'bank', bankAccount: shared } })).body);
    expect(requested.every((w) => w.status === 'requested')).toBe(true);
    const outcome = await t.platform.payouts.anomalies.detect(systemContext(systemClock), new Date(Date.now() - 3_600_000));
    expect(outcome.detected).toBeGreaterThanOrEqual(1);
    const list = await t.json('GET', '/admin/payouts/anomalies?rule=shared_payment_account&status=open', { token: finance });
    expect(list.body.total).toBe(1);
    const finding = list.body.items[0];
    expect(finding.memberIds.sort()).toEqual([a.id, b.id, c.id].sort());
    expect(finding.evidence).toMatchObject({ kind: 'payment_account', members: 3 });
    for (const w of requested) expect((await t.json('GET', `/admin/payouts/withdrawals/${w.id}`, { token: finance })).body.status).toBe('held');
    // Re-running finds the same subject and records nothing new.
    expect((await t.platform.payouts.anomalies.detect(systemContext(systemClock), new Date(Date.now() - 3_600_000))).detected).toBe(0);
    // A new request of a flagged member is held from the start.
    const heldNew = await t.json('POST', '/shop/payouts/withdrawals', { token: c.token, body: { amountFen: 1_000, method: 'bank', bankAccount: bank } });
    expect(heldNew.body).toMatchObject({ status: 'held', heldReason: 'member_flagged' });
    const approveHeld = await t.json('POST', `/admin/payouts/withdrawals/${heldNew.body.id}/approve`, { token: finance });
    expect(approveHeld.body.error.code).toBe('withdrawal_state_conflict');
    const released = await t.json('POST', `/admin/payouts/withdrawals/${requested[0].id}/release`, { token: finance, body: { note: '家庭共用账户，已核实' } });
    expect(released.body.status).toBe('requested');
    const rejected = await t.json('POST', `/admin/payouts/withdrawals/${heldNew.body.id}/reject`, { token: finance, body: { reason: '疑似刷单' } });
    expect(rejected.body.status).toBe('rejected');
    const readOnly = await t.json('POST', `/admin/payouts/anomalies/${finding.id}/resolve`, { token: await t.login('13800000002'), body: { status: 'resolved', note: 'x' } });
    expect(readOnly.status).toBe(403);
    const resolved = await t.json('POST', `/admin/payouts/anomalies/${finding.id}/resolve`, { token: finance, body: { status: 'resolved', note: '已核实' } });
    expect(resolved.body).toMatchObject({ status: 'resolved', resolutionNote: '已核实' });
    const audit = await t.database.executeSql("select action from audit_log where entity_id = $1", [finding.id]);
    expect(audit.rows).toHaveLength(1);
  });

  it('leaves the ledger consistent', async () => {
    const verification = await verifyLedger(t.platform.db);
    const failed = verification.checks.filter((check: { ok: boolean }) => !check.ok);
    expect(failed).toEqual([]);
  });
});
