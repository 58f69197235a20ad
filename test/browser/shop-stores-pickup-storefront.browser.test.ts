import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { allOnScreen, hasChromium, loginShop, onScreen, openShopPage as openShopUrl, settledShot, shopBuilt, useBrowserSuite } from './browser-harness.ts';
import { sql } from 'kysely';

const canRun = hasChromium && shopBuilt;

/** A shopper standing on 南京东路, a few hundred metres from one 悦享生活 store and about 2 km from the other. */
const NANJING_ROAD = { latitude: 31.235, longitude: 121.479 };
const STOREFRONT_NAME = '悦享生活旗舰店';
const NEAREST_STORE = '悦享生活 南京东路店';

const suite = useBrowserSuite(canRun);

/** Lets the page's slide-in animation finish first, so the picture is not caught mid-transition. */
const shot = settledShot(400);
/** Opens a shop page in a fresh document (a hash-only goto races the Taro router). */
const openShopPage = (page: Page, path: string) => openShopUrl(page, suite.shopUrl(path));

const { api } = suite;

interface Product {
  id: string;
  skus: Array<{ id: string; specs: Array<{ value: string }> }>;
}

/**
 * The 悦享生活 merchant's storefront: named, with two teas picked at its own prices. Written
 * straight into the tables as a fixture, because this test is about the shop; picking and pricing
 * through the merchant's API are covered with the console and the storefront module.
 */
async function setUpStorefront(): Promise<{ merchantId: string; teaId: string }> {
  const home = await api<{ products: Array<{ id: string; title: string }> }>('GET', '/shop/home');
  const productNamed = async (title: string) => api<Product>('GET', `/shop/products/${home.products.find((product) => product.title === title)!.id}`);
  const tea = await productNamed('西湖龙井明前茶');
  const whiteTea = await productNamed('安吉白茶礼盒');
  const nearby = await api<{ items: Array<{ merchantId: string; name: string }> }>('GET', `/shop/stores/nearby?latitude=${NANJING_ROAD.latitude}&longitude=${NANJING_ROAD.longitude}`);
  const merchantId = nearby.items.find((store) => store.name === NEAREST_STORE)!.merchantId;
  const db = suite.platform.database.db;
  await sql`insert into storefronts (merchant_id, name, created_at, updated_at) values (${merchantId}, ${STOREFRONT_NAME}, now(), now())`.execute(db);
  // Prices inside the supplier's bands: ¥188.00 and ¥358.00 for the tea, ¥258.00 for the white tea.
  const picks = [
    { skuId: tea.skus[0]!.id, productId: tea.id, priceFen: 18_800, featured: true, position: 0 },
    { skuId: tea.skus[1]!.id, productId: tea.id, priceFen: 35_800, featured: false, position: 1 },
    { skuId: whiteTea.skus[0]!.id, productId: whiteTea.id, priceFen: 25_800, featured: false, position: 2 },
  ];
  for (const pick of picks) {
    await sql`insert into storefront_items (merchant_id, sku_id, product_id, retail_price_fen, featured, position, created_at, updated_at)
      values (${merchantId}, ${pick.skuId}, ${pick.productId}, ${pick.priceFen}, ${pick.featured}, ${pick.position}, now(), now())`.execute(db);
  }
  return { merchantId, teaId: tea.id };
}

async function shopContext(options: { located: boolean }): Promise<BrowserContext> {
  return suite.browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(options.located ? { geolocation: NANJING_ROAD, permissions: ['geolocation'] } : { permissions: [] }),
  });
}

describe.skipIf(!canRun)('h5 shop: nearest stores, a merchant storefront and a pickup code', { timeout: 180_000 }, () => {
  it('lists nearby stores by distance, buys through the storefront for pickup, pays in the sandbox and shows the pickup code', async () => {
    const { merchantId, teaId } = await setUpStorefront();
    const context = await shopContext({ located: true });
    const shop = await context.newPage();

    // Sign in first so the checkout at the end can place the order.
    await loginShop(shop, suite.shopUrl('/pages/login/index'), '13500000002');

    // Home → 附近门店.
    await openShopPage(shop, '/pages/index/index');
    await onScreen(shop, '#home-entry-stores').waitFor();
    await onScreen(shop, '#product-grid').waitFor();
    await shot(shop, 'shop-stores-00-home-entries');
    await onScreen(shop, '#home-entry-stores').click();
    await shop.waitForURL(/pages\/stores\/index/);
    await expect.poll(() => onScreen(shop, '#stores-origin').getAttribute('data-source'), { timeout: 15_000 }).toBe('device');
    await onScreen(shop, '#stores-list').waitFor();
    const cards = allOnScreen(shop, '#stores-list .store-card');
    await expect.poll(() => cards.count()).toBe(2);
    const distances = (await cards.evaluateAll((nodes) => nodes.map((node) => Number(node.getAttribute('data-distance')))));
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(distances[0]).toBeLessThan(1000);
    expect(await cards.first().locator('.store-card__name').innerText()).toBe(NEAREST_STORE);
    expect(await cards.first().locator('.store-card__distance').innerText()).toMatch(/^\d+米$/);
    expect(await cards.nth(1).locator('.store-card__distance').innerText()).toMatch(/^\d\.\d公里$/);
    expect(await cards.first().locator('.store-card__open').innerText()).toBe('营业中');
    await shot(shop, 'shop-stores-01-nearby');

    // Widening the radius to 50 km still lists only the Shanghai stores, nearest first.
    await onScreen(shop, '#stores-radius-50').click();
    await expect.poll(() => onScreen(shop, '#stores-count').innerText()).toBe('共 2 家门店');

    // The nearest store → its merchant's storefront.
    await cards.first().locator('[data-action="visit"]').click();
    await shop.waitForURL(/pages\/storefront\/index\?merchantId=/);
    await expect.poll(() => onScreen(shop, '#storefront-name').innerText()).toBe(STOREFRONT_NAME);
    await expect.poll(() => allOnScreen(shop, '#storefront-products .product-card').count()).toBe(2);
    const teaCard = onScreen(shop, `#storefront-products .product-card[data-product-id="${teaId}"]`);
    expect(await teaCard.locator('.product-card__price').innerText()).toBe('¥188.00 起');
    await shot(shop, 'shop-storefront-01-page');

    // Storefront → product at the merchant's price → buy now with store pickup.
    await teaCard.click();
    await shop.waitForURL(new RegExp(`pages/product/index\\?id=${teaId}&merchantId=${merchantId}`));
    await expect.poll(() => onScreen(shop, '#product-shop-name').innerText()).toBe(STOREFRONT_NAME);
    await expect.poll(() => onScreen(shop, '#product-price').innerText()).toBe('¥188.00');
    await shot(shop, 'shop-storefront-02-product');
    await onScreen(shop, '#product-buy-now').click();
    await shop.waitForURL(/pages\/checkout\/index/);
    await expect.poll(() => onScreen(shop, '#checkout-shop').innerText()).toBe(`店铺：${STOREFRONT_NAME}`);
    await onScreen(shop, '#checkout-delivery-pickup').click();
    await onScreen(shop, '#checkout-merchant-stores').waitFor({ timeout: 15_000 });
    await expect.poll(() => onScreen(shop, '.store-option--active .store-option__name').innerText()).toBe(NEAREST_STORE);
    expect(await onScreen(shop, '#checkout-total').innerText()).toBe('¥188.00');
    await shot(shop, 'shop-pickup-01-checkout');
    await onScreen(shop, '#checkout-submit').click();
    await shop.waitForURL(/pages\/order\/index\?id=ord_/, { timeout: 15_000 });
    const orderUrl = shop.url();
    const orderId = new URL(orderUrl.replace('/#/', '/')).searchParams.get('id')!;
    await expect.poll(() => onScreen(shop, '#order-status').innerText()).toBe('待支付');
    await onScreen(shop, '#order-pickup-pending').waitFor();
    expect(await onScreen(shop, '#order-payable').innerText()).toBe('¥188.00');

    await onScreen(shop, '#order-pay').click();
    await shop.waitForURL(/\/shop\/pay\/sandbox\/pay_/);
    await shop.locator('#pay-confirm').click();
    await expect.poll(() => shop.locator('#result').innerText()).toContain('支付成功');
    await shop.goto('about:blank');
    await shop.goto(orderUrl);
    await expect.poll(() => onScreen(shop, '#order-status').innerText(), { timeout: 20_000 }).toBe('待提货');
    const code = await onScreen(shop, '#order-pickup-code').getAttribute('data-code');
    expect(code).toMatch(/^\d{6}$/);
    expect(await onScreen(shop, '#order-pickup-code').innerText()).toBe(`${code!.slice(0, 3)} ${code!.slice(3)}`);
    expect(await onScreen(shop, '#order-pickup-qr').getAttribute('data-value')).toBe(code);
    expect(await allOnScreen(shop, '#order-pickup-qr .qr-code__run').count()).toBeGreaterThan(50);
    await expect.poll(() => onScreen(shop, '#order-pickup .order-pickup__store-name').innerText()).toBe(NEAREST_STORE);
    await shot(shop, 'shop-pickup-02-code');

    // The store's staff hand the order over against the code; the page then shows it as collected.
    const { token: staffToken } = await api<{ token: string }>('POST', '/admin/auth/login', undefined, { phone: '13700000001', password: 'demo1234' });
    const order = await api<{ pickupStoreId: string }>('GET', `/shop/orders/${orderId}`, (await api<{ token: string }>('POST', '/shop/auth/login', undefined, { phone: '13500000002', password: 'demo1234' })).token);
    await api('POST', '/admin/pickups/verify', staffToken, { storeId: order.pickupStoreId, code });
    await openShopPage(shop, orderUrl.split('#')[1]!);
    await expect.poll(() => onScreen(shop, '#order-status').innerText(), { timeout: 20_000 }).toBe('已提货');
    expect(await onScreen(shop, '#order-pickup').getAttribute('data-collected')).toBe('true');
    await shot(shop, 'shop-pickup-03-collected');

    // Home now leads back to the storefront the shopper visited.
    await openShopPage(shop, '/pages/index/index');
    await onScreen(shop, `#home-recent-shops .home-shop[data-merchant-id="${merchantId}"]`).waitFor();
    expect(await onScreen(shop, '#home-recent-shops .home-shop__name').innerText()).toBe(STOREFRONT_NAME);
    await shot(shop, 'shop-storefront-03-home-recent');
    await context.close();
  });

  it('falls back to a default city when the location is refused, and lets the shopper pick a city (in English)', async () => {
    const context = await shopContext({ located: false });
    const shop = await context.newPage();
    await shop.goto(`${suite.platform.baseUrl}/h5/#/pages/index/index`);
    // The shop keeps its language in Taro storage (localStorage on h5, as {"data": value}).
    await shop.evaluate(`localStorage.setItem('linkmall.locale', JSON.stringify({ data: 'en' }))`);
    await openShopPage(shop, '/pages/stores/index');
    await expect.poll(() => onScreen(shop, '#stores-origin').getAttribute('data-source'), { timeout: 15_000 }).toBe('default');
    expect(await onScreen(shop, '#stores-origin').innerText()).toContain('Shanghai');
    await onScreen(shop, '#stores-list').waitFor();
    const distances = await allOnScreen(shop, '#stores-list .store-card').evaluateAll((nodes) => nodes.map((node) => Number(node.getAttribute('data-distance'))));
    expect(distances.length).toBeGreaterThan(0);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    await shot(shop, 'shop-stores-02-fallback-en');

    // Pick Chengdu in the city picker: the wheel is dragged up three rows (Shanghai, Beijing, Hangzhou, Chengdu).
    await onScreen(shop, '#stores-switch-city').click();
    await shop.locator('.weui-picker__indicator').waitFor();
    await shop.waitForTimeout(800); // the sheet slides up; measure the wheel once it rests
    const row = await shop.locator('.weui-picker__item').first().boundingBox();
    const indicator = (await shop.locator('.weui-picker__indicator').boundingBox())!;
    const x = indicator.x + indicator.width / 2;
    const y = indicator.y + indicator.height / 2;
    await shop.mouse.move(x, y);
    await shop.mouse.down();
    for (let step = 1; step <= 10; step += 1) await shop.mouse.move(x, y - (3 * row!.height * step) / 10);
    await shop.mouse.up();
    await shop.waitForTimeout(500);
    await shop.locator('.weui-picker__action', { hasText: 'OK' }).click();
    await expect.poll(() => onScreen(shop, '#stores-origin').innerText(), { timeout: 15_000 }).toContain('Chengdu');
    expect(await onScreen(shop, '#stores-origin').getAttribute('data-source')).toBe('city');
    await expect.poll(() => allOnScreen(shop, '#stores-list .store-card__name').allInnerTexts()).toEqual(['锦里好物 春熙路店', '锦里好物 武侯祠店']);
    await shot(shop, 'shop-stores-03-city-en');
    await context.close();
  });
});
