import { describe, expect, it } from 'vitest';
import { adminBuilt, closeDrawer, hasChromium, type Json, loginShop, newShopPage, onScreen, openShopPage, settledShot, shopBuilt, useBrowserSuite } from './browser-harness.ts';

/**
 * Two level privileges on screen. 优先发货: 林小雨 is 黄金会员 when she pays, so her order tops the
 * supplier's 待发货 list with a 优先发货 tag, ahead of an order paid before hers, and the 仅看优先发货
 * filter keeps only it. 爆品专享: operations reserve a product in its drawer; the shop still shows it
 * with its badge and the level it needs, and refuses a buyer below that level at checkout.
 */
const canRun = hasChromium && adminBuilt && shopBuilt;
if (!canRun) console.warn('growth privileges browser tests skipped: run npm run build:web first and install Chromium');

const address = { recipientName: '何明', phone: '13500000222', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 90 号' };
let plainOrderId = '';
let priorityOrderId = '';

const suite = useBrowserSuite(canRun, async (started) => {
  const supplier = await started.login('13900000001');
  const tea = (await started.api<Json>('PUT', '/admin/catalog/skus/LY-005-1/stock', supplier, { stock: 30 })).skuId as string;
  await started.api('PUT', '/admin/catalog/skus/LY-006-1/stock', supplier, { stock: 30 });
  const lin = await started.login('13500000001', 'shop');
  const linId = (await started.api<Json>('GET', '/shop/me', lin)).id as string;
  // 黄金会员 (5,000 points, 10 invites): how points and invites are earned is the growth tests' business.
  await started.platform.database.executeSql('insert into growth_members (member_id, points_balance, qualified_invites, updated_at) values ($1, 6000, 12, now()) on conflict (member_id) do update set points_balance = 6000, qualified_invites = 12', [linId]);
  const pay = async (token: string) => {
    const order = await started.api<Json>('POST', '/shop/orders', token, { items: [{ skuId: tea, quantity: 1 }], deliveryMethod: 'delivery', shippingAddress: address });
    const payment = await started.api<Json>('POST', `/shop/orders/${order.id}/pay`, token);
    await started.api('POST', `/shop/pay/sandbox/${payment.paymentId}/complete`, undefined, { succeeded: true });
    return order.id as string;
  };
  // The plain buyer pays first: oldest-paid-first alone would list that order above hers.
  plainOrderId = await pay(await started.login('13500000002', 'shop'));
  priorityOrderId = await pay(lin);
});
const { consolePage, call, login } = suite;
const shot = settledShot(500);

describe.skipIf(!canRun)('growth privileges: 优先发货 and 爆品专享', { timeout: 180_000 }, () => {
  it('lists the gold member’s order first with a 优先发货 tag in the supplier’s fulfilment list, and filters to it', async () => {
    const page = await consolePage('13900000001');
    await page.getByTestId('menu-orders').click();
    const rows = page.getByTestId('orders-table').locator('tbody tr.ant-table-row');
    // A supplier starts on 待发货 (paid), where priority orders come first.
    await expect.poll(() => rows.first().getByTestId('order-order-id').innerText()).toBe(priorityOrderId);
    expect(await rows.first().getAttribute('data-priority')).toBe('true');
    const tag = rows.first().getByTestId('order-priority-tag');
    expect(await tag.innerText()).toContain('优先发货');
    const plainRow = rows.filter({ hasText: plainOrderId });
    expect(await plainRow.getAttribute('data-priority')).toBe('false');
    expect(await plainRow.getByTestId('order-priority-tag').count()).toBe(0);
    await tag.hover();
    await expect.poll(() => page.locator('.ant-tooltip:not(.ant-tooltip-hidden)').innerText()).toContain('黄金会员');
    await shot(page, 'console-growth-privileges-01-priority-first');

    await page.mouse.move(0, 0);
    await page.getByTestId('orders-priority-only').click();
    await expect.poll(() => rows.filter({ hasText: plainOrderId }).count()).toBe(0);
    expect(await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-priority')))).toEqual(['true']);
    await shot(page, 'console-growth-privileges-02-priority-only');

    // The sub-order's detail says so too, next to its status.
    await rows.first().getByTestId('order-view').click();
    const drawer = page.getByTestId('order-detail');
    await expect.poll(() => drawer.getByTestId('order-priority-tag').innerText()).toContain('优先发货');
    await shot(page, 'console-growth-privileges-02b-priority-detail');
    await page.close();
  });

  it('lets operations reserve a product as 爆品专享 from its drawer, audited', async () => {
    const operations = await login('13800000002');
    const productId = ((await suite.platform.database.executeSql("select product_id from skus where sku_code = 'LY-006-1'")).rows[0] as { product_id: string }).product_id;
    const title = (await call('GET', `/admin/products/${productId}`, { token: operations })).body.title as string;
    const page = await consolePage('13800000002');
    await page.getByTestId('menu-products').click();
    await page.getByTestId('products-search').locator('input').fill(title);
    await page.getByTestId('products-search').locator('input').press('Enter');
    await page.getByTestId(`product-open-${productId}`).click();
    const toggle = page.getByTestId('product-hot-toggle');
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('false');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
    await expect.poll(() => page.locator('.ant-message').innerText()).toContain('已设为爆品专享');
    await shot(page, 'console-growth-privileges-03-hot-toggle');
    await closeDrawer(page);
    await expect.poll(() => page.getByTestId('products-table').locator('tbody tr.ant-table-row').filter({ hasText: title }).getByTestId('product-hot-tag').innerText()).toBe('爆品专享');
    const audit = (await call('GET', `/admin/audit-log?entityId=${productId}`, { token: await login('13800000001') })).body.items as Json[];
    expect(audit[0]).toMatchObject({ action: 'product.hot_reserved', before: { hotProduct: false }, after: { hotProduct: true } });
    await page.close();
  });

  it('shows the 爆品专享 badge with the level needed in the shop, and refuses a buyer below it at checkout', async () => {
    const productId = ((await suite.platform.database.executeSql("select product_id from skus where sku_code = 'LY-006-1'")).rows[0] as { product_id: string }).product_id;
    const buyer = await login('13500000003', 'shop');
    const ordersBefore = (await call('GET', '/shop/orders', { token: buyer })).body.total as number;
    const shop = await newShopPage(suite.browser);
    await loginShop(shop, suite.shopUrl('/pages/login/index'), '13500000003');
    // Search results mark it in the list already, before the product page.
    const title = ((await suite.platform.database.executeSql('select title from products where id = $1', [productId])).rows[0] as { title: string }).title;
    await openShopPage(shop, suite.shopUrl(`/pages/search/index?q=${encodeURIComponent(title)}`));
    await expect.poll(() => onScreen(shop, `#search-list [data-product-id="${productId}"] .hot-badge`).innerText(), { timeout: 15_000 }).toBe('爆品专享');
    await shot(shop, 'shop-growth-privileges-00-hot-in-search');
    await openShopPage(shop, suite.shopUrl(`/pages/product/index?id=${productId}`));
    await expect.poll(() => onScreen(shop, '#product-hot').innerText(), { timeout: 15_000 }).toContain('爆品专享');
    await expect.poll(() => onScreen(shop, '#product-hot-level').innerText()).toBe('「白银会员」及以上会员可购买');
    await shot(shop, 'shop-growth-privileges-01-hot-badge');

    await onScreen(shop, '#product-buy-now').click();
    await shop.waitForURL(/pages\/checkout\/index/);
    for (const [id, value] of [
      ['checkout-recipient', '高雪'],
      ['checkout-phone', '13512345678'],
      ['checkout-province', '四川省'],
      ['checkout-city', '成都市'],
      ['checkout-district', '锦江区'],
      ['checkout-detail', '春熙路 18 号'],
    ] as const) {
      await onScreen(shop, `#${id} input`).fill(value);
    }
    await onScreen(shop, '#checkout-submit').click();
    const lineError = onScreen(shop, '.checkout-line__error');
    await expect.poll(() => lineError.innerText(), { timeout: 15_000 }).toContain('爆品专享');
    expect(await lineError.innerText()).toContain('「白银会员」等级的会员才能购买');
    await shot(shop, 'shop-growth-privileges-02-refused');
    expect(shop.url()).toMatch(/pages\/checkout\/index/);
    expect((await call('GET', '/shop/orders', { token: buyer })).body.total).toBe(ordersBefore);
    await shop.close();
  });
});
