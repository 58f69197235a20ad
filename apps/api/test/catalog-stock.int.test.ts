import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '@linkmall/db';
import { startTestPlatform, tableCounts, type TestPlatform } from './harness.ts';

let t: TestPlatform;
let admin: string;
let supplierA: string;
let supplierB: string;
let supplierAId: string;

beforeAll(async () => {
  t = await startTestPlatform();
  admin = await t.login('13800000001');
  supplierA = await t.login('13900000001');
  supplierB = await t.login('13900000002');
  supplierAId = (await t.json('GET', '/admin/me', { token: supplierA })).body.organizationId;
});
afterAll(() => t?.close());

async function stockOf(skuCode: string): Promise<number> {
  const { rows } = await t.database.executeSql('select stock from skus where sku_code = $1 and supplier_id = $2', [skuCode, supplierAId]);
  return (rows[0] as { stock: number }).stock;
}

async function auditCount(entityId: string): Promise<number> {
  return (await t.json('GET', `/admin/audit-log?entityId=${entityId}`, { token: admin })).body.total;
}

describe('stock sync from supplier systems', () => {
  it('sets one SKU’s stock by code, audited and announced', async () => {
    const response = await t.json('PUT', '/admin/catalog/skus/LY-002-1/stock', { token: supplierA, body: { stock: 7 } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ skuCode: 'LY-002-1', previousStock: 80, stock: 7, changed: true, supplierId: supplierAId });
    const audit = (await t.json('GET', `/admin/audit-log?entityId=${response.body.skuId}`, { token: supplierA })).body.items;
    expect(audit[0]).toMatchObject({ action: 'sku.stock_updated', before: { stock: 80 }, after: { stock: 7 }, actorName: '陈静' });
    const { rows } = await t.database.executeSql("select payload from outbox_events where type = 'stock.updated' and aggregate_id = $1", [response.body.skuId]);
    expect(rows.map((row: any) => row.payload)).toEqual([{ skuId: response.body.skuId, skuCode: 'LY-002-1', productId: response.body.productId, supplierId: supplierAId, previousStock: 80, stock: 7 }]);
    const same = await t.json('PUT', '/admin/catalog/skus/LY-002-1/stock', { token: supplierA, body: { stock: 7 } });
    expect(same.body.changed).toBe(false);
    expect(await auditCount(response.body.skuId)).toBe(1);
  });

  it('replays a retried call with the same Idempotency-Key instead of acting twice', async () => {
    const headers = { 'idempotency-key': 'erp-run-42:LY-003-1' };
    const first = await t.request('PUT', '/admin/catalog/skus/LY-003-1/stock', { token: supplierA, body: { stock: 33 }, headers });
    const firstBody = (await first.json()) as any;
    await t.json('PUT', '/admin/catalog/skus/LY-003-1/stock', { token: supplierA, body: { stock: 34 } });
    const retry = await t.request('PUT', '/admin/catalog/skus/LY-003-1/stock', { token: supplierA, body: { stock: 33 }, headers });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.json()).toEqual(firstBody);
    expect(await stockOf('LY-003-1')).toBe(34);
    expect(await auditCount(firstBody.skuId)).toBe(2);
    const conflict = await t.json('PUT', '/admin/catalog/skus/LY-003-1/stock', { token: supplierA, body: { stock: 35 }, headers });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('idempotency_conflict');
  });

  it('sets a batch of SKUs in one transaction', async () => {
    const items = Array.from({ length: 6 }, (_, index) => [1, 2].map((variant) => ({ skuCode: `LY-00${index + 1}-${variant}`, stock: 1000 + index * 10 + variant }))).flat();
    const headers = { 'idempotency-key': 'erp-batch-1' };
    const response = await t.json('POST', '/admin/catalog/stock-sync', { token: supplierA, body: { items }, headers });
    expect(response.status).toBe(200);
    expect(response.body.changedCount).toBe(12);
    expect(response.body.items.map((item: any) => [item.skuCode, item.stock])).toEqual(items.map((item) => [item.skuCode, item.stock]));
    expect(await stockOf('LY-006-2')).toBe(1052);
    const replay = await t.request('POST', '/admin/catalog/stock-sync', { token: supplierA, body: { items }, headers });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });

  it('changes nothing when one code of a batch is unknown or another supplier’s', async () => {
    const before = await tableCounts(t);
    const stockBefore = await stockOf('LY-001-1');
    const response = await t.json('POST', '/admin/catalog/stock-sync', {
      token: supplierA,
      body: { items: [{ skuCode: 'LY-001-1', stock: 1 }, { skuCode: 'MF-002-1', stock: 1 }, { skuCode: 'NO-SUCH', stock: 1 }] },
    });
    expect(response.status).toBe(404);
    expect(response.body.error).toMatchObject({ code: 'sku_not_found', details: { skuCodes: ['MF-002-1', 'NO-SUCH'] } });
    expect(response.body.error.message).toBe('SKU 不存在：MF-002-1,NO-SUCH');
    expect(await stockOf('LY-001-1')).toBe(stockBefore);
    expect(await tableCounts(t)).toEqual(before);
    // Supplier B's own view of the same code works: the 404 was about scope, not existence.
    expect((await t.json('PUT', '/admin/catalog/skus/MF-002-1/stock', { token: supplierB, body: { stock: 5 } })).status).toBe(200);
  });

  it('rejects bad batches at the edge', async () => {
    const duplicate = await t.json('POST', '/admin/catalog/stock-sync', { token: supplierA, body: { items: [{ skuCode: 'LY-001-1', stock: 1 }, { skuCode: 'LY-001-1', stock: 2 }] } });
    expect(duplicate.status).toBe(400);
    const tooMany = await t.json('POST', '/admin/catalog/stock-sync', { token: supplierA, body: { items: Array.from({ length: 1001 }, (_, index) => ({ skuCode: `C-${index}`, stock: 1 })) } });
    expect(tooMany.status).toBe(400);
    const negative = await t.json('PUT', '/admin/catalog/skus/LY-001-1/stock', { token: supplierA, body: { stock: -1 } });
    expect(negative.status).toBe(400);
    const fractional = await t.json('PUT', '/admin/catalog/skus/LY-001-1/stock', { token: supplierA, body: { stock: 1.5 } });
    expect(fractional.status).toBe(400);
  });

  it('lets platform staff sync any supplier, naming it when two suppliers share a code', async () => {
    const bProduct = await t.json('POST', '/admin/products', {
      token: supplierB,
      body: { title: '同码商品', category: '面膜', skus: [{ skuCode: 'LY-004-1', supplyPriceFen: 100, minRetailPriceFen: 100, suggestedRetailPriceFen: 100, maxRetailPriceFen: 100, stock: 1 }] },
    });
    expect(bProduct.status).toBe(201);
    const ambiguous = await t.json('PUT', '/admin/catalog/skus/LY-004-1/stock', { token: admin, body: { stock: 9 } });
    expect(ambiguous.status).toBe(422);
    expect(ambiguous.body.error.code).toBe('supplier_required');
    const named = await t.json('PUT', `/admin/catalog/skus/LY-004-1/stock?supplierId=${supplierAId}`, { token: admin, body: { stock: 9 } });
    expect(named.body).toMatchObject({ supplierId: supplierAId, stock: 9 });
    const unique = await t.json('POST', '/admin/catalog/stock-sync', { token: admin, body: { items: [{ skuCode: 'MF-003-1', stock: 3 }, { skuCode: 'LY-005-1', stock: 4 }] } });
    expect(unique.body.changedCount).toBe(2);
  });

  it('reserves stock for checkout all or nothing, and never sells the last unit twice', async () => {
    const catalog = t.platform.catalog;
    const skuId = async (code: string) => (await t.json('PUT', `/admin/catalog/skus/${code}/stock`, { token: supplierA, body: { stock: 2 } })).body.skuId as string;
    const [tea, rice] = [await skuId('LY-001-2'), await skuId('LY-004-2')];
    const draft = await t.json('POST', '/admin/products', { token: supplierA, body: { title: '草稿', category: '茶叶', skus: [{ skuCode: 'DRAFT-1', supplyPriceFen: 1, minRetailPriceFen: 1, suggestedRetailPriceFen: 1, maxRetailPriceFen: 1, stock: 9 }] } });
    const priced = await catalog.skusForCheckout(t.platform.db, [tea, rice, draft.body.skus[0].id]);
    expect(priced.map((sku) => [sku.skuId, sku.specs, sku.unitPriceFen, sku.supplyPriceFen])).toEqual(
      expect.arrayContaining([[tea, '规格:500g', 36800n, 24000n], [rice, '规格:10kg', 14990n, 9800n]]),
    );
    expect(priced).toHaveLength(2);

    const short = await inTransaction(t.platform.db, (tx) => catalog.reserveStock(tx, [{ skuId: tea, quantity: 1 }, { skuId: rice, quantity: 3 }]));
    expect(short).toMatchObject({ ok: false, code: 'out_of_stock', details: { skuId: rice, available: 2 } });
    expect(await stockOf('LY-001-2')).toBe(2);

    const both = await Promise.all([1, 2].map(() => inTransaction(t.platform.db, (tx) => catalog.reserveStock(tx, [{ skuId: tea, quantity: 1 }, { skuId: tea, quantity: 1 }]))));
    expect(both.map((result) => result.ok).sort()).toEqual([false, true]);
    expect(await stockOf('LY-001-2')).toBe(0);
    await inTransaction(t.platform.db, (tx) => catalog.releaseStock(tx, [{ skuId: tea, quantity: 2 }]));
    expect(await stockOf('LY-001-2')).toBe(2);
  });
});
