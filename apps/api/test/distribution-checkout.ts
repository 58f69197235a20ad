import { expect } from 'vitest';
import type { Clock } from '@linkmall/kernel';
import { OutboxDispatcher, silentLogger } from '@linkmall/events';
import { backgroundWork } from '../src/background.ts';
import type { TestPlatform } from './harness.ts';

/**
 * The real commerce path of a 链动2+1 member, for integration tests: a consumer signs in through the
 * mini-program login (registered on first use), binds a referrer by invite code, buys the seeded gift
 * package through checkout and pays through a signed sandbox notification; the outbox then delivers
 * `order.paid` to the commission flow.
 */
export interface Shopper {
  readonly id: string;
  readonly token: string;
}

export const SHIPPING_ADDRESS = { recipientName: '林小雨', phone: '13512345678', province: '上海市', city: '上海市', district: '黄浦区', detail: '南京东路 300 号' };

export async function signUp(t: TestPlatform, code: string): Promise<Shopper> {
  const signedIn = await t.json('POST', '/shop/auth/wechat', { body: { code } });
  expect(signedIn.status).toBe(200);
  return { id: signedIn.body.user.id as string, token: signedIn.body.token as string };
}

/** The seeded gift package's SKU (LY-PKG-1), with enough stock for `units` more orders. */
export async function packageSku(t: TestPlatform, units: number): Promise<string> {
  const row = (await t.database.executeSql(`select id from skus where sku_code = 'LY-PKG-1'`)).rows[0] as { id: string };
  await t.database.executeSql('update skus set stock = stock + $1 where id = $2', [units, row.id]);
  return row.id;
}

export async function inviteCodeOf(t: TestPlatform, shopper: Shopper): Promise<string> {
  const me = await t.json('GET', '/shop/distribution/me', { token: shopper.token });
  expect(me.body.inviteCode, `${shopper.id} is no agent yet`).toBeTruthy();
  return me.body.inviteCode as string;
}

export async function bind(t: TestPlatform, shopper: Shopper, inviteCode: string): Promise<void> {
  const bound = await t.json('POST', '/shop/distribution/bind', { token: shopper.token, body: { inviteCode } });
  expect(bound.status, JSON.stringify(bound.body)).toBe(200);
}

export interface PaidOrder {
  readonly id: string;
  readonly subOrders: { id: string; lines: { id: string }[] }[];
}

/** Checkout and payment (no outbox delivery yet); returns the order. */
export async function buyPackage(t: TestPlatform, shopper: Shopper, skuId: string): Promise<PaidOrder> {
  const order = await t.json('POST', '/shop/orders', { token: shopper.token, body: { items: [{ skuId, quantity: 1 }], deliveryMethod: 'delivery', shippingAddress: SHIPPING_ADDRESS } });
  expect(order.status, JSON.stringify(order.body)).toBe(201);
  const payment = await t.json('POST', `/shop/orders/${order.body.id}/pay`, { token: shopper.token });
  expect(payment.status, JSON.stringify(payment.body)).toBeLessThan(300);
  const completed = await t.json('POST', `/shop/pay/sandbox/${payment.body.paymentId}/complete`, { body: { succeeded: true } });
  expect(completed.body.outcome, JSON.stringify(completed.body)).toBe('applied');
  return order.body as PaidOrder;
}

/** Delivers everything published so far, with `workers` dispatchers competing for deliveries. */
export async function deliverOutbox(t: TestPlatform, clock: Clock, workers = 1): Promise<void> {
  const subscribers = backgroundWork(t.platform, silentLogger).subscribers;
  const reports = await Promise.all(Array.from({ length: workers }, () => new OutboxDispatcher(t.platform.db, { subscribers, clock, logger: silentLogger }).drain()));
  expect(reports.reduce((sum, report) => sum + report.failed, 0)).toBe(0);
  // A worker may stop while another still publishes follow-up events: one last pass picks them up.
  const last = await new OutboxDispatcher(t.platform.db, { subscribers, clock, logger: silentLogger }).drain();
  expect(last.failed).toBe(0);
}
