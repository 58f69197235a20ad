import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { adminBuilt, CHROMIUM, hasChromium, type Json, settledShot, useBrowserSuite } from './browser-harness.ts';

const canRun = hasChromium && adminBuilt;
if (!canRun) console.warn(`console catalog administration browser tests skipped: ${hasChromium ? 'run npm run build -w @linkmall/admin first' : `no Chromium at ${CHROMIUM}`}`);

const suite = useBrowserSuite(canRun);
const { consolePage, call, login } = suite;
/** Screenshots wait out antd's open/close animations so the picture shows the settled screen. */
const shot = settledShot(500);

/** Picks an option of the open antd select dropdown by its text. */
async function chooseOption(page: Page, text: string): Promise<void> {
  // Type to filter and take the match with Enter: clicking an option raced the previous dropdown's
  // closing animation on a busy machine. Done when one more tag with the text shows.
  const chosen = page.locator('.ant-select-selection-item', { hasText: text });
  const before = await chosen.count();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await expect.poll(() => chosen.count()).toBe(before + 1);
}

const TEA = '西湖龙井明前茶';

describe.skipIf(!canRun)('console categories, fixed prices and storefront decoration in Chromium', { timeout: 150_000 }, () => {
  it('lets the platform build the two-level category tree and delete an empty category', async () => {
    const page = await consolePage('13800000001');
    await page.getByTestId('menu-categories').click();
    const table = page.getByTestId('categories-table');
    await table.locator('tbody tr').first().waitFor();

    await page.getByTestId('category-new').click();
    await page.getByTestId('category-submit').click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').first().innerText()).toBe('请输入名称');
    await page.getByTestId('category-name-zh').fill('节日礼盒');
    await page.getByTestId('category-name-en').fill('Festive gift boxes');
    await page.getByTestId('category-sort').fill('900');
    await page.getByTestId('category-submit').click();
    const parentRow = table.locator('tbody tr').filter({ hasText: '节日礼盒' });
    await parentRow.waitFor();

    await parentRow.getByTestId('category-add-child').click();
    await page.getByTestId('category-name-zh').fill('中秋礼盒');
    await page.getByTestId('category-name-en').fill('Mid-Autumn boxes');
    await page.getByTestId('category-submit').click();
    const childRow = table.locator('tbody tr').filter({ hasText: '中秋礼盒' });
    await childRow.waitFor();
    await shot(page, 'console-41-categories');

    const admin = await login('13800000001');
    const tree = (await call('GET', '/admin/categories', { token: admin })).body as Json[];
    const parent = tree.find((node) => node.nameZh === '节日礼盒');
    expect(parent).toMatchObject({ nameEn: 'Festive gift boxes', sortOrder: 900, parentId: null });
    expect(parent.children).toMatchObject([{ nameZh: '中秋礼盒', nameEn: 'Mid-Autumn boxes', parentId: parent.id }]);

    // A parent with a child cannot go: the API's Chinese reason shows; the empty child can.
    await parentRow.getByTestId('category-delete').click();
    await page.getByTestId('category-delete-confirm').click();
    await expect.poll(() => page.locator('.ant-message').innerText()).toContain('类目下还有 1 个子类目、0 个商品，不能删除');
    expect(await parentRow.count()).toBe(1);
    await childRow.getByTestId('category-delete').click();
    // The parent's confirmation may still be fading out; the child's is the newest one.
    await page.locator('.ant-popover:not(.ant-popover-hidden)').getByTestId('category-delete-confirm').last().click();
    await childRow.waitFor({ state: 'detached' });
    const after = (await call('GET', '/admin/categories', { token: admin })).body as Json[];
    expect(after.find((node) => node.nameZh === '节日礼盒').children).toEqual([]);
    await page.close();
  });

  it('lets the platform fix a SKU price inside its band, refusing one outside', async () => {
    const operations = await login('13800000002');
    const list = await call('GET', `/admin/products?status=on_sale&q=${encodeURIComponent(TEA)}`, { token: operations });
    const tea = list.body.items.find((item: Json) => item.title === TEA);
    const page = await consolePage('13800000002');
    await page.getByTestId('menu-products').click();
    await page.getByTestId('products-search').locator('input').fill(TEA);
    await page.getByTestId('products-search').locator('input').press('Enter');
    await page.getByTestId(`product-open-${tea.id}`).click();
    await page.getByTestId('product-fixed-prices').click();
    const row = page.getByTestId('fixed-price-table').locator('[data-sku-code$="-1"]');
    await row.getByTestId('fixed-price-input').fill('300');
    await expect.poll(() => row.getByTestId('fixed-price-problem').innerText()).toBe('须在 ¥168.30 至 ¥237.60 之间');
    expect(await page.getByTestId('fixed-price-submit').isDisabled()).toBe(true);
    await shot(page, 'console-42-fixed-price-refused');
    await row.getByTestId('fixed-price-input').fill('200');
    await page.getByTestId('fixed-price-submit').click();
    await page.getByTestId('fixed-price-table').waitFor({ state: 'detached' });
    const detail = (await call('GET', `/admin/products/${tea.id}`, { token: operations })).body;
    expect(detail.skus.find((sku: Json) => sku.skuCode.endsWith('-1')).fixedRetailPriceFen).toBe(20_000);
    await expect.poll(() => page.getByTestId('product-detail').innerText()).toContain('¥200.00');
    await shot(page, 'console-43-fixed-price-saved');
    await page.close();
  });

  it('lets a merchant decorate its storefront with featured products and its own category', async () => {
    const merchant = await login('13700000001');
    const me = (await call('GET', '/admin/me', { token: merchant })).body;
    const merchantId = me.organization?.id ?? me.organizationId;
    const list = await call('GET', `/admin/products?status=on_sale&q=${encodeURIComponent(TEA)}`, { token: merchant });
    const tea = (await call('GET', `/admin/products/${list.body.items.find((item: Json) => item.title === TEA).id}`, { token: merchant })).body;
    expect((await call('PUT', `/admin/storefront/items/${tea.skus[0].id}`, { token: merchant, body: {} })).status).toBe(200);

    const page = await consolePage('13700000001');
    await page.getByTestId('menu-storefront').click();
    await page.getByTestId('storefront-tab-decoration').click();
    await page.getByTestId('decoration-name').fill('悦享生活严选');
    await page.getByTestId('decoration-intro').fill('每周上新，产地直发');
    await page.getByTestId('decoration-add-banner').click();
    await page.getByTestId('decoration-banner').fill('not a url');
    await page.getByTestId('decoration-save').click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').innerText()).toBe('请输入以 http:// 或 https:// 开头的地址');
    await page.getByTestId('decoration-banner').fill('https://img.example.com/banner-1.jpg');
    await page.getByTestId('decoration-featured').click();
    await chooseOption(page, TEA);
    await page.keyboard.press('Escape');
    await page.getByTestId('decoration-add-category').click();
    await page.getByTestId('decoration-category-name').fill('春茶上新');
    await page.getByTestId('decoration-category').locator('.ant-select').click();
    await chooseOption(page, TEA);
    await page.keyboard.press('Escape');
    await page.getByTestId('decoration-save').click();
    await expect.poll(async () => (await call('GET', '/admin/storefront', { token: merchant })).body?.name).toBe('悦享生活严选');
    await shot(page, 'console-44-storefront-decoration');

    const view = (await call('GET', `/shop/storefronts/${merchantId}`)).body;
    expect(view).toMatchObject({ name: '悦享生活严选', intro: '每周上新，产地直发', bannerUrls: ['https://img.example.com/banner-1.jpg'] });
    expect(view.featured.map((product: Json) => product.id)).toEqual([tea.id]);
    expect(view.categories).toMatchObject([{ name: '春茶上新', products: [{ id: tea.id }] }]);
    // The platform fixed this SKU's price in the previous test: the storefront sells it at exactly that.
    expect(view.items[0].retailPriceFen).toBe(20_000);
    await page.close();
  });
});
