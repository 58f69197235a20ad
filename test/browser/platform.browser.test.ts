import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { adminBuilt, CHROMIUM, hasChromium, loginConsole, newConsolePage, newShopPage, shopBuilt, shot, useBrowserSuite } from './browser-harness.ts';

const canRun = hasChromium && adminBuilt && shopBuilt;
if (!canRun) console.warn(`browser tests skipped: ${hasChromium ? 'run npm run build:web first' : `no Chromium at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk)`}`);

const suite = useBrowserSuite(canRun);
const consolePage = () => newConsolePage(suite.browser);
const signIntoConsole = (page: Page, phone: string) => loginConsole(page, suite.platform.baseUrl, phone);

describe.skipIf(!canRun)('console in Chromium', { timeout: 90_000 }, () => {
  it('signs in as the platform admin and walks every page', async () => {
    const page = await consolePage();
    await page.goto(`${suite.platform.baseUrl}/console/`);
    await page.getByTestId('login-phone').waitFor();
    await shot(page, 'console-01-login');
    await signIntoConsole(page, '13800000001');
    await expect.poll(() => page.getByTestId('dashboard-stat-stores').innerText()).toContain('5');
    await expect.poll(() => page.getByTestId('header-display-name').innerText()).toBe('张伟');
    await shot(page, 'console-02-dashboard-platform-admin');
    for (const [menu, table, name] of [
      ['menu-users', 'users-table', 'console-03-users'],
      ['menu-roles', 'roles-table', 'console-04-roles'],
      ['menu-audit', 'audit-table', 'console-05-audit'],
      ['menu-stores', 'stores-table', 'console-06-stores'],
      ['menu-products', 'products-table', 'console-07-products'],
    ] as const) {
      await page.getByTestId(menu).click();
      await page.getByTestId(table).locator('tbody tr.ant-table-row').first().waitFor();
      await shot(page, name);
    }
    await expect.poll(() => page.getByTestId('products-table').innerText()).toContain('西湖龙井明前茶');
    await page.close();
  });

  it('shows finance only the menu its role allows', async () => {
    const page = await consolePage();
    await signIntoConsole(page, '13800000003');
    expect(await page.getByTestId('menu-dashboard').isVisible()).toBe(true);
    expect(await page.getByTestId('menu-users').count()).toBe(0);
    expect(await page.getByTestId('menu-audit').count()).toBe(0);
    expect(await page.getByTestId('menu-stores').count()).toBe(0);
    await shot(page, 'console-08-finance');
    await page.close();
  });

  it('shows a merchant admin only its own stores, in English when asked', async () => {
    const page = await consolePage();
    await signIntoConsole(page, '13700000001');
    await page.getByTestId('menu-stores').click();
    const rows = page.getByTestId('stores-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await page.getByTestId('stores-table').innerText()).toContain('悦享生活');
    expect(await page.getByTestId('stores-table').innerText()).not.toContain('锦里');
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('side-menu').innerText()).toMatch(/Stores/);
    await shot(page, 'console-09-merchant-stores-en');
    await page.close();
  });
});

describe.skipIf(!canRun)('h5 shop in Chromium', { timeout: 90_000 }, () => {
  it('loads the home page, signs in as a consumer and shows the Me page', async () => {
    const page = await newShopPage(suite.browser);
    await page.goto(`${suite.platform.baseUrl}/h5/`);
    // The product list, not the 猜你喜欢 recommendations above it (they have a test of their own).
    await expect.poll(() => page.locator('.product-card:not(#home-recommended .product-card)').count(), { timeout: 20_000 }).toBe(13);
    await shot(page, 'shop-01-home');
    await page.goto(`${suite.platform.baseUrl}/h5/#/pages/login/index`);
    await page.locator('#login-phone input').fill('13500000001');
    await page.locator('#login-password input').fill('demo1234');
    // Signing in switches to the Me tab by itself.
    await page.locator('#login-submit').click();
    await page.waitForURL(/pages\/me\/index/);
    await expect.poll(() => page.locator('#me-name').innerText(), { timeout: 15_000 }).toBe('林小雨');
    await shot(page, 'shop-02-me');
    await page.close();
  });
});
