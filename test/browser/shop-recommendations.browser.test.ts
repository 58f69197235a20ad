import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { systemClock, systemContext } from '@linkmall/kernel';
import { createPlatform, inProcessPlatformOptions } from '../../apps/api/src/platform.ts';
import { allOnScreen, hasChromium, loginShop, newShopPage, onScreen, openShopPage as openShopUrl, settledShot, shopBuilt, useBrowserSuite, type BrowserSuite } from './browser-harness.ts';

const canRun = hasChromium && shopBuilt;
const ORANGE = '赣南脐橙 5kg';
const CAKE = '云南鲜花饼礼盒 10枚';
const TEA = '西湖龙井明前茶';
const ADDRESS = { recipientName: '何明', phone: '13512345679', province: '四川省', city: '成都市', district: '锦江区', detail: '春熙路 18 号' };

/** Demo consumers buy through the API; the recommender then replays the paid orders (the browser suite runs no worker). */
async function shopping(suite: BrowserSuite) {
  const home = await suite.api<{ products: { id: string; title: string }[] }>('GET', '/shop/home');
  const skuOf = async (title: string) => {
    const product = await suite.api<{ skus: { id: string }[] }>('GET', `/shop/products/${home.products.find((item) => item.title === title)!.id}`);
    return product.skus[0]!.id;
  };
  const buy = async (phone: string, titles: string[]) => {
    const token = await suite.login(phone, 'shop');
    const items = await Promise.all(titles.map(async (title) => ({ skuId: await skuOf(title), quantity: 1 })));
    const order = await suite.api<{ id: string }>('POST', '/shop/orders', token, { items, deliveryMethod: 'delivery', shippingAddress: ADDRESS });
    const payment = await suite.api<{ paymentId: string }>('POST', `/shop/orders/${order.id}/pay`, token);
    await suite.api('POST', `/shop/pay/sandbox/${payment.paymentId}/complete`, undefined, { succeeded: true });
  };
  // 何明 and 高雪 buy oranges with flower cakes; 罗斌 buys tea; 林小雨 has bought oranges.
  await buy('13500000002', [ORANGE, CAKE]);
  await buy('13500000003', [ORANGE, CAKE]);
  await buy('13500000004', [TEA]);
  await buy('13500000001', [ORANGE]);
  const platform = createPlatform(suite.platform.database, inProcessPlatformOptions(randomBytes(32)));
  await platform.recommendations.rebuild(systemContext(systemClock, 'browser-test'));
}

const suite = useBrowserSuite(canRun, shopping);
const shot = settledShot(400);
const openShopPage = (page: Page, path: string) => openShopUrl(page, suite.shopUrl(path));
const recommended = (page: Page) => allOnScreen(page, '#home-recommended .product-card__title').allInnerTexts();

describe.skipIf(!canRun)('h5 shop: 猜你喜欢 on the home page (390×844)', { timeout: 150_000 }, () => {
  it('shows a member what goes with their purchases, and a visitor the best sellers', async () => {
    const member = await newShopPage(suite.browser);
    await loginShop(member, suite.shopUrl('/pages/login/index'), '13500000001');
    await openShopPage(member, '/pages/index/index');
    await onScreen(member, '#home-recommended').waitFor();
    await expect.poll(() => recommended(member)).toContain(CAKE);
    expect((await recommended(member))[0]).toBe(CAKE);
    // What she bought is not offered again; the flower cakes carry the "bought together" badge.
    expect(await recommended(member)).not.toContain(ORANGE);
    expect(await onScreen(member, '#home-recommended [data-reason="similar"] .product-card__badge').innerText()).toBe('常一起买');
    expect(await onScreen(member, '#home-recommended .product-card__price').innerText()).toMatch(/^¥\d+\.\d{2}$/);
    await onScreen(member, '#home-recommended').scrollIntoViewIfNeeded();
    await shot(member, 'shop-recommendations-01-member');
    await member.close();

    const visitor = await newShopPage(suite.browser);
    await openShopPage(visitor, '/pages/index/index');
    await onScreen(visitor, '#home-recommended').waitFor();
    // Oranges sold in three orders, flower cakes in two: the best sellers lead for someone unknown.
    await expect.poll(() => recommended(visitor)).toEqual(expect.arrayContaining([ORANGE, CAKE, TEA]));
    expect((await recommended(visitor))[0]).toBe(ORANGE);
    expect(await onScreen(visitor, '#home-recommended .product-card__badge').innerText()).toBe('热销');
    await onScreen(visitor, '#home-recommended').scrollIntoViewIfNeeded();
    await shot(visitor, 'shop-recommendations-02-visitor');

    await onScreen(visitor, '#home-recommended .product-card').click();
    await visitor.waitForURL(/pages\/product\/index\?id=prd_/);
    await visitor.close();
  });
});
