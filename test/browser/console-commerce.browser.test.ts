import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { adminBuilt, CHROMIUM, hasChromium, type Json, settledShot, useBrowserSuite, closeDrawer } from './browser-harness.ts';
import { fixedClock, systemContext } from '@linkmall/kernel';
import { createPlatform, inProcessPlatformOptions } from '../../apps/api/src/platform.ts';

const canRun = hasChromium && adminBuilt;
if (!canRun) console.warn(`console commerce browser tests skipped: ${hasChromium ? 'run npm run build -w @linkmall/admin first' : `no Chromium at ${CHROMIUM}`}`);
const DAY_MS = 24 * 3_600_000;

const suite = useBrowserSuite(canRun);
const { consolePage, call, login } = suite;
/** Screenshots wait out antd's open/close animations so the picture shows the settled screen. */
const shot = settledShot(500);

/** Types a month into the settlement page's month picker and closes its panel. */
async function chooseMonth(page: Page, month: string): Promise<void> {
  const input = page.locator('.ant-picker input');
  await input.click();
  await input.fill(month);
  await input.press('Enter');
  await page.locator('h4').filter({ hasText: '结算对账' }).click();
  await expect.poll(() => input.inputValue()).toBe(month);
  await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').waitFor({ state: 'hidden' });
}

/** A product of the demo catalog with its SKUs, read the way the merchant's console reads it. */
async function productByTitle(token: string, title: string): Promise<Json> {
  const list = await call('GET', `/admin/products?status=on_sale&q=${encodeURIComponent(title)}`, { token });
  const product = list.body.items.find((item: Json) => item.title === title);
  return (await call('GET', `/admin/products/${product.id}`, { token })).body;
}

/** The month (Asia/Shanghai, as settlements count it) a moment falls in, as YYYY-MM. */
function chinaMonth(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).formatToParts(at);
  return `${parts.find((part) => part.type === 'year')!.value}-${parts.find((part) => part.type === 'month')!.value}`;
}

const TEA = '西湖龙井明前茶';
const GIFT_BOX = '安吉白茶礼盒';
const STORE = '悦享生活 南京东路店';
const PRICE_FEN = 20_800;

describe.skipIf(!canRun)('console commerce screens in Chromium', { timeout: 150_000 }, () => {
  let skuId: string;
  let merchantId: string;
  let pickupCode: string;
  let orderId: string;

  it('lets a merchant admin pick a SKU into the storefront inside the band, refusing a price above it in Chinese', async () => {
    const merchantToken = await login('13700000001');
    const tea = await productByTitle(merchantToken, TEA);
    const sku = tea.skus.find((candidate: Json) => candidate.skuCode.endsWith('-1'));
    skuId = sku.id;
    const me = (await call('GET', '/admin/me', { token: merchantToken })).body;
    merchantId = me.organization?.id ?? me.organizationId;

    const page = await consolePage('13700000001');
    await page.getByTestId('menu-storefront').click();
    await expect.poll(() => page.getByTestId('storefront-items-table').innerText()).toContain('店铺还没有商品');
    await page.getByTestId('storefront-tab-catalog').click();
    await page.getByTestId('catalog-search').locator('input').fill(TEA);
    await page.getByTestId('catalog-search').locator('input').press('Enter');
    const row = page.locator(`[data-product-id="${tea.id}"]`);
    await row.waitFor();
    await expect.poll(() => page.getByTestId('catalog-table').locator('tbody tr.ant-table-row').count()).toBe(1);
    await shot(page, 'console-10-storefront-catalog');

    await row.getByTestId('catalog-select').click();
    const skuRow = page.getByTestId('storefront-skus-table').locator(`[data-sku-code="${sku.skuCode}"]`);
    await skuRow.waitFor();
    expect(await skuRow.getByTestId('sku-band').innerText()).toBe('¥168.30 – ¥237.60');
    await skuRow.getByTestId('sku-pick').click();
    const band = page.getByTestId('storefront-price-band');
    await band.waitFor();
    expect(await band.innerText()).toContain('¥128.00');
    expect(await band.innerText()).toContain('¥168.30 – ¥237.60');

    // Above the band: refused before sending, with the sentence the API would answer.
    await page.getByTestId('storefront-price-input').fill('300');
    await page.getByTestId('storefront-price-submit').click();
    const problem = page.locator('.ant-form-item-explain-error');
    await expect.poll(() => problem.innerText()).toBe('零售价须在 ¥168.30 至 ¥237.60 之间（供应商设定的价格区间）');
    await shot(page, 'console-11-storefront-price-refused');
    expect((await call('GET', `/shop/storefronts/${merchantId}`)).body.items).toEqual([]);

    await page.getByTestId('storefront-price-input').fill('208');
    await expect.poll(() => page.getByTestId('storefront-price-form').innerText()).toContain('每件毛利 ¥80.00（38.46%）');
    await page.getByTestId('storefront-price-submit').click();
    await expect.poll(() => skuRow.getByTestId('sku-my-price').innerText()).toBe('¥208.00');
    await shot(page, 'console-12-storefront-picked');
    await closeDrawer(page);

    await page.getByTestId('storefront-tab-items').click();
    const item = page.locator(`[data-sku-id="${skuId}"]`);
    await expect.poll(() => item.getByTestId('storefront-item-price').innerText()).toBe('¥208.00');
    expect((await call('GET', `/shop/storefronts/${merchantId}`)).body.items).toMatchObject([{ skuId, retailPriceFen: PRICE_FEN }]);

    // Change the price, then back: the modal starts from the storefront's price.
    await item.getByTestId('storefront-item-reprice').click();
    await expect.poll(() => page.getByTestId('storefront-price-input').inputValue()).toBe('208.00');
    await page.getByTestId('storefront-price-input').fill('210.5');
    await page.getByTestId('storefront-price-submit').click();
    await expect.poll(() => item.getByTestId('storefront-item-price').innerText()).toBe('¥210.50');
    await item.getByTestId('storefront-item-reprice').click();
    await page.getByTestId('storefront-price-input').fill('208');
    await page.getByTestId('storefront-price-submit').click();
    await expect.poll(() => item.getByTestId('storefront-item-price').innerText()).toBe('¥208.00');

    // The server has the last word: a SKU taken off sale while the modal is open shows its localized error.
    const supplierToken = await login('13900000001');
    const giftBox = await productByTitle(merchantToken, GIFT_BOX);
    await page.getByTestId('storefront-tab-catalog').click();
    await page.getByTestId('catalog-search').locator('input').fill(GIFT_BOX);
    await page.getByTestId('catalog-search').locator('input').press('Enter');
    await page.locator(`[data-product-id="${giftBox.id}"]`).getByTestId('catalog-select').click();
    await page.getByTestId('storefront-skus-table').locator(`[data-sku-code="${giftBox.skus[0].skuCode}"]`).getByTestId('sku-pick').click();
    await page.getByTestId('storefront-price-input').waitFor();
    expect((await call('POST', `/admin/products/${giftBox.id}/off-sale`, { token: supplierToken })).status).toBe(200);
    await page.getByTestId('storefront-price-submit').click();
    await expect.poll(() => page.getByTestId('storefront-price-error').innerText()).toContain('商品已下架或不存在');
    await shot(page, 'console-13-storefront-api-error');
    await page.keyboard.press('Escape');
    // The price modal animates out; until it has, its submit button is still the one a test would find.
    await page.getByTestId('storefront-price-input').waitFor({ state: 'hidden' });
    await closeDrawer(page);

    // A second SKU picked and removed again.
    await page.getByTestId('storefront-tab-catalog').click();
    await page.getByTestId('catalog-search').locator('input').fill(TEA);
    await page.getByTestId('catalog-search').locator('input').press('Enter');
    await page.locator(`[data-product-id="${tea.id}"]`).getByTestId('catalog-select').click();
    const second = tea.skus.find((candidate: Json) => candidate.id !== skuId);
    await page.getByTestId('storefront-skus-table').locator(`[data-sku-code="${second.skuCode}"]`).getByTestId('sku-pick').click();
    // The modal starts from the suggested price; submit only once it is there.
    await expect.poll(() => page.getByTestId('storefront-price-input').inputValue()).not.toBe('');
    // A click while the modal still zooms in can be lost on a loaded machine: wait for it to settle.
    await expect.poll(() => page.locator('.ant-modal.ant-zoom-appear, .ant-modal.ant-zoom-enter').count()).toBe(0);
    await page.getByTestId('storefront-price-submit').click();
    await page.getByTestId('storefront-price-input').waitFor({ state: 'hidden' });
    await expect.poll(async () => (await call('GET', `/shop/storefronts/${merchantId}`)).body.items.length).toBe(2);
    await closeDrawer(page);
    await page.getByTestId('storefront-tab-items').click();
    await page.locator(`[data-sku-id="${second.id}"]`).getByTestId('storefront-item-remove').click();
    await page.getByTestId('storefront-item-remove-confirm').click();
    await expect.poll(() => page.getByTestId('storefront-items-table').locator('tbody tr.ant-table-row').count()).toBe(1);
    await shot(page, 'console-14-storefront-items');
    await page.close();
  });

  it('lets a shop guide verify the pickup code of a paid pickup order', async () => {
    const buyer = await login('13500000001', 'shop');
    const stores = (await call('GET', '/shop/stores/nearby?latitude=31.2364&longitude=121.48')).body.items as Json[];
    const store = stores.find((candidate) => candidate.name === STORE)!;
    const order = await call('POST', '/shop/orders', {
      token: buyer,
      body: { items: [{ skuId, quantity: 1 }], deliveryMethod: 'pickup', pickupStoreId: store.id, merchantId },
    });
    expect(order.status).toBe(201);
    orderId = order.body.id;
    expect(order.body.payableFen).toBe(PRICE_FEN);
    const payment = (await call('POST', `/shop/orders/${orderId}/pay`, { token: buyer })).body;
    expect((await call('POST', `/shop/pay/sandbox/${payment.paymentId}/complete`, { body: { succeeded: true } })).status).toBe(200);
    pickupCode = (await call('GET', `/shop/orders/${orderId}`, { token: buyer })).body.pickupCode;
    expect(pickupCode).toMatch(/^\d{6}$/);

    const page = await consolePage('13600000001');
    expect(await page.getByTestId('menu-storefront').count()).toBe(0);
    expect(await page.getByTestId('menu-settlements').count()).toBe(0);
    await page.getByTestId('menu-pickup').click();
    await page.getByTestId('pickup-store').click();
    await page.locator('.ant-select-item-option').filter({ hasText: STORE }).click();

    // A wrong code first: the API's Chinese message, and nothing handed over.
    const wrong = pickupCode === '000000' ? '000001' : '000000';
    await page.getByTestId('pickup-code').fill(wrong);
    await page.getByTestId('pickup-verify').click();
    await page.getByTestId('pickup-confirm').click();
    await expect.poll(() => page.getByTestId('pickup-error').innerText()).toContain('提货码无效，或订单已提货');

    await page.getByTestId('pickup-code').fill('12a');
    await page.getByTestId('pickup-verify').click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').innerText()).toBe('提货码为 6 位数字');

    await page.getByTestId('pickup-code').fill(pickupCode);
    await page.getByTestId('pickup-verify').click();
    const details = page.getByTestId('pickup-confirm-details');
    await details.waitFor();
    expect(await details.innerText()).toContain(STORE);
    expect(await details.innerText()).toContain(pickupCode);
    await shot(page, 'console-15-pickup-confirm');
    await page.getByTestId('pickup-confirm').click();
    await expect.poll(() => page.getByTestId('pickup-result').innerText()).toContain(orderId);
    await page.getByTestId('pickup-confirm-details').waitFor({ state: 'detached' });
    expect(await page.getByTestId('pickup-history').innerText()).toContain(orderId);
    await shot(page, 'console-16-pickup-done');
    const after = (await call('GET', `/shop/orders/${orderId}`, { token: buyer })).body;
    expect(after.subOrders[0].status).toBe('received');
    expect(after.collectedAt).not.toBeNull();
    await page.close();
  });

  it('shows the merchant the order detail and the nearest stores', async () => {
    const page = await consolePage('13700000001');
    await page.getByTestId('menu-orders').click();
    const row = page.locator(`[data-status="received"]`).first();
    await row.waitFor();
    await row.getByTestId('order-view').click();
    const drawer = page.getByTestId('order-detail');
    await expect.poll(() => drawer.innerText()).toContain(orderId);
    expect(await drawer.innerText()).toContain('门店自提');
    expect(await drawer.innerText()).toContain('¥208.00');
    await shot(page, 'console-17-order-detail');
    await closeDrawer(page);

    await page.getByTestId('menu-stores').click();
    await page.getByTestId('stores-table').locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('nearby-search').click();
    const nearby = page.getByTestId('nearby-table');
    await expect.poll(() => nearby.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    const distances = await nearby.getByTestId('nearby-distance').allInnerTexts();
    expect(distances[0]).toBe('0 米');
    await shot(page, 'console-18-nearby-stores');
    await page.close();
  });

  it('shows finance the settlement statements of the month and downloads the CSV; a supplier sees only its row', async () => {
    // The after-sales window (7 days) closes: the scheduled job completes the sub-order, as the worker would.
    const clock = fixedClock(new Date(Date.now() + 8 * DAY_MS));
    const worker = createPlatform(suite.platform.database, inProcessPlatformOptions(randomBytes(32), { clock }));
    expect(await worker.fulfilment.completeDue(systemContext(clock))).toBeGreaterThanOrEqual(1);
    const month = chinaMonth(clock.now());

    const page = await consolePage('13800000003');
    expect(await page.getByTestId('menu-storefront').count()).toBe(0);
    expect(await page.getByTestId('menu-pickup').count()).toBe(0);
    await page.getByTestId('menu-settlements').click();
    await chooseMonth(page, month);
    const table = page.getByTestId('settlements-table');
    await expect.poll(() => table.innerText()).toContain('杭州绿源农产品有限公司');
    expect(await page.getByTestId('settlements-total').innerText()).toBe('¥128.00');
    await shot(page, 'console-19-settlements-supplier');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('settlements-export').click()]);
    expect(download.suggestedFilename()).toBe(`settlement-supplier-${month}.csv`);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8');
    expect(csv.startsWith('月份,供应商ID,供应商')).toBe(true);
    expect(csv).toContain('杭州绿源农产品有限公司,1,208.00,128.00,128.00');

    await page.getByTestId('settlements-party-merchant').click();
    await expect.poll(() => table.innerText()).toContain('上海悦享生活旗舰店');
    expect(await page.getByTestId('settlements-total').innerText()).toBe('¥80.00');
    await shot(page, 'console-20-settlements-merchant');
    await page.close();

    const supplier = await consolePage('13900000002');
    await supplier.getByTestId('menu-settlements').click();
    await chooseMonth(supplier, month);
    expect(await supplier.getByTestId('settlements-party-merchant').count()).toBe(0);
    await expect.poll(() => supplier.getByTestId('settlements-table').innerText()).toContain('该月没有已完成的子订单');
    await supplier.close();

    const owner = await consolePage('13900000001');
    await owner.getByTestId('menu-settlements').click();
    await chooseMonth(owner, month);
    await expect.poll(() => owner.getByTestId('settlements-table').innerText()).toContain('杭州绿源农产品有限公司');
    expect(await owner.getByTestId('settlements-table').locator('tbody tr.ant-table-row').count()).toBe(1);
    await shot(owner, 'console-21-settlements-own-supplier');
    await owner.getByTestId('lang-switch').click();
    await expect.poll(() => owner.getByTestId('settlements-table').innerText()).toContain('Owed to supplier');
    expect(await owner.getByTestId('side-menu').innerText()).toContain('Settlements');
    await shot(owner, 'console-22-settlements-en');
    await owner.close();
  });
});
