import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { allOnScreen, hasChromium, newShopPage, onScreen, openShopPage as openShopUrl, settledShot, shopBuilt, useBrowserSuite } from './browser-harness.ts';
import { sql } from 'kysely';

const canRun = hasChromium && shopBuilt;

const TEA = '西湖龙井明前茶';
const WHITE_TEA = '安吉白茶礼盒';
const RICE = '五常稻花香大米';
/** The demo merchant whose storefront is decorated and sells rice, oranges, pastries and skin care (no tea). */
const STOREFRONT = '锦里好物严选';

const suite = useBrowserSuite(canRun);

/** Lets the page's slide-in animation finish first, so the picture is not caught mid-transition. */
const shot = settledShot(400);
/** Opens a shop page in a fresh document (a hash-only goto races the Taro router). */
const openShopPage = (page: Page, path: string) => openShopUrl(page, suite.shopUrl(path));
async function searchFor(page: Page, query: string): Promise<void> {
  await onScreen(page, '#search-input input').fill(query);
  await onScreen(page, '#search-input input').press('Enter');
}
const titlesOf = (page: Page, list: string) => allOnScreen(page, `${list} .product-row__title`).allInnerTexts();

describe.skipIf(!canRun)('shop categories and search (390×844)', { timeout: 150_000 }, () => {
  it('browses 茶叶 › 绿茶 from the category tab and opens the tea', async () => {
    const shop = await newShopPage(suite.browser);
    await openShopPage(shop, '/pages/index/index');
    await onScreen(shop, '#home-search').waitFor();
    await onScreen(shop, '#home-categories .home-category').waitFor();
    await shot(shop, 'shop-search-01-home');

    await shop.locator('.weui-tabbar__item', { hasText: '分类' }).click();
    await shop.waitForURL(/pages\/category\/index/);
    await onScreen(shop, '.category-rail__item >> text=茶叶').click();
    await onScreen(shop, '#category-products').waitFor();
    await onScreen(shop, '.category-leaf >> text=绿茶').click();
    await expect.poll(() => onScreen(shop, '.category-leaf--active').innerText()).toBe('绿茶');
    await expect.poll(() => titlesOf(shop, '#category-products')).toEqual([TEA]);
    expect(await onScreen(shop, '#category-products .product-row__price').innerText()).toMatch(/^¥\d+\.\d{2}$/);
    await shot(shop, 'shop-search-02-category-green-tea');

    // "全部" of 茶叶 covers its subcategories: the white tea shows there as well.
    await onScreen(shop, '.category-leaf >> text=全部').click();
    await expect.poll(() => titlesOf(shop, '#category-products')).toEqual(expect.arrayContaining([TEA, WHITE_TEA]));
    await onScreen(shop, '.category-leaf >> text=绿茶').click();
    await expect.poll(() => titlesOf(shop, '#category-products')).toEqual([TEA]);

    await onScreen(shop, '#category-products .product-row').click();
    await shop.waitForURL(/pages\/product\/index\?id=prd_/);
    await expect.poll(() => shop.locator('.taro_page:not([style*="display: none"])', { hasText: TEA }).count()).toBeGreaterThan(0);
    await shop.close();
  });

  it('searches in Chinese, shows an empty state with suggestions and remembers recent searches', async () => {
    const shop = await newShopPage(suite.browser);
    await openShopPage(shop, '/pages/index/index');
    await onScreen(shop, '#home-search').click();
    await shop.waitForURL(/pages\/search\/index/);
    await onScreen(shop, '#search-suggestions').waitFor();
    await shot(shop, 'shop-search-03-start');

    await searchFor(shop, '龙井');
    // The first search of a fresh server loads the word-segmentation dictionary: allow it time.
    await expect.poll(() => titlesOf(shop, '#search-list'), { timeout: 20_000 }).toContain(TEA);
    expect(await titlesOf(shop, '#search-list')).not.toContain(RICE);
    await shot(shop, 'shop-search-04-longjing');

    await searchFor(shop, '绿茶');
    await expect.poll(() => titlesOf(shop, '#search-list')).toContain(TEA);
    expect(await onScreen(shop, '#search-count').innerText()).toMatch(/^找到 \d+ 件商品$/);
    expect(await allOnScreen(shop, '#search-list .product-row__price').allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^¥\d+\.\d{2}$/)]),
    );

    await searchFor(shop, '啵啵叽咕喵');
    await onScreen(shop, '#search-empty').waitFor();
    expect(await onScreen(shop, '#search-empty').innerText()).toContain('没有找到与“啵啵叽咕喵”相关的商品');
    expect(await allOnScreen(shop, '#search-empty-suggestions .search-chip').count()).toBeGreaterThan(0);
    await shot(shop, 'shop-search-05-empty');

    // A suggestion searches at once.
    await onScreen(shop, '#search-empty-suggestions .search-chip >> text=绿茶').click();
    await expect.poll(() => titlesOf(shop, '#search-list')).toContain(TEA);

    // Recent searches live on the device: a new visit lists them newest first.
    await openShopPage(shop, '/pages/search/index');
    await onScreen(shop, '#search-recent').waitFor();
    expect(await allOnScreen(shop, '#search-recent .search-chip').allInnerTexts()).toEqual(['绿茶', '啵啵叽咕喵', '龙井']);
    await shot(shop, 'shop-search-06-recent');
    await onScreen(shop, '#search-recent .search-chip >> text=龙井').click();
    await expect.poll(() => titlesOf(shop, '#search-list')).toContain(TEA);
    await openShopPage(shop, '/pages/search/index');
    await onScreen(shop, '#search-clear-recent').click();
    await expect.poll(() => allOnScreen(shop, '#search-recent').count()).toBe(0);
    await shop.close();
  });

  it('searches inside a storefront, at its prices, and widens to the whole catalog', async () => {
    const found = await sql<{ merchant_id: string }>`select merchant_id from storefronts where name = ${STOREFRONT}`.execute(suite.platform.database.db);
    const merchantId = found.rows[0]!.merchant_id;
    const shop = await newShopPage(suite.browser);
    await openShopPage(shop, `/pages/storefront/index?merchantId=${merchantId}`);
    await onScreen(shop, '#storefront-search').waitFor();
    await shot(shop, 'shop-search-07a-storefront');
    await onScreen(shop, '#storefront-search').click();
    await shop.waitForURL(/pages\/search\/index\?merchantId=org_/);
    expect(await onScreen(shop, '#search-scope').innerText()).toContain(`在「${STOREFRONT}」内搜索`);

    await searchFor(shop, '大米');
    await expect.poll(() => titlesOf(shop, '#search-list'), { timeout: 20_000 }).toEqual([RICE]);
    await shot(shop, 'shop-search-07-in-storefront');

    // The storefront sells no tea; widening the same search to every product finds it.
    await searchFor(shop, '龙井');
    await onScreen(shop, '#search-empty').waitFor();
    await onScreen(shop, '#search-everywhere').click();
    await expect.poll(() => titlesOf(shop, '#search-list')).toContain(TEA);
    expect(await allOnScreen(shop, '#search-scope').count()).toBe(0);

    // A product found in the storefront opens at the storefront's prices (the product page knows the shop).
    await openShopPage(shop, `/pages/search/index?merchantId=${merchantId}&shop=${encodeURIComponent(STOREFRONT)}&q=${encodeURIComponent('大米')}`);
    await expect.poll(() => titlesOf(shop, '#search-list')).toEqual([RICE]);
    await onScreen(shop, '#search-list .product-row').click();
    await shop.waitForURL(new RegExp(`pages/product/index\\?id=prd_\\w+&merchantId=${merchantId}`));
    await shop.close();
  });

  it('shows categories and search in English', async () => {
    const shop = await newShopPage(suite.browser, { locale: 'en-US' });
    await openShopPage(shop, '/pages/me/index');
    await onScreen(shop, '#me-language').click();
    await openShopPage(shop, '/pages/category/index');
    await onScreen(shop, '.category-rail__item >> text=Tea').click();
    await onScreen(shop, '.category-leaf >> text=Green tea').click();
    await expect.poll(() => titlesOf(shop, '#category-products')).toEqual([TEA]);
    expect(await onScreen(shop, '#category-count').innerText()).toBe('Products: 1');
    expect(await shop.locator('.weui-tabbar__item').allInnerTexts()).toEqual(['Home', 'Categories', 'Cart', 'Me']);
    await shot(shop, 'shop-search-08-category-en');

    await onScreen(shop, '#category-search').click();
    await shop.waitForURL(/pages\/search\/index/);
    await searchFor(shop, 'qwxzv');
    await onScreen(shop, '#search-empty').waitFor();
    expect(await onScreen(shop, '#search-empty').innerText()).toContain('Nothing matches "qwxzv"');
    await shot(shop, 'shop-search-09-empty-en');
    await shop.close();
  });
});
