import { describe, expect, it } from 'vitest';
import { adminBuilt, allOnScreen, hasChromium, loginConsole, loginShop, newConsolePage, newShopPage, onScreen, shopBuilt, shot, useBrowserSuite } from './browser-harness.ts';

/**
 * 登录设备 (ASVS 3.3.4): a member who lost a phone signs it out from the shop's 我的, and then every
 * other device; a console user does the same from the header's user menu.
 */
const canRun = hasChromium && shopBuilt && adminBuilt;
if (!canRun) console.warn('sessions browser tests skipped: run npm run build:web first and install Chromium');

const suite = useBrowserSuite(canRun);
const ANDROID_WECHAT = 'Mozilla/5.0 (Linux; Android 14; PJD110) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36 MicroMessenger/8.0.44';

async function signInElsewhere(phone: string, surface: 'admin' | 'shop', userAgent: string): Promise<string> {
  const response = await fetch(`${suite.platform.baseUrl}/${surface}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': userAgent }, body: JSON.stringify({ phone, password: 'demo1234' }) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}
const stillSignedIn = async (surface: 'admin' | 'shop', token: string) => (await suite.call('GET', `/${surface}/me`, { token })).status === 200;

describe.skipIf(!canRun)('signed-in devices in the shop and the console', { timeout: 180_000 }, () => {
  it('signs out a lost phone from 我的 › 登录设备, then every other device', async () => {
    const lostPhone = await signInElsewhere('13500000002', 'shop', ANDROID_WECHAT);
    const shop = await newShopPage(suite.browser);
    await loginShop(shop, `${suite.platform.baseUrl}/h5/#/pages/login/index`, '13500000002');
    await onScreen(shop, '#me-sessions').click();
    await shop.waitForURL(/pages\/sessions\/index/);
    const lost = allOnScreen(shop, '.session-row').filter({ hasText: '安卓手机 · 微信' });
    await expect.poll(() => lost.count(), { timeout: 15_000 }).toBe(1);
    expect(await onScreen(shop, '.session-row[data-current="true"]').innerText()).toContain('本机');
    await shot(shop, 'shop-sessions-01-devices', 400);

    await lost.locator('.session-row__end').click();
    await shop.locator('.taro-model__confirm').click();
    await expect.poll(() => lost.count(), { timeout: 15_000 }).toBe(0);
    expect(await stillSignedIn('shop', lostPhone)).toBe(false);

    const tablet = await signInElsewhere('13500000002', 'shop', 'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) Safari/605.1.15');
    await shop.reload();
    await expect.poll(() => allOnScreen(shop, '.session-row').filter({ hasText: 'iPad' }).count(), { timeout: 15_000 }).toBe(1);
    await onScreen(shop, '#sessions-end-others').click();
    await shop.locator('.taro-model__confirm').click();
    await expect.poll(() => onScreen(shop, '#sessions-only-this').count(), { timeout: 15_000 }).toBe(1);
    expect(await allOnScreen(shop, '.session-row').count()).toBe(1);
    expect(await stillSignedIn('shop', tablet)).toBe(false);
    // This device is still signed in.
    await shop.reload();
    await expect.poll(() => onScreen(shop, '.session-row[data-current="true"]').count(), { timeout: 15_000 }).toBe(1);
    await shot(shop, 'shop-sessions-02-only-this', 400);
    await shop.close();
  });

  it('lets a console user sign out their other devices from the user menu', async () => {
    const laptop = await signInElsewhere('13800000003', 'admin', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) Safari/605.1.15');
    const page = await newConsolePage(suite.browser);
    await loginConsole(page, suite.platform.baseUrl, '13800000003');
    await page.getByTestId('user-menu').click();
    await page.getByTestId('open-my-sessions').click();
    const table = page.getByTestId('sessions-table');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    expect(await table.getByTestId('session-current').count()).toBe(1);
    expect(await table.innerText()).toContain('Macintosh');
    await shot(page, 'console-sessions-01-devices', 500);

    await page.getByTestId('sessions-end-others').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.locator('.ant-message').innerText()).toMatch(/已退出 \d+ 台设备/);
    expect(await stillSignedIn('admin', laptop)).toBe(false);
    await shot(page, 'console-sessions-02-only-this', 500);
    await page.close();
  });
});
