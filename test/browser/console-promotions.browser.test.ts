import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { adminBuilt, CHROMIUM, hasChromium, type Json, settledShot, useBrowserSuite } from './browser-harness.ts';

const canRun = hasChromium && adminBuilt;
if (!canRun) console.warn(`console promotion browser tests skipped: ${hasChromium ? 'run npm run build -w @linkmall/admin first' : `no Chromium at ${CHROMIUM}`}`);
const HOUR_MS = 3_600_000;

const suite = useBrowserSuite(canRun);
const { consolePage, call, login } = suite;
/** Screenshots wait out antd's open/close animations so the picture shows the settled screen. */
const shot = settledShot(500);

/** A moment as the console's date pickers show it in Shanghai: 2026-11-22 10:00. */
function pickerText(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** Types both ends of an antd range picker with time and confirms each. */
async function fillRange(page: Page, scope: string, from: Date, until: Date): Promise<void> {
  const inputs = page.locator(`${scope} .ant-picker-range input`);
  await inputs.nth(0).click();
  await inputs.nth(0).fill(pickerText(from));
  await inputs.nth(0).press('Enter');
  await inputs.nth(1).click();
  await inputs.nth(1).fill(pickerText(until));
  await inputs.nth(1).press('Enter');
  await expect.poll(() => inputs.nth(1).inputValue()).toBe(pickerText(until));
  await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').waitFor({ state: 'hidden' });
}

/** Picks an option of the open antd select dropdown by its text. */
async function chooseOption(page: Page, text: string): Promise<void> {
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: text }).first().click();
}

const TEA = '西湖龙井明前茶';
const address = { recipientName: '何明', phone: '13500000222', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 90 号' };

describe.skipIf(!canRun)('console promotions, shipping by CSV and tracking in Chromium', { timeout: 150_000 }, () => {
  let receivedOrder: { orderId: string; lineId: string } | undefined;

  it('lets operations issue a 满减 coupon, checking the rule before sending', async () => {
    const page = await consolePage('13800000002');
    await page.getByTestId('menu-promotions').click();
    await page.getByTestId('coupon-new').click();
    await page.getByTestId('coupon-name').fill('满100减10');
    await page.getByTestId('coupon-threshold').fill('100');
    await page.getByTestId('coupon-reduction').fill('100');
    await page.getByTestId('coupon-quantity').fill('500');
    await page.getByTestId('coupon-per-user').fill('2');
    await fillRange(page, '[data-testid="coupon-form"]', new Date(Date.now() - HOUR_MS), new Date(Date.now() + 7 * 24 * HOUR_MS));
    await page.getByTestId('coupon-submit').click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').innerText()).toBe('减免金额须小于使用门槛');
    await shot(page, 'console-30-coupon-refused');

    await page.getByTestId('coupon-reduction').fill('10');
    await page.getByTestId('coupon-submit').click();
    const row = page.getByTestId('coupons-table').locator('tbody tr.ant-table-row').filter({ hasText: '满100减10' });
    await expect.poll(() => row.getByTestId('coupon-row-rule').innerText()).toBe('满 ¥100.00 减 ¥10.00');
    expect(await row.getByTestId('coupon-row-quantity').innerText()).toBe('500 / 500');
    expect(await row.innerText()).toContain('进行中');
    await shot(page, 'console-31-coupons');

    const operations = await login('13800000002');
    const templates = (await call('GET', '/admin/promotions/coupons', { token: operations })).body.items as Json[];
    expect(templates.filter((template) => template.name === '满100减10')).toHaveLength(1);
    expect(templates.find((template) => template.name === '满100减10')).toMatchObject({ name: '满100减10', merchantId: null, totalQuantity: 500, perUserLimit: 2, rule: { kind: 'full_reduction', thresholdFen: 10_000, reductionFen: 1_000 } });
    await page.close();
  });

  it('lets a merchant run a flash sale with its price in yuan, see the quota left, and end it', async () => {
    const page = await consolePage('13700000001');
    await page.getByTestId('menu-promotions').click();
    await page.getByTestId('promotions-tab-flash').click();
    await page.getByTestId('flash-new').click();
    await page.getByTestId('flash-name').fill('周末秒杀');
    await fillRange(page, '[data-testid="flash-form"]', new Date(Date.now() - HOUR_MS), new Date(Date.now() + 48 * HOUR_MS));
    await page.getByTestId('flash-item-sku-product').click();
    await page.getByTestId('flash-item-sku-product').locator('input').fill('龙井');
    await chooseOption(page, TEA);
    // The SKU list opens once the product's SKUs have loaded.
    await expect.poll(() => page.getByTestId('flash-item-sku-sku').getAttribute('class')).not.toContain('ant-select-disabled');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
    await page.getByTestId('flash-item-sku-sku').click();
    await chooseOption(page, '250g');
    await page.getByTestId('flash-item-price').fill('99.9');
    await page.getByTestId('flash-item-quota').fill('10');
    await page.getByTestId('flash-item-limit').fill('1');
    await shot(page, 'console-32-flash-sale-form');
    await page.getByTestId('flash-submit').click();

    const row = page.getByTestId('flash-sales-table').locator('tbody tr.ant-table-row').first();
    await expect.poll(() => row.getByTestId('flash-row-price').innerText()).toBe('¥99.90');
    expect(await row.getByTestId('flash-row-quota').innerText()).toBe('剩余 10 / 10 · 每人限购 1');
    await expect.poll(() => row.getByTestId('flash-row-item').innerText()).toContain(TEA);
    expect(await row.innerText()).toContain('本店');
    await shot(page, 'console-33-flash-sales');

    const merchant = await login('13700000001');
    const sale = (await call('GET', '/admin/promotions/flash-sales', { token: merchant })).body.items[0];
    expect(sale).toMatchObject({ name: '周末秒杀', status: 'active', items: [{ flashPriceFen: 9_990, quota: 10, remaining: 10, perUserLimit: 1 }] });
    expect(sale.merchantId).not.toBeNull();

    await row.getByTestId('promotion-end').click();
    await page.getByTestId('promotion-end-confirm').click();
    await expect.poll(() => row.locator('[data-status]').last().getAttribute('data-status')).toBe('ended');
    expect(await row.getByTestId('promotion-end').count()).toBe(0);
    expect((await call('GET', '/admin/promotions/flash-sales', { token: merchant })).body.items[0].status).toBe('ended');
    await shot(page, 'console-34-flash-sale-ended');

    // A group-buy offer: one SKU at a group price for three buyers within 24 hours.
    await page.getByTestId('promotions-tab-group').click();
    await page.getByTestId('group-new').click();
    await page.getByTestId('group-name').fill('龙井三人团');
    await page.getByTestId('group-sku-product').click();
    await page.getByTestId('group-sku-product').locator('input').fill('龙井');
    await chooseOption(page, TEA);
    await expect.poll(() => page.getByTestId('group-sku-sku').getAttribute('class')).not.toContain('ant-select-disabled');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
    await page.getByTestId('group-sku-sku').click();
    await chooseOption(page, '250g');
    await page.getByTestId('group-price').fill('150');
    await page.getByTestId('group-size').fill('3');
    await fillRange(page, '[data-testid="group-form"]', new Date(Date.now() - HOUR_MS), new Date(Date.now() + 72 * HOUR_MS));
    await page.getByTestId('group-submit').click();
    const groupRow = page.getByTestId('group-buys-table').locator('tbody tr.ant-table-row').filter({ hasText: '龙井三人团' });
    await expect.poll(() => groupRow.innerText()).toContain('¥150.00');
    expect(await groupRow.innerText()).toContain('3 人');
    expect(await groupRow.innerText()).toContain('24 小时');
    await shot(page, 'console-34b-group-buys');
    const offer = (await call('GET', '/admin/promotions/group-buys', { token: merchant })).body.items.find((item: Json) => item.name === '龙井三人团');
    expect(offer).toMatchObject({ groupPriceFen: 15_000, groupSize: 3, timeLimitMinutes: 1_440, status: 'active' });

    // Operations' platform coupon is not the merchant's to manage.
    expect((await call('GET', '/admin/promotions/coupons', { token: merchant })).body.total).toBe(0);
    await Promise.all([page.waitForResponse((response) => response.url().includes('/admin/promotions/coupons')), page.getByTestId('promotions-tab-coupons').click()]);
    await expect.poll(() => page.getByTestId('coupons-table').innerText()).toContain('暂无数据');
    await page.close();
  });

  it('ships from a CSV: a bad row ships nothing and names its line; the fixed file ships every row', async () => {
    const buyer = await login('13500000002', 'shop');
    const supplier = await login('13900000001');
    const paid: Array<{ orderId: string; subOrderId: string }> = [];
    for (const skuCode of ['LY-001-1', 'LY-002-1', 'LY-003-1']) {
      const skuId = (await call('PUT', `/admin/catalog/skus/${skuCode}/stock`, { token: supplier, body: { stock: 50 } })).body.skuId;
      const order = (await call('POST', '/shop/orders', { token: buyer, body: { items: [{ skuId, quantity: 1 }], deliveryMethod: 'delivery', shippingAddress: address } })).body;
      const payment = (await call('POST', `/shop/orders/${order.id}/pay`, { token: buyer })).body;
      expect((await call('POST', `/shop/pay/sandbox/${payment.paymentId}/complete`, { body: { succeeded: true } })).status).toBe(200);
      paid.push({ orderId: order.id, subOrderId: order.subOrders[0].id });
    }
    const [first, second, third] = paid as [(typeof paid)[0], (typeof paid)[0], (typeof paid)[0]];
    const lineOf = async (orderId: string) => (await call('GET', `/shop/orders/${orderId}`, { token: buyer })).body.subOrders[0].lines[0].id as string;
    const statusOf = async (orderId: string) => (await call('GET', `/shop/orders/${orderId}`, { token: buyer })).body.subOrders[0].status;

    const page = await consolePage('13900000001');
    await page.getByTestId('menu-orders').click();
    await page.getByTestId('orders-table').locator(`[data-sub-order-id="${first.subOrderId}"]`).waitFor();
    await page.getByTestId('orders-import-shipments').click();
    const content = page.getByTestId('shipping-import-content');
    await content.fill(`子订单号,快递公司,运单号\n${first.subOrderId},shunfeng,SF7100000001\n${second.subOrderId},mars,MS7100000002\n`);
    await page.getByTestId('shipping-import-submit').click();
    const issues = page.getByTestId('shipping-import-issues');
    await expect.poll(() => issues.innerText()).toContain('发货文件有 1 处错误，未发货任何订单');
    expect(await issues.innerText()).toContain('第 3 行');
    expect(await issues.getByTestId('shipping-import-issue').allInnerTexts()).toEqual(['不支持的快递公司“mars”，请使用快递公司列表中的编码']);
    await shot(page, 'console-35-shipping-import-errors');
    expect([await statusOf(first.orderId), await statusOf(second.orderId)]).toEqual(['paid', 'paid']);

    await content.fill(`子订单号,快递公司,运单号\n${first.subOrderId},shunfeng,SF7100000001\n${second.subOrderId},圆通速递,YT7100000002\n`);
    await page.getByTestId('shipping-import-check').click();
    await expect.poll(() => page.getByTestId('shipping-import-report').innerText()).toContain('校验通过，可发货 2 个子订单');
    expect(await statusOf(first.orderId)).toBe('paid');
    await page.getByTestId('shipping-import-submit').click();
    await expect.poll(() => page.getByTestId('shipping-import-report').innerText()).toContain('已发货 2 个子订单');
    expect(await page.getByTestId('shipping-import-report').innerText()).toContain('圆通速递');
    await shot(page, 'console-36-shipping-import-done');
    expect([await statusOf(first.orderId), await statusOf(second.orderId)]).toEqual(['shipped', 'shipped']);
    await page.keyboard.press('Escape');

    // The ship form offers the API's carriers; picking one sends its code, so tracking knows the carrier.
    const thirdRow = page.getByTestId('orders-table').locator(`[data-sub-order-id="${third.subOrderId}"]`);
    await thirdRow.getByTestId('order-ship').click();
    await page.getByTestId('ship-carrier').fill('极兔');
    await chooseOption(page, '极兔速递');
    await page.getByTestId('ship-tracking').fill('JT7100000003');
    await page.getByTestId('ship-submit').click();
    await expect.poll(() => statusOf(third.orderId)).toBe('shipped');
    const parcel = (await call('GET', `/admin/sub-orders/${third.subOrderId}/logistics`, { token: supplier })).body;
    expect(parcel).toMatchObject({ carrierCode: 'jtexpress', carrierName: '极兔速递', trackingNumber: 'JT7100000003' });

    // The detail drawer shows the parcel's checkpoints as a timeline.
    await page.getByTestId('orders-status-shipped').click();
    const shippedRow = page.getByTestId('orders-table').locator(`[data-sub-order-id="${second.subOrderId}"]`);
    await shippedRow.getByTestId('order-view').click();
    const logistics = page.getByTestId('order-logistics');
    await expect.poll(() => logistics.innerText()).toContain('YT7100000002');
    expect(await logistics.innerText()).toContain('圆通速递');
    expect(await logistics.getByTestId('logistics-checkpoint').count()).toBeGreaterThan(0);
    await shot(page, 'console-37-order-logistics');
    await page.close();
    expect((await call('POST', `/shop/orders/${first.orderId}/confirm-receipt`, { token: buyer })).status).toBe(200);
    receivedOrder = { orderId: first.orderId, lineId: await lineOf(first.orderId) };
  });

  it('lets the supplier reply to a review once and the platform hide it with a reason', async () => {
    expect(receivedOrder).toBeDefined();
    const buyer = await login('13500000002', 'shop');
    const created = await call('POST', `/shop/orders/${receivedOrder!.orderId}/reviews`, {
      token: buyer,
      body: { reviews: [{ orderLineId: receivedOrder!.lineId, rating: 4, content: '茶香清新，发货很快' }] },
    });
    expect(created.status).toBe(201);
    const reviewId = created.body.items[0].id as string;

    const supplierPage = await consolePage('13900000001');
    await supplierPage.getByTestId('menu-reviews').click();
    const row = supplierPage.locator(`[data-review-id="${reviewId}"]`);
    await expect.poll(() => row.getByTestId('review-content').innerText()).toBe('茶香清新，发货很快');
    expect(await row.getByTestId('review-hide-open').count()).toBe(0);
    await row.getByTestId('review-reply-open').click();
    await supplierPage.getByTestId('review-text-submit').click();
    await expect.poll(() => supplierPage.locator('.ant-form-item-explain-error').innerText()).toBe('请输入回复内容');
    await supplierPage.getByTestId('review-text-input').fill('感谢支持，欢迎再次选购！');
    await supplierPage.getByTestId('review-text-submit').click();
    await expect.poll(() => row.getByTestId('review-reply').innerText()).toContain('感谢支持，欢迎再次选购！');
    expect(await row.getByTestId('review-reply-open').count()).toBe(0);
    await shot(supplierPage, 'console-38-reviews-replied');
    await supplierPage.close();

    const operations = await consolePage('13800000002');
    await operations.getByTestId('menu-reviews').click();
    const platformRow = operations.locator(`[data-review-id="${reviewId}"]`);
    await platformRow.getByTestId('review-hide-open').click();
    await operations.getByTestId('review-text-input').fill('含有站外联系方式');
    await operations.getByTestId('review-text-submit').click();
    await expect.poll(() => platformRow.getAttribute('data-status')).toBe('hidden');
    expect(await platformRow.innerText()).toContain('已隐藏：含有站外联系方式');
    await shot(operations, 'console-39-reviews-hidden');

    // The same screens in English.
    await operations.getByTestId('lang-switch').click();
    await operations.getByTestId('menu-promotions').click();
    await expect.poll(() => operations.getByTestId('coupons-table').innerText()).toContain('off orders of');
    expect(await operations.getByTestId('side-menu').innerText()).toContain('Promotions');
    await shot(operations, 'console-40-promotions-en');
    await operations.close();
  });
});
