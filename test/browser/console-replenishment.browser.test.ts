import { readFileSync } from 'node:fs';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dayBefore, insertDemand, weeklyDemand } from '../../apps/api/test/replenishment-fixtures.ts';
import { adminBuilt, CHROMIUM, closeDrawer, hasChromium, type Json, settledShot, useBrowserSuite } from './browser-harness.ts';

const canRun = hasChromium && adminBuilt;
if (!canRun) console.warn(`console replenishment browser tests skipped: ${hasChromium ? 'run npm run build -w @linkmall/admin first' : `no Chromium at ${CHROMIUM}`}`);

/** Yesterday in Beijing: the last full day the server's forecasts learn from. */
const yesterday = dayBefore(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10), 1);

/** Twenty weeks of weekly-patterned sales with ±40 % deterministic noise, so the chart looks like a real SKU's. */
function noisyWeeks(pattern: readonly number[], seed: number) {
  let state = seed;
  const noise = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return 0.6 + 0.8 * (state / 2_147_483_648);
  };
  return weeklyDemand(yesterday, 20, pattern).map((entry) => ({ ...entry, quantity: Math.max(1, Math.round(entry.quantity * noise())) }));
}

const suite = useBrowserSuite(canRun, async ({ platform }) => {
  await insertDemand(platform.database, 'LY-001-1', noisyWeeks([3, 4, 5, 6, 9, 12, 8], 3));
  await insertDemand(platform.database, 'LY-003-1', noisyWeeks([10, 9, 11, 12, 15, 20, 16], 5));
  await insertDemand(platform.database, 'MF-001-1', noisyWeeks([20, 18, 22, 25, 35, 45, 30], 7));
  // The tea is nearly sold out: it must come first, as an order to place now.
  await platform.database.executeSql("update skus set stock = 12 where sku_code = 'LY-001-1'", []);
});
const { consolePage, call, login } = suite;

/** An antd InputNumber's input, whichever element its test id lands on. */
const numberInput = (scope: Locator, testId: string) => scope.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
const shot = settledShot(600);

describe.skipIf(!canRun)('console 补货建议 in Chromium', { timeout: 150_000 }, () => {
  it('shows a supplier admin its own SKUs, most urgent first, with the forecast chart of the first', async () => {
    const page = await consolePage('13900000001');
    await page.getByTestId('menu-replenishment').click();
    const rows = page.getByTestId('replenishment-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(5);
    expect(await rows.first().innerText()).toContain('LY-001-1');
    expect(await rows.first().getByTestId('status-order_now').count()).toBe(1);
    expect(await page.getByTestId('replenishment-table').innerText()).not.toContain('MF-');
    await page.getByTestId('replenishment-chart').locator('canvas').first().waitFor();
    expect(await page.getByTestId('replenishment-panel').innerText()).toContain('Holt-Winters');
    // The reasoning unfolds under a row.
    await rows.first().locator('.ant-table-row-expand-icon').click();
    await expect.poll(() => page.getByTestId('replenishment-table').innerText()).toContain('建议采购 = max(0, 目标库存');
    await shot(page, 'console-replenishment-01-supplier-list');
    await page.close();
  });

  it('opens one SKU with its arithmetic and backtest, and recomputes when stock on order is entered', async () => {
    const page = await consolePage('13900000001');
    await page.getByTestId('menu-replenishment').click();
    await page.getByTestId('replenishment-sku-link').first().click();
    const drawer = page.getByTestId('replenishment-drawer');
    await drawer.getByTestId('replenishment-reasoning').waitFor();
    const reasoning = await drawer.getByTestId('replenishment-reasoning').innerText();
    expect(reasoning).toContain('Holt-Winters 加法模型');
    expect(reasoning).toContain('安全库存 = z × σ × √交货期');
    expect(await drawer.innerText()).toContain('季节性朴素法');
    const before = Number(await drawer.getByTestId('drawer-suggested').innerText());
    expect(before).toBeGreaterThan(0);
    await shot(page, 'console-replenishment-02-drawer');

    await numberInput(drawer, 'sku-on-order').fill('20');
    await drawer.getByTestId('sku-settings-save').click();
    await expect.poll(async () => Number(await drawer.getByTestId('drawer-suggested').innerText())).toBe(Math.max(0, before - 20));
    expect(await drawer.getByTestId('replenishment-reasoning').innerText()).toContain('在途 20');
    await shot(page, 'console-replenishment-03-on-order');
    await closeDrawer(page);
    await page.close();
  });

  it('lets the platform filter by supplier, set a supplier’s defaults and export the table', async () => {
    const page = await consolePage('13800000001');
    await page.getByTestId('menu-replenishment').click();
    const table = page.getByTestId('replenishment-table');
    await expect.poll(() => table.innerText()).toContain('MF-001-1');
    await page.getByTestId('replenishment-supplier').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '杭州绿源' }).click();
    await expect.poll(() => table.innerText()).not.toContain('MF-');

    await page.getByTestId('supplier-settings-open').click();
    const modal = page.getByTestId('supplier-settings-modal');
    await numberInput(modal, 'supplier-lead-time').fill('14');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => table.locator('tbody tr.ant-table-row').first().innerText()).toContain('14 天');
    const admin = await login('13800000001');
    const audit = (await call('GET', '/admin/audit-log?action=replenishment_settings.supplier_updated', { token: admin })).body.items as Json[];
    expect(audit[0]).toMatchObject({ actorName: '张伟', after: { leadTimeDays: 14, source: 'supplier' } });
    await shot(page, 'console-replenishment-04-platform');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('replenishment-export-csv').click()]);
    expect(download.suggestedFilename()).toBe('replenishment-suggestions.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toContain('建议采购量');
    expect(csv).toContain('LY-001-1');
    expect(csv).not.toContain('MF-001-1');
    await page.close();
  });

  it('speaks English when the console does', async () => {
    const page = await consolePage('13900000001');
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('menu-replenishment').click();
    await expect.poll(() => page.getByTestId('replenishment-table').innerText()).toContain('Order now');
    await page.getByTestId('replenishment-table').locator('tbody tr.ant-table-row').first().locator('.ant-table-row-expand-icon').click();
    await expect.poll(() => page.getByTestId('replenishment-table').innerText()).toContain('Suggested quantity = max(0, target');
    await shot(page, 'console-replenishment-05-english');
    await page.close();
  });
});
