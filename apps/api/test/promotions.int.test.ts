import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, systemContext } from '@linkmall/kernel';
import { OutboxDispatcher, silentLogger } from '@linkmall/events';
import { backgroundWork } from '../src/background.ts';
import { startTestPlatform, type TestPlatform } from './harness.ts';

const clock = fixedClock(new Date('2026-11-22T10:00:00+08:00'));
const HOUR_MS = 3_600_000;
let t: TestPlatform;
let admin: string;
let merchant: string;
let supplierA: string;
let supplierB: string;
let buyer: string;
const address = { recipientName: '林小雨', phone: '13512345678', province: '上海市', city: '上海市', district: '黄浦区', detail: '南京东路 300 号 5 楼' };

const at = (offsetMs: number) => new Date(clock.now().getTime() + offsetMs).toISOString();
async function stockUp(token: string, skuCode: string, stock: number): Promise<string> {
  const response = await t.json('PUT', `/admin/catalog/skus/${skuCode}/stock`, { token, body: { stock } });
  expect(response.status).toBe(200);
  return response.body.skuId;
}
async function one<T = Record<string, unknown>>(sql: string, values: unknown[]): Promise<T> {
  return (await t.database.executeSql(sql, values)).rows[0] as T;
}
const stockOf = async (skuId: string) => Number((await one<{ stock: number }>('select stock from skus where id = $1', [skuId])).stock);
const checkout = (token: string, body: Record<string, unknown>) => t.json('POST', '/shop/orders', { token, body: { deliveryMethod: 'delivery', shippingAddress: address, ...body } });

let shopperNumber = 0;
/** A fresh consumer signed in through (offline) WeChat login. */
async function newShopper(): Promise<string> {
  const response = await t.json('POST', '/shop/auth/wechat', { body: { code: `promo-shopper-${++shopperNumber}` } });
  expect(response.status).toBe(200);
  return response.body.token;
}
async function pay(token: string, orderId: string): Promise<void> {
  const payment = (await t.json('POST', `/shop/orders/${orderId}/pay`, { token })).body;
  const completed = await t.json('POST', `/shop/pay/sandbox/${payment.paymentId}/complete`, { body: { succeeded: true } });
  expect(completed.body.outcome).toBe('applied');
}
/** Delivers the outbox to the platform's real subscribers (the group-buy seat is taken on `order.paid`). */
async function deliverEvents(): Promise<void> {
  const dispatcher = new OutboxDispatcher(t.platform.db, { subscribers: backgroundWork(t.platform, silentLogger).subscribers, clock, logger: silentLogger });
  const report = await dispatcher.drain();
  expect(report.failed).toBe(0);
}
/** Runs the scheduled group-buy job exactly as the worker would. */
async function runGroupJob(): Promise<void> {
  const job = backgroundWork(t.platform, silentLogger).jobs.find((candidate) => candidate.name === 'promotions.fail-expired-groups')!;
  await job.handle(systemContext(clock), { id: 'test', name: job.name, data: {} });
}

beforeAll(async () => {
  t = await startTestPlatform({ clock });
  admin = await t.login('13800000001');
  merchant = await t.login('13700000001');
  supplierA = await t.login('13900000001');
  supplierB = await t.login('13900000002');
  buyer = await t.login('13500000001', 'shop');
});
afterAll(() => t?.close());

describe('coupons', () => {
  const fixed = () => ({ kind: 'fixed', validFrom: at(-HOUR_MS), validUntil: at(30 * 24 * HOUR_MS) });

  it('lets the platform and a merchant issue coupons, each managing only its own', async () => {
    const platformCoupon = await t.json('POST', '/admin/promotions/coupons', {
      token: admin,
      body: { name: '平台满200减30', rule: { kind: 'full_reduction', thresholdFen: 20000, reductionFen: 3000 }, totalQuantity: 100, perUserLimit: 1, validity: fixed() },
    });
    expect(platformCoupon.status).toBe(201);
    expect(platformCoupon.body).toMatchObject({ merchantId: null, remainingQuantity: 100, status: 'active' });
    const merchantCoupon = await t.json('POST', '/admin/promotions/coupons', {
      token: merchant,
      body: { name: '店铺9折', rule: { kind: 'discount', rateBps: 1000, maxDiscountFen: 2000 }, totalQuantity: 10, perUserLimit: 1, validity: { kind: 'days_after_claim', days: 7 } },
    });
    expect(merchantCoupon.status).toBe(201);
    expect(merchantCoupon.body.merchantId).toMatch(/^org_/);

    const seenByMerchant = (await t.json('GET', '/admin/promotions/coupons', { token: merchant })).body.items.map((item: any) => item.id);
    expect(seenByMerchant).toContain(merchantCoupon.body.id);
    expect(seenByMerchant).not.toContain(platformCoupon.body.id);
    const seenByPlatform = (await t.json('GET', '/admin/promotions/coupons?pageSize=100', { token: admin })).body.items.map((item: any) => item.id);
    expect(seenByPlatform).toEqual(expect.arrayContaining([platformCoupon.body.id, merchantCoupon.body.id]));
    expect((await t.json('POST', `/admin/promotions/coupons/${platformCoupon.body.id}/end`, { token: merchant })).status).toBe(404);

    // A storefront's coupons are offered only in that storefront.
    const claimableEverywhere = (await t.json('GET', '/shop/coupons/claimable')).body.items.map((item: any) => item.id);
    expect(claimableEverywhere).toContain(platformCoupon.body.id);
    expect(claimableEverywhere).not.toContain(merchantCoupon.body.id);
    const inStore = (await t.json('GET', `/shop/coupons/claimable?merchantId=${merchantCoupon.body.merchantId}`)).body.items.map((item: any) => item.id);
    expect(inStore).toEqual(expect.arrayContaining([platformCoupon.body.id, merchantCoupon.body.id]));

    const ended = await t.json('POST', `/admin/promotions/coupons/${merchantCoupon.body.id}/end`, { token: merchant });
    expect(ended.body.status).toBe('ended');
    expect((await t.json('POST', `/admin/promotions/coupons/${merchantCoupon.body.id}/end`, { token: merchant })).status).toBe(409);
    expect((await t.json('POST', `/shop/coupons/${merchantCoupon.body.id}/claim`, { token: buyer })).status).toBe(404);
  });

  it('refuses bad rules and windows and writes nothing', async () => {
    const before = Number((await one<{ n: number }>('select count(*)::int as n from coupon_templates', [])).n);
    const bad = [
      { name: 'x', rule: { kind: 'full_reduction', thresholdFen: 1000, reductionFen: 1000 }, totalQuantity: 1, perUserLimit: 1, validity: fixed() },
      { name: 'x', rule: { kind: 'discount', rateBps: 10_000 }, totalQuantity: 1, perUserLimit: 1, validity: fixed() },
      { name: 'x', rule: { kind: 'no_threshold', reductionFen: 500 }, totalQuantity: 0, perUserLimit: 1, validity: fixed() },
      { name: 'x', rule: { kind: 'no_threshold', reductionFen: 500 }, totalQuantity: 1, perUserLimit: 1, validity: { kind: 'fixed', validFrom: at(HOUR_MS), validUntil: at(0) } },
      { name: 'x', rule: { kind: 'no_threshold', reductionFen: 1.5 }, totalQuantity: 1, perUserLimit: 1, validity: fixed() },
    ];
    for (const body of bad) {
      const response = await t.json('POST', '/admin/promotions/coupons', { token: admin, body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    }
    expect(Number((await one<{ n: number }>('select count(*)::int as n from coupon_templates', [])).n)).toBe(before);
  });

  it('never hands out more than the total or the per-user limit under concurrent claims', async () => {
    const template = (
      await t.json('POST', '/admin/promotions/coupons', {
        token: admin,
        body: { name: '限量无门槛5元', rule: { kind: 'no_threshold', reductionFen: 500 }, totalQuantity: 5, perUserLimit: 2, validity: fixed() },
      })
    ).body;
    const shoppers = await Promise.all(Array.from({ length: 4 }, () => newShopper()));
    const claims = await Promise.all(shoppers.flatMap((token) => Array.from({ length: 3 }, () => t.json('POST', `/shop/coupons/${template.id}/claim`, { token }))));
    const claimed = claims.filter((response) => response.status === 201);
    expect(claimed).toHaveLength(5);
    expect(claims.filter((response) => response.status !== 201).every((response) => ['coupon_sold_out', 'coupon_claim_limit_reached'].includes(response.body.error.code))).toBe(true);
    const { rows } = await t.database.executeSql('select user_id, count(*)::int as n from coupons where template_id = $1 group by user_id', [template.id]);
    expect((rows as Array<{ n: number }>).every((row) => row.n <= 2)).toBe(true);
    expect((await one<{ remaining_quantity: number }>('select remaining_quantity from coupon_templates where id = $1', [template.id])).remaining_quantity).toBe(0);
  });

  it('holds the per-user limit when one user claims many times at once', async () => {
    const template = (
      await t.json('POST', '/admin/promotions/coupons', {
        token: admin,
        body: { name: '每人限领2张', rule: { kind: 'no_threshold', reductionFen: 300 }, totalQuantity: 1000, perUserLimit: 2, validity: fixed() },
      })
    ).body;
    const shopper = await newShopper();
    const claims = await Promise.all(Array.from({ length: 10 }, () => t.json('POST', `/shop/coupons/${template.id}/claim`, { token: shopper })));
    expect(claims.filter((response) => response.status === 201)).toHaveLength(2);
    expect(claims.filter((response) => response.status === 409).every((response) => response.body.error.code === 'coupon_claim_limit_reached')).toBe(true);
    expect((await one<{ remaining_quantity: number }>('select remaining_quantity from coupon_templates where id = $1', [template.id])).remaining_quantity).toBe(998);
    const mine = (await t.json('GET', '/shop/coupons/mine?status=available', { token: shopper })).body;
    expect(mine.total).toBe(2);
  });

  it('applies a coupon at checkout, spreads it over the lines, and returns it when the order is cancelled', async () => {
    const template = (
      await t.json('POST', '/admin/promotions/coupons', {
        token: admin,
        body: { name: '满300减50', rule: { kind: 'full_reduction', thresholdFen: 30000, reductionFen: 5000 }, totalQuantity: 10, perUserLimit: 1, validity: fixed() },
      })
    ).body;
    const shopper = await newShopper();
    const coupon = (await t.json('POST', `/shop/coupons/${template.id}/claim`, { token: shopper })).body;
    const tea = await stockUp(supplierA, 'LY-001-1', 20);
    const mask = await stockUp(supplierB, 'MF-001-1', 20);
    const items = [
      { skuId: tea, quantity: 2 },
      { skuId: mask, quantity: 1 },
    ];

    // Below the threshold: refused, and nothing is reserved or used.
    const short = await checkout(shopper, { items: [{ skuId: mask, quantity: 1 }], couponId: coupon.id });
    expect(short.status).toBe(422);
    expect(short.body.error.code).toBe('coupon_threshold_not_met');
    expect(await stockOf(mask)).toBe(20);

    const order = await checkout(shopper, { items, couponId: coupon.id });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({ goodsFen: 39600 + 8900, discountFen: 5000, payableFen: 39600 + 8900 - 5000 });
    const lines = order.body.subOrders.flatMap((subOrder: any) => subOrder.lines);
    expect(lines.reduce((sum: number, line: any) => sum + line.payableFen, 0)).toBe(43500);
    const lineDiscounts = (await t.database.executeSql('select sku_id, discount_fen::int as d from order_lines where order_id = $1 order by sku_id', [order.body.id])).rows as Array<{ sku_id: string; d: number }>;
    expect(lineDiscounts.reduce((sum, line) => sum + line.d, 0)).toBe(5000);
    expect(lineDiscounts.find((line) => line.sku_id === tea)!.d).toBe(Math.round((5000 * 39600) / 48500));
    expect((await t.json('GET', '/shop/coupons/mine?status=used', { token: shopper })).body.items[0]).toMatchObject({ id: coupon.id, orderId: order.body.id });

    // The same coupon cannot pay for a second order.
    const twice = await checkout(shopper, { items, couponId: coupon.id });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('coupon_unavailable');

    expect((await t.json('POST', `/shop/orders/${order.body.id}/cancel`, { token: shopper })).status).toBe(200);
    const back = (await t.json('GET', '/shop/coupons/mine?status=available', { token: shopper })).body.items;
    expect(back.map((item: any) => item.id)).toContain(coupon.id);
    expect(await stockOf(tea)).toBe(20);
    const again = await checkout(shopper, { items, couponId: coupon.id });
    expect(again.status).toBe(201);
    expect(again.body.discountFen).toBe(5000);
  });

  it('spreads a product-scoped coupon over that product only, and returns it when the order closes unpaid', async () => {
    const tea = await stockUp(supplierA, 'LY-002-1', 20);
    const mask = await stockUp(supplierB, 'MF-002-1', 20);
    const teaProduct = (await one<{ product_id: string }>('select product_id from skus where id = $1', [tea])).product_id;
    const template = (
      await t.json('POST', '/admin/promotions/coupons', {
        token: admin,
        body: { name: '茶叶无门槛10元', rule: { kind: 'no_threshold', reductionFen: 1000 }, totalQuantity: 10, perUserLimit: 1, validity: fixed(), productIds: [teaProduct] },
      })
    ).body;
    const shopper = await newShopper();
    const coupon = (await t.json('POST', `/shop/coupons/${template.id}/claim`, { token: shopper })).body;
    const order = await checkout(shopper, { items: [{ skuId: tea, quantity: 1 }, { skuId: mask, quantity: 1 }], couponId: coupon.id });
    expect(order.status).toBe(201);
    const lineDiscounts = (await t.database.executeSql('select sku_id, discount_fen::int as d from order_lines where order_id = $1', [order.body.id])).rows as Array<{ sku_id: string; d: number }>;
    expect(lineDiscounts.find((line) => line.sku_id === tea)!.d).toBe(1000);
    expect(lineDiscounts.find((line) => line.sku_id === mask)!.d).toBe(0);

    clock.advance(31 * 60_000);
    expect(await t.platform.checkout.closeExpired(systemContext(clock))).toBeGreaterThanOrEqual(1);
    expect((await one<{ status: string; order_id: string | null }>('select status, order_id from coupons where id = $1', [coupon.id]))).toEqual({ status: 'available', order_id: null });
  });
});

describe('flash sale', () => {
  async function flashSale(skuId: string, quota: number, perUserLimit: number, flashPriceFen = 9900) {
    const response = await t.json('POST', '/admin/promotions/flash-sales', {
      token: admin,
      body: { name: '双11秒杀', startsAt: at(-HOUR_MS), endsAt: at(7 * 24 * HOUR_MS), items: [{ skuId, flashPriceFen, quota, perUserLimit }] },
    });
    expect(response.status).toBe(201);
    return response.body.id as string;
  }
  const quotaOf = async (flashSaleId: string, skuId: string) =>
    (await one<{ remaining: number }>('select remaining from flash_sale_items where flash_sale_id = $1 and sku_id = $2', [flashSaleId, skuId])).remaining;

  it('sells exactly the quota to concurrent buyers at the flash price, never below zero', async () => {
    const quota = 5;
    const buyers = 14;
    const sku = await stockUp(supplierA, 'LY-003-1', 50);
    const saleId = await flashSale(sku, quota, 1);
    expect((await t.json('GET', '/shop/flash-sales')).body.items.map((sale: any) => sale.id)).toContain(saleId);
    const shoppers = await Promise.all(Array.from({ length: buyers }, () => newShopper()));
    const results = await Promise.all(shoppers.map((token) => checkout(token, { items: [{ skuId: sku, quantity: 1, flashSaleId: saleId }] })));
    const created = results.filter((result) => result.status === 201);
    expect(created).toHaveLength(Math.min(buyers, quota));
    expect(results.filter((result) => result.status !== 201).every((result) => result.status === 409 && result.body.error.code === 'flash_sale_sold_out')).toBe(true);
    expect(created.every((result) => result.body.subOrders[0].lines[0].unitPriceFen === 9900)).toBe(true);
    expect(await quotaOf(saleId, sku)).toBe(0);
    expect(await stockOf(sku)).toBe(50 - quota);
    const sold = await one<{ n: number }>('select coalesce(sum(quantity), 0)::int as n from order_lines where sku_id = $1', [sku]);
    expect(sold.n).toBe(quota);
  });

  it('stops at the per-user limit when one buyer checks out many times at once', async () => {
    const sku = await stockUp(supplierA, 'LY-003-2', 50);
    const saleId = await flashSale(sku, 40, 2);
    const shopper = await newShopper();
    const results = await Promise.all(Array.from({ length: 8 }, () => checkout(shopper, { items: [{ skuId: sku, quantity: 1, flashSaleId: saleId }] })));
    expect(results.filter((result) => result.status === 201)).toHaveLength(2);
    expect(results.filter((result) => result.status !== 201).every((result) => result.body.error.code === 'flash_sale_limit_reached')).toBe(true);
    expect(await quotaOf(saleId, sku)).toBe(38);
    expect(await stockOf(sku)).toBe(48);
    // A quantity above the limit in one go is refused before anything is taken.
    const greedy = await newShopper();
    expect((await checkout(greedy, { items: [{ skuId: sku, quantity: 3, flashSaleId: saleId }] })).body.error.code).toBe('flash_sale_limit_reached');
    expect(await quotaOf(saleId, sku)).toBe(38);
  });

  it('gives quota, limit and stock back once when the unpaid order is cancelled', async () => {
    const sku = await stockUp(supplierA, 'LY-004-1', 10);
    const saleId = await flashSale(sku, 3, 1);
    const shopper = await newShopper();
    const order = (await checkout(shopper, { items: [{ skuId: sku, quantity: 1, flashSaleId: saleId }] })).body;
    expect(await quotaOf(saleId, sku)).toBe(2);
    expect((await checkout(shopper, { items: [{ skuId: sku, quantity: 1, flashSaleId: saleId }] })).body.error.code).toBe('flash_sale_limit_reached');
    expect((await t.json('POST', `/shop/orders/${order.id}/cancel`, { token: shopper })).status).toBe(200);
    expect((await t.json('POST', `/shop/orders/${order.id}/cancel`, { token: shopper })).status).toBe(409);
    expect(await quotaOf(saleId, sku)).toBe(3);
    expect(await stockOf(sku)).toBe(10);
    // The buyer's share of the limit came back too.
    expect((await checkout(shopper, { items: [{ skuId: sku, quantity: 1, flashSaleId: saleId }] })).status).toBe(201);
  });

  it('refuses a sale that has not started or was ended', async () => {
    const sku = await stockUp(supplierA, 'LY-004-2', 10);
    const later = await t.json('POST', '/admin/promotions/flash-sales', {
      token: admin,
      body: { name: '明日秒杀', startsAt: at(24 * HOUR_MS), endsAt: at(48 * HOUR_MS), items: [{ skuId: sku, flashPriceFen: 100, quota: 5, perUserLimit: 1 }] },
    });
    expect((await checkout(buyer, { items: [{ skuId: sku, quantity: 1, flashSaleId: later.body.id }] })).body.error.code).toBe('flash_sale_not_started');
    const saleId = await flashSale(sku, 5, 1);
    expect((await t.json('POST', `/admin/promotions/flash-sales/${saleId}/end`, { token: admin })).body.status).toBe('ended');
    expect((await checkout(buyer, { items: [{ skuId: sku, quantity: 1, flashSaleId: saleId }] })).body.error.code).toBe('flash_sale_not_found');
    expect(await stockOf(sku)).toBe(10);
  });
});

describe('group buy', () => {
  async function offer(skuId: string, groupSize: number, timeLimitMinutes: number) {
    const response = await t.json('POST', '/admin/promotions/group-buys', {
      token: admin,
      body: { name: '两人拼团', skuId, groupPriceFen: 15000, groupSize, timeLimitMinutes, startsAt: at(-HOUR_MS), endsAt: at(30 * 24 * HOUR_MS) },
    });
    expect(response.status).toBe(201);
    return response.body;
  }
  const groupOf = async (orderId: string) => one<{ id: string; status: string; paid_members: number; seats_taken: number }>(
    'select g.id, g.status, g.paid_members, g.seats_taken from group_buy_groups g join group_buy_members m on m.group_id = g.id where m.order_id = $1',
    [orderId],
  );

  it('succeeds when the group size has paid', async () => {
    const sku = await stockUp(supplierA, 'LY-005-1', 10);
    const activity = await offer(sku, 2, 60);
    expect((await t.json('GET', `/shop/group-buys?productId=${activity.productId}`)).body.items.map((item: any) => item.id)).toContain(activity.id);
    const leader = await newShopper();
    const member = await newShopper();
    const opened = await checkout(leader, { items: [{ skuId: sku, quantity: 1 }], groupBuy: { activityId: activity.id } });
    expect(opened.status).toBe(201);
    expect(opened.body.payableFen).toBe(15000);
    expect((await groupOf(opened.body.id)).status).toBe('pending');
    // Nobody can join before the leader has paid.
    expect((await t.json('GET', `/shop/group-buys/${activity.id}/groups`)).body.items).toEqual([]);
    await pay(leader, opened.body.id);
    await deliverEvents();
    const group = await groupOf(opened.body.id);
    expect(group).toMatchObject({ status: 'open', paid_members: 1 });
    // The leader's parcel waits for the group: it could still be refunded whole if the group fails.
    const leaderSubOrder = opened.body.subOrders[0].id;
    const held = await t.json('POST', `/admin/sub-orders/${leaderSubOrder}/ship`, { token: supplierA, body: { carrier: '顺丰速运', trackingNumber: 'SF1234567890' }, headers: { 'accept-language': 'zh-CN' } });
    expect(held.status).toBe(409);
    expect(held.body.error).toMatchObject({ code: 'shipping_held', message: '拼团尚未成团，暂不能发货' });
    expect((await t.json('GET', `/shop/group-buys/${activity.id}/groups`)).body.items.map((item: any) => item.id)).toEqual([group.id]);

    // The leader cannot take a second seat in the group.
    expect((await checkout(leader, { items: [{ skuId: sku, quantity: 1 }], groupBuy: { activityId: activity.id, groupId: group.id } })).body.error.code).toBe('group_already_joined');
    const joined = await checkout(member, { items: [{ skuId: sku, quantity: 1 }], groupBuy: { activityId: activity.id, groupId: group.id } });
    expect(joined.status).toBe(201);
    // The group is full while the member's order waits for payment.
    const third = await newShopper();
    expect((await checkout(third, { items: [{ skuId: sku, quantity: 1 }], groupBuy: { activityId: activity.id, groupId: group.id } })).body.error.code).toBe('group_full');
    await pay(member, joined.body.id);
    await deliverEvents();
    expect(await groupOf(joined.body.id)).toMatchObject({ status: 'succeeded', paid_members: 2 });
    expect((await t.json('POST', `/admin/sub-orders/${leaderSubOrder}/ship`, { token: supplierA, body: { carrier: '顺丰速运', trackingNumber: 'SF1234567890' } })).status).toBe(200);
    const mine = (await t.json('GET', '/shop/group-buys/mine', { token: member })).body.items;
    expect(mine[0]).toMatchObject({ id: group.id, status: 'succeeded', role: 'member', memberStatus: 'paid' });
    // A later job run refunds nobody in a group that succeeded.
    clock.advance(2 * HOUR_MS);
    await runGroupJob();
    expect(await groupOf(joined.body.id)).toMatchObject({ status: 'succeeded' });
    expect(await stockOf(sku)).toBe(8);
  });

  it('fails at the deadline and refunds every paid member once, through the refund path', async () => {
    const sku = await stockUp(supplierA, 'LY-005-2', 10);
    const activity = await offer(sku, 3, 20);
    const leader = await newShopper();
    const member = await newShopper();
    const late = await newShopper();
    const opened = (await checkout(leader, { items: [{ skuId: sku, quantity: 1 }], groupBuy: { activityId: activity.id } })).body;
    await pay(leader, opened.id);
    await deliverEvents();
    const groupId = (await groupOf(opened.id)).id;
    const joined = (await checkout(member, { items: [{ skuId: sku, quantity: 2 }], groupBuy: { activityId: activity.id, groupId } })).body;
    await pay(member, joined.id);
    const unpaid = (await checkout(late, { items: [{ skuId: sku, quantity: 1 }], groupBuy: { activityId: activity.id, groupId } })).body;
    await deliverEvents();
    expect(await groupOf(opened.id)).toMatchObject({ status: 'open', paid_members: 2, seats_taken: 3 });
    expect(await stockOf(sku)).toBe(6);

    clock.advance(21 * 60_000);
    await runGroupJob();
    expect((await groupOf(opened.id)).status).toBe('failed');
    for (const [token, orderId] of [
      [leader, opened.id],
      [member, joined.id],
    ] as const) {
      const order = (await t.json('GET', `/shop/orders/${orderId}`, { token })).body;
      expect(order.subOrders[0].status).toBe('refunded');
    }
    const refunds = (await t.database.executeSql("select r.amount_fen::int as fen from refunds r join payments p on p.id = r.payment_id where p.order_id = any($1) and r.status = 'succeeded'", [[opened.id, joined.id]])).rows as Array<{ fen: number }>;
    expect(refunds.map((refund) => refund.fen).sort((a, b) => a - b)).toEqual([15000, 30000]);
    // The refunded goods are back in stock; the unpaid order still holds its unit.
    expect(await stockOf(sku)).toBe(9);
    const seats = (await t.database.executeSql('select order_id, status from group_buy_members where group_id = $1', [groupId])).rows as Array<{ order_id: string; status: string }>;
    expect(Object.fromEntries(seats.map((seat) => [seat.order_id, seat.status]))).toEqual({ [opened.id]: 'refunded', [joined.id]: 'refunded', [unpaid.id]: 'pending' });

    // Running the job again changes nothing: no second refund, no second restock.
    await runGroupJob();
    expect(await stockOf(sku)).toBe(9);
    const again = (await t.database.executeSql('select count(*)::int as n from refunds r join payments p on p.id = r.payment_id where p.order_id = any($1)', [[opened.id, joined.id]])).rows[0] as { n: number };
    expect(again.n).toBe(2);

    // The last member pays after the group failed: that payment is refunded by the next run.
    await pay(late, unpaid.id);
    await deliverEvents();
    await runGroupJob();
    expect((await t.json('GET', `/shop/orders/${unpaid.id}`, { token: late })).body.subOrders[0].status).toBe('refunded');
    expect(await stockOf(sku)).toBe(10);
  });

  it('gives the seat back when a joiner’s unpaid order is cancelled, and abandons a group whose leader never paid', async () => {
    const sku = await stockUp(supplierA, 'LY-006-1', 10);
    const activity = await offer(sku, 2, 60);
    const leader = await newShopper();
    const opened = (await checkout(leader, { items: [{ skuId: sku, quantity: 1 }], groupBuy: { activityId: activity.id } })).body;
    await pay(leader, opened.id);
    await deliverEvents();
    const groupId = (await groupOf(opened.id)).id;
    const first = await newShopper();
    const joined = (await checkout(first, { items: [{ skuId: sku, quantity: 1 }], groupBuy: { activityId: activity.id, groupId } })).body;
    expect((await groupOf(opened.id)).seats_taken).toBe(2);
    await t.json('POST', `/shop/orders/${joined.id}/cancel`, { token: first });
    expect((await groupOf(opened.id)).seats_taken).toBe(1);
    const second = await newShopper();
    expect((await checkout(second, { items: [{ skuId: sku, quantity: 1 }], groupBuy: { activityId: activity.id, groupId } })).status).toBe(201);

    const quitter = await newShopper();
    const abandoned = (await checkout(quitter, { items: [{ skuId: sku, quantity: 1 }], groupBuy: { activityId: activity.id } })).body;
    await t.json('POST', `/shop/orders/${abandoned.id}/cancel`, { token: quitter });
    expect((await groupOf(abandoned.id)).status).toBe('abandoned');
  });

  it('refuses a cart that is not the offer’s SKU', async () => {
    const sku = await stockUp(supplierA, 'LY-006-2', 10);
    const other = await stockUp(supplierB, 'MF-003-1', 10);
    const activity = await offer(sku, 2, 60);
    const shopper = await newShopper();
    expect((await checkout(shopper, { items: [{ skuId: other, quantity: 1 }], groupBuy: { activityId: activity.id } })).body.error.code).toBe('group_buy_cart_invalid');
    expect((await checkout(shopper, { items: [{ skuId: sku, quantity: 1 }, { skuId: other, quantity: 1 }], groupBuy: { activityId: activity.id } })).body.error.code).toBe('group_buy_cart_invalid');
    expect(await stockOf(sku)).toBe(10);
  });
});
