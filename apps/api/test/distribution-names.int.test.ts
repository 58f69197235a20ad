import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock, systemContext } from '@linkmall/kernel';
import { accrueCommission, createLedgerService, settleCommission } from '@linkmall/ledger';
import { idNumberCheckCharacter } from '@linkmall/payout';
import { bind, buyPackage, deliverOutbox, inviteCodeOf, packageSku } from './distribution-checkout.ts';
import { startTestPlatform, type TestPlatform } from './harness.ts';

/**
 * People instead of ids: the member explorer shows display names and masked phones and finds members
 * by phone or name; finance, which has no user.read, sees the names of the payees on its own rows
 * (reward lines, their CSV, withdrawals, findings); the shop's "my team" shows masked names.
 */
let t: TestPlatform;
let operations: string;
let finance: string;
const lin = { id: '', token: '' }; // 林小雨 13500000001: the boss
const he = { id: '', token: '' }; // 何明 13500000002: referred by 林小雨

beforeAll(async () => {
  t = await startTestPlatform();
  operations = await t.login('13800000002');
  finance = await t.login('13800000003');
  for (const [shopper, phone] of [[lin, '13500000001'], [he, '13500000002']] as const) {
    shopper.token = await t.login(phone, 'shop');
    shopper.id = (await t.json('GET', '/shop/me', { token: shopper.token })).body.id;
  }
  const skuId = await packageSku(t, 5);
  await buyPackage(t, lin, skuId);
  await deliverOutbox(t, systemClock);
  await bind(t, he, await inviteCodeOf(t, lin));
  await buyPackage(t, he, skuId);
  await deliverOutbox(t, systemClock);
}, 60_000);
afterAll(() => t?.close());

describe('names in the member explorer', () => {
  it('finds a member by phone or by name, with display name and masked phone', async () => {
    const byPhone = await t.json('GET', '/admin/distribution/members?q=13500000002', { token: operations });
    expect(byPhone.body.items).toEqual([expect.objectContaining({ memberId: he.id, displayName: '何明', phoneMasked: '135****0002' })]);
    const byName = await t.json('GET', `/admin/distribution/members?q=${encodeURIComponent('林小雨')}`, { token: operations });
    expect(byName.body.items).toEqual([expect.objectContaining({ memberId: lin.id, displayName: '林小雨', phoneMasked: '135****0001' })]);
    expect(JSON.stringify(byPhone.body)).not.toContain('13500000002');
  });

  it('names the member and everyone they are linked to, and each child in the trees', async () => {
    const detail = await t.json('GET', `/admin/distribution/members/${he.id}`, { token: operations });
    expect(detail.body.member).toMatchObject({ displayName: '何明', referrerId: lin.id });
    expect(detail.body.people[lin.id]).toEqual({ displayName: '林小雨', phoneMasked: '135****0001' });
    const children = await t.json('GET', `/admin/distribution/members/${lin.id}/children?tree=referral`, { token: operations });
    expect(children.body.items).toEqual([expect.objectContaining({ memberId: he.id, displayName: '何明', phoneMasked: '135****0002' })]);
  });
});

describe('names for finance without user.read', () => {
  it('has no general user read', async () => {
    expect((await t.json('GET', '/admin/users', { token: finance })).status).toBe(403);
    expect((await t.json('GET', '/admin/distribution/members?q=13500000002', { token: finance })).status).toBe(403);
  });

  it('sees payee and buyer names on reward lines and in their CSV', async () => {
    const lines = await t.json('GET', `/admin/distribution/reward-lines?memberId=${lin.id}`, { token: finance });
    expect(lines.body.items.length).toBeGreaterThan(0);
    expect(lines.body.items[0]).toMatchObject({ payeeId: lin.id, payeeName: '林小雨', sourceUserId: he.id, sourceUserName: '何明' });
    const csv = Buffer.from(await (await t.request('GET', `/admin/distribution/reward-lines.csv?memberId=${lin.id}`, { token: finance })).arrayBuffer()).subarray(3).toString('utf8');
    expect(csv.split('\r\n')[0]).toContain('收益人ID,收益人,来源买家ID,来源买家');
    expect(csv).toContain(`${lin.id},林小雨,${he.id},何明`);
  });

  it('sees the member’s name on withdrawals and team-health findings', async () => {
    const ledger = createLedgerService(t.platform.db);
    const ctx = systemContext(systemClock);
    await ledger.apply(t.platform.db, ctx, [accrueCommission({ id: 'ord_names:line-1:direct', memberId: he.id, amountFen: 50_000n, code: 'commission.direct', causeType: 'order', causeId: 'ord_names' })]);
    await ledger.apply(t.platform.db, ctx, settleCommission({ pendingId: 'ord_names:line-1:direct', memberId: he.id, amountFen: 50_000n }));
    const first17 = '33010619900101002';
    await t.json('POST', '/shop/payouts/identity', { token: he.token, body: { realName: '何明', idNumber: first17 + idNumberCheckCharacter(first17) } });
    const created = await t.json('POST', '/shop/payouts/withdrawals', { token: he.token, body: { amountFen: 2_000, method: 'bank', bankAccount: { bankName: '招商银行', accountNumber: '6225880000000002' } } });
    expect(created.status).toBe(201);
    const queue = await t.json('GET', '/admin/payouts/withdrawals', { token: finance });
    expect(queue.body.items).toEqual([expect.objectContaining({ memberId: he.id, memberName: '何明' })]);
    expect((await t.json('GET', `/admin/payouts/withdrawals/${created.body.id}`, { token: finance })).body).toMatchObject({ memberName: '何明' });
    // A finding naming both (recorded directly: how findings are detected is tested elsewhere).
    await t.database.executeSql(`insert into payout_anomalies (id, rule, subject_key, member_ids, evidence, status, detected_at) values ('anm_01jd3x7k9q2w8e5r4t6y1u3i0o', 'self_dealing', 'names-test', $1::text[], '{}', 'open', now())`, [[he.id, lin.id]]);
    const findings = await t.json('GET', '/admin/payouts/anomalies', { token: finance });
    expect(findings.body.items[0].memberNames).toEqual({ [he.id]: '何明', [lin.id]: '林小雨' });
  });
});

describe('statements and my rewards', () => {
  it('names the member and the buyers on the finance statement', async () => {
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const statement = await t.json('GET', `/admin/distribution/members/${lin.id}/statement?month=${month}`, { token: finance });
    expect(statement.body.memberName).toBe('林小雨');
    expect(statement.body.lines[0]).toMatchObject({ sourceUserId: he.id, sourceUserName: '何明' });
  });

  it('shows the member the buyer behind each reward, masked', async () => {
    const rewards = await t.json('GET', '/shop/distribution/rewards', { token: lin.token });
    expect(rewards.body.items[0]).toMatchObject({ sourceUserId: he.id, sourceUserName: '何*' });
  });
});

describe('my team in the shop', () => {
  it('lists team members with masked names and phones', async () => {
    const me = await t.json('GET', '/shop/distribution/me', { token: lin.token });
    expect(me.body.teamMembers).toEqual([expect.objectContaining({ memberId: he.id, displayName: '何*', phoneMasked: '135****0002' })]);
    expect(JSON.stringify(me.body)).not.toContain('何明');
  });
});
