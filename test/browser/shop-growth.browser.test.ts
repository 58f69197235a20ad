import { describe, expect, it } from 'vitest';
import { hasChromium, loginShop, newShopPage, onScreen, openShopPage, shopBuilt, shot, useBrowserSuite } from './browser-harness.ts';
import { linInvitesBuyers } from './growth-fixture.ts';

/**
 * 我的能量值 in the h5 shop: 林小雨 earns points by paying the gift package (10 + 1 per yuan of
 * ¥399 = 409, which makes her 青铜会员), two friends she invited make real purchases in the seeded
 * invite campaign, and she opens the page from 我的: balance, the order line, her level and the next
 * one, and her invite progress, in Chinese and in English. A member with nothing yet sees empty states.
 */
const canRun = hasChromium && shopBuilt;
if (!canRun) console.warn('shop growth browser tests skipped: run npm run build:h5 -w @linkmall/shop first and install Chromium');

const suite = useBrowserSuite(canRun, async (started) => {
  await linInvitesBuyers(started, [10_000, 10_000]);
});

describe.skipIf(!canRun)('我的能量值 in the h5 shop', { timeout: 180_000 }, () => {
  it('shows the balance, the order line, the level with the next one and the invite progress, in zh-CN and English', async () => {
    const shop = await newShopPage(suite.browser);
    await loginShop(shop, `${suite.platform.baseUrl}/h5/#/pages/login/index`, '13500000001');
    await onScreen(shop, '#me-growth').click();
    await shop.waitForURL(/pages\/growth\/index/);
    await expect.poll(() => onScreen(shop, '#growth-points').innerText(), { timeout: 15_000 }).toBe('409');
    expect(await onScreen(shop, '#growth-level-badge').innerText()).toBe('青铜会员');
    expect(await onScreen(shop, '#growth-lines').innerText()).toMatch(/下单购物[\s\S]*\+409/);
    const nextLevel = await onScreen(shop, '#growth-next-level').innerText();
    expect(nextLevel).toContain('下一等级：白银会员');
    expect(nextLevel).toContain('还差 591 能量值');
    expect(nextLevel).toContain('还差 1 位有效邀请');
    expect(nextLevel).toContain('需要 1000 能量值 · 3 位有效邀请');
    expect(await onScreen(shop, '#growth-privileges').innerText()).toContain('暂无特权');
    const campaign = await onScreen(shop, '#growth-invites').innerText();
    expect(campaign).toContain('邀请好友 · 阶梯有礼');
    expect(await onScreen(shop, '#growth-invites .growth-qualified').innerText()).toBe('2');
    expect(campaign).toContain('订单金额的 8%');
    expect(campaign).toContain('下一档：邀请满 3 人得 明前龙井小样');
    await shot(shop, 'shop-growth-01-points', 600);

    // The language lives in Taro storage (localStorage on h5, as {"data": value}).
    await shop.evaluate(`localStorage.setItem('linkmall.locale', JSON.stringify({ data: 'en' }))`);
    await openShopPage(shop, `${suite.platform.baseUrl}/h5/#/pages/growth/index`);
    await expect.poll(() => onScreen(shop, '#growth-level-badge').innerText(), { timeout: 15_000 }).toBe('Bronze');
    expect(await onScreen(shop, '#growth-points').innerText()).toBe('409');
    expect(await onScreen(shop, '#growth-lines').innerText()).toMatch(/Placed an order[\s\S]*\+409/);
    expect(await onScreen(shop, '#growth-next-level').innerText()).toContain('Next level: Silver');
    const english = await onScreen(shop, '#growth-invites').innerText();
    expect(english).toContain('Invite friends · step rewards');
    expect(english).toContain('Next step: 3 invites earn Longjing tea sampler');
    await shot(shop, 'shop-growth-02-points-en', 600);
    await shop.close();
  });

  it('shows empty states to a member with no points and no level', async () => {
    const shop = await newShopPage(suite.browser);
    await loginShop(shop, `${suite.platform.baseUrl}/h5/#/pages/login/index`, '13500000002');
    await openShopPage(shop, `${suite.platform.baseUrl}/h5/#/pages/growth/index`);
    await expect.poll(() => onScreen(shop, '#growth-points').innerText(), { timeout: 15_000 }).toBe('0');
    expect(await onScreen(shop, '#growth-level-badge').innerText()).toBe('暂未达到任何等级');
    expect(await onScreen(shop, '#growth-lines').innerText()).toContain('暂无能量值记录');
    const nextLevel = await onScreen(shop, '#growth-next-level').innerText();
    expect(nextLevel).toContain('下一等级：青铜会员');
    // 青铜 asks for no invites, so neither the threshold nor the gap mentions them.
    expect(nextLevel).not.toContain('有效邀请');
    expect(nextLevel).toContain('还差 100 能量值');
    await shot(shop, 'shop-growth-03-empty', 600);
    await shop.close();
  });
});
