import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock, systemContext } from '@linkmall/kernel';
import { accrueCommission, createLedgerService, settleCommission } from '@linkmall/ledger';
import { idNumberCheckCharacter, type Binding, type TeamFacts, type UpgradeFact } from '@linkmall/payout';
import { startTestPlatform, type TestPlatform } from './harness.ts';

/**
 * Team-health detection over the database with team facts supplied by the test (the running platform
 * reads them from the distribution engine: payouts-team-health.int.test.ts): a signup burst from crafted bindings, a device shared
 * by three members' withdrawals, and what detection does to the flagged members' open withdrawals.
 */
const facts = { bindings: [] as Binding[], upgrades: [] as UpgradeFact[] };
const teamFacts: TeamFacts = {
  bindingsSince: async (since) => facts.bindings.filter((binding) => binding.boundAt >= since),
  upgradesSince: async (since) => facts.upgrades.filter((upgrade) => upgrade.upgradedAt >= since),
  uplines: async () => new Map(),
};
let t: TestPlatform;
let finance: string;
const members: { token: string; id: string }[] = [];
const ctx = () => systemContext(systemClock);
const hourAgo = () => new Date(Date.now() - 3_600_000);

beforeAll(async () => {
  t = await startTestPlatform({ payouts: { teamFacts } });
  finance = await t.login('13800000003');
  const ledger = createLedgerService(t.platform.db);
  for (const [index, phone] of ['13500000001', '13500000002', '13500000003', '13500000004'].entries()) {
    const token = await t.login(phone, 'shop');
    const id = (await t.json('GET', '/shop/me', { token })).body.id as string;
    const first17 = `3301061988080800${index}`;
    expect((await t.json('POST', '/shop/payouts/identity', { token, body: { realName: '测试', idNumber: first17 + idNumberCheckCharacter(first17) } })).status).toBe(200);
    const pendingId = `ord_anomaly_${index}:line-1:direct`;
    await ledger.apply(t.platform.db, ctx(), [accrueCommission({ id: pendingId, memberId: id, amountFen: 50_000n, code: 'commission.direct', causeType: 'order', causeId: `ord_anomaly_${index}` })]);
    await ledger.apply(t.platform.db, ctx(), settleCommission({ pendingId, memberId: id, amountFen: 50_000n }));
    members.push({ token, id });
  }
});
afterAll(() => t?.close());

const findings = async (rule: string) => (await t.json('GET', `/admin/payouts/anomalies?rule=${rule}`, { token: finance })).body;

describe('team-health detection', () => {
  it('finds nothing on a quiet team', async () => {
    expect(await t.platform.payouts.anomalies.detect(ctx(), hourAgo())).toEqual({ detected: 0, held: 0 });
  });

  it('flags a signup burst from the team facts and holds the referrer’s open withdrawal', async () => {
    const referrer = members[0]!;
    const open = await t.json('POST', '/shop/payouts/withdrawals', { token: referrer.token, body: { amountFen: 2_000, method: 'bank', bankAccount: { bankName: '招商银行', accountNumber: '6225880000000001' } } });
    expect(open.body.status).toBe('requested');
    const now = Date.now();
    facts.bindings = Array.from({ length: 10 }, (_, i) => ({ memberId: `usr_fake_${i}`, referrerId: referrer.id, boundAt: new Date(now - 5 * 60_000 + i * 20_000) }));
    const outcome = await t.platform.payouts.anomalies.detect(ctx(), hourAgo());
    expect(outcome).toEqual({ detected: 1, held: 1 });
    const list = await findings('signup_burst');
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ status: 'open', evidence: { referrerId: referrer.id, bindings: 10 } });
    expect((await t.json('GET', `/admin/payouts/withdrawals/${open.body.id}`, { token: finance })).body).toMatchObject({ status: 'held', heldReason: 'member_flagged' });
    // The same burst is not recorded twice.
    expect((await t.platform.payouts.anomalies.detect(ctx(), hourAgo())).detected).toBe(0);
  });

  it('flags one device used by three members for withdrawals, never storing the device id', async () => {
    const device = 'android-7f3a9c2e11';
    for (const [index, m] of members.slice(1).entries()) {
      const created = await t.json('POST', '/shop/payouts/withdrawals', { token: m.token, body: { amountFen: 1_500, method: 'bank', deviceId: device, bankAccount: { bankName: '工商银行', accountNumber: `622200000000${index}` } } });
      expect(created.status).toBe(201);
    }
    const outcome = await t.platform.payouts.anomalies.detect(ctx(), hourAgo());
    expect(outcome.detected).toBe(1);
    expect(outcome.held).toBe(3);
    const list = await findings('shared_device');
    expect(list.items[0].memberIds.sort()).toEqual(members.slice(1).map((m) => m.id).sort());
    expect(list.items[0].evidence).toMatchObject({ kind: 'device', members: 3 });
    expect(JSON.stringify(list.items[0])).not.toContain(device);
  });

  it('turns a refunded upgrade into a finding only when the order was really refunded', async () => {
    facts.upgrades = [{ memberId: members[0]!.id, orderId: 'ord_never_refunded', upgradedAt: new Date(Date.now() - 60_000) }];
    expect((await t.platform.payouts.anomalies.detect(ctx(), hourAgo())).detected).toBe(0);
    expect((await findings('refund_after_upgrade')).total).toBe(0);
  });
});
