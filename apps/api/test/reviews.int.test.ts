import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, tableCounts, type TestPlatform } from './harness.ts';

let t: TestPlatform;
let buyer: string;
let otherBuyer: string;
let supplierA: string;
let supplierB: string;
let operations: string;
let merchant: string;
const address = { recipientName: '高雪', phone: '13500000333', province: '四川省', city: '成都市', district: '锦江区', detail: '春熙路 18 号' };

beforeAll(async () => {
  t = await startTestPlatform();
  buyer = await t.login('13500000003', 'shop'); // 高雪
  otherBuyer = await t.login('13500000001', 'shop'); // 林小雨
  supplierA = await t.login('13900000001');
  supplierB = await t.login('13900000002');
  operations = await t.login('13800000002');
  merchant = await t.login('13700000003'); // 周杰, 成都锦里好物小店
});
afterAll(() => t?.close());

const skuIdOf = async (code: string) => ((await t.database.executeSql('select id, product_id from skus where sku_code = $1', [code])).rows[0] as { id: string; product_id: string });

/** A paid order of one tea (supplier A) and one mask (supplier B), optionally through 周杰's storefront. */
async function paidOrder(token: string, options: { viaMerchant?: boolean } = {}) {
  await t.json('PUT', '/admin/catalog/skus/LY-003-1/stock', { token: supplierA, body: { stock: 50 } });
  await t.json('PUT', '/admin/catalog/skus/MF-002-1/stock', { token: supplierB, body: { stock: 50 } });
  const tea = await skuIdOf('LY-003-1');
  const mask = await skuIdOf('MF-002-1');
  let merchantId: string | null = null;
  if (options.viaMerchant) {
    merchantId = (await t.json('GET', '/admin/me', { token: merchant })).body.organizationId;
    for (const code of ['LY-003-1', 'MF-002-1']) {
      const { rows } = await t.database.executeSql('select id, suggested_retail_price_fen::int as price from skus where sku_code = $1', [code]);
      const sku = rows[0] as { id: string; price: number };
      expect((await t.json('PUT', `/admin/storefront/items/${sku.id}`, { token: merchant, body: { retailPriceFen: sku.price } })).status).toBe(200);
    }
  }
  const order = await t.json('POST', '/shop/orders', {
    token,
    body: { items: [{ skuId: tea.id, quantity: 1 }, { skuId: mask.id, quantity: 1 }], deliveryMethod: 'delivery', shippingAddress: address, ...(merchantId ? { merchantId } : {}) },
  });
  expect(order.status).toBe(201);
  const payment = (await t.json('POST', `/shop/orders/${order.body.id}/pay`, { token })).body;
  expect((await t.json('POST', `/shop/pay/sandbox/${payment.paymentId}/complete`, { body: { succeeded: true } })).body.outcome).toBe('applied');
  const lines = order.body.subOrders.flatMap((subOrder: any) => subOrder.lines.map((line: any) => ({ ...line, subOrderId: subOrder.id, supplierId: subOrder.supplierId })));
  const teaLine = lines.find((line: any) => line.skuId === tea.id);
  const maskLine = lines.find((line: any) => line.skuId === mask.id);
  return { orderId: order.body.id as string, teaLine, maskLine, teaProductId: tea.product_id, maskProductId: mask.product_id };
}

async function shipAll(order: Awaited<ReturnType<typeof paidOrder>>) {
  expect((await t.json('POST', `/admin/sub-orders/${order.teaLine.subOrderId}/ship`, { token: supplierA, body: { carrier: '顺丰速运', trackingNumber: `SF${Date.now()}1` } })).status).toBe(200);
  expect((await t.json('POST', `/admin/sub-orders/${order.maskLine.subOrderId}/ship`, { token: supplierB, body: { carrier: '中通快递', trackingNumber: `ZT${Date.now()}2` } })).status).toBe(200);
}

const review = (orderLineId: string, extra: object = {}) => ({ orderLineId, rating: 5, content: '茶香浓郁，包装很好', photoUrls: ['https://img.example.com/r1.jpg'], ...extra });

describe('reviews', () => {
  it('accepts a review only after receipt, only once per line, and only from the buyer', async () => {
    const order = await paidOrder(buyer);
    const early = await t.json('POST', `/shop/orders/${order.orderId}/reviews`, { token: buyer, body: { reviews: [review(order.teaLine.id)] } });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('review_not_received');
    await shipAll(order);
    expect((await t.json('POST', `/shop/orders/${order.orderId}/reviews`, { token: buyer, body: { reviews: [review(order.teaLine.id)] } })).body.error.code).toBe('review_not_received');
    expect((await t.json('POST', `/shop/orders/${order.orderId}/confirm-receipt`, { token: buyer })).status).toBe(200);

    const stranger = await t.json('POST', `/shop/orders/${order.orderId}/reviews`, { token: otherBuyer, body: { reviews: [review(order.teaLine.id)] } });
    expect(stranger.status).toBe(404);
    expect((await t.json('POST', `/shop/orders/${order.orderId}/reviews`, { body: { reviews: [review(order.teaLine.id)] } })).status).toBe(401);

    const created = await t.json('POST', `/shop/orders/${order.orderId}/reviews`, { token: buyer, body: { reviews: [review(order.teaLine.id), review(order.maskLine.id, { rating: 3, anonymous: true, content: '一般' })] } });
    expect(created.status).toBe(201);
    expect(created.body.items).toHaveLength(2);
    expect(created.body.items[0]).toMatchObject({ orderLineId: order.teaLine.id, rating: 5, buyerName: '高*', status: 'visible', reply: null, supplierId: order.teaLine.supplierId });
    expect(created.body.items[1]).toMatchObject({ buyerName: '匿名用户', anonymous: true });

    const again = await t.json('POST', `/shop/orders/${order.orderId}/reviews`, { token: buyer, body: { reviews: [review(order.teaLine.id, { rating: 1 })] } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('review_exists');
    const { rows } = await t.database.executeSql("select count(*)::int as n from outbox_events where type = 'review.created' and aggregate_id = any($1)", [created.body.items.map((item: any) => item.id)]);
    expect((rows[0] as { n: number }).n).toBe(2);
  });

  it('refuses bad input, lines of other orders and repeated lines, writing nothing', async () => {
    const order = await paidOrder(buyer);
    await shipAll(order);
    await t.json('POST', `/shop/orders/${order.orderId}/confirm-receipt`, { token: buyer });
    const other = await paidOrder(buyer);
    const before = await tableCounts(t);
    const cases: [object, number, string][] = [
      [{ reviews: [review(order.teaLine.id, { rating: 6 })] }, 400, 'validation_failed'],
      [{ reviews: [review(order.teaLine.id, { rating: 0 })] }, 400, 'validation_failed'],
      [{ reviews: [review(order.teaLine.id, { content: '好'.repeat(501) })] }, 400, 'validation_failed'],
      [{ reviews: [review(order.teaLine.id, { photoUrls: Array.from({ length: 10 }, (_, i) => `https://img.example.com/${i}.jpg`) })] }, 400, 'validation_failed'],
      [{ reviews: [review(order.teaLine.id, { photoUrls: ['javascript:alert(1)'] })] }, 400, 'validation_failed'],
      [{ reviews: [] }, 400, 'validation_failed'],
      [{ reviews: [review(order.teaLine.id)], extra: true }, 400, 'validation_failed'],
      [{ reviews: [review(other.teaLine.id)] }, 422, 'review_line_not_in_order'],
      [{ reviews: [review(order.teaLine.id), review(order.teaLine.id)] }, 422, 'review_duplicate_line'],
    ];
    for (const [body, status, code] of cases) {
      const response = await t.json('POST', `/shop/orders/${order.orderId}/reviews`, { token: buyer, body });
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(response.body.error.code).toBe(code);
    }
    expect(await tableCounts(t)).toEqual(before);
    const english = await t.json('POST', `/shop/orders/${order.orderId}/reviews`, { token: buyer, body: { reviews: [review(other.teaLine.id)] }, headers: { 'accept-language': 'en' } });
    expect(english.body.error.message).toBe('This line is not part of the order');
  });

  it('shows a product’s rating, count and visible reviews with masked names, and the buyer’s own reviews', async () => {
    const order = await paidOrder(otherBuyer);
    await shipAll(order);
    await t.json('POST', `/shop/orders/${order.orderId}/confirm-receipt`, { token: otherBuyer });
    expect((await t.json('POST', `/shop/orders/${order.orderId}/reviews`, { token: otherBuyer, body: { reviews: [review(order.teaLine.id, { rating: 4, content: '回购' })] } })).status).toBe(201);

    const page = await t.json('GET', `/shop/products/${order.teaProductId}/reviews?pageSize=1`);
    expect(page.status).toBe(200);
    expect(page.body.summary.count).toBe(page.body.total);
    expect(page.body.total).toBeGreaterThanOrEqual(2);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.items[0]).toMatchObject({ rating: 4, content: '回购', buyerName: '林***雨' });
    expect(page.body.items[0]).not.toHaveProperty('buyerUserId');
    expect(JSON.stringify(page.body)).not.toContain('林小雨');
    const { distribution, count, averageRating } = page.body.summary;
    const stars = Object.entries(distribution as Record<string, number>).reduce((sum, [rating, n]) => sum + Number(rating) * n, 0);
    expect(averageRating).toBe(Math.round((stars / count) * 10) / 10);
    expect((await t.json('GET', `/shop/products/${order.teaProductId}/reviews?page=2&pageSize=1`)).body.items).toHaveLength(1);
    expect((await t.json('GET', '/shop/products/prd_00000000000000000000000000/reviews')).body).toMatchObject({ summary: { averageRating: null, count: 0 }, items: [], total: 0 });

    const mine = await t.json('GET', '/shop/me/reviews', { token: otherBuyer });
    expect(mine.body.items.map((item: any) => item.orderLineId)).toEqual([order.teaLine.id]);
    expect((await t.json('GET', '/shop/me/reviews')).status).toBe(401);
  });

  it('lets the selling merchant or supplier reply once, within their scope only', async () => {
    const order = await paidOrder(buyer, { viaMerchant: true });
    await shipAll(order);
    await t.json('POST', `/shop/orders/${order.orderId}/confirm-receipt`, { token: buyer });
    const created = await t.json('POST', `/shop/orders/${order.orderId}/reviews`, { token: buyer, body: { reviews: [review(order.teaLine.id), review(order.maskLine.id, { rating: 2 })] } });
    const [teaReview, maskReview] = created.body.items;
    expect(teaReview.merchantId).not.toBeNull();

    const seenBy = async (token: string) => (await t.json('GET', '/admin/reviews?pageSize=100', { token })).body.items.map((item: any) => item.id);
    expect(await seenBy(supplierA)).toContain(teaReview.id);
    expect(await seenBy(supplierA)).not.toContain(maskReview.id);
    expect(await seenBy(merchant)).toEqual(expect.arrayContaining([teaReview.id, maskReview.id]));
    expect(await seenBy(await t.login('13700000001'))).toEqual([]); // another merchant
    expect((await t.json('GET', `/admin/reviews?rating=2&replied=false&pageSize=100`, { token: operations })).body.items.map((item: any) => item.id)).toContain(maskReview.id);

    const foreign = await t.json('POST', `/admin/reviews/${teaReview.id}/reply`, { token: supplierB, body: { content: '谢谢' } });
    expect(foreign.status).toBe(404);
    const platform = await t.json('POST', `/admin/reviews/${teaReview.id}/reply`, { token: operations, body: { content: '谢谢' } });
    expect(platform.status).toBe(403);
    expect(platform.body.error.code).toBe('review_reply_forbidden');
    expect((await t.json('POST', `/admin/reviews/${teaReview.id}/reply`, { token: supplierA, body: { content: '  ' } })).status).toBe(400);

    const replied = await t.json('POST', `/admin/reviews/${teaReview.id}/reply`, { token: supplierA, body: { content: '感谢支持，欢迎再来' } });
    expect(replied.status).toBe(200);
    expect(replied.body.reply.content).toBe('感谢支持，欢迎再来');
    // One reply per review: the merchant cannot add a second one after the supplier.
    const second = await t.json('POST', `/admin/reviews/${teaReview.id}/reply`, { token: merchant, body: { content: '我们也感谢您' } });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('review_already_replied');
    expect((await t.json('POST', `/admin/reviews/${maskReview.id}/reply`, { token: merchant, body: { content: '抱歉，已联系您处理' } })).status).toBe(200);

    const audit = (await t.json('GET', `/admin/audit-log?entityId=${teaReview.id}`, { token: supplierA })).body.items;
    expect(audit[0]).toMatchObject({ action: 'review.replied', before: { reply: null }, after: { reply: '感谢支持，欢迎再来' } });
    const shown = (await t.json('GET', `/shop/products/${order.teaProductId}/reviews?pageSize=100`)).body.items.find((item: any) => item.id === teaReview.id);
    expect(shown.reply.content).toBe('感谢支持，欢迎再来');
  });

  it('lets only the platform hide a review, audited, and takes it off the product page', async () => {
    const order = await paidOrder(buyer);
    await shipAll(order);
    await t.json('POST', `/shop/orders/${order.orderId}/confirm-receipt`, { token: buyer });
    const created = await t.json('POST', `/shop/orders/${order.orderId}/reviews`, { token: buyer, body: { reviews: [review(order.teaLine.id, { rating: 1, content: '广告内容' })] } });
    const id = created.body.items[0].id;
    const summaryBefore = (await t.json('GET', `/shop/products/${order.teaProductId}/reviews`)).body.summary;

    const bySupplier = await t.json('POST', `/admin/reviews/${id}/hide`, { token: supplierA, body: { reason: '差评' } });
    expect(bySupplier.status).toBe(403);
    expect((await t.json('POST', `/admin/reviews/${id}/hide`, { token: operations, body: {} })).status).toBe(400);
    const hidden = await t.json('POST', `/admin/reviews/${id}/hide`, { token: operations, body: { reason: '含广告信息' } });
    expect(hidden.status).toBe(200);
    expect(hidden.body).toMatchObject({ status: 'hidden', hiddenReason: '含广告信息' });
    expect((await t.json('POST', `/admin/reviews/${id}/hide`, { token: operations, body: { reason: '再次' } })).body.error.code).toBe('review_already_hidden');

    const page = (await t.json('GET', `/shop/products/${order.teaProductId}/reviews?pageSize=100`)).body;
    expect(page.items.map((item: any) => item.id)).not.toContain(id);
    expect(page.summary.count).toBe(summaryBefore.count - 1);
    expect(page.summary.distribution['1']).toBe(summaryBefore.distribution['1'] - 1);
    const mine = (await t.json('GET', '/shop/me/reviews?pageSize=100', { token: buyer })).body.items.find((item: any) => item.id === id);
    expect(mine).toMatchObject({ status: 'hidden', hiddenReason: '含广告信息' });
    const audit = (await t.json('GET', `/admin/audit-log?entityId=${id}`, { token: await t.login('13800000001') })).body.items;
    expect(audit[0]).toMatchObject({ action: 'review.hidden', before: { status: 'visible' }, after: { status: 'hidden', hiddenReason: '含广告信息' } });
    expect((await t.json('GET', '/admin/reviews?status=hidden', { token: operations })).body.items.map((item: any) => item.id)).toContain(id);
  });
});
