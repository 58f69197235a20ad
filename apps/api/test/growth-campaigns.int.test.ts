import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock, systemContext } from '@linkmall/kernel';
import { bind, buyPackage, deliverOutbox, inviteCodeOf, packageSku } from './distribution-checkout.ts';
import { startTestPlatform, type TestPlatform } from './harness.ts';

/**
 * Growth campaigns over HTTP, end to end: operations configure levels, points rules and a campaign
 * (validation and lifecycle errors in Chinese and English); an invitee's real purchase through
 * checkout, payment and the outbox earns the inviter a reward within the active profile's caps; the
 * shop shows members their points, level and invite progress.
 */
let t: TestPlatform;
let operations: string;
let merchant: string;
const lin = { id: '', token: '' }; // 林小雨: the inviter (a boss after buying the package)
const he = { id: '', token: '' }; // 何明: bound to 林小雨's invite code
let campaignId = '';

const campaignBody = (patch: object = {}) => ({
  nameZh: '双十二邀请赛',
  nameEn: 'Double-12 invite race',
  startsAt: new Date(Date.now() - 3_600_000).toISOString(),
  endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  budgetUnit: 'fen',
  budgetTotal: 50_000,
  minOrderFen: 100,
  tiers: [
    { fromInvite: 1, toInvite: 3, rateBps: 1_000 },
    { fromInvite: 4, toInvite: null, rateBps: 500 },
  ],
  ladder: [{ invites: 3, reward: { kind: 'gift', nameZh: '茶具', nameEn: 'Tea set', costFen: 5_000 } }],
  ...patch,
});

beforeAll(async () => {
  t = await startTestPlatform();
  operations = await t.login('13800000002');
  merchant = await t.login('13700000001');
  for (const [shopper, phone] of [[lin, '13500000001'], [he, '13500000002']] as const) {
    shopper.token = await t.login(phone, 'shop');
    shopper.id = (await t.json('GET', '/shop/me', { token: shopper.token })).body.id;
  }
  const skuId = await packageSku(t, 5);
  await buyPackage(t, lin, skuId);
  await deliverOutbox(t, systemClock);
  await bind(t, he, await inviteCodeOf(t, lin));
}, 60_000);
afterAll(() => t?.close());

describe('console configuration', () => {
  it('lists the seeded levels and points rules, and adds a level once per threshold pair', async () => {
    const levels = await t.json('GET', '/admin/growth/levels', { token: operations });
    expect(levels.body.items.map((level: any) => level.nameZh)).toEqual(['青铜会员', '白银会员', '黄金会员']);
    const rules = await t.json('GET', '/admin/growth/point-rules', { token: operations });
    expect(rules.body.items.map((rule: any) => [rule.action, rule.points, rule.dailyCap])).toEqual([['order', 10, 2_000], ['review', 20, 60], ['share', 5, 20]]);
    const level = { nameZh: '钻石会员', nameEn: 'Diamond', minPoints: 20_000, minInvites: 30, extraCommissionBps: 300, priorityShipping: true, hotProductAccess: true };
    expect((await t.json('POST', '/admin/growth/levels', { token: operations, body: level })).status).toBe(201);
    const again = await t.json('POST', '/admin/growth/levels', { token: operations, body: { ...level, nameZh: '钻石二' } });
    expect([again.status, again.body.error.code]).toEqual([409, 'growth_level_duplicate']);
    expect((await t.json('GET', '/admin/growth/levels', { token: merchant })).status).toBe(403);
  });

  it('refuses invalid rules with the problems named, in Chinese by default and in English when asked', async () => {
    const body = campaignBody({ endsAt: new Date(Date.now() - 7 * 86_400_000).toISOString(), tiers: [{ fromInvite: 2, toInvite: null, rateBps: 500 }] });
    const zh = await t.json('POST', '/admin/growth/campaigns', { token: operations, body });
    expect(zh.status).toBe(422);
    expect(zh.body.error.code).toBe('growth_campaign_invalid');
    expect(zh.body.error.message).toMatch(/^活动规则有误/);
    expect(zh.body.error.details.issues.map((issue: any) => issue.code).sort()).toEqual(['ends_before_start', 'tiers_not_contiguous']);
    const en = await t.json('POST', '/admin/growth/campaigns', { token: operations, body, headers: { 'accept-language': 'en' } });
    expect(en.body.error.message).toMatch(/^The campaign rules are invalid/);
    const rate = await t.json('POST', '/admin/growth/campaigns', { token: operations, body: campaignBody({ tiers: [{ fromInvite: 1, toInvite: null, rateBps: 10_001 }] }) });
    expect([rate.status, rate.body.error.code]).toEqual([400, 'validation_failed']);
  });

  it('walks a campaign through its lifecycle; once started only the end date and budget change', async () => {
    // The seeded campaign ends first, so the purchase below pays this campaign alone.
    for (const running of (await t.json('GET', '/admin/growth/campaigns?status=active', { token: operations })).body.items) {
      expect((await t.json('POST', `/admin/growth/campaigns/${running.id}/status`, { token: operations, body: { action: 'end' } })).body).toMatchObject({ status: 'ended', endedReason: 'manual' });
    }
    const created = await t.json('POST', '/admin/growth/campaigns', { token: operations, body: campaignBody() });
    expect(created.status).toBe(201);
    campaignId = created.body.id;
    expect(created.body).toMatchObject({ status: 'draft', budgetTotal: 50_000, budgetSpent: 0 });
    const pause = await t.json('POST', `/admin/growth/campaigns/${campaignId}/status`, { token: operations, body: { action: 'pause' } });
    expect([pause.status, pause.body.error.code]).toEqual([409, 'growth_campaign_transition_invalid']);
    expect((await t.json('PATCH', `/admin/growth/campaigns/${campaignId}`, { token: operations, body: { nameZh: '双十二邀请赛（改）' } })).body.nameZh).toBe('双十二邀请赛（改）');
    expect((await t.json('POST', `/admin/growth/campaigns/${campaignId}/status`, { token: operations, body: { action: 'activate' } })).body.status).toBe('active');
    const rename = await t.json('PATCH', `/admin/growth/campaigns/${campaignId}`, { token: operations, body: { nameZh: '再改' } });
    expect([rename.status, rename.body.error.code]).toEqual([409, 'growth_campaign_not_editable']);
    const extended = await t.json('PATCH', `/admin/growth/campaigns/${campaignId}`, { token: operations, body: { budgetTotal: 60_000, endsAt: new Date(Date.now() + 14 * 86_400_000).toISOString() } });
    expect(extended.body).toMatchObject({ status: 'active', budgetTotal: 60_000 });
  });
});

describe('an invitee’s real purchase', () => {
  it('earns the inviter the tier rate within the profile’s 30 % cap, and the members see it in the shop', async () => {
    const mine = await t.json('GET', '/shop/growth/invites', { token: lin.token });
    expect(mine.body.items.find((item: any) => item.campaignId === campaignId)).toMatchObject({ qualifiedInvites: 0, nextInviteRateBps: 1_000, nextStep: { invites: 3 } });

    const skuId = await packageSku(t, 1);
    await buyPackage(t, he, skuId);
    await deliverOutbox(t, systemClock);
    const report = await t.platform.growth.rewards.run(systemContext(systemClock));
    expect(report.processed).toBeGreaterThanOrEqual(1);

    const rewards = await t.json('GET', `/admin/growth/rewards?campaignId=${campaignId}`, { token: operations });
    // The engine already paid 林小雨 15 % direct + 10 % team on the package: 5 % of room was left.
    expect(rewards.body.items.map((reward: any) => [reward.memberId, reward.inviteeId, reward.requestedAmount, reward.grantedAmount, reward.decision, reward.limitedBy, reward.state])).toEqual([
      [lin.id, he.id, 3_990, 1_995, 'reduced', ['payout_ratio_cap'], 'pending'],
    ]);
    const progress = await t.json('GET', '/shop/growth/invites', { token: lin.token });
    const entry = progress.body.items.find((item: any) => item.campaignId === campaignId);
    expect(entry).toMatchObject({ qualifiedInvites: 1, nextInviteRateBps: 1_000 });
    expect(entry.rewards.map((reward: any) => reward.grantedAmount)).toEqual([1_995]);

    // Points: 10 + 399 for each package order; 林小雨 is bronze with one qualified invite.
    const me = await t.json('GET', '/shop/growth/me', { token: lin.token });
    expect(me.body).toMatchObject({ points: 409, qualifiedInvites: 1, level: { nameZh: '青铜会员' }, nextLevel: { nameZh: '白银会员' }, privileges: { priorityShipping: false, hotProductAccess: false } });
    const history = await t.json('GET', '/shop/growth/points', { token: he.token });
    expect(history.body.items.map((line: any) => [line.action, line.points])).toEqual([['order', 409]]);
    const admin = await t.json('GET', `/admin/growth/points?memberId=${he.id}`, { token: operations });
    expect(admin.body.total).toBe(1);
    expect((await t.json('GET', `/admin/growth/members/${lin.id}`, { token: operations })).body).toMatchObject({ memberId: lin.id, points: 409, qualifiedInvites: 1 });
  });
});
