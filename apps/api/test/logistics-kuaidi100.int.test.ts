import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, systemContext } from '@linkmall/kernel';
import { createTestDatabase, type TestDatabase } from '@linkmall/testing';
import { createApp } from '../src/create-app.ts';
import { createPlatform, inProcessPlatformOptions, type Platform } from '../src/platform.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/demo-seed.ts';

/**
 * The platform with Kuaidi100 configured, against a local server that speaks the real-time query
 * protocol (form POST, signature = upper-case MD5(param + key + customer)) and counts queries, so
 * caching, the minimum interval and failure handling are proven end to end.
 */
const account = { customer: 'LINKMALLTESTCUSTOMER0000000001', key: randomBytes(12).toString('hex') };
const clock = fixedClock(new Date('2026-11-22T10:00:00+08:00'));
const queries: { com: string; num: string; phone?: string }[] = [];
const parcels = new Map<string, { state: string; data: { time: string; context: string; location?: string; status: string }[] }>();
let failNext: 'bad_signature' | null = null;
let server: ReturnType<typeof createServer>;
let database: TestDatabase;
let platform: Platform;
let app: ReturnType<typeof createApp>;

async function call(method: string, path: string, token?: string, body?: unknown) {
  const response = await app.request(path, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as any };
}
const login = async (phone: string, surface: 'admin' | 'shop' = 'admin') => (await call('POST', `/${surface}/auth/login`, undefined, { phone, password: DEMO_PASSWORD })).body.token as string;

beforeAll(async () => {
  server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => (raw += chunk));
    request.on('end', () => {
      const form = new URLSearchParams(raw);
      const param = form.get('param') ?? '';
      const expected = createHash('md5').update(param + account.key + form.get('customer')).digest('hex').toUpperCase();
      const reply = (payload: object) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(payload));
      };
      if (request.url !== '/poll/query.do' || form.get('customer') !== account.customer) return reply({ result: false, returnCode: '400', message: '贵公司没授权' });
      if (failNext === 'bad_signature' || form.get('sign') !== expected) {
        failNext = null;
        return reply({ result: false, returnCode: '503', message: '验证签名失败' });
      }
      const { com, num, phone } = JSON.parse(param) as { com: string; num: string; phone?: string };
      queries.push({ com, num, ...(phone ? { phone } : {}) });
      const parcel = parcels.get(num);
      if (!parcel) return reply({ result: false, returnCode: '500', message: '查询无结果，请隔段时间再查' });
      reply({ message: 'ok', nu: num, com, status: '200', state: parcel.state, ischeck: '0', condition: 'F00', data: parcel.data.map((item) => ({ ...item, ftime: item.time })) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  database = await createTestDatabase();
  platform = createPlatform(database, inProcessPlatformOptions(randomBytes(32), { clock, logistics: { provider: 'kuaidi100', kuaidi100: { ...account, baseUrl, timeoutMs: 2_000 } } }));
  await seedDemo(platform);
  app = createApp(platform);
});
afterAll(async () => {
  server?.closeAllConnections();
  server?.close();
  await database?.destroy();
});

async function shippedOrder(trackingNumber: string) {
  const buyer = await login('13500000003', 'shop');
  const supplier = await login('13900000001');
  const skuId = (await call('PUT', '/admin/catalog/skus/LY-006-1/stock', supplier, { stock: 50 })).body.skuId;
  const address = { recipientName: '高雪', phone: '13500000333', province: '四川省', city: '成都市', district: '锦江区', detail: '春熙路 18 号' };
  const order = (await call('POST', '/shop/orders', buyer, { items: [{ skuId, quantity: 1 }], deliveryMethod: 'delivery', shippingAddress: address })).body;
  const payment = (await call('POST', `/shop/orders/${order.id}/pay`, buyer)).body;
  await call('POST', `/shop/pay/sandbox/${payment.paymentId}/complete`, undefined, { succeeded: true });
  const subOrderId = order.subOrders[0].id as string;
  expect((await call('POST', `/admin/sub-orders/${subOrderId}/ship`, supplier, { carrier: '顺丰速运', carrierCode: 'shunfeng', trackingNumber })).status).toBe(200);
  return { orderId: order.id as string, subOrderId, buyer, supplier };
}

describe('logistics tracking through Kuaidi100', () => {
  it('asks the carrier with the phone tail, caches the answer and asks again only after the interval', async () => {
    parcels.set('SF6100000001', {
      state: '0',
      data: [
        { time: '2026-11-22 20:10:00', context: '快件已到达【成都双流集散中心】', location: '成都市', status: '在途' },
        { time: '2026-11-22 14:02:00', context: '顺丰速运已收取快件', location: '杭州市', status: '揽收' },
      ],
    });
    const { orderId, buyer } = await shippedOrder('SF6100000001');
    const first = await call('GET', `/shop/orders/${orderId}/logistics`, buyer);
    expect(first.status).toBe(200);
    const parcel = first.body.parcels[0];
    expect(parcel).toMatchObject({ carrierCode: 'shunfeng', source: 'kuaidi100', status: 'in_transit' });
    expect(parcel.checkpoints.map((checkpoint: any) => [checkpoint.status, checkpoint.location])).toEqual([
      ['in_transit', '成都市'],
      ['picked_up', '杭州市'],
      ['shipped', null], // our own record of the shipment, 10:00 Beijing time
    ]);
    expect(queries.at(-1)).toEqual({ com: 'shunfeng', num: 'SF6100000001', phone: '0333' });

    const asked = queries.length;
    await call('GET', `/shop/orders/${orderId}/logistics`, buyer);
    expect(queries.length).toBe(asked);
    parcels.get('SF6100000001')!.state = '3';
    parcels.get('SF6100000001')!.data.unshift({ time: '2026-11-23 09:30:00', context: '已签收，签收人：本人', location: '成都市', status: '签收' });
    clock.advance(10 * 60_000 + 1);
    const later = await call('GET', `/shop/orders/${orderId}/logistics`, buyer);
    expect(queries.length).toBe(asked + 1);
    expect(later.body.parcels[0].status).toBe('delivered');
    expect(later.body.parcels[0].checkpoints[0].description).toBe('已签收，签收人：本人');
    // Delivered is final: nobody asks the carrier about this parcel again.
    clock.advance(60 * 60_000);
    await call('GET', `/shop/orders/${orderId}/logistics`, buyer);
    expect(await platform.logistics.refreshDue(systemContext(clock))).toBe(0);
    expect(queries.length).toBe(asked + 1);
  });

  it('keeps the last good checkpoints when the carrier refuses, and shows staff why', async () => {
    parcels.set('SF6100000002', { state: '1', data: [{ time: '2026-11-23 08:00:00', context: '顺丰速运已收取快件', status: '揽收' }] });
    const { orderId, subOrderId, buyer, supplier } = await shippedOrder('SF6100000002');
    expect((await call('GET', `/shop/orders/${orderId}/logistics`, buyer)).body.parcels[0].status).toBe('picked_up');
    failNext = 'bad_signature';
    clock.advance(2 * 3_600_000 + 1);
    expect(await platform.logistics.refreshDue(systemContext(clock))).toBeGreaterThanOrEqual(1);
    const staff = await call('GET', `/admin/sub-orders/${subOrderId}/logistics`, supplier);
    expect(staff.body).toMatchObject({ status: 'picked_up', lastError: 'logistics_provider_rejected' });
    const forBuyer = (await call('GET', `/shop/orders/${orderId}/logistics`, buyer)).body.parcels[0];
    expect(forBuyer.status).toBe('picked_up');
    expect(forBuyer).not.toHaveProperty('lastError');
  });

  it('shows only our own records while the carrier has nothing yet', async () => {
    const { orderId, buyer } = await shippedOrder('SF6100000003');
    const parcel = (await call('GET', `/shop/orders/${orderId}/logistics`, buyer)).body.parcels[0];
    expect(parcel).toMatchObject({ status: 'shipped', refreshedAt: null });
    expect(parcel.checkpoints.map((checkpoint: any) => checkpoint.status)).toEqual(['shipped']);
  });
});
