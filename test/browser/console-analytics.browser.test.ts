import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { rebuildRollups, rollUpTracking } from '@linkmall/analytics';
import { systemClock } from '@linkmall/kernel';
import { adminBuilt, CHROMIUM, closeDrawer, hasChromium, newConsolePage, loginConsole, settledShot, useBrowserSuite, type BrowserSuite, type Json } from './browser-harness.ts';

/**
 * 营销分析 in the console: the funnel of the demo platform after a few card visits and orders, a
 * drill-down from a funnel step, CSV and Excel exports checked by content, marketing spend recorded
 * and reversed by finance, budget suggestions, and the same screen seen by a merchant admin.
 */
const canRun = hasChromium && adminBuilt;
if (!canRun) console.warn(`console analytics browser tests skipped: ${hasChromium ? 'run npm run build -w @linkmall/admin first' : `no Chromium at ${CHROMIUM}`}`);

const OPERATIONS = '13800000002';
const FINANCE = '13800000003';
// 周杰, merchant admin of 成都锦里好物小店, whose storefront sells the demo products; 孙丽 is its shop guide.
const JINLI_ADMIN = '13700000003';
const JINLI_GUIDE = '13600000003';
const SUPPLIER = '13900000001';
const VISITORS = 5;
const SHARERS = 2;

interface Activity {
  /** Paid orders of the platform and of 成都锦里好物小店, with what they cost. */
  platformOrders: number;
  platformGmvFen: number;
  merchantOrders: number;
  merchantGmvFen: number;
}

const yuan = (fen: number) => `¥${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;

/**
 * Five consented visitors view 孙丽's card and click a product, two of them share it; three buyers pay
 * four orders (one a repurchase) from 成都锦里好物小店 and a fourth buys directly from the supplier.
 * The platform runs without its worker here, so the roll-ups are rebuilt from the source tables,
 * as the rebuild command would.
 */
async function seedActivity(suite: BrowserSuite): Promise<Activity> {
  const { call, login, api } = suite;
  const guideShop = await login(JINLI_GUIDE, 'shop');
  const card = await api<Json>('GET', '/shop/cards/me', guideShop);
  const merchantId = (await api<Json>('GET', '/admin/me', await login(JINLI_ADMIN))).organization.id as string;
  const supplier = await login(SUPPLIER);
  const skuIds: string[] = [];
  for (const code of ['LY-004-1', 'LY-005-1', 'LY-001-1']) {
    const stocked = await call('PUT', `/admin/catalog/skus/${code}/stock`, { token: supplier, body: { stock: 80 } });
    expect(stocked.status).toBe(200);
    skuIds.push(stocked.body.skuId);
  }
  const productId = (await call('GET', `/shop/storefronts/${merchantId}`)).body.items[0].productId as string;

  const now = () => new Date().toISOString();
  for (let index = 0; index < VISITORS; index++) {
    const visitorId = `v_analyticsbrowser${index}`;
    expect((await call('POST', '/t/consent', { body: { visitorId, cardId: card.id, granted: true } })).status).toBe(200);
    const events = [{ kind: 'view', at: now() }, { kind: 'product_click', productId, at: now() }, ...(index < SHARERS ? [{ kind: 'share', at: now() }] : [])];
    expect((await call('POST', '/t/events', { body: { visitorId, cardId: card.id, events } })).status).toBe(202);
  }

  const address = (province: string, city: string) => ({ recipientName: '测试', phone: '13500000999', province, city, district: '中心区', detail: '人民路 1 号' });
  const orders: Array<{ buyer: string; skuId: string; merchant: boolean; province: string; city: string }> = [
    { buyer: '13500000001', skuId: skuIds[0]!, merchant: true, province: '浙江省', city: '杭州市' },
    { buyer: '13500000001', skuId: skuIds[1]!, merchant: true, province: '浙江省', city: '杭州市' },
    { buyer: '13500000002', skuId: skuIds[0]!, merchant: true, province: '四川省', city: '成都市' },
    { buyer: '13500000003', skuId: skuIds[2]!, merchant: false, province: '上海市', city: '上海市' },
  ];
  const activity: Activity = { platformOrders: 0, platformGmvFen: 0, merchantOrders: 0, merchantGmvFen: 0 };
  for (const order of orders) {
    const buyer = await login(order.buyer, 'shop');
    const placed = await call('POST', '/shop/orders', {
      token: buyer,
      body: { items: [{ skuId: order.skuId, quantity: 1 }], deliveryMethod: 'delivery', shippingAddress: address(order.province, order.city), ...(order.merchant ? { merchantId } : {}) },
    });
    expect(placed.status).toBe(201);
    const payment = (await call('POST', `/shop/orders/${placed.body.id}/pay`, { token: buyer })).body;
    expect((await call('POST', `/shop/pay/sandbox/${payment.paymentId}/complete`, { body: { succeeded: true } })).status).toBe(200);
    activity.platformOrders += 1;
    activity.platformGmvFen += placed.body.payableFen as number;
    if (order.merchant) {
      activity.merchantOrders += 1;
      activity.merchantGmvFen += placed.body.payableFen as number;
    }
  }
  await rebuildRollups(suite.platform.database.db);
  // Tracking rows count once every transaction open when they were seen has ended (transaction ids
  // are server-wide, so other databases' long writes on a shared test server hold them back too):
  // run the watermark job, as the worker does every minute, until it has taken every row.
  const { rows } = await suite.platform.database.executeSql('select max(id)::text as high from radar_events', []);
  const high = (rows[0] as { high: string }).high;
  for (let attempt = 0; (await rollUpTracking(suite.platform.database.db, systemClock)).throughId !== high; attempt++) {
    if (attempt > 40) throw new Error('tracking rows were never rolled up');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
  }
  return activity;
}

let activity: Activity;
const suite = useBrowserSuite(canRun, async (started) => {
  activity = await seedActivity(started);
});
/** Screenshots wait out antd's open/close animations and ECharts' entry animation. */
const shot = settledShot(900);

const stepCount = (page: Page, step: string) => page.getByTestId(`analytics-step-${step}`).getByTestId('analytics-step-count').innerText();
const kpiValue = (page: Page, key: string) => page.getByTestId(`analytics-kpi-${key}`).getByTestId('analytics-kpi-value').innerText();

async function openAnalytics(page: Page): Promise<void> {
  await page.getByTestId('menu-analytics').click();
  await page.getByTestId('analytics-funnel-chart').locator('canvas').waitFor();
}

/** Clicks a step's band in the funnel chart itself: the five bands share the chart's height evenly. */
async function clickFunnelStep(page: Page, index: number): Promise<void> {
  const box = (await page.getByTestId('analytics-funnel-chart').boundingBox())!;
  const inner = box.height - 16;
  await page.mouse.click(box.x + box.width / 2, box.y + 8 + (inner * (index + 0.5)) / 5);
}

/** Picks an option of an antd select by its text, from the dropdown that select opened. */
async function choose(page: Page, selectTestId: string, optionText: string): Promise<void> {
  await page.getByTestId(selectTestId).click();
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await dropdown.locator('.ant-select-item-option').filter({ hasText: optionText }).first().click();
  await dropdown.waitFor({ state: 'hidden' });
}

async function downloadText(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
}

describe.skipIf(!canRun)('console marketing analytics in Chromium', { timeout: 180_000 }, () => {
  it('shows operations the funnel with its KPIs, drills down from a step and exports the people as CSV', async () => {
    const page = await suite.consolePage(OPERATIONS);
    await openAnalytics(page);
    await expect.poll(() => stepCount(page, 'conversion')).toBe(String(activity.platformOrders));
    expect(await stepCount(page, 'exposure')).toBe(String(VISITORS));
    expect(await stepCount(page, 'interaction')).toBe(String(VISITORS));
    expect(await stepCount(page, 'fission')).toBe(String(SHARERS));
    expect(await stepCount(page, 'repurchase')).toBe('1');
    // Step conversion is on the step before: four orders after two shares. Nothing happened in the
    // previous period, so every change reads "new".
    expect(await page.getByTestId('analytics-step-conversion').innerText()).toContain('转化 200.00%');
    expect(await page.getByTestId('analytics-step-conversion').innerText()).toContain('环比 新增');
    expect(await kpiValue(page, 'gmv')).toBe(yuan(activity.platformGmvFen));
    expect(await kpiValue(page, 'orders')).toBe(String(activity.platformOrders));
    expect(await kpiValue(page, 'repurchase_rate')).toBe('25.00%');
    await page.getByTestId('analytics-kpi-info-aov').hover();
    await expect.poll(() => page.locator('.ant-popover:not(.ant-popover-hidden)').innerText()).toContain('客单价');
    await shot(page, 'analytics-01-funnel-operations');
    await page.mouse.move(0, 0);

    // The conversion band of the chart opens the buyers behind it, with their orders.
    await clickFunnelStep(page, 3);
    const drawer = page.getByTestId('analytics-people-drawer');
    await expect.poll(() => drawer.locator('.ant-drawer-title').innerText()).toContain('转化');
    const rows = drawer.getByTestId('analytics-people-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(3);
    const names = await drawer.getByTestId('analytics-person-name').allInnerTexts();
    expect(names[0]).toMatch(/^林\*/);
    await rows.first().locator('.ant-table-row-expand-icon').click();
    await expect.poll(() => drawer.getByTestId('analytics-person-orders').locator('tbody tr').count()).toBe(2);
    await shot(page, 'analytics-02-drilldown-conversion');

    const csv = await downloadText(page, 'analytics-people-export-csv');
    expect(csv.name).toMatch(/^analytics-funnel-people-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = csv.bytes.toString('utf8').replace(/^\uFEFF/, '');
    const [head, ...lines] = text.trim().split(/\r?\n/);
    expect(head).toContain('次数');
    expect(lines).toHaveLength(3);
    expect(lines.some((line) => line.startsWith('林*'))).toBe(true);
    await closeDrawer(page);

    // The breakdown by province, exported as Excel.
    await page.getByTestId('analytics-tab-breakdown').click();
    const breakdown = page.getByTestId('analytics-breakdown-table');
    await expect.poll(() => breakdown.getByTestId('analytics-breakdown-label').allInnerTexts()).toEqual(expect.arrayContaining(['浙江省', '四川省', '上海市']));
    await shot(page, 'analytics-03-breakdown-region');
    const xlsx = await downloadText(page, 'analytics-breakdown-export-xlsx');
    expect(xlsx.name).toMatch(/\.xlsx$/);
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    // The workbook is a stored (uncompressed) zip, so its sheet's text can be read in the bytes.
    expect(xlsx.bytes.toString('utf8')).toContain('浙江省');
    await page.getByTestId('analytics-breakdown-dimension').getByText('渠道').click();
    await expect.poll(() => breakdown.getByTestId('analytics-breakdown-label').allInnerTexts()).toEqual(expect.arrayContaining(['自然流量']));

    // Another scope: one merchant, picked by name.
    await choose(page, 'analytics-scope-kind', '商家');
    await choose(page, 'analytics-scope-id', '成都锦里好物小店');
    await expect.poll(() => breakdown.innerText()).toContain(yuan(activity.merchantGmvFen));
    expect(await breakdown.innerText()).not.toContain(yuan(activity.platformGmvFen));
    await choose(page, 'analytics-scope-kind', '全平台');

    await page.getByTestId('analytics-tab-trend').click();
    await page.getByTestId('analytics-trend-chart').locator('canvas').waitFor();
    await shot(page, 'analytics-04-trend');
    await page.getByTestId('analytics-tab-cohorts').click();
    await expect.poll(() => page.getByTestId('analytics-cohorts-table').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    await shot(page, 'analytics-05-cohorts');
    await page.close();
  });

  it('lets finance record and reverse marketing spend, then read CAC, money KPIs and budget suggestions', async () => {
    const page = await suite.consolePage(FINANCE);
    await page.getByTestId('menu-marketing-spend').click();
    await page.getByTestId('spend-record').click();
    await page.getByTestId('spend-amount').fill('1,234.50');
    await page.getByTestId('spend-province').fill('浙江省');
    await page.getByTestId('spend-campaign').fill('双十二预热');
    await page.getByTestId('spend-submit').click();
    const table = page.getByTestId('spend-table');
    await expect.poll(() => table.innerText()).toContain('¥1,234.50');

    // A mistake is reversed, never edited: the reversal is a negative entry beside the original.
    await table.getByTestId('spend-reverse').first().click();
    await page.getByTestId('spend-reverse-reason').fill('金额录错');
    await page.getByTestId('spend-reverse-submit').click();
    await expect.poll(() => table.innerText()).toContain('-¥1,234.50');
    expect(await table.innerText()).toContain('已冲销');

    await page.getByTestId('spend-record').click();
    await page.getByTestId('spend-amount').fill('300');
    await page.getByTestId('spend-campaign').fill('双十二预热');
    await page.getByTestId('spend-submit').click();
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(3);
    await shot(page, 'analytics-06-spend-finance');

    await openAnalytics(page);
    await expect.poll(() => kpiValue(page, 'gmv')).toBe(yuan(activity.platformGmvFen));
    expect(await kpiValue(page, 'aov')).toBe(yuan(Math.round(activity.platformGmvFen / activity.platformOrders)));
    // CAC: ¥300.00 of spend over three new paying buyers.
    expect(await kpiValue(page, 'cac')).toBe('¥100.00');
    await shot(page, 'analytics-07-kpis-finance');
    // Finance sees orders and money but not visitors.
    await page.getByTestId('analytics-step-open-exposure').click();
    await page.getByTestId('analytics-people-hidden').waitFor();
    await closeDrawer(page);
    await page.getByTestId('analytics-step-open-repurchase').click();
    await expect.poll(() => page.getByTestId('analytics-people-table').locator('tbody tr.ant-table-row').count()).toBe(1);
    await closeDrawer(page);

    // Spend on the two other channels too, so the suggestions have something to reallocate between.
    const financeToken = await suite.login(FINANCE);
    for (const [channel, amountFen] of [['distribution', 20_000], ['direct', 10_000]] as const) {
      const day = (await suite.call('GET', '/admin/analytics/spend', { token: financeToken })).body.items[0].day as string;
      expect((await suite.call('POST', '/admin/analytics/spend', { token: financeToken, body: { day, channel, amountFen } })).status).toBe(201);
    }
    await page.getByTestId('menu-budget-suggestions').click();
    const budget = page.getByTestId('budget-table');
    await expect.poll(() => budget.locator('tbody tr.ant-table-row').count()).toBe(3);
    expect(await page.getByTestId('budget-summary').innerText()).not.toBe('');
    const reasons = await page.getByTestId('budget-reasoning').allInnerTexts();
    expect(reasons).toHaveLength(3);
    expect(reasons.every((text) => text.length > '理由：'.length)).toBe(true);
    // The whole ¥600.00 recorded is reallocated, no more and no less.
    expect(await page.locator('.ant-alert').first().innerText()).toContain('¥600.00');
    await shot(page, 'analytics-08-budget');
    const budgetFile = await downloadText(page, 'budget-export-csv');
    const budgetLines = budgetFile.bytes.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(budgetLines[0]).toContain('建议预算（元）');
    expect(budgetLines).toHaveLength(4);
    await page.close();
  });

  it('shows a merchant admin only its own merchant and its guides, a shop guide only herself, and neither any spend', async () => {
    const page = await suite.consolePage(JINLI_ADMIN);
    expect(await page.getByTestId('menu-marketing-spend').count()).toBe(0);
    await openAnalytics(page);
    expect(await page.getByTestId('analytics-scope-own').innerText()).toContain('成都锦里好物小店');
    await expect.poll(() => stepCount(page, 'conversion')).toBe(String(activity.merchantOrders));
    expect(await kpiValue(page, 'gmv')).toBe(yuan(activity.merchantGmvFen));
    await page.getByTestId('analytics-scope-kind').click();
    const kinds = await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').allInnerTexts();
    expect(kinds).toEqual(['商家', '导购', '名片']);
    await page.keyboard.press('Escape');
    await shot(page, 'analytics-09-merchant-scoped');

    // One of its shop guides: 孙丽's card had every visit, and no order came through it.
    await choose(page, 'analytics-scope-kind', '导购');
    await page.getByTestId('analytics-pick-scope').waitFor();
    await choose(page, 'analytics-scope-id', '孙丽');
    await expect.poll(() => stepCount(page, 'exposure')).toBe(String(VISITORS));
    expect(await stepCount(page, 'conversion')).toBe('0');
    await shot(page, 'analytics-10-merchant-guide-scope');
    await page.close();

    // 孙丽 herself sees her own numbers only.
    const guide = await suite.consolePage(JINLI_GUIDE);
    await openAnalytics(guide);
    expect(await guide.getByTestId('analytics-scope-own').innerText()).toContain('孙丽');
    await expect.poll(() => stepCount(guide, 'exposure')).toBe(String(VISITORS));
    await guide.getByTestId('analytics-scope-kind').click();
    expect(await guide.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').allInnerTexts()).toEqual(['导购', '名片']);
    await guide.keyboard.press('Escape');
    await guide.close();
  });

  it('reads in English', async () => {
    const page = await newConsolePage(suite.browser);
    await loginConsole(page, suite.platform.baseUrl, OPERATIONS);
    await page.getByTestId('lang-switch').click();
    await openAnalytics(page);
    await expect.poll(() => page.getByTestId('analytics-funnel-steps').innerText()).toContain('Conversion');
    await shot(page, 'analytics-11-funnel-english');
    await page.close();
  });
});
