import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { adminBuilt, CHROMIUM, hasChromium, type Json, settledShot, useBrowserSuite } from './browser-harness.ts';
import { linInvitesBuyers } from './growth-fixture.ts';

/**
 * 增长活动 in the console: the seeded invite campaign with its budget use after real purchases by
 * invitees, a new campaign with tiered rates and a ladder step launched from the form, every reward
 * decision with what limited it (a reward cut by the profile's 30 % payout cap), shipping a ladder
 * gift, levels with privileges, and a points rule changed.
 */
const canRun = hasChromium && adminBuilt;
if (!canRun) console.warn(`console growth browser tests skipped: ${hasChromium ? 'run npm run build -w @linkmall/admin first' : `no Chromium at ${CHROMIUM}`}`);
const HOUR_MS = 3_600_000;

const suite = useBrowserSuite(canRun, async (started) => {
  // 林小雨 (a boss after buying the package) invites three people who make real purchases: the first
  // buys the package (the engine already pays her 25 % of it), the other two ¥100 of goods each.
  await linInvitesBuyers(started, ['package', 10_000, 10_000]);
});
const { consolePage, call, login } = suite;
const shot = settledShot(500);

/** A moment as the console's date pickers show it in Shanghai. */
function pickerText(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

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

async function openGrowth(page: Page): Promise<void> {
  await page.getByTestId('menu-growth').click();
  await page.getByTestId('growth-campaigns-table').waitFor();
}

describe.skipIf(!canRun)('console: 增长活动 campaigns, rewards, levels and points', { timeout: 150_000 }, () => {
  it('shows the running campaign with its budget use and rules', async () => {
    const page = await consolePage('13800000002');
    await openGrowth(page);
    const row = page.getByTestId('growth-campaigns-table').locator('tbody tr.ant-table-row').filter({ hasText: '邀请好友 · 阶梯有礼' });
    await expect.poll(() => row.getByTestId('growth-campaign-status').innerText()).toBe('进行中');
    // ¥19.95 (cut to the cap) + ¥8 + ¥8 in cash, and the ¥15 tea sampler reached at the 3rd invite.
    expect(await row.getByTestId('growth-campaign-budget-cell').innerText()).toContain('已发放 ¥50.95 / ¥2,000.00');
    expect(await row.getByTestId('growth-campaign-rules').innerText()).toContain('第 1–3 位 8%');
    expect(await row.getByTestId('growth-campaign-rules').innerText()).toContain('满 3 人：礼品 明前龙井小样');
    await shot(page, 'console-growth-campaigns');
    await page.close();
  });

  it('creates a campaign with tiered rates and a ladder step, and launches it', async () => {
    const page = await consolePage('13800000002');
    await openGrowth(page);
    await page.getByTestId('growth-campaign-new').click();
    await page.getByTestId('growth-campaign-name-zh').fill('元旦拉新赛');
    await page.getByTestId('growth-campaign-name-en').fill('New Year invite race');
    await fillRange(page, '[data-testid="growth-campaign-form"]', new Date(Date.now() - HOUR_MS), new Date(Date.now() + 10 * 24 * HOUR_MS));
    await page.getByTestId('growth-campaign-budget').fill('500');
    await page.getByTestId('growth-step-add').click();
    await page.getByTestId('growth-step-gift-0').fill('紫砂杯');
    await page.getByTestId('growth-step-gift-en-0').fill('Clay cup');
    await page.getByTestId('growth-step-cost-0').fill('38');
    await shot(page, 'console-growth-campaign-form');
    await page.getByTestId('growth-campaign-submit').click();
    const row = page.getByTestId('growth-campaigns-table').locator('tbody tr.ant-table-row').filter({ hasText: '元旦拉新赛' });
    await expect.poll(() => row.getByTestId('growth-campaign-status').innerText()).toBe('草稿');
    await row.getByTestId('growth-campaign-activate').click();
    await expect.poll(() => row.getByTestId('growth-campaign-status').innerText()).toBe('进行中');

    const saved = ((await call('GET', '/admin/growth/campaigns?status=active', { token: await login('13800000002') })).body.items as Json[]).find((campaign) => campaign.nameZh === '元旦拉新赛');
    expect(saved).toMatchObject({ budgetUnit: 'fen', budgetTotal: 50_000, minOrderFen: 5_000, tiers: [{ fromInvite: 1, toInvite: 3, rateBps: 800 }, { fromInvite: 4, toInvite: 10, rateBps: 500 }, { fromInvite: 11, toInvite: null, rateBps: 300 }] });
    expect(saved.ladder).toEqual([{ invites: 3, reward: { kind: 'gift', nameZh: '紫砂杯', nameEn: 'Clay cup', costFen: 3_800 } }]);
    await page.close();
  });

  it('lists every reward decision with what limited it, and ships a ladder gift', async () => {
    const page = await consolePage('13800000002');
    await openGrowth(page);
    await page.getByTestId('growth-campaigns-table').locator('tbody tr.ant-table-row').filter({ hasText: '邀请好友 · 阶梯有礼' }).getByTestId('growth-campaign-rewards').click();
    const rows = page.getByTestId('growth-rewards-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(4);
    const reduced = rows.filter({ hasText: '已削减' });
    expect(await reduced.getByTestId('growth-reward-decision').innerText()).toContain('每单支出比例上限');
    expect(await reduced.getByTestId('growth-reward-granted').innerText()).toBe('¥19.95');
    expect(await rows.filter({ hasText: '第 2 位邀请' }).getByTestId('growth-reward-granted').innerText()).toBe('¥8.00');
    // People, not ids: the inviter by her display name.
    expect(await reduced.innerText()).toContain('林小雨');
    const gift = rows.filter({ hasText: '明前龙井小样' });
    expect(await gift.innerText()).toContain('待寄送');
    await shot(page, 'console-growth-rewards');
    await gift.getByTestId('growth-reward-ship').click();
    await expect.poll(() => gift.innerText()).toContain('已寄送');
    await page.close();
  });

  it('shows levels with their privileges and changes a points rule', async () => {
    const page = await consolePage('13800000002');
    await openGrowth(page);
    await page.getByTestId('growth-tab-levels').click();
    const levels = page.getByTestId('growth-levels-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => levels.count()).toBe(3);
    expect(await levels.filter({ hasText: '黄金会员' }).getByTestId('growth-level-privileges').innerText()).toMatch(/返现 \+2%[\s\S]*优先发货[\s\S]*爆品抢购资格/);
    await shot(page, 'console-growth-levels');

    await page.getByTestId('growth-tab-points').click();
    await page.getByTestId('growth-rule-edit-share').click();
    await page.getByTestId('growth-rule-cap').fill('30');
    await page.getByTestId('growth-rule-submit').click();
    const share = page.getByTestId('growth-rules-table').locator('tbody tr.ant-table-row').filter({ hasText: '分享名片' });
    await expect.poll(() => share.innerText()).toContain('30');
    // Four package or goods orders credited order points: 10 + 1 per yuan each.
    await expect.poll(() => page.getByTestId('growth-points-table').locator('tbody tr.ant-table-row').count()).toBe(4);
    expect(await page.getByTestId('growth-points-table').innerText()).toContain('+409');
    await shot(page, 'console-growth-points');
    const rules = (await call('GET', '/admin/growth/point-rules', { token: await login('13800000002') })).body.items as Json[];
    expect(rules.find((rule) => rule.action === 'share')).toMatchObject({ points: 5, dailyCap: 30 });

    await page.getByTestId('lang-switch').click();
    await page.getByTestId('growth-tab-campaigns').click();
    await expect.poll(() => page.getByTestId('growth-intro').innerText()).toContain('real paid purchase');
    await shot(page, 'console-growth-campaigns-en');
    await page.close();
  });
});
