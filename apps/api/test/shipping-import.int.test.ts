import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, tableCounts, type TestPlatform } from './harness.ts';

let t: TestPlatform;
let buyer: string;
let supplierA: string;
let supplierB: string;
let admin: string;
let sequence = 0;
const address = { recipientName: '何明', phone: '13500000222', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 90 号' };

beforeAll(async () => {
  t = await startTestPlatform();
  buyer = await t.login('13500000002', 'shop');
  supplierA = await t.login('13900000001');
  supplierB = await t.login('13900000002');
  admin = await t.login('13800000001');
});
afterAll(() => t?.close());

/** A paid order with one sub-order of the given SKU; returns the sub-order id. */
async function paidSubOrder(skuCode: string, supplierToken: string): Promise<{ orderId: string; subOrderId: string }> {
  const skuId = (await t.json('PUT', `/admin/catalog/skus/${skuCode}/stock`, { token: supplierToken, body: { stock: 50 } })).body.skuId;
  const order = (await t.json('POST', '/shop/orders', { token: buyer, body: { items: [{ skuId, quantity: 1 }], deliveryMethod: 'delivery', shippingAddress: address } })).body;
  const payment = (await t.json('POST', `/shop/orders/${order.id}/pay`, { token: buyer })).body;
  expect((await t.json('POST', `/shop/pay/sandbox/${payment.paymentId}/complete`, { body: { succeeded: true } })).body.outcome).toBe('applied');
  return { orderId: order.id, subOrderId: order.subOrders[0].id };
}
const tracking = (prefix: string) => `${prefix}${String(7_000_000_000 + ++sequence)}`;
const statusOf = async (subOrderId: string) => ((await t.database.executeSql('select status from sub_orders where id = $1', [subOrderId])).rows[0] as { status: string }).status;
const importCsv = (token: string, content: string, extra: object = {}, headers: Record<string, string> = {}) =>
  t.json('POST', '/admin/fulfilment/shipments/import', { token, body: { content, ...extra }, headers });

describe('shipping by CSV', () => {
  it('ships every row through the normal ship operation: history, audit and order.shipped each', async () => {
    const first = await paidSubOrder('LY-001-1', supplierA);
    const second = await paidSubOrder('LY-002-1', supplierA);
    const [sf, yt] = [tracking('SF'), tracking('YT')];
    const csv = `\uFEFFsubOrderId,carrierCode,trackingNumber\r\n${first.subOrderId},shunfeng,${sf}\r\n\r\n"${second.subOrderId}",圆通速递, ${yt} \r\n`;
    const response = await importCsv(supplierA, csv);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ dryRun: false, rowCount: 2 });
    expect(response.body.importId).toMatch(/^shp_/);
    expect(response.body.shipped).toEqual([
      { line: 2, subOrderId: first.subOrderId, orderId: first.orderId, carrierCode: 'shunfeng', carrierName: '顺丰速运', trackingNumber: sf },
      { line: 4, subOrderId: second.subOrderId, orderId: second.orderId, carrierCode: 'yuantong', carrierName: '圆通速递', trackingNumber: yt },
    ]);
    expect([await statusOf(first.subOrderId), await statusOf(second.subOrderId)]).toEqual(['shipped', 'shipped']);
    const audit = (await t.json('GET', `/admin/audit-log?entityId=${first.subOrderId}`, { token: supplierA })).body.items;
    expect(audit[0]).toMatchObject({ action: 'sub_order.shipped', after: { status: 'shipped', carrier: '顺丰速运', trackingNumber: sf } });
    expect((await t.json('GET', `/admin/audit-log?entityId=${response.body.importId}`, { token: supplierA })).body.items[0]).toMatchObject({ action: 'shipments.imported', after: { rowCount: 2 } });
    const { rows } = await t.database.executeSql("select count(*)::int as n from outbox_events where type = 'order.shipped' and aggregate_id = any($1)", [[first.orderId, second.orderId]]);
    expect((rows[0] as { n: number }).n).toBe(2);
    const parcel = (await t.json('GET', `/shop/orders/${second.orderId}/logistics`, { token: buyer })).body.parcels[0];
    expect(parcel).toMatchObject({ carrierCode: 'yuantong', trackingNumber: yt });
  });

  it('reports every row error with its line number and column, in the caller’s language, and ships nothing', async () => {
    const mine = await paidSubOrder('LY-003-1', supplierA);
    const mineToo = await paidSubOrder('LY-004-1', supplierA);
    const theirs = await paidSubOrder('MF-001-1', supplierB);
    const shippedAlready = await paidSubOrder('LY-005-1', supplierA);
    await t.json('POST', `/admin/sub-orders/${shippedAlready.subOrderId}/ship`, { token: supplierA, body: { carrier: '中通快递', trackingNumber: 'ZT7100000001' } });
    const csv = [
      '子订单号,快递公司,运单号',
      `${mine.subOrderId},shunfeng,${tracking('SF')}`, // line 2: fine on its own
      `${mineToo.subOrderId},mars-express,${tracking('MX')}`, // line 3: unknown carrier
      `${mine.subOrderId},yunda,${tracking('YD')}`, // line 4: same sub-order again
      `sub_123,yunda,short`, // line 5: bad id and bad number
      `${theirs.subOrderId},zhongtong,${tracking('ZT')}`, // line 6: another supplier's
      `${shippedAlready.subOrderId},zhongtong,${tracking('ZT')}`, // line 7: shipped already
    ].join('\n');
    const before = await tableCounts(t);
    const response = await importCsv(supplierA, csv);
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('shipping_import_invalid');
    expect(response.body.error.details.errors.map((issue: any) => [issue.line, issue.column, issue.code])).toEqual([
      [3, 'carrierCode', 'carrier_unknown'],
      [4, 'subOrderId', 'duplicate_sub_order'],
      [5, 'subOrderId', 'invalid_sub_order_id'],
      [5, 'trackingNumber', 'invalid_tracking_number'],
    ]);
    expect(response.body.error.details.errors[0].message).toBe('不支持的快递公司“mars-express”，请使用快递公司列表中的编码');
    expect(await tableCounts(t)).toEqual(before);

    // With the cell errors fixed, the checks against the orders report the rest — still writing nothing.
    const secondPass = [
      'subOrderId,carrierCode,trackingNumber',
      `${mine.subOrderId},shunfeng,${tracking('SF')}`,
      `${theirs.subOrderId},zhongtong,${tracking('ZT')}`,
      `${shippedAlready.subOrderId},zhongtong,${tracking('ZT')}`,
    ].join('\n');
    const english = await importCsv(supplierA, secondPass, {}, { 'accept-language': 'en' });
    expect(english.status).toBe(422);
    expect(english.body.error.message).toBe('The shipping file has 2 problem(s); nothing was shipped');
    expect(english.body.error.details.errors).toEqual([
      { line: 3, column: 'subOrderId', code: 'sub_order_not_found', message: 'The sub-order does not exist or is not yours' },
      { line: 4, column: 'subOrderId', code: 'already_shipped', message: 'This sub-order has already shipped (中通快递 ZT7100000001)' },
    ]);
    expect(await tableCounts(t)).toEqual(before);
    expect(await statusOf(mine.subOrderId)).toBe('paid');
    expect(await statusOf(theirs.subOrderId)).toBe('paid');
  });

  it('checks everything in a dry run without shipping, and lets platform staff ship any supplier’s sub-orders', async () => {
    const a = await paidSubOrder('LY-006-1', supplierA);
    const b = await paidSubOrder('MF-002-1', supplierB);
    const csv = `subOrderId,carrierCode,trackingNumber\n${a.subOrderId},jd,${tracking('JD')}\n${b.subOrderId},ems,${tracking('E')}\n`;
    const before = await tableCounts(t);
    const dryRun = await importCsv(admin, csv, { dryRun: true });
    expect(dryRun.status).toBe(200);
    expect(dryRun.body).toMatchObject({ importId: null, dryRun: true, rowCount: 2 });
    expect(await tableCounts(t)).toEqual(before);
    expect((await importCsv(supplierA, csv, { dryRun: true })).body.error.details.errors.map((issue: any) => issue.code)).toEqual(['sub_order_not_found']);
    const real = await importCsv(admin, csv);
    expect(real.status).toBe(200);
    expect([await statusOf(a.subOrderId), await statusOf(b.subOrderId)]).toEqual(['shipped', 'shipped']);
  });

  it('refuses a file with missing or unknown columns, bad quoting, no rows, or a caller without the permission', async () => {
    const issues = async (content: string) => (await importCsv(supplierA, content)).body.error.details.errors.map((issue: any) => [issue.line, issue.code]);
    expect(await issues('subOrderId,trackingNumber\nsub_x,SF1')).toEqual([[1, 'missing_column']]);
    expect(await issues('subOrderId,carrierCode,trackingNumber,weight\n')).toEqual([[1, 'unknown_column']]);
    expect(await issues('subOrderId,carrierCode,trackingNumber\n')).toEqual([[1, 'no_rows']]);
    expect(await issues('subOrderId,carrierCode,trackingNumber\n"sub_x,shunfeng,SF1\n')).toEqual([[2, 'unterminated_quote']]);
    expect(await issues('subOrderId,carrierCode,trackingNumber\nsub_x,shunfeng,SF1,extra\n')).toEqual([[2, 'extra_fields']]);
    expect((await importCsv(supplierA, '')).status).toBe(400);
    expect((await t.json('POST', '/admin/fulfilment/shipments/import', { token: supplierA, body: { content: 'x', format: 'csv' } })).status).toBe(400);
    const merchant = await t.login('13700000001');
    expect((await importCsv(merchant, 'subOrderId,carrierCode,trackingNumber\n')).status).toBe(403);
  });
});
