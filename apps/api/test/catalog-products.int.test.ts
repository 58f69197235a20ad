import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, tableCounts, type TestPlatform } from './harness.ts';

let t: TestPlatform;
let admin: string;
let operations: string;
let supplierA: string; // 杭州绿源农产品有限公司
let supplierB: string; // 广州美肤生物科技有限公司
let merchant: string;

beforeAll(async () => {
  t = await startTestPlatform();
  admin = await t.login('13800000001');
  operations = await t.login('13800000002');
  supplierA = await t.login('13900000001');
  supplierB = await t.login('13900000002');
  merchant = await t.login('13700000001');
});
afterAll(() => t?.close());

const sku = (skuCode: string, value: string, overrides: Record<string, number> = {}) => ({
  skuCode,
  specs: [{ name: '规格', value }],
  supplyPriceFen: 1000,
  minRetailPriceFen: 1200,
  suggestedRetailPriceFen: 1500,
  maxRetailPriceFen: 2000,
  stock: 10,
  weightGrams: 250,
  ...overrides,
});

async function createProduct(token: string, spuCode: string, extra: Record<string, unknown> = {}) {
  const response = await t.json('POST', '/admin/products', {
    token,
    body: { spuCode, title: `测试商品 ${spuCode}`, category: '茶叶', skus: [sku(`${spuCode}-S`, '小份'), sku(`${spuCode}-L`, '大份', { suggestedRetailPriceFen: 1800 })], ...extra },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

async function eventsFor(aggregateId: string): Promise<string[]> {
  const { rows } = await t.database.executeSql('select type from outbox_events where aggregate_id = $1 order by position', [aggregateId]);
  return (rows as { type: string }[]).map((row) => row.type);
}

const post = (token: string, path: string, body?: unknown) => t.json('POST', path, { token, ...(body ? { body } : {}) });

describe('products: create with SKUs, review, sale', () => {
  it('takes a supplier’s product from draft through review to sale and into the shop', async () => {
    const created = await createProduct(supplierA, 'JS-TEA', {
      title: '径山茶',
      description: '<p onclick="steal()">高山云雾<img src="javascript:alert(1)"></p><script>alert(1)</script><a href="https://example.com/cert">证书</a>',
      imageUrls: ['https://img.example.com/jingshan-1.jpg', 'https://img.example.com/jingshan-2.jpg'],
      shippingTemplateId: 'zhejiang-free',
      quality: { batchNumber: 'JS-2026-04', origin: '浙江杭州余杭区', inspectionReportUrl: 'https://reports.example.com/js-2026-04.pdf' },
    });
    const me = (await t.json('GET', '/admin/me', { token: supplierA })).body;
    expect(created).toMatchObject({
      status: 'draft',
      supplierId: me.organizationId,
      supplierName: '杭州绿源农产品有限公司',
      spuCode: 'JS-TEA',
      imageUrl: 'https://img.example.com/jingshan-1.jpg',
      supplyPriceFen: 1000,
      retailPriceFen: 1500,
      skuCount: 2,
      totalStock: 20,
      shippingTemplateId: 'zhejiang-free',
      quality: { batchNumber: 'JS-2026-04', origin: '浙江杭州余杭区', inspectionReportUrl: 'https://reports.example.com/js-2026-04.pdf' },
    });
    expect(created.description).toBe('<p>高山云雾<img></p><a href="https://example.com/cert" rel="nofollow noopener noreferrer">证书</a>');
    expect(created.skus.map((entry: any) => [entry.skuCode, entry.specs[0].value, entry.maxRetailPriceFen, entry.weightGrams])).toEqual([
      ['JS-TEA-S', '小份', 2000, 250],
      ['JS-TEA-L', '大份', 2000, 250],
    ]);
    const id = created.id;
    // A draft is the supplier's own business: merchants and the shop do not see it.
    expect((await t.json('GET', `/admin/products/${id}`, { token: merchant })).status).toBe(404);
    expect((await post(supplierA, `/admin/products/${id}/on-sale`)).body.error.code).toBe('product_status_conflict');

    expect((await post(supplierA, `/admin/products/${id}/submit`)).body.status).toBe('pending_review');
    expect((await post(supplierA, `/admin/products/${id}/review`, { decision: 'approve' })).status).toBe(403);
    const approved = await post(operations, `/admin/products/${id}/review`, { decision: 'approve' });
    expect(approved.body).toMatchObject({ status: 'approved', rejectionReason: null });
    expect(approved.body.reviewedAt).toEqual(expect.any(String));
    expect((await t.json('GET', `/admin/products/${id}`, { token: merchant })).body.status).toBe('approved');

    expect((await post(supplierA, `/admin/products/${id}/on-sale`)).body.status).toBe('on_sale');
    const home = (await t.json('GET', '/shop/home')).body;
    expect(home.products).toContainEqual({ id, title: '径山茶', subtitle: '', category: '茶叶', imageUrl: 'https://img.example.com/jingshan-1.jpg', retailPriceFen: 1500, hotProduct: false });

    expect(await eventsFor(id)).toEqual(['product.created', 'product.submitted', 'product.approved', 'product.listed']);
    const audit = (await t.json('GET', `/admin/audit-log?entityId=${id}`, { token: supplierA })).body.items.map((entry: any) => entry.action);
    expect(audit).toEqual(['product.listed', 'product.approved', 'product.submitted', 'product.created']);
  });

  it('rejects with a reason, and takes the fixed product back into review', async () => {
    const { id } = await createProduct(supplierA, 'REJ-1');
    await post(supplierA, `/admin/products/${id}/submit`);
    const noReason = await post(operations, `/admin/products/${id}/review`, { decision: 'reject' });
    expect(noReason.status).toBe(400);
    const rejected = await post(operations, `/admin/products/${id}/review`, { decision: 'reject', reason: '请补充质检报告' });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: '请补充质检报告' });
    const fixed = await t.json('PATCH', `/admin/products/${id}`, { token: supplierA, body: { quality: { inspectionReportUrl: 'https://reports.example.com/rej-1.pdf' } } });
    expect(fixed.body).toMatchObject({ status: 'rejected', quality: { inspectionReportUrl: 'https://reports.example.com/rej-1.pdf' } });
    expect((await post(supplierA, `/admin/products/${id}/submit`)).body).toMatchObject({ status: 'pending_review', rejectionReason: null });
    expect(await eventsFor(id)).toEqual(['product.created', 'product.submitted', 'product.rejected', 'product.submitted']);
    const { rows } = await t.database.executeSql("select payload from outbox_events where aggregate_id = $1 and type = 'product.rejected'", [id]);
    expect((rows[0] as any).payload).toMatchObject({ productId: id, reason: '请补充质检报告' });
  });

  it('answers 422 for a price outside the band and writes nothing', async () => {
    const before = await tableCounts(t);
    const belowSupply = await t.json('POST', '/admin/products', {
      token: supplierA,
      body: { title: '低于成本', category: '茶叶', skus: [sku('BAND-1', '250g', { supplyPriceFen: 1300 })] },
    });
    expect(belowSupply.status).toBe(422);
    expect(belowSupply.body.error).toMatchObject({ code: 'price_band_invalid', details: { skuCode: 'BAND-1', field: 'minRetailPriceFen' } });
    const aboveMax = await t.json('POST', '/admin/products', {
      token: supplierA,
      headers: { 'accept-language': 'en' },
      body: { title: 'Above max', category: '茶叶', skus: [sku('BAND-2', '250g', { suggestedRetailPriceFen: 2500 })] },
    });
    expect(aboveMax.status).toBe(422);
    expect(aboveMax.body.error.message).toBe('The prices of SKU BAND-2 must satisfy supply ≤ minimum retail ≤ suggested retail ≤ maximum retail');
    const specs = await t.json('POST', '/admin/products', {
      token: supplierA,
      body: { title: '规格不一致', category: '茶叶', skus: [sku('SPEC-1', '250g'), { ...sku('SPEC-2', 'x'), specs: [{ name: '颜色', value: '红' }] }] },
    });
    expect(specs.body.error).toMatchObject({ code: 'sku_specs_invalid', details: { skuCode: 'SPEC-2', reason: 'spec_names_differ' } });
    const { id } = (await t.json('GET', '/admin/products?status=on_sale&pageSize=1', { token: supplierA })).body.items[0];
    const patch = await t.json('PATCH', `/admin/products/${id}`, { token: supplierA, body: { skus: [sku('LY-X', '250g', { maxRetailPriceFen: 1000 })] } });
    expect(patch.body.error.code).toBe('price_band_invalid');
    expect(await tableCounts(t)).toEqual(before);
  });

  it('lets an on-sale product change only its stock, and sends an edited approved product back to draft', async () => {
    const listed = (await t.json('GET', '/admin/products?status=on_sale&q=LY-003', { token: supplierA })).body.items[0];
    const detail = (await t.json('GET', `/admin/products/${listed.id}`, { token: supplierA })).body;
    const retitle = await t.json('PATCH', `/admin/products/${detail.id}`, { token: supplierA, body: { title: '新标题' } });
    expect(retitle.status).toBe(409);
    expect(retitle.body.error.code).toBe('product_not_editable');
    const restock = await t.json('PATCH', `/admin/products/${detail.id}`, {
      token: supplierA,
      body: { skus: detail.skus.map(({ id: _id, ...entry }: any, index: number) => ({ ...entry, stock: index === 0 ? 999 : entry.stock })) },
    });
    expect(restock.body).toMatchObject({ status: 'on_sale', totalStock: 999 + detail.skus[1].stock });
    expect(await eventsFor(detail.skus[0].id)).toEqual(['stock.updated']);

    await post(supplierA, `/admin/products/${detail.id}/off-sale`);
    const edited = await t.json('PATCH', `/admin/products/${detail.id}`, { token: supplierA, body: { subtitle: '新包装' } });
    expect(edited.body).toMatchObject({ status: 'draft', subtitle: '新包装' });
  });

  it('keeps SKU codes unique within a supplier but not across suppliers', async () => {
    const taken = await t.json('POST', '/admin/products', { token: supplierA, body: { title: '重复', category: '茶叶', skus: [sku('LY-001-1', '250g')] } });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'sku_code_taken', details: { skuCodes: ['LY-001-1'] } });
    expect((await t.json('POST', '/admin/products', { token: supplierB, body: { title: '同码', category: '面膜', skus: [sku('LY-001-1', '10片')] } })).status).toBe(201);
  });

  it('shows merchants only reviewed products, and suppliers only their own', async () => {
    const draft = await createProduct(supplierA, 'SCOPE-DRAFT');
    const approved = await createProduct(supplierA, 'SCOPE-OK');
    await post(supplierA, `/admin/products/${approved.id}/submit`);
    await post(operations, `/admin/products/${approved.id}/review`, { decision: 'approve' });
    const merchantView = (await t.json('GET', '/admin/products?pageSize=100', { token: merchant })).body;
    const seen = merchantView.items.map((item: any) => item.id);
    expect(seen).toContain(approved.id);
    expect(seen).not.toContain(draft.id);
    expect(merchantView.items.every((item: any) => ['approved', 'on_sale'].includes(item.status))).toBe(true);
    const own = (await t.json('GET', '/admin/me', { token: supplierB })).body.organizationId;
    const supplierView = (await t.json('GET', '/admin/products?pageSize=100', { token: supplierB })).body;
    expect(supplierView.items.every((item: any) => item.supplierId === own)).toBe(true);
    const all = (await t.json('GET', '/admin/products?pageSize=100', { token: admin })).body;
    expect(all.total).toBeGreaterThan(merchantView.total);
  });

  it('answers 404 when a supplier reads or changes another supplier’s product or SKU, and writes nothing', async () => {
    const foreign = (await t.json('GET', '/admin/products?q=MF-001', { token: supplierB })).body.items[0];
    expect((await t.json('GET', `/admin/products/${foreign.id}`, { token: supplierB })).status).toBe(200);
    const before = await tableCounts(t);
    const attempts = [
      await t.json('GET', `/admin/products/${foreign.id}`, { token: supplierA }),
      await t.json('PATCH', `/admin/products/${foreign.id}`, { token: supplierA, body: { title: '偷改' } }),
      await post(supplierA, `/admin/products/${foreign.id}/off-sale`),
      await post(supplierA, `/admin/products/${foreign.id}/submit`),
      await t.json('PUT', '/admin/catalog/skus/MF-001-1/stock', { token: supplierA, body: { stock: 0 } }),
      await post(supplierA, '/admin/catalog/stock-sync', { items: [{ skuCode: 'LY-002-1', stock: 1 }, { skuCode: 'MF-001-2', stock: 0 }] }),
    ];
    expect(attempts.map((attempt) => attempt.status)).toEqual([404, 404, 404, 404, 404, 404]);
    expect(attempts.map((attempt) => attempt.body.error.code)).toEqual(['product_not_found', 'product_not_found', 'product_not_found', 'product_not_found', 'sku_not_found', 'sku_not_found']);
    const asForeignSupplier = await t.json('POST', '/admin/products', { token: supplierA, body: { supplierId: foreign.supplierId, title: '代建', category: '茶叶', skus: [sku('X-1', '1')] } });
    expect(asForeignSupplier.status).toBe(404);
    expect(await tableCounts(t)).toEqual(before);
    expect((await t.json('GET', `/admin/products/${foreign.id}`, { token: supplierB })).body.status).toBe('on_sale');
  });

  it('makes platform staff name the supplier, and needs an approved supplier before review', async () => {
    expect((await t.json('POST', '/admin/products', { token: admin, body: { title: '无主', category: '茶叶', skus: [sku('NONE-1', '1')] } })).body.error.code).toBe('supplier_required');
    const organization = (await post(admin, '/admin/organizations', { kind: 'supplier', name: '新入驻供应商' })).body.id;
    const noProfile = await t.json('POST', '/admin/products', { token: admin, body: { supplierId: organization, title: '未入驻', category: '茶叶', skus: [sku('NEW-1', '1')] } });
    expect(noProfile.body.error.code).toBe('supplier_not_onboarded');
    await t.json('PUT', `/admin/supplier-profiles/${organization}`, {
      token: admin,
      body: { companyName: '新入驻供应商', creditCode: '91350100M000100Y43', contactName: '王五', contactPhone: '0591-87654321', bankName: '建设银行', bankAccountName: '新入驻供应商', bankAccountNumber: '6227000000000009999' },
    });
    const { id } = (await t.json('POST', '/admin/products', { token: admin, body: { supplierId: organization, title: '待审供应商的商品', category: '茶叶', skus: [sku('NEW-1', '1')] } })).body;
    const submit = await post(admin, `/admin/products/${id}/submit`);
    expect(submit.status).toBe(409);
    expect(submit.body.error.code).toBe('supplier_not_approved');
  });
});
