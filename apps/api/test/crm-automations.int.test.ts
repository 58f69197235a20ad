import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, systemContext } from '@linkmall/kernel';
import type { OwnerNotification, VisitorBehaviour } from '@linkmall/crm';
import { startTestPlatform, type TestPlatform } from './harness.ts';

const DAY_MS = 86_400_000;
const clock = fixedClock(new Date('2026-11-02T02:00:00Z'));
const behaviours = new Map<string, VisitorBehaviour>();
const notifications: { ownerUserId: string; notification: OwnerNotification }[] = [];

let t: TestPlatform;
let admin: string;
let guideId: string;
let buyerId: string;
const ctx = () => systemContext(clock);
const run = () => t.platform.crm.automationRunner.run(ctx());

beforeAll(async () => {
  t = await startTestPlatform({
    clock,
    crm: {
      behaviour: async (_owner, ids) => new Map(ids.flatMap((id) => (behaviours.has(id) ? [[id, behaviours.get(id)!] as const] : []))),
      notifier: { notify: async (ownerUserId, notification) => void notifications.push({ ownerUserId, notification }) },
    },
  });
  admin = await t.login('13800000001');
  guideId = (await t.json('GET', '/shop/me', { token: await t.login('13600000001', 'shop') })).body.id;
  buyerId = (await t.json('GET', '/shop/me', { token: await t.login('13500000001', 'shop') })).body.id;
});
afterAll(() => t?.close());

describe('automations on an injected clock', () => {
  it('validates and audits automation writes', async () => {
    const bad = await t.json('POST', '/admin/crm/automations', { token: admin, body: { name: '流失预警', params: { trigger: 'inactive', days: 0 } } });
    expect(bad.status).toBe(400);
    const created = await t.json('POST', '/admin/crm/automations', { token: admin, body: { name: '临时', params: { trigger: 'high_intent', threshold: 99 } } });
    expect(created.status).toBe(201);
    const disabled = await t.json('PATCH', `/admin/crm/automations/${created.body.id}`, { token: admin, body: { enabled: false } });
    expect(disabled.body.enabled).toBe(false);
    expect((await t.json('DELETE', `/admin/crm/automations/${created.body.id}`, { token: admin })).status).toBe(200);
    expect((await t.json('GET', '/admin/crm/automations', { token: admin })).body.items).toEqual([]);
    const { rows } = await t.database.executeSql('select action from audit_log where entity_id = $1 order by sequence', [created.body.id]);
    expect(rows.map((row) => (row as { action: string }).action)).toEqual(['crm_automation.created', 'crm_automation.updated', 'crm_automation.deleted']);
  });

  it('warns about a quiet lead once per quiet spell and gives them a coupon', async () => {
    const coupon = { name: '回访券', rule: { kind: 'no_threshold', reductionFen: 500 }, totalQuantity: 100, perUserLimit: 5, validity: { kind: 'days_after_claim', days: 7 } };
    const templateId = (await t.json('POST', '/admin/promotions/coupons', { token: admin, body: coupon })).body.id;
    const automation = (await t.json('POST', '/admin/crm/automations', { token: admin, body: { name: '3 天未访问', params: { trigger: 'inactive', days: 3, couponTemplateId: templateId } } })).body;
    const upserted = await t.platform.crm.contacts.upsert(ctx(), { ownerUserId: guideId, source: 'manual', userId: buyerId, name: '林小雨' });
    expect(upserted.ok).toBe(true);
    const leadId = upserted.ok ? upserted.value.leadId : '';

    expect((await run()).inactive).toBe(0);
    clock.advance(3 * DAY_MS);
    expect(await run()).toMatchObject({ inactive: 1, couponsIssued: 1 });
    expect(await run()).toMatchObject({ inactive: 0, couponsIssued: 0 });
    clock.advance(DAY_MS);
    expect((await run()).inactive).toBe(0);

    const listed = await t.json('GET', '/shop/lead-tasks', { token: await t.login('13600000001', 'shop') });
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    const tasks = listed.body.items;
    expect(tasks.map((task: { title: string; automationId: string }) => [task.title, task.automationId])).toEqual([['流失预警：林小雨 已 3 天未访问，请跟进', automation.id]]);
    const { rows } = await t.database.executeSql('select count(*)::int as n from coupons where user_id = $1 and template_id = $2', [buyerId, templateId]);
    expect((rows[0] as { n: number }).n).toBe(1);
    const runs = await t.platform.crm.automationRunner.runsOf(automation.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.outcome).toMatchObject({ couponId: expect.stringMatching(/^cpn_/) });

    // A new visit starts a new spell: three quiet days later it fires again.
    behaviours.set('v_quiet_visitor_00001', { visitorId: 'v_quiet_visitor_00001', userId: buyerId, displayName: null, visits: 1, dwellSeconds: 30, firstSeenAt: clock.now(), lastSeenAt: clock.now(), products: [], modulesViewed: [], shares: 0, forwards: 0, couponsClaimed: 0, contactSubmitted: false, calls: 0, addToCart: 0, orders: 0 });
    await t.platform.db.transaction().execute((tx) => t.platform.crm.recordVisitor(tx, ctx(), { ownerUserId: guideId, organizationId: null, visitorId: 'v_quiet_visitor_00001', userId: buyerId, displayName: null, occurredAt: clock.now() }));
    expect((await t.json('GET', '/admin/leads', { token: await t.login('13800000001') })).body.items.map((lead: { id: string }) => lead.id)).toEqual([leadId]);
    clock.advance(2 * DAY_MS);
    expect((await run()).inactive).toBe(0);
    clock.advance(DAY_MS);
    expect((await run()).inactive).toBe(1);
    await t.json('PATCH', `/admin/crm/automations/${automation.id}`, { token: await t.login('13800000001'), body: { enabled: false } });
  });

  it('notifies the owner of a high-intent visitor at once, once a day', async () => {
    admin = await t.login('13800000001');
    const automation = (await t.json('POST', '/admin/crm/automations', { token: admin, body: { name: '高意向提醒', params: { trigger: 'high_intent', threshold: 25 } } })).body;
    const now = clock.now();
    behaviours.set('v_hot_visitor_000001', { visitorId: 'v_hot_visitor_000001', userId: null, displayName: '钱先生', visits: 3, dwellSeconds: 300, firstSeenAt: now, lastSeenAt: now, products: [], modulesViewed: ['ingredients'], shares: 1, forwards: 0, couponsClaimed: 0, contactSubmitted: false, calls: 0, addToCart: 0, orders: 0 });
    await t.platform.db.transaction().execute((tx) => t.platform.crm.recordVisitor(tx, ctx(), { ownerUserId: guideId, organizationId: null, visitorId: 'v_hot_visitor_000001', userId: null, displayName: '钱先生', occurredAt: now }));
    expect((await run()).highIntent).toBe(1);
    expect((await run()).highIntent).toBe(0);
    expect(notifications).toEqual([
      {
        ownerUserId: guideId,
        notification: expect.objectContaining({ kind: 'crm.high_intent', title: { 'zh-CN': '高意向访客：钱先生（28 分）', en: 'High-intent visitor: 钱先生 (score 28)' } }),
      },
    ]);
    await t.json('PATCH', `/admin/crm/automations/${automation.id}`, { token: admin, body: { enabled: false } });
  });

  it('reminds a buyer to rebuy at the product’s typical cycle, from their paid orders', async () => {
    const address = { recipientName: '林小雨', phone: '13500000111', province: '四川省', city: '成都市', district: '武侯区', detail: '武侯祠大街 231 号' };
    async function buy(): Promise<void> {
      const supplier = await t.login('13900000001');
      const buyer = await t.login('13500000002', 'shop');
      const skuId = (await t.json('PUT', '/admin/catalog/skus/LY-001-1/stock', { token: supplier, body: { stock: 50 } })).body.skuId;
      const order = (await t.json('POST', '/shop/orders', { token: buyer, body: { items: [{ skuId, quantity: 1 }], deliveryMethod: 'delivery', shippingAddress: address } })).body;
      const payment = (await t.json('POST', `/shop/orders/${order.id}/pay`, { token: buyer })).body;
      const paid = await t.json('POST', `/shop/pay/sandbox/${payment.paymentId}/complete`, { body: { succeeded: true } });
      expect(paid.status).toBeLessThan(300);
    }
    admin = await t.login('13800000001');
    const automation = (await t.json('POST', '/admin/crm/automations', { token: admin, body: { name: '复购提醒', params: { trigger: 'repurchase', defaultCycleDays: 90 } } })).body;
    const secondBuyerId = (await t.json('GET', '/shop/me', { token: await t.login('13500000002', 'shop') })).body.id;
    const created = await t.platform.crm.contacts.upsert(ctx(), { ownerUserId: guideId, source: 'manual', userId: secondBuyerId, name: '何明' });
    const leadId = created.ok ? created.value.leadId : '';
    await buy();
    clock.advance(30 * DAY_MS);
    await buy();
    expect((await run()).repurchase).toBe(0);
    clock.advance(29 * DAY_MS);
    expect((await run()).repurchase).toBe(0);
    clock.advance(DAY_MS);
    expect((await run()).repurchase).toBe(1);
    expect((await run()).repurchase).toBe(0);
    const runs = await t.platform.crm.automationRunner.runsOf(automation.id);
    expect(runs.map((entry) => entry.lead_id)).toEqual([leadId]);
    const guide = await t.login('13600000001', 'shop');
    const tasks = (await t.json('GET', '/shop/lead-tasks', { token: guide })).body.items as { title: string }[];
    expect(tasks.map((task) => task.title)).toContain('复购提醒：何明 购买的 西湖龙井明前茶 已到复购周期（30 天）');
    const detail = (await t.json('GET', `/shop/leads/${leadId}`, { token: guide })).body;
    expect(detail.segmentation).toMatchObject({ segment: 'potential', layer: 'active', orders365: 2, scores: { recency: 5, frequency: 2, loyalty: 1 } });
  });
});
