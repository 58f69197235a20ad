import { describe, expect, it } from 'vitest';
import { adminBuilt, CONSOLE_PAGE, hasChromium, loginShop, newShopPage, onScreen, openShopPage, shopBuilt, shot, useBrowserSuite } from './browser-harness.ts';

const canRun = hasChromium && adminBuilt && shopBuilt;

const suite = useBrowserSuite(canRun);

describe.skipIf(!canRun)('order flow across the h5 shop and the console', { timeout: 150_000 }, () => {
  it('a consumer orders and pays in the sandbox, the supplier ships in the console, the consumer confirms receipt and gets a refund the supplier approves', async () => {
    const home = (await (await fetch(`${suite.platform.baseUrl}/shop/home`)).json()) as { products: Array<{ id: string; title: string }> };
    const tea = home.products.find((product) => product.title === '西湖龙井明前茶')!;

    const shop = await newShopPage(suite.browser);
    await loginShop(shop, suite.shopUrl('/pages/login/index'), '13500000001');

    await openShopPage(shop, `${suite.platform.baseUrl}/h5/#/pages/product/index?id=${tea.id}`);
    await onScreen(shop, '#product-buy-now').waitFor();
    await shot(shop, 'flow-01-product');
    await onScreen(shop, '#product-buy-now').click();
    await shop.waitForURL(/pages\/checkout\/index/);
    await onScreen(shop, '#checkout-delivery-express').waitFor();
    for (const [id, value] of [
      ['checkout-recipient', '林小雨'],
      ['checkout-phone', '13512345678'],
      ['checkout-province', '上海市'],
      ['checkout-city', '上海市'],
      ['checkout-district', '黄浦区'],
      ['checkout-detail', '南京东路 300 号 5 楼'],
    ] as const) {
      await onScreen(shop, `#${id} input`).fill(value);
    }
    await shot(shop, 'flow-02-checkout');
    await onScreen(shop, '#checkout-submit').click();
    await shop.waitForURL(/pages\/order\/index\?id=ord_/, { timeout: 15_000 });
    const orderUrl = shop.url();
    await expect.poll(() => onScreen(shop, '#order-status').innerText()).toBe('待支付');
    await shot(shop, 'flow-03-unpaid');

    await onScreen(shop, '#order-pay').click();
    await shop.waitForURL(/\/shop\/pay\/sandbox\/pay_/);
    await shop.locator('#pay-confirm').click();
    await expect.poll(() => shop.locator('#result').innerText()).toContain('支付成功');
    await shot(shop, 'flow-04-sandbox-paid');
    await openShopPage(shop, orderUrl);
    await expect.poll(() => onScreen(shop, '#order-status').innerText(), { timeout: 20_000 }).toBe('待发货');
    await shot(shop, 'flow-05-paid');

    const console = await suite.browser.newPage(CONSOLE_PAGE);
    await console.goto(`${suite.platform.baseUrl}/console/`);
    await console.getByTestId('login-phone').fill('13900000001');
    await console.getByTestId('login-password').fill('demo1234');
    await console.getByTestId('login-submit').click();
    await console.getByTestId('menu-orders').click();
    const row = console.getByTestId('orders-table').locator('tbody tr.ant-table-row').first();
    await row.waitFor();
    await row.getByTestId('order-ship').click();
    await console.getByTestId('ship-carrier').fill('顺丰速运');
    await console.getByTestId('ship-tracking').fill('SF1234567890');
    await shot(console, 'flow-06-console-ship');
    await console.getByTestId('ship-submit').click();
    await console.getByTestId('orders-status-shipped').click();
    await expect.poll(() => console.getByTestId('orders-table').innerText()).toContain('SF1234567890');
    await shot(console, 'flow-07-console-shipped');

    await openShopPage(shop, orderUrl);
    await expect.poll(() => onScreen(shop, '#order-status').innerText(), { timeout: 20_000 }).toBe('待收货');
    await onScreen(shop, '#order-confirm-receipt').click();
    await shop.locator('.taro-model__confirm').click();
    await expect.poll(() => onScreen(shop, '#order-status').innerText(), { timeout: 20_000 }).toBe('已收货');
    await shot(shop, 'flow-08-received');

    // After-sales: the buyer asks for a refund, the supplier approves it in the console.
    await onScreen(shop, '.order-after-sales').click();
    await shop.waitForURL(/pages\/after-sales\/index/);
    await onScreen(shop, '#after-sales-reason-quality').click();
    await onScreen(shop, '#after-sales-reason input').fill('包装破损');
    await shot(shop, 'flow-09-after-sales-form');
    await onScreen(shop, '#after-sales-submit').click();
    await shop.waitForURL(/pages\/order\/index/);
    await expect.poll(() => onScreen(shop, '#order-status').innerText(), { timeout: 20_000 }).toBe('退款中');

    await console.getByTestId('menu-after-sales').click();
    const caseRow = console.getByTestId('after-sales-table').locator('tbody tr.ant-table-row').first();
    await caseRow.waitFor();
    await caseRow.getByTestId('after-sales-approve').click();
    await console.getByTestId('after-sales-approve-confirm').click();
    await console.getByTestId('after-sales-status-refunded').click();
    await expect.poll(() => console.getByTestId('after-sales-table').innerText()).toContain('包装破损');
    await shot(console, 'flow-10-console-refunded');

    await openShopPage(shop, orderUrl);
    await expect.poll(() => onScreen(shop, '#order-status').innerText(), { timeout: 20_000 }).toBe('已退款');
    await shot(shop, 'flow-11-refunded');
    await shop.close();
    await console.close();
  });
});
