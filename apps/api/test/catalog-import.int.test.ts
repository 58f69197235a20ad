import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, tableCounts, type TestPlatform } from './harness.ts';

let t: TestPlatform;
let admin: string;
let supplier: string;
let supplierId: string;

beforeAll(async () => {
  t = await startTestPlatform();
  admin = await t.login('13800000001');
  supplier = await t.login('13900000001');
  supplierId = (await t.json('GET', '/admin/me', { token: supplier })).body.organizationId;
});
afterAll(() => t?.close());

const HEADER = 'spuCode,title,subtitle,category,description,imageUrls,origin,skuCode,specs,supplyPriceFen,minRetailPriceFen,suggestedRetailPriceFen,maxRetailPriceFen,stock,weightGrams';
const csv = (...rows: string[]) => `\uFEFF${[HEADER, ...rows].join('\r\n')}\r\n`;
const importFile = (token: string, body: Record<string, unknown>, headers: Record<string, string> = {}) => t.json('POST', '/admin/catalog/imports', { token, body, headers });

async function productBySpu(spuCode: string) {
  const listed = (await t.json('GET', `/admin/products?q=${encodeURIComponent(spuCode)}`, { token: supplier })).body.items.find((item: any) => item.spuCode === spuCode);
  return listed ? (await t.json('GET', `/admin/products/${listed.id}`, { token: supplier })).body : undefined;
}

describe('bulk import from CSV and JSON', () => {
  it('creates products from three valid CSV rows, quotes, Chinese and all', async () => {
    const content = csv(
      'BLC-01,"白茶, 寿眉",福鼎老树,茶叶,"<p>""三年""陈<script>x()</script></p>",https://img.example.com/blc-1.jpg|https://img.example.com/blc-2.jpg,福建福鼎,BLC-01-100,规格:100g,3000,3500,4800,5800,50,120',
      'BLC-01,"白茶, 寿眉",福鼎老树,茶叶,"<p>""三年""陈<script>x()</script></p>",https://img.example.com/blc-1.jpg|https://img.example.com/blc-2.jpg,福建福鼎,BLC-01-250,规格：250g,7000,8000,9800,11800,30,280',
      'HBT-01,红枣,"新疆若羌,灰枣",干果,,,新疆若羌,HBT-01-1KG,,2000,2600,3200,3900,200,1050',
    );
    const response = await importFile(supplier, { format: 'csv', mode: 'create', content });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({ format: 'csv', mode: 'create', rowCount: 3, created: 2, updated: 0, unchanged: 0 });
    expect(response.body.products.map((entry: any) => [entry.spuCode, entry.action])).toEqual([['BLC-01', 'created'], ['HBT-01', 'created']]);

    const tea = await productBySpu('BLC-01');
    expect(tea).toMatchObject({
      title: '白茶, 寿眉',
      subtitle: '福鼎老树',
      status: 'draft',
      description: '<p>"三年"陈</p>',
      imageUrls: ['https://img.example.com/blc-1.jpg', 'https://img.example.com/blc-2.jpg'],
      quality: { origin: '福建福鼎' },
      supplyPriceFen: 3000,
      retailPriceFen: 4800,
    });
    expect(tea.skus.map((sku: any) => [sku.skuCode, sku.specs, sku.stock, sku.weightGrams])).toEqual([
      ['BLC-01-100', [{ name: '规格', value: '100g' }], 50, 120],
      ['BLC-01-250', [{ name: '规格', value: '250g' }], 30, 280],
    ]);
    expect((await productBySpu('HBT-01')).skus[0]).toMatchObject({ skuCode: 'HBT-01-1KG', specs: [], stock: 200 });
    const audit = (await t.json('GET', `/admin/audit-log?entityId=${response.body.importId}`, { token: supplier })).body.items;
    expect(audit[0]).toMatchObject({ action: 'catalog.imported', after: { created: 2, rowCount: 3 } });
  });

  it('writes nothing when one row among many is bad, and reports that row and column', async () => {
    const rows = Array.from({ length: 40 }, (_, index) => {
      const code = `BULK-${String(index + 1).padStart(2, '0')}`;
      const supply = index === 26 ? 'abc' : '1000';
      return `${code},批量商品 ${index + 1},,日用,,,,${code}-A,,${supply},1200,1500,1800,10,100`;
    });
    rows[32] = rows[32]!.replace(',1200,1500,1800,', ',1200,1900,1800,');
    const before = await tableCounts(t);
    const response = await importFile(supplier, { format: 'csv', mode: 'create', content: csv(...rows) });
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ code: 'import_invalid', message: '导入数据有 2 处错误，未写入任何数据' });
    expect(response.body.error.details).toEqual({
      errorCount: 2,
      errors: [
        { row: 27, column: 'supplyPriceFen', code: 'invalid_fen', message: '须为以分为单位的非负整数（如 19.90 元写作 1990）' },
        { row: 33, column: 'maxRetailPriceFen', code: 'price_band_invalid', message: '价格须满足 供货价 ≤ 最低零售价 ≤ 建议零售价 ≤ 最高零售价' },
      ],
    });
    expect(await tableCounts(t)).toEqual(before);
  });

  it('reports row errors in the caller’s language, with header and database conflicts', async () => {
    const content = ['spuCode,title,category,skuCode,supplyPriceFen,minRetailPriceFen,suggestedRetailPriceFen,maxRetailPriceFen,stock,colour', 'BLC-01,白茶,茶叶,NEW-1,1,1,1,1,1,red', 'XX-1,新品,茶叶,LY-001-1,1,1,1,1,1,'].join('\n');
    const response = await importFile(supplier, { format: 'csv', mode: 'create', content }, { 'accept-language': 'en' });
    expect(response.status).toBe(422);
    expect(response.body.error.message).toBe('The import has 3 errors; nothing was written');
    expect(response.body.error.details.errors).toEqual([
      { row: 0, column: 'colour', code: 'unknown_column', message: 'Unknown column colour' },
      { row: 1, column: 'spuCode', code: 'spu_code_taken', message: 'This SPU code exists already; use upsert mode to update it' },
      { row: 2, column: 'skuCode', code: 'sku_code_taken', message: 'This SKU code belongs to another product' },
    ]);
  });

  it('upserts: updates stock of existing SKUs, adds new ones, keeps the rest', async () => {
    const content = csv(
      'BLC-01,"白茶, 寿眉",福鼎老树,茶叶,"<p>""三年""陈</p>",https://img.example.com/blc-1.jpg|https://img.example.com/blc-2.jpg,福建福鼎,BLC-01-250,规格:250g,7000,8000,9800,11800,75,280',
      'HBT-01,红枣,"新疆若羌,灰枣",干果,,,新疆若羌,HBT-01-1KG,规格:1kg,2000,2600,3200,3900,200,1050',
      'HBT-01,红枣,"新疆若羌,灰枣",干果,,,新疆若羌,HBT-01-2KG,规格:2kg,3800,4800,5900,6900,40,2100',
      'NEW-02,新品,,茶叶,,,,NEW-02-A,,100,100,100,100,1,0',
    );
    const response = await importFile(supplier, { format: 'csv', mode: 'upsert', content });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({ rowCount: 4, created: 1, updated: 2, unchanged: 0 });
    const tea = await productBySpu('BLC-01');
    expect(tea.status).toBe('draft');
    expect(tea.skus.map((sku: any) => [sku.skuCode, sku.stock])).toEqual([['BLC-01-100', 50], ['BLC-01-250', 75]]);
    const dates = await productBySpu('HBT-01');
    expect(dates.skus.map((sku: any) => [sku.skuCode, sku.specs[0].value])).toEqual([['HBT-01-1KG', '1kg'], ['HBT-01-2KG', '2kg']]);
    const { rows } = await t.database.executeSql("select payload from outbox_events where type = 'stock.updated' and payload->>'skuCode' = 'BLC-01-250'", []);
    expect((rows[0] as any).payload).toMatchObject({ previousStock: 30, stock: 75, supplierId });
  });

  it('upserts stock of a product on sale, but refuses to change its reviewed content', async () => {
    const onSale = await productBySpu('LY-001');
    const sku = onSale.skus[0];
    const prices = [sku.supplyPriceFen, sku.minRetailPriceFen, sku.suggestedRetailPriceFen, sku.maxRetailPriceFen].join(',');
    const line = (stock: number, title = onSale.title) =>
      `LY-001,${title},${onSale.subtitle},${onSale.category},${onSale.description},,${onSale.quality.origin},LY-001-1,规格:250g,${prices},${stock},${sku.weightGrams}`;
    const header = 'spuCode,title,subtitle,category,description,imageUrls,origin,skuCode,specs,supplyPriceFen,minRetailPriceFen,suggestedRetailPriceFen,maxRetailPriceFen,stock,weightGrams';
    const upsert = (content: string) => importFile(supplier, { format: 'csv', mode: 'upsert', content: `${header}\n${content}` });
    const content = (await upsert(line(88))).body;
    expect(content, JSON.stringify(content)).toMatchObject({ updated: 1 });
    const after = await productBySpu('LY-001');
    expect(after.status).toBe('on_sale');
    expect(after.skus[0].stock).toBe(88);
    const locked = await upsert(line(90, '改名的龙井'));
    expect(locked.status).toBe(422);
    expect(locked.body.error.details.errors).toEqual([
      expect.objectContaining({ row: 1, column: 'title', code: 'product_locked' }),
    ]);
    expect((await productBySpu('LY-001')).skus[0].stock).toBe(88);
  });

  it('imports JSON rows with typed values', async () => {
    const items = [
      { spuCode: 'MASK-J', title: '蚕丝面膜', category: '面膜', skuCode: 'MASK-J-5', specs: [{ name: '规格', value: '5片' }], supplyPriceFen: 2000, minRetailPriceFen: 2500, suggestedRetailPriceFen: 3900, maxRetailPriceFen: 4900, stock: 60, imageUrls: ['https://img.example.com/mask.jpg'] },
      { spuCode: 'MASK-J', title: '蚕丝面膜', category: '面膜', skuCode: 'MASK-J-10', specs: [{ name: '规格', value: '10片' }], supplyPriceFen: 3800, minRetailPriceFen: 4500, suggestedRetailPriceFen: 6900, maxRetailPriceFen: 7900, stock: 40, imageUrls: ['https://img.example.com/mask.jpg'] },
    ];
    const response = await importFile(admin, { format: 'json', mode: 'create', supplierId, content: JSON.stringify(items) });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({ format: 'json', created: 1, rowCount: 2 });
    const mask = await productBySpu('MASK-J');
    expect(mask).toMatchObject({ title: '蚕丝面膜', imageUrl: 'https://img.example.com/mask.jpg', totalStock: 100, retailPriceFen: 3900 });

    const bad = await importFile(supplier, { format: 'json', mode: 'create', content: JSON.stringify([{ ...items[0], spuCode: 'J2', skuCode: 'J2-1', stock: -1, specs: 'x' }]) });
    expect(bad.body.error.details.errors.map((error: any) => [error.row, error.column, error.code])).toEqual([
      [1, 'specs', 'invalid_specs'],
      [1, 'stock', 'invalid_count'],
    ]);
    expect((await importFile(supplier, { format: 'json', mode: 'create', content: '[{"spuCode": ' })).body.error.details.errors[0]).toMatchObject({ row: 0, column: null, code: 'invalid_json' });
  });

  it('enforces 5,000 rows and 2 MB, and makes platform staff name the supplier', async () => {
    const row = 'R,t,,c,,,,R-1,,1,1,1,1,1,0';
    const tooMany = await importFile(supplier, { format: 'csv', mode: 'create', content: csv(...Array.from({ length: 5_001 }, () => row)) });
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.error).toMatchObject({ code: 'import_too_large', details: { maxRows: 5000, maxMegabytes: 2 } });
    const tooBig = await importFile(supplier, { format: 'csv', mode: 'create', content: csv(`B,${'长'.repeat(800_000)},,c,,,,B-1,,1,1,1,1,1,0`) });
    // The request (about 2.4 MB) got past the HTTP body limit, which is larger for imports; the import refused it.
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe('import_too_large');
    const noSupplier = await importFile(admin, { format: 'csv', mode: 'create', content: csv(row) });
    expect(noSupplier.body.error.code).toBe('supplier_required');
  });
});
