import { describe, expect, it } from 'vitest';
import { adminBuilt, hasChromium, loginConsole, loginShop, newConsolePage, newShopPage, onScreen, shopBuilt, shot, useBrowserSuite } from './browser-harness.ts';

/**
 * PIPL rights in the UI: a member finds 导出我的数据 and 注销账号 on 我的, asks for deletion (a
 * confirmation first, then the pending notice and 撤销), and operations sees the request on the
 * console's 注销申请 page.
 */
const canRun = hasChromium && shopBuilt && adminBuilt;
if (!canRun) console.warn('privacy browser tests skipped: run npm run build:web first and install Chromium');

const suite = useBrowserSuite(canRun);

describe.skipIf(!canRun)('personal-data rights in the shop and the console', { timeout: 180_000 }, () => {
  it('lets a member ask for deletion from 我的 and cancel it', async () => {
    const shop = await newShopPage(suite.browser);
    await loginShop(shop, `${suite.platform.baseUrl}/h5/#/pages/login/index`, '13500000004');
    await onScreen(shop, '#me-privacy').scrollIntoViewIfNeeded();
    expect(await onScreen(shop, '#me-export-data').innerText()).toBe('导出我的数据');
    await shot(shop, 'shop-privacy-01-me', 600);
    await onScreen(shop, '#me-delete-account').click();
    await shop.locator('.taro-model__confirm').click();
    await expect.poll(() => onScreen(shop, '#me-privacy-pending').innerText(), { timeout: 15_000 }).toMatch(/^注销申请处理中，将于 \d{4}-\d{2}-\d{2} 后执行$/);
    await shot(shop, 'shop-privacy-02-pending', 800);

    const console = await newConsolePage(suite.browser);
    await loginConsole(console, suite.platform.baseUrl, '13800000002');
    await console.getByTestId('menu-privacy').click();
    await expect.poll(() => console.getByTestId('privacy-table').innerText(), { timeout: 15_000 }).toContain('冷静期中');
    await shot(console, 'console-privacy-01-requests', 500);
    await console.close();

    await onScreen(shop, '#me-cancel-deletion').click();
    await expect.poll(() => onScreen(shop, '#me-delete-account').count(), { timeout: 15_000 }).toBe(1);
    await shop.close();
  });
});
