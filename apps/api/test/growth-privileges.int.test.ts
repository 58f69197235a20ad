import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, tableCounts, type TestPlatform } from './harness.ts';

/**
 * The two level privileges the orders feel: 优先发货 (a paid order of a buyer whose level grants it
 * ships first, marked for good at payment) and 爆品专享 (checkout and its quote sell a hot product
 * only to buyers whose level grants access). The demo levels: 白银会员 (1,000 points, 3 invites) opens
 * hot products, 黄金会员 (5,000 points, 10 invites) also ships first.
 */
let t: TestPlatform;
let operations: string;
let supplier: string;
const buyers: Record<'gold' | 'plain' | 'silver', { token: string; id: string }> = {} as never;
const address = { recipientName: '林小雨', phone: '13500000111', province: '浙江省', city: '杭州市', district: '西湖区', detail: '龙井路 1 号' };

/** Points and invites are earned elsewhere (growth-*.int.test.ts); here a buyer's standing is set directly. */
async function standing(userId: string, points: number, invites: number) {
  await t.database.executeSql(
    `insert into growth_members (member_id, points_balance, qualified_invites, updated_at) values ($1, $2, $3, now())
     on conflict (member_id) do update set points_balance = excluded.points_balance, qualified_invites = excluded.qualified_invites`,
    [userId, points, invites],
  );
}

const skuId = async (code: string) => ((await t.database.executeSql('select id, product_id from skus where sku_code = $1', [code])).rows[0] as { id: string; product_id: string });

/** A paid delivery order of one SKU through the sandbox payment, as the buyer's app makes it. */
async function paidOrder(token: string, sku: string): Promise<{ orderId: string; paymentId: string }> {
  const order = await t.json('POST', '/shop/orders', { token, body: { items: [{ skuId: sku, quantity: 1 }], deliveryMethod: 'delivery', shippingAddress: address } });
  expect(order.status, JSON.stringify(order.body)).toBe(201);
  const payment = (await t.json('POST', `/shop/orders/${order.body.id}/pay`, { token })).body;
  expect((await t.json('POST', `/shop/pay/sandbox/${payment.paymentId}/complete`, { body: { succeeded: true } })).body.outcome).toBe('applied');
  return { orderId: order.body.id, paymentId: payment.paymentId };
}

const awaiting = async (query = '') => (await t.json('GET', `/admin/orders?status=paid&pageSize=100${query}`, { token: supplier })).body.items as any[];

beforeAll(async () => {
  t = await startTestPlatform();
  operations = await t.login('13800000002');
  supplier = await t.login('13900000001');
  for (const [name, phone] of [['gold', '13500000001'], ['plain', '13500000002'], ['silver', '13500000003']] as const) {
    const token = await t.login(phone, 'shop');
    buyers[name] = { token, id: (await t.json('GET', '/shop/me', { token })).body.id };
  }
  await standing(buyers.gold.id, 6_000, 12);
  await standing(buyers.silver.id, 1_500, 3);
  for (const code of ['LY-005-1', 'LY-006-1', 'LY-003-2', 'LY-004-1']) await t.json('PUT', `/admin/catalog/skus/${code}/stock`, { token: supplier, body: { stock: 40 } });
});
afterAll(() => t?.close());

describe('优先发货: priority shipping', () => {
  it('marks a gold buyer’s paid order, lists it first among those awaiting shipment, oldest paid next, and filters on it', async () => {
    const tea = (await skuId('LY-005-1')).id;
    const older = await paidOrder(buyers.plain.token, tea);
    const priority = await paidOrder(buyers.gold.token, tea);
    const newer = await paidOrder(buyers.silver.token, tea);

    const rows = (await awaiting()).filter((row) => [older.orderId, priority.orderId, newer.orderId].includes(row.orderId));
    expect(rows.map((row) => row.orderId)).toEqual([priority.orderId, older.orderId, newer.orderId]);
    expect(rows[0]).toMatchObject({ priorityShipping: true, priorityShippingReason: { kind: 'member_level', levelNameZh: '黄金会员', levelNameEn: 'Gold', points: 6_000, qualifiedInvites: 12 } });
    expect(rows.slice(1).map((row) => [row.priorityShipping, row.priorityShippingReason])).toEqual([[false, null], [false, null]]);
    // order.paid (webhooks, a warehouse system) carries the same decision.
    const paidEvents = await t.database.executeSql(`select payload from outbox_events where type = 'order.paid' and aggregate_id = any($1)`, [[older.orderId, priority.orderId, newer.orderId]]);
    expect(Object.fromEntries((paidEvents.rows as { payload: { orderId: string; priorityShipping: boolean } }[]).map(({ payload }) => [payload.orderId, payload.priorityShipping]))).toEqual({ [older.orderId]: false, [priority.orderId]: true, [newer.orderId]: false });
    // Every priority row comes before every other row, and within each group the oldest paid comes first.
    const all = await awaiting();
    const firstPlain = all.findIndex((row) => !row.priorityShipping);
    expect(all.slice(firstPlain).some((row) => row.priorityShipping)).toBe(false);
    for (const group of [all.slice(0, firstPlain), all.slice(firstPlain)]) expect(group.map((row) => row.paidAt)).toEqual([...group.map((row) => row.paidAt)].sort());

    const onlyPriority = await awaiting('&priority=true');
    expect(onlyPriority.map((row) => row.orderId)).toContain(priority.orderId);
    expect(onlyPriority.every((row) => row.priorityShipping)).toBe(true);
    expect((await awaiting('&priority=false')).some((row) => row.orderId === priority.orderId)).toBe(false);
    const bad = await t.json('GET', '/admin/orders?priority=maybe', { token: supplier });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });

  it('keeps the mark when the level is lost, decides once on a replayed notification, and marks no new order after', async () => {
    const tea = (await skuId('LY-006-1')).id;
    const marked = await paidOrder(buyers.gold.token, tea);
    const replay = await t.json('POST', `/shop/pay/sandbox/${marked.paymentId}/complete`, { body: { succeeded: true } });
    expect(replay.body.outcome).not.toBe('applied');
    await standing(buyers.gold.id, 0, 0);
    const later = await paidOrder(buyers.gold.token, tea);
    const rows = await awaiting();
    expect(rows.find((row) => row.orderId === marked.orderId)).toMatchObject({ priorityShipping: true, priorityShippingReason: { levelNameZh: '黄金会员' } });
    expect(rows.find((row) => row.orderId === later.orderId)).toMatchObject({ priorityShipping: false, priorityShippingReason: null });
    // Shipping it still works, and the mark stays on the shipped sub-order.
    const subOrderId = rows.find((row) => row.orderId === marked.orderId).id;
    const shipped = await t.json('POST', `/admin/sub-orders/${subOrderId}/ship`, { token: supplier, body: { carrier: '顺丰速运', trackingNumber: 'SF2000000001' } });
    expect(shipped.body).toMatchObject({ status: 'shipped', priorityShipping: true });
    await standing(buyers.gold.id, 6_000, 12);
  });
});

describe('爆品专享: hot products', () => {
  let hot: { id: string; product_id: string };

  beforeAll(async () => {
    hot = await skuId('LY-004-1');
  });

  it('is set by platform operations only, audited, and shown in the shop with the level it needs', async () => {
    const asSupplier = await t.json('PUT', `/admin/products/${hot.product_id}/hot-product`, { token: supplier, body: { hotProduct: true } });
    expect(asSupplier.status).toBe(403);
    const merchant = await t.login('13700000001');
    expect((await t.json('PUT', `/admin/products/${hot.product_id}/hot-product`, { token: merchant, body: { hotProduct: true } })).status).toBe(403);
    expect((await t.json('PUT', `/admin/products/${hot.product_id}/hot-product`, { token: operations, body: { hotProduct: 'yes' } })).status).toBe(400);

    const set = await t.json('PUT', `/admin/products/${hot.product_id}/hot-product`, { token: operations, body: { hotProduct: true } });
    expect(set.status).toBe(200);
    expect(set.body.hotProduct).toBe(true);
    const again = await t.json('PUT', `/admin/products/${hot.product_id}/hot-product`, { token: operations, body: { hotProduct: true } });
    expect(again.status).toBe(200);
    const audit = (await t.json('GET', `/admin/audit-log?entityId=${hot.product_id}`, { token: await t.login('13800000001') })).body.items.filter((entry: any) => entry.action.startsWith('product.hot_'));
    // Setting it to what it already is records nothing.
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'product.hot_reserved', before: { hotProduct: false }, after: { hotProduct: true } });

    expect((await t.json('GET', `/shop/products/${hot.product_id}`)).body.hotProduct).toBe(true);
    // The lists mark it too (home, search, category, storefront), and only it.
    const title = ((await t.database.executeSql('select title from products where id = $1', [hot.product_id])).rows[0] as { title: string }).title;
    const home = (await t.json('GET', '/shop/home')).body.products as Array<{ id: string; hotProduct: boolean }>;
    expect(home.filter((product) => product.hotProduct).map((product) => product.id)).toEqual([hot.product_id]);
    const found = (await t.json('GET', `/shop/search?q=${encodeURIComponent(title)}`)).body.items as Array<{ id: string; hotProduct: boolean }>;
    expect(found.find((product) => product.id === hot.product_id)?.hotProduct).toBe(true);
    expect(found.filter((product) => product.id !== hot.product_id).every((product) => !product.hotProduct)).toBe(true);
    // So do recommendations (the shop home's 猜你喜欢), which fill with products on sale.
    const recommended = (await t.json('GET', '/shop/recommendations?limit=20')).body.items as Array<{ productId: string; hotProduct: boolean }>;
    expect(recommended.find((item) => item.productId === hot.product_id)?.hotProduct).toBe(true);
    expect(recommended.filter((item) => item.hotProduct).map((item) => item.productId)).toEqual([hot.product_id]);
    const levels = (await t.json('GET', '/shop/growth/levels')).body.items as any[];
    expect(levels.find((level) => level.hotProductAccess).nameZh).toBe('白银会员');
  });

  it('refuses a buyer without the privilege on every cart that could buy it, in both languages, changing nothing', async () => {
    const plain = buyers.plain.token;
    const claimable = (await t.json('GET', '/shop/coupons/claimable', { token: plain })).body.items as Array<{ id: string; name: string }>;
    const couponId = (await t.json('POST', `/shop/coupons/${claimable.find((coupon) => coupon.name === '新人无门槛5元')!.id}/claim`, { token: plain })).body.id as string;
    const merchantId = ((await t.database.executeSql('select merchant_id from storefront_items where sku_id = $1 limit 1', [hot.id])).rows[0] as { merchant_id: string }).merchant_id;
    const activityId = ((await t.database.executeSql('select id from group_buy_activities where sku_id = $1', [hot.id])).rows[0] as { id: string }).id;
    const stock = async () => ((await t.database.executeSql('select stock from skus where id = $1', [hot.id])).rows[0] as { stock: number }).stock;
    const before = { counts: await tableCounts(t), stock: await stock() };

    const carts = [
      { items: [{ skuId: hot.id, quantity: 1 }], couponId },
      { items: [{ skuId: hot.id, quantity: 1 }], merchantId },
      { items: [{ skuId: hot.id, quantity: 1 }], groupBuy: { activityId } },
    ];
    for (const cart of carts) {
      const quote = await t.json('POST', '/shop/checkout/quote', { token: plain, body: cart, headers: { 'accept-language': 'zh-CN' } });
      expect(quote.status, JSON.stringify(cart)).toBe(403);
      expect(quote.body.error).toMatchObject({ code: 'hot_product_level_required', details: { productId: hot.product_id, levelNameZh: '白银会员' } });
      expect(quote.body.error.message).toContain('爆品专享');
      expect(quote.body.error.message).toContain('白银会员');
      const order = await t.json('POST', '/shop/orders', { token: plain, body: { ...cart, deliveryMethod: 'delivery', shippingAddress: address }, headers: { 'accept-language': 'en' } });
      expect(order.status).toBe(403);
      expect(order.body.error.code).toBe('hot_product_level_required');
      expect(order.body.error.message).toContain('Silver');
    }
    expect(await tableCounts(t)).toEqual(before.counts);
    expect(await stock()).toBe(before.stock);
    const coupon = (await t.json('GET', '/shop/coupons/mine?status=available', { token: plain })).body.items.find((item: any) => item.id === couponId);
    expect(coupon?.status).toBe('available');
  });

  it('gates flash-sale carts too', async () => {
    const flash = await skuId('LY-003-2');
    await t.json('PUT', `/admin/products/${flash.product_id}/hot-product`, { token: operations, body: { hotProduct: true } });
    const flashSaleId = ((await t.database.executeSql('select flash_sale_id from flash_sale_items where sku_id = $1', [flash.id])).rows[0] as { flash_sale_id: string }).flash_sale_id;
    const cart = { items: [{ skuId: flash.id, quantity: 1, flashSaleId }] };
    const refused = await t.json('POST', '/shop/orders', { token: buyers.plain.token, body: { ...cart, deliveryMethod: 'delivery', shippingAddress: address } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('hot_product_level_required');
    const sold = await t.json('POST', '/shop/orders', { token: buyers.silver.token, body: { ...cart, deliveryMethod: 'delivery', shippingAddress: address } });
    expect(sold.status, JSON.stringify(sold.body)).toBe(201);
    expect(sold.body.subOrders[0].lines[0].unitPriceFen).toBe(4_990);
  });

  it('sells to a buyer whose level grants access, and to everyone once released', async () => {
    const cart = { items: [{ skuId: hot.id, quantity: 1 }] };
    expect((await t.json('POST', '/shop/checkout/quote', { token: buyers.silver.token, body: cart })).status).toBe(200);
    const order = await t.json('POST', '/shop/orders', { token: buyers.silver.token, body: { ...cart, deliveryMethod: 'delivery', shippingAddress: address } });
    expect(order.status).toBe(201);

    const released = await t.json('PUT', `/admin/products/${hot.product_id}/hot-product`, { token: operations, body: { hotProduct: false } });
    expect(released.body.hotProduct).toBe(false);
    expect((await t.json('POST', '/shop/checkout/quote', { token: buyers.plain.token, body: cart })).status).toBe(200);
  });
});
