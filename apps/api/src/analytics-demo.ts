import { OutboxDispatcher, silentLogger } from '@linkmall/events';
import { permissionsOf } from '@linkmall/identity';
import { addDays, beijingDay, rebuildRollups, rollUpTracking, type SpendChannel } from '@linkmall/analytics';
import { systemClock, type RequestContext } from '@linkmall/kernel';
import { backgroundWork } from './background.ts';
import { createApp } from './create-app.ts';
import { DEMO_PASSWORD } from './demo-seed.ts';
import type { Platform } from './platform.ts';

/**
 * Marketing activity for the demo, so the analytics dashboard has something to show: consented
 * visitors on 吴婷's business card (four of them the demo consumers, signed in), orders from
 * 成都锦里好物小店 and straight from the supplier across four provinces, shipments, one after-sales
 * case, a gift package that makes 何明 an agent with two invitees, and a month of marketing spend.
 * Everything goes through the real endpoints in process, the outbox is delivered, and the roll-ups
 * are rebuilt. Run by `npm run demo:seed` once the demo platform exists.
 */
export async function seedDemoAnalytics(platform: Platform): Promise<{ orders: number }> {
  const app = createApp(platform);
  const call = async (method: string, path: string, options: { token?: string; body?: unknown } = {}) => {
    const response = await app.request(path, {
      method,
      headers: { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    const body = text ? JSON.parse(text) : null;
    if (response.status >= 300) throw new Error(`demo analytics: ${method} ${path} → ${response.status} ${text.slice(0, 200)}`);
    return body;
  };
  const login = async (phone: string, surface: 'admin' | 'shop') => (await call('POST', `/${surface}/auth/login`, { body: { phone, password: DEMO_PASSWORD } })).token as string;
  const deliver = () => new OutboxDispatcher(platform.db, { subscribers: backgroundWork(platform, silentLogger).subscribers, clock: systemClock, logger: silentLogger }).drain();

  const card = await call('GET', '/shop/cards/me', { token: await login('13600000001', 'shop') });
  const jinliId = (await call('GET', '/admin/me', { token: await login('13700000003', 'admin') })).organization.id as string;
  // LY products are 杭州绿源's, MF products 广州美肤's: each supplier stocks and ships its own.
  const suppliers = { LY: await login('13900000001', 'admin'), MF: await login('13900000002', 'admin') };
  const supplierOf = (code: string) => suppliers[code.startsWith('MF') ? 'MF' : 'LY'];
  const storefront = (await call('GET', `/shop/storefronts/${jinliId}`)).items as { productId: string }[];
  const consumers = await Promise.all(['13500000001', '13500000002', '13500000003', '13500000004'].map((phone) => login(phone, 'shop')));

  // Card visits over the last day and a half (beacons may arrive up to 48 hours late).
  const now = Date.now();
  const at = (hoursAgo: number) => new Date(now - hoursAgo * 3_600_000).toISOString();
  for (let index = 0; index < 12; index++) {
    const visitorId = `v_demo_analytics_${String(index).padStart(2, '0')}`;
    const token = index < consumers.length ? consumers[index] : undefined;
    await call('POST', '/t/consent', { ...(token ? { token } : {}), body: { visitorId, cardId: card.id, granted: true } });
    const productId = storefront[index % storefront.length]!.productId;
    const events = [
      { kind: 'view', at: at(30 - index * 2) },
      ...(index % 3 !== 2 ? [{ kind: 'product_click', productId, at: at(29 - index * 2) }] : []),
      ...(index % 4 === 0 ? [{ kind: 'share', at: at(28 - index * 2) }] : []),
      ...(index % 5 === 1 ? [{ kind: 'forward', at: at(28 - index * 2) }, { kind: 'call', at: at(28 - index * 2) }] : []),
    ];
    await call('POST', '/t/events', { ...(token ? { token } : {}), body: { visitorId, cardId: card.id, events } });
  }

  const skuOf = async (code: string) => (await call('PUT', `/admin/catalog/skus/${code}/stock`, { token: supplierOf(code), body: { stock: 200 } })).skuId as string;
  const address = (province: string, city: string) => ({ recipientName: '演示买家', phone: '13500000999', province, city, district: '中心区', detail: '人民路 1 号' });
  const plan = [
    { buyer: 0, code: 'LY-004-1', merchant: true, province: '浙江省', city: '杭州市', ship: true },
    { buyer: 0, code: 'LY-005-1', merchant: true, province: '浙江省', city: '杭州市', ship: true },
    { buyer: 1, code: 'LY-006-1', merchant: true, province: '四川省', city: '成都市', ship: true },
    { buyer: 2, code: 'MF-002-1', merchant: true, province: '上海市', city: '上海市', ship: false },
    { buyer: 3, code: 'MF-003-1', merchant: true, province: '广东省', city: '深圳市', ship: true },
    { buyer: 2, code: 'LY-001-1', merchant: false, province: '上海市', city: '上海市', ship: false },
    { buyer: 1, code: 'LY-PKG-1', merchant: false, province: '四川省', city: '成都市', ship: false },
  ];
  const placed: { orderId: string; subOrderId: string; lineId: string; buyer: string }[] = [];
  for (const order of plan) {
    const buyer = consumers[order.buyer]!;
    const created = await call('POST', '/shop/orders', {
      token: buyer,
      body: { items: [{ skuId: await skuOf(order.code), quantity: 1 }], deliveryMethod: 'delivery', shippingAddress: address(order.province, order.city), ...(order.merchant ? { merchantId: jinliId } : {}) },
    });
    const payment = await call('POST', `/shop/orders/${created.id}/pay`, { token: buyer });
    await call('POST', `/shop/pay/sandbox/${payment.paymentId}/complete`, { body: { succeeded: true } });
    const subOrder = created.subOrders[0];
    if (order.ship) await call('POST', `/admin/sub-orders/${subOrder.id}/ship`, { token: supplierOf(order.code), body: { carrier: '顺丰速运', trackingNumber: `SF${String(now).slice(-8)}${placed.length}` } });
    placed.push({ orderId: created.id, subOrderId: subOrder.id, lineId: subOrder.lines[0].id, buyer });
  }
  const unhappy = placed[3]!;
  await call('POST', `/shop/orders/${unhappy.orderId}/after-sales`, { token: unhappy.buyer, body: { subOrderId: unhappy.subOrderId, kind: 'refund_only', reason: '不想要了', lines: [{ orderLineId: unhappy.lineId, quantity: 1 }] } });
  // The gift package makes 何明 an agent (on delivery); two friends bind to his invite code.
  await deliver();
  const inviteCode = (await call('GET', '/shop/distribution/me', { token: consumers[1]! })).inviteCode as string | null;
  if (inviteCode) for (const friend of [consumers[2]!, consumers[3]!]) await call('POST', '/shop/distribution/bind', { token: friend, body: { inviteCode } });
  await deliver();

  const ctx: RequestContext = {
    requestId: 'demo-analytics',
    locale: 'zh-CN',
    clock: systemClock,
    actor: { userId: 'system', sessionId: 'seed', displayName: '系统初始化', organizationId: null, organizationKind: 'platform', roles: ['platform_admin'], permissions: permissionsOf(['platform_admin']), scope: { kind: 'all' } },
  };
  const today = beijingDay(new Date(now));
  const spend: [number, SpendChannel, number, string, string][] = [
    [-28, 'card', 80_000, '浙江省', '名片推广·秋季'],
    [-21, 'distribution', 120_000, '四川省', '礼包推广'],
    [-14, 'direct', 60_000, '上海市', '信息流广告'],
    [-7, 'card', 50_000, '广东省', '名片推广·秋季'],
    [-1, 'direct', 30_000, '浙江省', '信息流广告'],
  ];
  for (const [offset, channel, amountFen, province, campaign] of spend) {
    await platform.analytics.service.spend.record(ctx, { day: addDays(today, offset), channel, amountFen: BigInt(amountFen), province, campaign });
  }
  await rebuildRollups(platform.db);
  await rollUpTracking(platform.db, systemClock);
  return { orders: placed.length };
}
