import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, systemContext } from '@linkmall/kernel';
import { startTestPlatform, type TestPlatform } from './harness.ts';

const clock = fixedClock(new Date('2026-11-10T10:00:00+08:00'));
let t: TestPlatform;
let supplierAId: string;
let merchantAId: string;
let unitPriceFen: number;
let supplyPriceFen: number;

beforeAll(async () => {
  t = await startTestPlatform({ clock });
  const supplier = await t.login('13900000001');
  const merchant = await t.login('13700000001');
  const buyer = await t.login('13500000001', 'shop');
  supplierAId = (await t.json('GET', '/admin/me', { token: supplier })).body.organizationId;
  merchantAId = (await t.json('GET', '/admin/me', { token: merchant })).body.organizationId;
  const skuId = (await t.json('PUT', '/admin/catalog/skus/LY-001-1/stock', { token: supplier, body: { stock: 10 } })).body.skuId;
  const band = (await t.database.executeSql('select supply_price_fen::int as supply, max_retail_price_fen::int as max from skus where id = $1', [skuId])).rows[0] as { supply: number; max: number };
  supplyPriceFen = band.supply;
  unitPriceFen = band.max;
  await t.json('PUT', `/admin/storefront/items/${skuId}`, { token: merchant, body: { retailPriceFen: unitPriceFen } });
  // Three units through merchant A's storefront; one is refunded before shipping.
  const address = { recipientName: '林小雨', phone: '13512345678', province: '上海市', city: '上海市', district: '黄浦区', detail: '南京东路 300 号' };
  const order = (await t.json('POST', '/shop/orders', { token: buyer, body: { items: [{ skuId, quantity: 3 }], deliveryMethod: 'delivery', shippingAddress: address, merchantId: merchantAId } })).body;
  const payment = (await t.json('POST', `/shop/orders/${order.id}/pay`, { token: buyer })).body;
  await t.json('POST', `/shop/pay/sandbox/${payment.paymentId}/complete`, { body: { succeeded: true } });
  const subOrder = order.subOrders[0];
  const afterSales = (await t.json('POST', `/shop/orders/${order.id}/after-sales`, { token: buyer, body: { subOrderId: subOrder.id, kind: 'refund_only', reason: '少要一件', lines: [{ orderLineId: subOrder.lines[0].id, quantity: 1 }] } })).body;
  await t.json('POST', `/admin/after-sales/${afterSales.id}/approve`, { token: supplier });
  await t.json('POST', `/admin/sub-orders/${subOrder.id}/ship`, { token: supplier, body: { carrier: '顺丰速运', trackingNumber: 'SF7770000001' } });
  await t.json('POST', `/shop/orders/${order.id}/confirm-receipt`, { token: buyer });
  clock.advance(8 * 24 * 3_600_000);
  await t.platform.fulfilment.completeDue(systemContext(clock));
});
afterAll(() => t?.close());

describe('settlement statements', () => {
  it('owes the supplier the supply price of the units the buyer kept', async () => {
    const finance = await t.login('13800000003');
    const statement = (await t.json('GET', '/admin/settlements?month=2026-11&party=supplier', { token: finance })).body;
    expect(statement.rows).toEqual([
      { partyId: supplierAId, partyName: '杭州绿源农产品有限公司', subOrders: 1, salesFen: unitPriceFen * 3 - Math.floor((unitPriceFen * 3) / 3), supplyCostFen: supplyPriceFen * 2, payableFen: supplyPriceFen * 2 },
    ]);
    expect((await t.json('GET', '/admin/settlements?month=2026-10&party=supplier', { token: finance })).body.rows).toEqual([]);
  });

  it('owes the merchant its margin: what buyers paid through its storefront less the supply cost', async () => {
    const finance = await t.login('13800000003');
    const statement = (await t.json('GET', '/admin/settlements?month=2026-11&party=merchant', { token: finance })).body;
    expect(statement.rows).toHaveLength(1);
    expect(statement.rows[0]).toMatchObject({ partyId: merchantAId, payableFen: unitPriceFen * 2 - supplyPriceFen * 2 });
    expect(statement.totalPayableFen).toBe(unitPriceFen * 2 - supplyPriceFen * 2);
  });

  it('exports CSV in yuan with Chinese headers, and scopes a supplier to its own row', async () => {
    const finance = await t.login('13800000003');
    const csv = await t.request('GET', '/admin/settlements.csv?month=2026-11&party=supplier', { token: finance });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await csv.arrayBuffer());
    // The BOM makes Excel read UTF-8; Response.text() would silently drop it, so look at the bytes.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('月份,供应商ID,供应商')).toBe(true);
    expect(text).toContain(`,${((supplyPriceFen * 2) / 100).toFixed(2)}\r\n`);
    const otherSupplier = await t.login('13900000002');
    expect((await t.json('GET', '/admin/settlements?month=2026-11&party=supplier', { token: otherSupplier })).body.rows).toEqual([]);
    const sales = await t.login('13800000004');
    expect((await t.json('GET', '/admin/settlements?month=2026-11', { token: sales })).status).toBe(403);
    expect((await t.json('GET', '/admin/settlements?month=2026-13', { token: finance })).status).toBe(400);
  });
});
