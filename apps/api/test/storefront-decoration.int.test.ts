import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, tableCounts, type TestPlatform } from './harness.ts';

let t: TestPlatform;
let admin: string;
let operations: string;
let supplier: string;
let merchantA: string;
let merchantB: string;
let merchantAId: string;
let merchantBId: string;
const sku: Record<string, { id: string; productId: string; min: number; max: number; suggested: number }> = {};

beforeAll(async () => {
  t = await startTestPlatform();
  admin = await t.login('13800000001');
  operations = await t.login('13800000002');
  supplier = await t.login('13900000001');
  merchantA = await t.login('13700000001');
  merchantB = await t.login('13700000002');
  merchantAId = (await t.json('GET', '/admin/me', { token: merchantA })).body.organizationId;
  merchantBId = (await t.json('GET', '/admin/me', { token: merchantB })).body.organizationId;
  const { rows } = await t.database.executeSql(
    `select sku_code, id, product_id, min_retail_price_fen::int as min, max_retail_price_fen::int as max, suggested_retail_price_fen::int as suggested
     from skus where sku_code in ('LY-001-1', 'LY-001-2', 'LY-002-1', 'LY-003-1', 'MF-004-1')`,
    [],
  );
  for (const row of rows as any[]) sku[row.sku_code] = { id: row.id, productId: row.product_id, min: row.min, max: row.max, suggested: row.suggested };
});
afterAll(() => t?.close());

const pick = (token: string, code: string, body: object = {}) => t.json('PUT', `/admin/storefront/items/${sku[code]!.id}`, { token, body });
const view = async (merchantId: string) => (await t.json('GET', `/shop/storefronts/${merchantId}`)).body;

describe('storefront decoration', () => {
  it('shows the seeded demo storefront with its banners, featured products and own categories', async () => {
    const jinli = (await t.json('GET', '/admin/me', { token: await t.login('13700000003') })).body.organizationId;
    const storefront = await view(jinli);
    expect(storefront).toMatchObject({ name: '锦里好物严选', bannerUrl: 'https://img.example.com/jinli/banner-1.jpg' });
    expect(storefront.bannerUrls).toHaveLength(2);
    expect(storefront.featured.map((product: any) => product.title)).toEqual(['云南鲜花饼礼盒 10枚', '赣南脐橙 5kg']);
    expect(storefront.categories.map((category: any) => [category.name, category.products.length])).toEqual([
      ['吃货精选', 3],
      ['美妆好物', 2],
    ]);
    expect(storefront.items).toHaveLength(5);
  });

  it('lets a merchant decorate its storefront with products it sells, and shows shoppers exactly that', async () => {
    expect((await t.json('GET', '/admin/storefront', { token: merchantA })).body).toBeNull();
    expect((await pick(merchantA, 'LY-001-1', { retailPriceFen: sku['LY-001-1']!.max })).status).toBe(200);
    expect((await pick(merchantA, 'LY-001-2')).body.retailPriceFen).toBe(sku['LY-001-2']!.suggested);
    expect((await pick(merchantA, 'LY-002-1')).status).toBe(200);
    const tea = sku['LY-001-1']!.productId;
    const whiteTea = sku['LY-002-1']!.productId;
    const saved = await t.json('PUT', '/admin/storefront', {
      token: merchantA,
      body: {
        name: '悦享生活严选',
        logoUrl: 'https://img.example.com/yuexiang/logo.png',
        bannerUrls: ['https://img.example.com/yuexiang/b1.jpg', 'https://img.example.com/yuexiang/b2.jpg'],
        intro: '上海的生活好物店',
        featuredProductIds: [whiteTea, tea],
        categories: [{ name: '名茶', productIds: [tea, whiteTea] }, '即将上新'],
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ merchantId: merchantAId, featuredProductIds: [whiteTea, tea], intro: '上海的生活好物店' });
    expect(saved.body.categories.map((category: any) => [category.name, category.productIds])).toEqual([
      ['名茶', [tea, whiteTea]],
      ['即将上新', []],
    ]);
    expect((await t.json('GET', '/admin/storefront', { token: merchantA })).body).toEqual(saved.body);

    const storefront = await view(merchantAId);
    expect(storefront).toMatchObject({ name: '悦享生活严选', logoUrl: 'https://img.example.com/yuexiang/logo.png', bannerUrl: 'https://img.example.com/yuexiang/b1.jpg', intro: '上海的生活好物店' });
    expect(storefront.featured.map((product: any) => product.title)).toEqual(['安吉白茶礼盒', '西湖龙井明前茶']);
    // The product's storefront price is the lowest of the SKUs it sells there.
    expect(storefront.featured[1].retailPriceFen).toBe(sku['LY-001-2']!.suggested < sku['LY-001-1']!.max ? sku['LY-001-2']!.suggested : sku['LY-001-1']!.max);
    expect(storefront.categories[0].products.map((product: any) => product.title)).toEqual(['西湖龙井明前茶', '安吉白茶礼盒']);

    // A category keeps its id across saves while its name stays.
    const reordered = await t.json('PUT', '/admin/storefront', {
      token: merchantA,
      body: { name: '悦享生活严选', bannerUrls: saved.body.bannerUrls, featuredProductIds: [tea, whiteTea], categories: [{ name: '即将上新', productIds: [] }, { name: '名茶', productIds: [tea] }] },
    });
    expect(reordered.body.categories.map((category: any) => category.id)).toEqual([saved.body.categories[1].id, saved.body.categories[0].id]);
    const audit = (await t.json('GET', `/admin/audit-log?entityType=storefront&entityId=${merchantAId}`, { token: merchantA })).body.items;
    expect(audit.map((entry: any) => entry.action)).toEqual(['storefront.saved', 'storefront.saved']);
    expect(audit[0].before.featuredProductIds).toEqual([whiteTea, tea]);
    expect(audit[0].after.featuredProductIds).toEqual([tea, whiteTea]);
  });

  it('refuses bad decoration input with clear errors and changes nothing', async () => {
    const before = await tableCounts(t);
    const decoration = (await t.json('GET', '/admin/storefront', { token: merchantA })).body;
    const cases: [object, number, string][] = [
      [{ name: '店', logoUrl: 'ftp://img.example.com/logo.png' }, 400, 'validation_failed'],
      [{ name: '店', bannerUrls: ['not a url'] }, 400, 'validation_failed'],
      [{ name: '店', bannerUrls: Array.from({ length: 6 }, (_, index) => `https://img.example.com/${index}.jpg`) }, 400, 'validation_failed'],
      [{ name: '' }, 400, 'validation_failed'],
      [{ name: '店', intro: '长'.repeat(501) }, 400, 'validation_failed'],
      [{ name: '店', featuredProductIds: [sku['LY-001-1']!.productId, sku['LY-001-1']!.productId] }, 400, 'validation_failed'],
      [{ name: '店', featuredProductIds: Array.from({ length: 21 }, (_, index) => `prd_${String(index).padStart(26, '0')}`) }, 400, 'validation_failed'],
      [{ name: '店', featuredProductIds: ['not-a-product'] }, 400, 'validation_failed'],
      [{ name: '店', categories: [{ name: '茶', productIds: [], extra: 1 }] }, 400, 'validation_failed'],
      [{ name: '店', featuredProductIds: [sku['MF-004-1']!.productId] }, 422, 'storefront_products_not_sold'],
      [{ name: '店', categories: [{ name: '防晒', productIds: [sku['MF-004-1']!.productId] }] }, 422, 'storefront_products_not_sold'],
      [{ name: '店', categories: ['名茶', 'MING茶', '名茶'] }, 422, 'storefront_category_name_duplicate'],
    ];
    for (const [body, status, code] of cases) {
      const response = await t.json('PUT', '/admin/storefront', { token: merchantA, body });
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(response.body.error.code).toBe(code);
    }
    const notSold = await t.json('PUT', '/admin/storefront', { token: merchantA, body: { name: '店', featuredProductIds: [sku['MF-004-1']!.productId] }, headers: { 'accept-language': 'en' } });
    expect(notSold.body.error.message).toBe(`These products are not sold in this storefront, so they cannot be featured or grouped: ${sku['MF-004-1']!.productId}`);
    const zh = await t.json('PUT', '/admin/storefront', { token: merchantA, body: { name: '店', featuredProductIds: [sku['MF-004-1']!.productId] } });
    expect(zh.body.error.message).toMatch(/^以下商品不在本店铺的在售商品中/);
    expect(await tableCounts(t)).toEqual(before);
    expect((await t.json('GET', '/admin/storefront', { token: merchantA })).body).toEqual(decoration);
  });

  it('keeps each merchant to its own storefront', async () => {
    // Merchant B cannot feature or group products only merchant A sells...
    const foreign = await t.json('PUT', '/admin/storefront', { token: merchantB, body: { name: '西湖优选', featuredProductIds: [sku['LY-001-1']!.productId] } });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.code).toBe('storefront_products_not_sold');
    // ...and its own save never touches A's storefront.
    const aBefore = await view(merchantAId);
    expect((await t.json('PUT', '/admin/storefront', { token: merchantB, body: { name: '西湖优选' } })).status).toBe(200);
    expect(await view(merchantAId)).toEqual(aBefore);
    expect((await view(merchantBId)).name).toBe('西湖优选');
    // Platform staff and suppliers do not decorate storefronts.
    expect((await t.json('PUT', '/admin/storefront', { token: admin, body: { name: '平台代建' } })).status).toBe(403);
    expect((await t.json('PUT', '/admin/storefront', { token: supplier, body: { name: '供应商代建' } })).status).toBe(403);
    expect((await t.json('GET', '/admin/storefront', { token: supplier })).status).toBe(403);
  });

  it('drops a product from featured and categories once its last SKU leaves the storefront', async () => {
    expect((await t.json('DELETE', `/admin/storefront/items/${sku['LY-002-1']!.id}`, { token: merchantA })).status).toBe(200);
    const decoration = (await t.json('GET', '/admin/storefront', { token: merchantA })).body;
    expect(decoration.featuredProductIds).toEqual([sku['LY-001-1']!.productId]);
    expect((await view(merchantAId)).featured.map((product: any) => product.title)).toEqual(['西湖龙井明前茶']);
  });
});

describe('platform-fixed prices', () => {
  it('lets only the platform fix prices, inside the band', async () => {
    const product = sku['LY-001-1']!.productId;
    const body = { skus: [{ skuId: sku['LY-001-1']!.id, fixedRetailPriceFen: sku['LY-001-1']!.suggested }] };
    expect((await t.json('PUT', `/admin/products/${product}/fixed-prices`, { token: supplier, body })).status).toBe(403);
    expect((await t.json('PUT', `/admin/products/${product}/fixed-prices`, { token: merchantA, body })).status).toBe(403);
    const before = await tableCounts(t);
    const outside = await t.json('PUT', `/admin/products/${product}/fixed-prices`, { token: operations, body: { skus: [{ skuId: sku['LY-001-1']!.id, fixedRetailPriceFen: sku['LY-001-1']!.max + 1 }] } });
    expect(outside.status).toBe(422);
    expect(outside.body.error.code).toBe('fixed_price_outside_band');
    expect(outside.body.error.message).toMatch(/^SKU LY-001-1 的固定价须在 ¥\d+\.\d{2} 至 ¥\d+\.\d{2} 之间/);
    const otherProduct = await t.json('PUT', `/admin/products/${product}/fixed-prices`, { token: operations, body: { skus: [{ skuId: sku['LY-002-1']!.id, fixedRetailPriceFen: 100 }] } });
    expect(otherProduct.body.error.code).toBe('fixed_price_sku_not_in_product');
    expect((await t.json('PUT', `/admin/products/${product}/fixed-prices`, { token: operations, body: { skus: [] } })).status).toBe(400);
    expect((await t.json('PUT', `/admin/products/${product}/fixed-prices`, { token: operations, body: { skus: [{ skuId: sku['LY-001-1']!.id, fixedRetailPriceFen: 12.5 }] } })).status).toBe(400);
    expect(await tableCounts(t)).toEqual(before);
  });

  it('forces every storefront to the fixed price, shows it in the selection data, and charges it at checkout', async () => {
    const target = sku['LY-001-1']!;
    const fixedPrice = target.suggested;
    // Merchant A sells it at the top of the band; merchant B picks it at the bottom.
    expect((await pick(merchantB, 'LY-001-1', { retailPriceFen: target.min })).status).toBe(200);
    const fixed = await t.json('PUT', `/admin/products/${target.productId}/fixed-prices`, { token: operations, body: { skus: [{ skuId: target.id, fixedRetailPriceFen: fixedPrice }] } });
    expect(fixed.status).toBe(200);
    expect(fixed.body.storefrontItemsRepriced).toBe(2);
    expect(fixed.body.hasFixedPrice).toBe(true);
    expect(fixed.body.skus.find((entry: any) => entry.id === target.id).fixedRetailPriceFen).toBe(fixedPrice);

    for (const merchantId of [merchantAId, merchantBId]) {
      const item = (await view(merchantId)).items.find((entry: any) => entry.skuId === target.id);
      expect(item.retailPriceFen).toBe(fixedPrice);
    }
    // The merchant's selection screen: the catalog list and detail carry the fixed price.
    const listed = (await t.json('GET', '/admin/products?q=LY-001', { token: merchantA })).body.items[0];
    expect(listed).toMatchObject({ id: target.productId, hasFixedPrice: true });
    const detail = (await t.json('GET', `/admin/products/${target.productId}`, { token: merchantA })).body;
    expect(detail.skus.map((entry: any) => entry.fixedRetailPriceFen)).toEqual([fixedPrice, null]);
    expect((await t.json('GET', `/shop/products/${target.productId}`)).body.skus[0].priceFen).toBe(fixedPrice);

    const other = await pick(merchantA, 'LY-001-1', { retailPriceFen: target.max });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('price_fixed_by_platform');
    expect(other.body.error.message).toBe(`平台已为该商品规格固定零售价 ¥${(fixedPrice / 100).toFixed(2)}，不能设置其他价格`);
    expect((await pick(merchantA, 'LY-001-1', { featured: true })).body.retailPriceFen).toBe(fixedPrice);

    const buyer = await t.login('13500000001', 'shop');
    await t.json('PUT', '/admin/catalog/skus/LY-001-1/stock', { token: supplier, body: { stock: 20 } });
    const storeId = (await t.json('GET', '/shop/stores/nearby?latitude=31.2304&longitude=121.4737')).body.items[0].id;
    const order = await t.json('POST', '/shop/orders', { token: buyer, body: { items: [{ skuId: target.id, quantity: 1 }], deliveryMethod: 'pickup', pickupStoreId: storeId, merchantId: merchantBId } });
    expect(order.status).toBe(201);
    expect(order.body.subOrders[0].lines[0].unitPriceFen).toBe(fixedPrice);

    const productAudit = (await t.json('GET', `/admin/audit-log?entityId=${target.productId}`, { token: admin })).body.items[0];
    expect(productAudit).toMatchObject({ action: 'product.prices_fixed', before: { fixedRetailPrices: { 'LY-001-1': null } }, after: { fixedRetailPrices: { 'LY-001-1': fixedPrice } } });
    const itemAudit = (await t.json('GET', `/admin/audit-log?entityId=${encodeURIComponent(`${merchantBId}:${target.id}`)}`, { token: admin })).body.items[0];
    expect(itemAudit).toMatchObject({ action: 'storefront.item_repriced', before: { retailPriceFen: target.min }, after: { retailPriceFen: fixedPrice } });
    const { rows } = await t.database.executeSql("select count(*)::int as n from outbox_events where type = 'product.prices_fixed'", []);
    expect((rows[0] as { n: number }).n).toBe(1);
  });

  it('gives merchants their own pricing back once the platform releases the price', async () => {
    const target = sku['LY-001-1']!;
    const released = await t.json('PUT', `/admin/products/${target.productId}/fixed-prices`, { token: admin, body: { skus: [{ skuId: target.id, fixedRetailPriceFen: null }] } });
    expect(released.status).toBe(200);
    expect(released.body.hasFixedPrice).toBe(false);
    expect((await pick(merchantA, 'LY-001-1', { retailPriceFen: target.max })).body.retailPriceFen).toBe(target.max);
  });
});
