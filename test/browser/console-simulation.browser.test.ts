import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { adminBuilt, CHROMIUM, hasChromium, settledShot, useBrowserSuite } from './browser-harness.ts';
import { DEFAULT_PROFILE_INPUT } from '@linkmall/distribution';

/**
 * The 链动2+1 console's checks before and after money moves: operations simulate a 200-member
 * fission under the active profile and read the outcome; finance verifies the commission ledger.
 */
const canRun = hasChromium && adminBuilt;
if (!canRun) console.warn(`console simulation browser tests skipped: ${hasChromium ? 'run npm run build -w @linkmall/admin first' : `no Chromium at ${CHROMIUM}`}`);

const suite = useBrowserSuite(canRun);
const { consolePage } = suite;
/** Screenshots wait out antd's open/close animations so the picture shows the settled screen. */
const shot = settledShot(500);

describe.skipIf(!canRun)('console: 方案模拟 and 账本校验', () => {
  it('lets operations simulate a 200-member fission and read the summary and income chart', async () => {
    const page = await consolePage('13800000002');
    await page.getByTestId('side-menu').getByText('方案模拟').click();
    await page.getByTestId('simulation-form').waitFor();
    const members = page.getByTestId('simulation-members');
    await members.fill('200');
    await page.getByTestId('simulation-run').click();
    const summary = page.getByTestId('simulation-summary');
    await summary.waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('simulation-members-total').textContent()).toContain('200');
    const roles = await page.getByTestId('simulation-roles').textContent();
    expect(roles).toMatch(/老板 \d+/);
    expect(roles).toMatch(/代理 \d+/);
    expect(await page.getByTestId('simulation-sales').textContent()).toMatch(/¥[\d,]+\.\d{2}/);
    expect(await page.getByTestId('simulation-payout').textContent()).toMatch(/¥[\d,]+\.\d{2}/);
    expect(await page.getByTestId('simulation-ratio').textContent()).toMatch(/\d+\.\d{2}%/);
    // The chart is drawn into a canvas by ECharts.
    await page.getByTestId('simulation-chart').locator('canvas').waitFor();
    expect(await page.getByTestId('simulation-top-earners').locator('tbody tr').count()).toBeGreaterThan(0);
    await shot(page, 'console-distribution-simulation');
    await page.close();
  }, 120_000);

  it('shows a non-compliant profile’s violations instead of a summary', async () => {
    const page = await consolePage('13800000002');
    await page.getByTestId('side-menu').getByText('方案模拟').click();
    await page.getByTestId('simulation-mode').getByText('场景文件').click();
    // Direct reward at 90% of the package price breaks the 30% payout cap.
    const profile = { ...DEFAULT_PROFILE_INPUT, version: 'too-rich', rewards: { ...DEFAULT_PROFILE_INPUT.rewards, directRateBps: 9000 } };
    const scenario = { profile, events: [{ id: 'e1', day: 0, type: 'PACKAGE_PAID', order: 'p1', user: 'u1', referrer: null, amountFen: 39900, paidAt: '10:00' }] };
    await page.getByTestId('simulation-profile').click();
    await page.locator('.ant-select-dropdown').getByText('场景文件中的方案').click();
    await page.getByTestId('simulation-scenario').fill(JSON.stringify(scenario));
    await page.getByTestId('simulation-run').click();
    const violations = page.getByTestId('simulation-violations');
    await violations.waitFor();
    expect(await violations.textContent()).toContain('存在合规问题');
    expect(await violations.textContent()).toMatch(/30/);
    expect(await page.getByTestId('simulation-summary').count()).toBe(0);
    await shot(page, 'console-distribution-simulation-violations');
    await page.close();
  }, 120_000);

  it('lets finance open 账本校验 and see every check passed', async () => {
    const page = await consolePage('13800000003');
    await page.getByTestId('side-menu').getByText('账本校验').click();
    await page.getByTestId('ledger-ok').waitFor();
    const checks = page.getByTestId('ledger-check');
    expect(await checks.count()).toBeGreaterThanOrEqual(5);
    expect(await page.locator('[data-testid="ledger-check"][data-ok="false"]').count()).toBe(0);
    expect(await page.getByTestId('ledger-chain-hash').textContent()).toMatch(/[0-9a-f]{16,}/);
    await page.getByTestId('ledger-verify').click();
    await page.getByTestId('ledger-ok').waitFor();
    await shot(page, 'console-ledger-verification');
    await page.close();
  }, 120_000);
});
