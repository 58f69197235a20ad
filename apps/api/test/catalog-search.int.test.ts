import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, tableCounts, type TestPlatform } from './harness.ts';

let t: TestPlatform;
let admin: string;
let operations: string;
let supplier: string;
let merchant: string;

beforeAll(async () => {
  t = await startTestPlatform();
  admin = await t.login('13800000001');
  operations = await t.login('13800000002');
  supplier = await t.login('13900000001');
  merchant = await t.login('13700000001');
});
afterAll(() => t?.close());

const titles = (body: any) => body.items.map((item: any) => item.title);
const search = async (q: string, extra = '') => (await t.json('GET', `/shop/search?q=${encodeURIComponent(q)}${extra}`)).body;
const tree = async () => (await t.json('GET', '/shop/categories')).body as any[];
const leaf = async (name: string) => (await tree()).flatMap((root: any) => root.children).find((node: any) => node.nameZh === name);
const root = async (name: string) => (await tree()).find((node: any) => node.nameZh === name);

let skuNumber = 0;
const sku = (value: string, suggested = 1800) => ({
  skuCode: `SRCH-${++skuNumber}`,
  specs: [{ name: '规格', value }],
  supplyPriceFen: 1000,
  minRetailPriceFen: 1200,
  suggestedRetailPriceFen: suggested,
  maxRetailPriceFen: 3000,
  stock: 10,
});

/** A product of the demo tea supplier, taken through review onto the shelf. */
async function onSale(body: Record<string, unknown>): Promise<string> {
  const created = await t.json('POST', '/admin/products', { token: supplier, body: { skus: [sku('100g')], ...body } });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  expect((await t.json('POST', `/admin/products/${id}/submit`, { token: supplier })).status).toBe(200);
  expect((await t.json('POST', `/admin/products/${id}/review`, { token: admin, body: { decision: 'approve' } })).status).toBe(200);
  expect((await t.json('POST', `/admin/products/${id}/on-sale`, { token: supplier })).status).toBe(200);
  return id;
}

describe('category tree', () => {
  it('serves the two-level tree with the demo products filed under leaves', async () => {
    const tea = await root('茶叶');
    expect(tea).toMatchObject({ nameEn: 'Tea', parentId: null });
    expect(tea.children.map((child: any) => child.nameZh)).toEqual(['绿茶', '白茶', '红茶']);
    const green = tea.children[0];
    const listed = await t.json('GET', `/shop/categories/${green.id}/products`);
    expect(listed.status).toBe(200);
    expect(titles(listed.body)).toEqual(['西湖龙井明前茶']);
    expect(listed.body.items[0]).toMatchObject({ category: '绿茶', categoryId: green.id, retailPriceFen: 19800 });
    expect(JSON.stringify(listed.body)).not.toMatch(/supply/i);
    const home = (await t.json('GET', '/shop/home')).body;
    expect(home.categories.map((node: any) => node.nameZh)).toEqual(['茶叶', '休闲零食', '生鲜粮油', '美妆个护']);
  });

  it('lists a top-level category’s products across its leaves, page by page', async () => {
    const tea = await root('茶叶');
    const first = (await t.json('GET', `/shop/categories/${tea.id}/products?pageSize=1`)).body;
    const second = (await t.json('GET', `/shop/categories/${tea.id}/products?pageSize=1&page=2`)).body;
    expect(first.total).toBe(2);
    expect(second.total).toBe(2);
    expect([...titles(first), ...titles(second)].sort()).toEqual(['安吉白茶礼盒', '西湖龙井明前茶'].sort());
    const unknown = await t.json('GET', '/shop/categories/cat_00000000000000000000000000/products');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('category_not_found');
  });

  it('lets the platform create, rename and delete categories, two levels only, every change audited', async () => {
    const created = await t.json('POST', '/admin/categories', { token: operations, body: { nameZh: '酒水饮料', nameEn: 'Drinks', sortOrder: 50, iconUrl: 'https://img.example.com/drinks.png' } });
    expect(created.status).toBe(201);
    const child = await t.json('POST', '/admin/categories', { token: admin, body: { parentId: created.body.id, nameZh: '黄酒', nameEn: 'Rice wine' } });
    expect(child.status).toBe(201);
    const third = await t.json('POST', '/admin/categories', { token: admin, body: { parentId: child.body.id, nameZh: '花雕', nameEn: 'Huadiao' } });
    expect(third.status).toBe(422);
    expect(third.body.error.code).toBe('category_parent_not_root');
    const duplicate = await t.json('POST', '/admin/categories', { token: admin, body: { parentId: created.body.id, nameZh: '绿茶', nameEn: 'Green tea 2' } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.message).toBe('类目名称“绿茶”已存在');
    const demote = await t.json('PATCH', `/admin/categories/${created.body.id}`, { token: admin, body: { parentId: (await root('茶叶')).id } });
    expect(demote.body.error.code).toBe('category_level_fixed');
    expect((await t.json('POST', '/admin/categories', { token: supplier, body: { nameZh: '供应商类目', nameEn: 'Mine' } })).status).toBe(403);
    expect((await t.json('POST', '/admin/categories', { token: merchant, body: { nameZh: '商户类目', nameEn: 'Mine' } })).status).toBe(403);

    const before = await tableCounts(t);
    const bad = await t.json('POST', '/admin/categories', { token: admin, body: { nameZh: '', nameEn: 'x', iconUrl: 'javascript:alert(1)' } });
    expect(bad.status).toBe(400);
    expect(await tableCounts(t)).toEqual(before);

    const inUse = await t.json('DELETE', `/admin/categories/${created.body.id}`, { token: admin });
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.code).toBe('category_in_use');
    expect((await t.json('DELETE', `/admin/categories/${child.body.id}`, { token: admin })).status).toBe(200);
    expect((await t.json('DELETE', `/admin/categories/${created.body.id}`, { token: admin })).status).toBe(200);
    const actions = (await t.json('GET', `/admin/audit-log?entityType=category&entityId=${created.body.id}`, { token: admin })).body.items.map((entry: any) => entry.action);
    expect(actions).toEqual(['category.deleted', 'category.created']);
  });

  it('files products by category id or by a leaf’s name in either language, and refuses a top-level category', async () => {
    const green = await leaf('绿茶');
    const byEnglish = await t.json('POST', '/admin/products', { token: supplier, body: { title: '碧螺春', category: 'green TEA', skus: [sku('50g')] } });
    expect(byEnglish.status).toBe(201);
    expect(byEnglish.body).toMatchObject({ category: '绿茶', categoryId: green.id });
    const byId = await t.json('POST', '/admin/products', { token: supplier, body: { title: '黄山毛峰', categoryId: green.id, skus: [sku('50g')] } });
    expect(byId.body).toMatchObject({ category: '绿茶', categoryId: green.id });
    const topLevel = await t.json('POST', '/admin/products', { token: supplier, body: { title: '无处安放', categoryId: (await root('茶叶')).id, skus: [sku('50g')] } });
    expect(topLevel.status).toBe(422);
    expect(topLevel.body.error.code).toBe('category_not_leaf');
    const missing = await t.json('POST', '/admin/products', { token: supplier, body: { title: '无类目', skus: [sku('50g')] } });
    expect(missing.status).toBe(400);
    const freeText = await t.json('POST', '/admin/products', { token: supplier, body: { title: '自定义类目', category: '特产', skus: [sku('50g')] } });
    expect(freeText.body).toMatchObject({ category: '特产', categoryId: null });
  });
});

describe('Chinese product search', () => {
  it('finds 西湖龙井明前茶 by 龙井, and by words inside longer ones', async () => {
    for (const q of ['龙井', '龙井茶', '西湖龙井', '明前']) {
      const found = await search(q);
      expect(titles(found)[0], q).toBe('西湖龙井明前茶');
    }
    const found = await search('龙井');
    expect(found.items[0]).toMatchObject({ category: '绿茶', origin: '浙江杭州西湖区', retailPriceFen: 19800 });
    expect(JSON.stringify(found)).not.toMatch(/supply/i);
  });

  it('finds tea products by their category names, and a whole top-level category by its name', async () => {
    expect(titles(await search('绿茶'))).toContain('西湖龙井明前茶');
    const tea = titles(await search('茶叶'));
    expect(tea).toEqual(expect.arrayContaining(['西湖龙井明前茶', '安吉白茶礼盒']));
    expect(tea).not.toContain('玻尿酸保湿面膜');
    expect(titles(await search('Green tea'))).toContain('西湖龙井明前茶');
  });

  it('ranks the product matching most words first', async () => {
    const found = await search('安吉 白茶 礼盒');
    expect(titles(found)[0]).toBe('安吉白茶礼盒');
    // 礼盒 alone also matches the flower-cake gift box, ranked after.
    expect(titles(found)).toContain('云南鲜花饼礼盒 10枚');
    expect(titles(found).indexOf('云南鲜花饼礼盒 10枚')).toBeGreaterThan(0);
    const titleBeatsOrigin = titles(await search('杭州 山核桃'));
    expect(titleBeatsOrigin[0]).toBe('临安山核桃仁');
  });

  it('matches ASCII words, numbers and full-width input, and spec values', async () => {
    expect(titles(await search('SPF50'))).toEqual(['清透防晒喷雾 SPF50+']);
    expect(titles(await search('ｓｐｆ５０'))).toEqual(['清透防晒喷雾 SPF50+']);
    const bySpec = titles(await search('玫瑰茉莉双拼'));
    expect(bySpec[0]).toBe('云南鲜花饼礼盒 10枚');
  });

  it('finds nothing for gibberish', async () => {
    for (const q of ['xyzzyqq', '噗呲咔嚓', '!!!', 'ZZZ999']) {
      const found = await search(q);
      expect(found, q).toMatchObject({ items: [], total: 0 });
    }
    expect((await t.json('GET', '/shop/search?q=')).status).toBe(400);
    expect((await t.json('GET', `/shop/search?q=${'长'.repeat(51)}`)).status).toBe(400);
  });

  it('never shows drafts, products under review, approved ones not yet on sale, or ones taken off sale', async () => {
    const created = await t.json('POST', '/admin/products', { token: supplier, body: { title: '太平猴魁', category: '绿茶', skus: [sku('100g')] } });
    const id = created.body.id;
    expect((await search('猴魁')).total).toBe(0);
    await t.json('POST', `/admin/products/${id}/submit`, { token: supplier });
    expect((await search('猴魁')).total).toBe(0);
    await t.json('POST', `/admin/products/${id}/review`, { token: admin, body: { decision: 'approve' } });
    expect((await search('猴魁')).total).toBe(0);
    await t.json('POST', `/admin/products/${id}/on-sale`, { token: supplier });
    expect(titles(await search('猴魁'))).toEqual(['太平猴魁']);
    await t.json('POST', `/admin/products/${id}/off-sale`, { token: supplier });
    expect((await search('猴魁')).total).toBe(0);
  });

  it('keeps tokens current on edits, imports and category renames', async () => {
    const id = await onSale({ title: '信阳毛尖', category: '绿茶', quality: { origin: '河南信阳' } });
    expect(titles(await search('毛尖'))).toEqual(['信阳毛尖']);
    await t.json('POST', `/admin/products/${id}/off-sale`, { token: supplier });
    expect((await t.json('PATCH', `/admin/products/${id}`, { token: supplier, body: { title: '六安瓜片' } })).status).toBe(200);
    await t.json('POST', `/admin/products/${id}/submit`, { token: supplier });
    await t.json('POST', `/admin/products/${id}/review`, { token: admin, body: { decision: 'approve' } });
    await t.json('POST', `/admin/products/${id}/on-sale`, { token: supplier });
    expect((await search('毛尖')).total).toBe(0);
    expect(titles(await search('瓜片'))).toEqual(['六安瓜片']);
    expect(titles(await search('信阳'))).toEqual(['六安瓜片']);

    const content = ['spuCode,title,category,skuCode,specs,supplyPriceFen,minRetailPriceFen,suggestedRetailPriceFen,maxRetailPriceFen,stock', 'IMP-SRCH,正山小种,Black tea,IMP-SRCH-1,规格:罐装,1000,1200,1500,2000,5'].join('\n');
    const imported = await t.json('POST', '/admin/catalog/imports', { token: supplier, body: { format: 'csv', mode: 'create', content } });
    expect(imported.status).toBe(200);
    const importedId = imported.body.products[0].productId;
    expect((await t.json('GET', `/admin/products/${importedId}`, { token: supplier })).body).toMatchObject({ category: '红茶', categoryId: (await leaf('红茶')).id });
    await t.json('POST', `/admin/products/${importedId}/submit`, { token: supplier });
    await t.json('POST', `/admin/products/${importedId}/review`, { token: admin, body: { decision: 'approve' } });
    await t.json('POST', `/admin/products/${importedId}/on-sale`, { token: supplier });
    expect(titles(await search('小种'))).toEqual(['正山小种']);
    expect(titles(await search('罐装'))).toEqual(['正山小种']);

    const black = await leaf('红茶');
    const renamed = await t.json('PATCH', `/admin/categories/${black.id}`, { token: admin, body: { nameZh: '功夫红茶', nameEn: 'Congou' } });
    expect(renamed.status).toBe(200);
    expect(titles(await search('功夫'))).toEqual(['正山小种']);
    expect(titles(await search('congou'))).toEqual(['正山小种']);
    expect((await t.json('GET', `/shop/products/${importedId}`)).body.category).toBe('功夫红茶');
  });

  it('tokenises rows written outside the catalog before searching them', async () => {
    const { rows } = await t.database.executeSql("select id, supplier_id from products where spu_code = 'LY-003'", []);
    const existing = rows[0] as { id: string; supplier_id: string };
    await t.database.executeSql(
      `insert into products (id, supplier_id, title, category, supply_price_fen, retail_price_fen, status, created_at, updated_at)
       values ('prd_0000000000000000000legacy', $1, '古法红糖', '糕点', 100, 200, 'on_sale', now(), now())`,
      [existing.supplier_id],
    );
    expect(titles(await search('红糖'))).toEqual(['古法红糖']);
    const { rows: indexed } = await t.database.executeSql("select search_tokens from products where id = 'prd_0000000000000000000legacy'", []);
    expect((indexed[0] as { search_tokens: string | null }).search_tokens).toContain('糕点');
  });

  it('searches inside one storefront at its prices, and within a category', async () => {
    const merchantId = (await t.json('GET', '/admin/me', { token: await t.login('13700000003') })).body.organizationId;
    const inStore = await search('脐橙', `&merchantId=${merchantId}`);
    expect(titles(inStore)).toEqual(['赣南脐橙 5kg']);
    const { rows } = await t.database.executeSql(
      "select i.retail_price_fen::int as price from storefront_items i join skus s on s.id = i.sku_id where i.merchant_id = $1 and s.sku_code = 'LY-005-1'",
      [merchantId],
    );
    expect(inStore.items[0].retailPriceFen).toBe((rows[0] as { price: number }).price);
    expect((await search('龙井', `&merchantId=${merchantId}`)).total).toBe(0);
    const emptyStore = (await t.json('GET', '/admin/me', { token: await t.login('13700000002') })).body.organizationId;
    expect((await search('脐橙', `&merchantId=${emptyStore}`)).total).toBe(0);
    const beauty = await root('美妆个护');
    expect(titles(await search('礼盒', `&categoryId=${beauty.id}`))).toEqual([]);
    expect(titles(await search('面膜', `&categoryId=${beauty.id}`))).toEqual(['玻尿酸保湿面膜']);
  });
});
