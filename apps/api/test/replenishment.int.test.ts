import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, systemContext } from '@linkmall/kernel';
import { backgroundWork } from '../src/background.ts';
import { startTestPlatform, tableCounts, type TestPlatform } from './harness.ts';
import { dayBefore, insertDemand, weeklyDemand } from './replenishment-fixtures.ts';

// Noon in Beijing on 22 November: the forecasts learn from full days up to the 21st.
const clock = fixedClock(new Date('2026-11-22T04:00:00Z'));
const YESTERDAY = '2026-11-21';
const PATTERN = [3, 4, 5, 6, 9, 12, 8];
const Z_95 = 1.644853627;
const Z_99 = 2.326347874;

let t: TestPlatform;
let admin: string;
let operations: string;
let greenSupplier: string;
let beautySupplier: string;
let merchant: string;
const skuIds = new Map<string, string>();
let greenId: string;
let beautyId: string;

const skuId = (code: string) => skuIds.get(code)!;
const onSaleCount = async (supplierId: string) =>
  Number(((await t.database.executeSql("select count(*)::int as n from skus s join products p on p.id = s.product_id where p.status = 'on_sale' and s.supplier_id = $1", [supplierId])).rows[0] as { n: number }).n);
const suggestion = async (token: string, code: string) => {
  const page = await t.json('GET', `/admin/replenishment/suggestions?q=${code}`, { token });
  return page.body.items.find((item: { skuCode: string }) => item.skuCode === code);
};

beforeAll(async () => {
  t = await startTestPlatform({ clock });
  [admin, operations, greenSupplier, beautySupplier, merchant] = (await Promise.all(['13800000001', '13800000002', '13900000001', '13900000002', '13700000001'].map((phone) => t.login(phone)))) as [string, string, string, string, string];
  greenId = (await t.json('GET', '/admin/me', { token: greenSupplier })).body.organizationId;
  beautyId = (await t.json('GET', '/admin/me', { token: beautySupplier })).body.organizationId;
  for (const row of (await t.database.executeSql('select id, sku_code from skus', [])).rows as { id: string; sku_code: string }[]) skuIds.set(row.sku_code, row.id);
  await insertDemand(t.database, 'LY-001-1', weeklyDemand(YESTERDAY, 12, PATTERN));
  await insertDemand(t.database, 'LY-002-1', Array.from({ length: 10 }, (_, index) => ({ day: dayBefore(YESTERDAY, index), quantity: 4 })));
  // Two days of 3 net units each: 5 paid with 2 refunded, and 3 paid; a never-paid order of 7 does not count.
  await insertDemand(t.database, 'LY-003-1', [
    { day: dayBefore(YESTERDAY, 1), quantity: 5, refunded: 2 },
    { day: YESTERDAY, quantity: 3 },
    { day: YESTERDAY, quantity: 7, unpaid: true },
  ]);
  await insertDemand(t.database, 'MF-001-1', weeklyDemand(YESTERDAY, 8, [10, 10, 10, 10, 20, 30, 20]));
  await t.json('PUT', '/admin/catalog/skus/LY-003-1/stock', { token: greenSupplier, body: { stock: 20 } });
});
afterAll(() => t?.close());

describe('supplier scope', () => {
  it('shows a supplier admin only its own SKUs, and the platform every supplier’s', async () => {
    const own = await t.json('GET', '/admin/replenishment/suggestions?pageSize=100', { token: greenSupplier });
    expect(own.status).toBe(200);
    expect(own.body.total).toBe(await onSaleCount(greenId));
    expect(own.body.items.every((item: { supplierId: string }) => item.supplierId === greenId)).toBe(true);
    const other = await t.json('GET', '/admin/replenishment/suggestions?pageSize=100', { token: beautySupplier });
    expect(other.body.total).toBe(await onSaleCount(beautyId));
    expect(other.body.items.every((item: { skuCode: string }) => item.skuCode.startsWith('MF-'))).toBe(true);
    const all = await t.json('GET', '/admin/replenishment/suggestions?pageSize=100', { token: operations });
    expect(all.body.total).toBe((await onSaleCount(greenId)) + (await onSaleCount(beautyId)));
    const filtered = await t.json('GET', `/admin/replenishment/suggestions?supplierId=${beautyId}&pageSize=100`, { token: admin });
    expect(filtered.body.total).toBe(await onSaleCount(beautyId));
    // A supplier cannot widen its view with the platform's filter.
    const widened = await t.json('GET', `/admin/replenishment/suggestions?supplierId=${beautyId}`, { token: greenSupplier });
    expect(widened.body.total).toBe(0);
    expect((await t.json('GET', '/admin/replenishment/suggestions', { token: merchant })).status).toBe(403);
  });

  it('answers 404 for another supplier’s SKU or settings and changes nothing', async () => {
    const before = await tableCounts(t);
    const forecast = await t.json('GET', `/admin/replenishment/skus/${skuId('MF-001-1')}/forecast`, { token: greenSupplier });
    expect(forecast.status).toBe(404);
    expect(forecast.body.error.code).toBe('replenishment_sku_not_found');
    const write = await t.json('PUT', `/admin/replenishment/skus/${skuId('MF-001-1')}/settings`, { token: greenSupplier, body: { onOrderQuantity: 5 } });
    expect([write.status, write.body.error.code]).toEqual([404, 'replenishment_sku_not_found']);
    const supplierWrite = await t.json('PUT', `/admin/replenishment/suppliers/${beautyId}/settings`, { token: greenSupplier, body: { leadTimeDays: 3, reviewPeriodDays: 3, serviceLevelBps: 9000 } });
    expect([supplierWrite.status, supplierWrite.body.error.code]).toEqual([404, 'replenishment_supplier_not_found']);
    expect((await t.json('GET', `/admin/replenishment/suppliers/${beautyId}/settings`, { token: greenSupplier })).status).toBe(404);
    // Operations read suggestions but do not set supply parameters.
    expect((await t.json('PUT', `/admin/replenishment/skus/${skuId('MF-001-1')}/settings`, { token: operations, body: { onOrderQuantity: 5 } })).status).toBe(403);
    expect(await tableCounts(t)).toEqual(before);
  });
});

describe('bad input', () => {
  const cases: Array<[string, unknown]> = [
    ['a lead time of zero', { leadTimeDays: 0, onOrderQuantity: 1 }],
    ['a service level of 100 %', { serviceLevelBps: 10_000, onOrderQuantity: 1 }],
    ['a fractional review period', { reviewPeriodDays: 2.5, onOrderQuantity: 1 }],
    ['negative stock on order', { onOrderQuantity: -1 }],
    ['no stock on order', { leadTimeDays: 5 }],
    ['an unknown field', { onOrderQuantity: 1, supplierId: 'org_00000000000000000000000000' }],
    ['text for a number', { onOrderQuantity: '12' }],
  ];
  it.each(cases)('rejects %s with 400 and writes nothing', async (_label, body) => {
    const before = await tableCounts(t);
    const response = await t.json('PUT', `/admin/replenishment/skus/${skuId('LY-006-1')}/settings`, { token: greenSupplier, body });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(await tableCounts(t)).toEqual(before);
  });

  it('rejects supplier defaults out of range and a malformed query', async () => {
    const supplier = await t.json('PUT', `/admin/replenishment/suppliers/${greenId}/settings`, { token: greenSupplier, body: { leadTimeDays: 121, reviewPeriodDays: 7, serviceLevelBps: 9500 } });
    expect([supplier.status, supplier.body.error.details.issues[0].path]).toEqual([400, 'leadTimeDays']);
    expect((await t.json('GET', '/admin/replenishment/suggestions?status=urgent', { token: greenSupplier })).status).toBe(400);
    expect((await t.json('GET', `/admin/replenishment/skus/${skuId('LY-001-1')}/forecast?horizonDays=181`, { token: greenSupplier })).status).toBe(400);
    expect((await t.json('GET', '/admin/replenishment/suggestions/export?format=pdf', { token: greenSupplier })).status).toBe(400);
  });
});

describe('forecasts from paid order lines', () => {
  it('fits Holt-Winters to twelve weeks, forecasts the weekly peak and brackets it with intervals', async () => {
    const { status, body } = await t.json('GET', `/admin/replenishment/skus/${skuId('LY-001-1')}/forecast`, { token: greenSupplier });
    expect(status).toBe(200);
    expect(body.model).toMatchObject({ method: 'holt_winters', historyDays: 84, historyEnd: YESTERDAY });
    expect(body.history).toHaveLength(91);
    expect(body.history.at(-1)).toMatchObject({ day: YESTERDAY, quantity: PATTERN[83 % 7] });
    expect(body.history.slice(0, 7).every((entry: { quantity: number; fitted: number | null }) => entry.quantity === 0 && entry.fitted === null)).toBe(true);
    expect(body.forecast).toHaveLength(28);
    expect(body.forecast[0].day).toBe('2026-11-22');
    // Day k ahead continues the pattern at index (84 + k) mod 7 = k mod 7: the peak (12) is 5 days ahead.
    const week = body.forecast.slice(0, 7).map((entry: { quantity: number }) => entry.quantity);
    expect(week.indexOf(Math.max(...week))).toBe(5);
    expect(week[5]).toBeCloseTo(12, 0);
    for (const entry of body.forecast) {
      expect(entry.lower95).toBeLessThanOrEqual(entry.lower80);
      expect(entry.lower80).toBeLessThanOrEqual(entry.quantity);
      expect(entry.quantity).toBeLessThanOrEqual(entry.upper80);
      expect(entry.upper80).toBeLessThanOrEqual(entry.upper95);
    }
    expect(body.backtest.origins).toBe(4);
    // The list shows the same suggestion as the detail.
    const row = await suggestion(greenSupplier, 'LY-001-1');
    expect(row).toMatchObject({ method: 'holt_winters', reorderPoint: body.suggestion.reorderPoint, targetStock: body.suggestion.targetStock, suggestedQuantity: body.suggestion.suggestedQuantity });
  });

  it('falls back to smoothing under two weeks, the mean under three days, and zero without sales', async () => {
    expect((await suggestion(greenSupplier, 'LY-002-1')).method).toBe('simple_smoothing');
    expect((await suggestion(greenSupplier, 'LY-003-1')).method).toBe('mean');
    const none = await suggestion(greenSupplier, 'LY-004-1');
    expect(none).toMatchObject({ method: 'none', leadTimeDemand: 0, targetStock: 0, suggestedQuantity: 0, status: 'sufficient' });
  });

  it('counts paid units net of refunds and ignores unpaid orders', async () => {
    const { body } = await t.json('GET', `/admin/replenishment/skus/${skuId('LY-003-1')}/forecast?historyDays=7`, { token: greenSupplier });
    expect(body.history.map((entry: { quantity: number }) => entry.quantity)).toEqual([0, 0, 0, 0, 0, 3, 3]);
    expect(body.model).toMatchObject({ method: 'mean', historyDays: 2 });
  });
});

describe('suggestion arithmetic and settings', () => {
  // LY-003-1 forecasts 3 a day with σ = √3 (the mean model), and 20 in stock.
  it('orders up to the target with the platform defaults (lead time 7, review 7, 95 %)', async () => {
    const row = await suggestion(greenSupplier, 'LY-003-1');
    const safety = Z_95 * Math.sqrt(3) * Math.sqrt(7);
    expect(row).toMatchObject({ leadTimeDays: 7, reviewPeriodDays: 7, serviceLevelBps: 9500, leadTimeDemand: 21, coverDemand: 42, onHand: 20, onOrder: 0 });
    expect(row.safetyStock).toBeCloseTo(safety, 2);
    expect(row).toMatchObject({ reorderPoint: Math.ceil(21 + safety), targetStock: Math.ceil(42 + safety), suggestedQuantity: 50 - 20, status: 'order_now' });
    expect(row.reasoning.join('\n')).toContain('建议采购 = max(0, 目标库存 50 − 现有库存 20 − 在途 0) = 30 件');
    const english = await t.json('GET', '/admin/replenishment/suggestions?q=LY-003-1', { token: greenSupplier, headers: { 'accept-language': 'en' } });
    expect(english.body.items[0].reasoning.join('\n')).toContain('Suggested quantity = max(0, target 50 − on hand 20 − on order 0) = 30');
  });

  it('counts stock on order, then the supplier’s defaults, then the SKU’s own values; each write audited', async () => {
    const path = `/admin/replenishment/skus/${skuId('LY-003-1')}/settings`;
    const onOrder = await t.json('PUT', path, { token: greenSupplier, body: { onOrderQuantity: 15 }, headers: { 'idempotency-key': 'rpl-on-order-1' } });
    expect(onOrder.status).toBe(200);
    expect(onOrder.body).toMatchObject({ onOrderQuantity: 15, leadTimeDays: null, effective: { leadTimeDays: 7, sources: { leadTimeDays: 'platform' } } });
    const replay = await t.request('PUT', path, { token: greenSupplier, body: { onOrderQuantity: 15 }, headers: { 'idempotency-key': 'rpl-on-order-1' } });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await suggestion(greenSupplier, 'LY-003-1')).toMatchObject({ onOrder: 15, inventoryPosition: 35, suggestedQuantity: 15, status: 'order_at_review' });

    const supplierDefaults = await t.json('PUT', `/admin/replenishment/suppliers/${greenId}/settings`, { token: greenSupplier, body: { leadTimeDays: 14, reviewPeriodDays: 7, serviceLevelBps: 9500 } });
    expect(supplierDefaults.body).toMatchObject({ supplierId: greenId, leadTimeDays: 14, source: 'supplier' });
    // 14 days: demand 42, cover 63, SS = 1.645 × √3 × √14 = 10.66 → ROP 53, target 74; position 35 → order 39 now.
    expect(await suggestion(greenSupplier, 'LY-003-1')).toMatchObject({ leadTimeDays: 14, reorderPoint: 53, targetStock: 74, suggestedQuantity: 39, status: 'order_now' });

    await t.json('PUT', path, { token: admin, body: { leadTimeDays: 3, serviceLevelBps: 9900, onOrderQuantity: 15 } });
    // 3 days at 99 %: SS = 2.326 × √3 × √3 = 6.98 → ROP ⌈9 + 6.98⌉ = 16; cover 3 + 7 days → ⌈30 + 6.98⌉ = 37; order 2 at review.
    const row = await suggestion(greenSupplier, 'LY-003-1');
    expect(row.safetyStock).toBeCloseTo(Z_99 * 3, 2);
    expect(row).toMatchObject({ leadTimeDays: 3, reviewPeriodDays: 7, serviceLevelBps: 9900, reorderPoint: 16, targetStock: 37, suggestedQuantity: 2, status: 'order_at_review' });

    const entries = (await t.database.executeSql("select action, entity_id, organization_id, before, after from audit_log where action like 'replenishment_settings.%' order by sequence", [])).rows as {
      action: string;
      entity_id: string;
      organization_id: string;
      before: any;
      after: any;
    }[];
    expect(entries.map((entry) => entry.action)).toEqual(['replenishment_settings.sku_updated', 'replenishment_settings.supplier_updated', 'replenishment_settings.sku_updated']);
    expect(entries.every((entry) => entry.organization_id === greenId)).toBe(true);
    expect(entries[0]!.before).toBeNull();
    expect([entries[2]!.before.leadTimeDays, entries[2]!.after.leadTimeDays, entries[2]!.after.effective.serviceLevelBps]).toEqual([null, 3, 9900]);
    expect(entries[1]!.after).toMatchObject({ leadTimeDays: 14, reviewPeriodDays: 7, serviceLevelBps: 9500 });
  });

  it('filters by status with the same rule the rows are labelled with, most urgent first', async () => {
    const all = (await t.json('GET', '/admin/replenishment/suggestions?pageSize=100', { token: admin })).body.items as { status: string; suggestedQuantity: number }[];
    const rank = { order_now: 0, order_at_review: 1, sufficient: 2 } as Record<string, number>;
    for (let index = 1; index < all.length; index++) expect(rank[all[index]!.status]!).toBeGreaterThanOrEqual(rank[all[index - 1]!.status]!);
    for (const status of ['order_now', 'order_at_review', 'sufficient']) {
      const page = await t.json('GET', `/admin/replenishment/suggestions?status=${status}&pageSize=100`, { token: admin });
      expect(page.body.total).toBe(all.filter((item) => item.status === status).length);
      expect(page.body.items.every((item: { status: string }) => item.status === status)).toBe(true);
    }
  });
});

describe('exports', () => {
  it('downloads the supplier’s suggestions as CSV in the reader’s language, and as XLSX', async () => {
    const total = (await t.json('GET', '/admin/replenishment/suggestions', { token: greenSupplier })).body.total as number;
    const csv = await t.request('GET', '/admin/replenishment/suggestions/export?format=csv', { token: greenSupplier });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain('建议采购量');
    expect(lines).toHaveLength(total + 1);
    expect(text).not.toContain('MF-');
    expect(lines.find((line) => line.startsWith('LY-003-1'))).toContain(',2,');
    const english = await t.request('GET', '/admin/replenishment/suggestions/export?format=csv', { token: greenSupplier, headers: { 'accept-language': 'en' } });
    expect((await english.text()).split('\r\n')[0]).toContain('Suggested quantity');
    const xlsx = await t.request('GET', '/admin/replenishment/suggestions/export?format=xlsx', { token: greenSupplier });
    expect(xlsx.headers.get('content-disposition')).toContain('replenishment-suggestions.xlsx');
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
  });
});

describe('the daily refresh', () => {
  it('refits only stale SKUs, and next day’s history includes a real checkout, payment and partial refund', async () => {
    const ctx = systemContext(clock);
    expect(await t.platform.replenishment.refresh(ctx)).toBe(0);
    const buyer = await t.login('13500000002', 'shop');
    const address = { recipientName: '何明', phone: '13500000222', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 90 号' };
    const order = (await t.json('POST', '/shop/orders', { token: buyer, body: { items: [{ skuId: skuId('LY-005-1'), quantity: 3 }], deliveryMethod: 'delivery', shippingAddress: address } })).body;
    const payment = (await t.json('POST', `/shop/orders/${order.id}/pay`, { token: buyer })).body;
    await t.json('POST', `/shop/pay/sandbox/${payment.paymentId}/complete`, { body: { succeeded: true } });
    const subOrder = order.subOrders[0];
    const opened = await t.json('POST', `/shop/orders/${order.id}/after-sales`, { token: buyer, body: { subOrderId: subOrder.id, kind: 'refund_only', reason: '少发一件', lines: [{ orderLineId: subOrder.lines[0].id, quantity: 1 }] } });
    expect((await t.json('POST', `/admin/after-sales/${opened.body.id}/approve`, { token: admin })).status).toBe(200);

    clock.advance(86_400_000);
    // The worker's hourly job refits every SKU once on the new day, then nothing until the next.
    const logged: Record<string, unknown>[] = [];
    const logger = { debug() {}, info: (details: Record<string, unknown>) => void logged.push(details), warn() {}, error() {} };
    const job = backgroundWork(t.platform, logger).jobs.find((candidate) => candidate.name === 'replenishment.refresh-forecasts')!;
    await job.handle(ctx, { id: 'job-test', name: job.name, data: {} });
    expect(logged).toContainEqual({ refreshed: (await onSaleCount(greenId)) + (await onSaleCount(beautyId)) });
    expect(await t.platform.replenishment.refresh(ctx)).toBe(0);
    // Sessions do not outlive a day; sign in again on the new day.
    const { body } = await t.json('GET', `/admin/replenishment/skus/${skuId('LY-005-1')}/forecast?historyDays=7`, { token: await t.login('13900000001') });
    expect(body.model).toMatchObject({ method: 'mean', historyDays: 1, historyEnd: '2026-11-22' });
    expect(body.history.at(-1)).toEqual({ day: '2026-11-22', quantity: 2, fitted: null });
  });

  it('never keeps a plan made from settings that a concurrent write replaced', async () => {
    const ctx = systemContext(clock);
    for (const leadTimeDays of [10, 11, 12, 13]) {
      clock.advance(86_400_000);
      const token = await t.login('13900000001');
      const [, written] = await Promise.all([
        t.platform.replenishment.refresh(ctx),
        t.json('PUT', `/admin/replenishment/suppliers/${greenId}/settings`, { token, body: { leadTimeDays, reviewPeriodDays: 7, serviceLevelBps: 9500 } }),
      ]);
      expect(written.status).toBe(200);
      // Every forecast of the supplier that inherits its lead time is planned with the new one.
      const { rows } = await t.database.executeSql(
        'select distinct f.lead_time_days from replenishment_forecasts f left join replenishment_sku_settings s on s.sku_id = f.sku_id where f.supplier_id = $1 and s.lead_time_days is null',
        [greenId],
      );
      expect(rows).toEqual([{ lead_time_days: leadTimeDays }]);
    }
  });
});
