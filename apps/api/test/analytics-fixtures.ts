import { OutboxDispatcher, silentLogger } from '@linkmall/events';
import { rollUpTracking } from '@linkmall/analytics';
import { systemClock } from '@linkmall/kernel';
import { backgroundWork } from '../src/background.ts';
import type { TestPlatform } from './harness.ts';

export const OPERATIONS = '13800000002';
export const FINANCE = '13800000003';
/** 赵敏 and 吴婷: merchant admin and shop guide of 上海悦享生活旗舰店 (吴婷 has the demo card). */
export const YUEXIANG_ADMIN = '13700000001';
export const YUEXIANG_GUIDE = '13600000001';
/** 周杰: merchant admin of 成都锦里好物小店, whose storefront sells the demo products. */
export const JINLI_ADMIN = '13700000003';

export interface Activity {
  readonly cardId: string;
  readonly yuexiangId: string;
  readonly jinliId: string;
  readonly orders: { id: string; payableFen: number; buyer: string }[];
}

/**
 * Card visits and orders through the real endpoints: three consented visitors on 吴婷's card (one
 * of them 林小雨, signed in, who then buys twice at 锦里: attributed to the card), two of them click
 * a product, one shares; 何明 buys once straight from the supplier. The outbox is then delivered
 * (analytics.rollup among the worker's subscribers) and the tracking watermark job run.
 */
export async function seedAnalyticsActivity(t: TestPlatform): Promise<Activity> {
  const guide = await t.login(YUEXIANG_GUIDE, 'shop');
  const card = (await t.json('GET', '/shop/cards/me', { token: guide })).body;
  const yuexiangId = (await t.json('GET', '/admin/me', { token: await t.login(YUEXIANG_ADMIN) })).body.organization.id as string;
  const jinliId = (await t.json('GET', '/admin/me', { token: await t.login(JINLI_ADMIN) })).body.organization.id as string;
  const supplier = await t.login('13900000001');
  const skuIds: string[] = [];
  for (const code of ['LY-004-1', 'LY-001-1']) skuIds.push((await t.json('PUT', `/admin/catalog/skus/${code}/stock`, { token: supplier, body: { stock: 40 } })).body.skuId);
  const productId = (await t.json('GET', `/shop/storefronts/${jinliId}`)).body.items[0].productId as string;
  const lin = await t.login('13500000001', 'shop');
  const now = () => new Date().toISOString();
  const visitors = [
    { visitorId: 'v_analyticsapi_lin0', token: lin, events: [{ kind: 'view', at: now() }, { kind: 'product_click', productId, at: now() }, { kind: 'share', at: now() }] },
    { visitorId: 'v_analyticsapi_anon1', token: undefined, events: [{ kind: 'view', at: now() }, { kind: 'product_click', productId, at: now() }] },
    { visitorId: 'v_analyticsapi_anon2', token: undefined, events: [{ kind: 'view', at: now() }, { kind: 'dwell', seconds: 5, at: now() }] },
  ];
  for (const visitor of visitors) {
    const options = visitor.token ? { token: visitor.token } : {};
    const consent = await t.json('POST', '/t/consent', { ...options, body: { visitorId: visitor.visitorId, cardId: card.id, granted: true } });
    if (consent.status !== 200) throw new Error(`consent ${consent.status}`);
    const tracked = await t.json('POST', '/t/events', { ...options, body: { visitorId: visitor.visitorId, cardId: card.id, events: visitor.events } });
    if (tracked.status !== 202) throw new Error(`tracking ${tracked.status} ${JSON.stringify(tracked.body)}`);
  }
  const address = (province: string, city: string) => ({ recipientName: '测试', phone: '13500000999', province, city, district: '中心区', detail: '人民路 1 号' });
  const orders: Activity['orders'] = [];
  for (const order of [
    { buyer: '13500000001', token: lin, skuId: skuIds[0]!, merchantId: jinliId, province: '浙江省', city: '杭州市' },
    { buyer: '13500000001', token: lin, skuId: skuIds[0]!, merchantId: jinliId, province: '浙江省', city: '杭州市' },
    { buyer: '13500000002', token: await t.login('13500000002', 'shop'), skuId: skuIds[1]!, merchantId: undefined, province: '上海市', city: '上海市' },
  ]) {
    const placed = await t.json('POST', '/shop/orders', {
      token: order.token,
      body: { items: [{ skuId: order.skuId, quantity: 1 }], deliveryMethod: 'delivery', shippingAddress: address(order.province, order.city), ...(order.merchantId ? { merchantId: order.merchantId } : {}) },
    });
    if (placed.status !== 201) throw new Error(`order ${placed.status} ${JSON.stringify(placed.body)}`);
    const payment = (await t.json('POST', `/shop/orders/${placed.body.id}/pay`, { token: order.token })).body;
    const paid = await t.json('POST', `/shop/pay/sandbox/${payment.paymentId}/complete`, { body: { succeeded: true } });
    if (paid.status !== 200) throw new Error(`payment ${paid.status}`);
    orders.push({ id: placed.body.id, payableFen: placed.body.payableFen, buyer: order.buyer });
  }
  await deliverAnalytics(t);
  return { cardId: card.id, yuexiangId, jinliId, orders };
}

/** What the worker does: deliver the outbox to every subscriber, then roll up the tracking rows until all are in. */
export async function deliverAnalytics(t: TestPlatform): Promise<void> {
  const report = await new OutboxDispatcher(t.platform.db, { subscribers: backgroundWork(t.platform, silentLogger).subscribers, clock: systemClock, logger: silentLogger }).drain();
  if (report.failed > 0) throw new Error(`outbox deliveries failed: ${JSON.stringify(report)}`);
  const high = ((await t.database.executeSql('select coalesce(max(id), 0)::text as high from radar_events', [])).rows[0] as { high: string }).high;
  // Tracking rows count once no transaction that could still write one below the high mark is open.
  for (let attempt = 0; (await rollUpTracking(t.platform.db, systemClock)).throughId !== high; attempt++) {
    if (attempt > 20) throw new Error('tracking rows were never rolled up');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
