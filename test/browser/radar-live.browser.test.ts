import { describe, expect, it } from 'vitest';
import { adminBuilt, hasChromium, newShopPage, onScreen, openShopPage, shopBuilt, shot, useBrowserSuite, type Json } from './browser-harness.ts';

/**
 * The live radar end to end: 孙丽 features a product on her card and watches 老板雷达 in the console;
 * a visitor opens her shared card on the h5 shop, consents, clicks the product and forwards the card;
 * the visit and the click arrive in her console feed with a pop-up, without reloading.
 */
const canRun = hasChromium && shopBuilt && adminBuilt;
// 孙丽, shop guide of 成都锦里好物小店: the demo merchant whose storefront sells products her card can feature.
const OWNER_PHONE = '13600000003';
const suite = useBrowserSuite(canRun);

describe.skipIf(!canRun)('live visitor radar', { timeout: 240_000 }, () => {
  it('shows the owner a visitor’s visit, product click and forward as they happen', async () => {
    const ownerShop = await suite.login(OWNER_PHONE, 'shop');
    const me = await suite.api<Json>('GET', '/admin/me', await suite.login(OWNER_PHONE));
    const { rows } = await suite.platform.database.executeSql(
      'select s.product_id from storefront_items i join skus s on s.id = i.sku_id where i.merchant_id = $1 order by s.product_id limit 1',
      [me.organizationId],
    );
    const productId = (rows[0] as { product_id: string }).product_id;
    const mine = await suite.api<Json>('GET', '/shop/cards/me', ownerShop);
    const fields = ['name', 'title', 'company', 'photoUrl', 'phone', 'email', 'website', 'wechatId', 'address', 'latitude', 'longitude', 'intro', 'theme'];
    const content = Object.fromEntries(fields.map((field) => [field, mine[field]]));
    await suite.api('PUT', '/shop/cards/me', ownerShop, { ...content, modules: [{ kind: 'products', id: 'picks', productIds: [productId] }, ...mine.modules.filter((module: Json) => !mine.lockedModuleIds?.includes(module.id))] });
    const share = await suite.api<{ token: string }>('POST', `/shop/cards/${mine.id}/shares`, ownerShop);

    // The owner watches the Boss radar in the console.
    const console = await suite.consolePage(OWNER_PHONE);
    await console.getByTestId('side-menu').getByText('老板雷达').click();
    await expect.poll(() => console.getByTestId('radar-connection').innerText(), { timeout: 15_000 }).toContain('已连接');

    // A visitor opens the shared card, agrees to be recorded, clicks the product and forwards the card.
    const visitor = await newShopPage(suite.browser);
    await openShopPage(visitor, suite.shopUrl(`/pages/card/index?id=${mine.id}&share=${share.token}`));
    await onScreen(visitor, '#card-consent').waitFor({ timeout: 20_000 });
    await onScreen(visitor, '#card-consent-agree').click();
    await expect.poll(() => console.getByTestId('radar-feed').innerText(), { timeout: 10_000 }).toMatch(/访客\w{4}正在查看你的名片|一位访客正在查看你的名片/);
    await expect.poll(() => console.locator('.ant-notification-notice').count(), { timeout: 5_000 }).toBeGreaterThan(0);
    await shot(console, 'radar-01-console-live-visit', 300);

    await onScreen(visitor, '#card-forward').click();
    await onScreen(visitor, '#card-forward-url').waitFor();
    await shot(visitor, 'radar-02-visitor-forwarded', 300);
    await onScreen(visitor, `[data-product-id="${productId}"]`).click();
    await expect.poll(() => console.getByTestId('radar-feed').innerText(), { timeout: 10_000 }).toMatch(/点击了商品「.+」/);
    const feed = await console.getByTestId('radar-feed').innerText();
    expect(feed).toMatch(/转发了你的名片/);
    // Each click once in the feed (the notification of it pops up instead of repeating the line).
    expect(feed.match(/点击了商品/g)).toHaveLength(1);
    await shot(console, 'radar-03-console-live-click', 300);

    // The same visit is on the owner's shop radar, with the in-app notifications.
    const radar = await suite.api<Json>('GET', '/shop/radar/visitors', ownerShop);
    expect(radar.items[0]).toMatchObject({ forwards: 1, productsViewed: [{ productId, clicks: 1 }] });
    const notifications = await suite.api<Json>('GET', '/shop/notifications', ownerShop);
    expect(notifications.items.map((item: Json) => item.kind)).toEqual(expect.arrayContaining(['card_viewed', 'product_clicked']));
    await visitor.close();
  });
});
