import { describe, expect, it } from 'vitest';
import { newId, systemClock, systemContext, type RequestContext } from '@linkmall/kernel';
import { inTransaction } from '@linkmall/db';
import { createDistributionService } from '@linkmall/distribution';
import { commissionLedgerSink, growthDistributionFacts, growthLedgerMoney } from '@linkmall/flows';
import { createGrowthModule, growthSubscribers } from '@linkmall/growth';
import { hasChromium, loginShop, newShopPage, onScreen, openShopPage, shopBuilt, shot, useBrowserSuite } from './browser-harness.ts';

/**
 * 我的能量值 in the h5 shop: 林小雨 earns points by paying the gift package (10 + 1 per yuan of
 * ¥399 = 409, which makes her 青铜会员), two friends she invited make real purchases in the seeded
 * invite campaign, and she opens the page from 我的: balance, the order line, her level and the next
 * one, and her invite progress, in Chinese and in English. A member with nothing yet sees empty states.
 */
const canRun = hasChromium && shopBuilt;
if (!canRun) console.warn('shop growth browser tests skipped: run npm run build:h5 -w @linkmall/shop first and install Chromium');

const suite = useBrowserSuite(canRun, async (started) => {
  const db = started.platform.database.db;
  const ctx = systemContext(systemClock);
  const asUser = (userId: string): RequestContext => ({ ...ctx, actor: { userId, sessionId: 'ses', displayName: userId, organizationId: null, organizationKind: null, roles: ['consumer'], permissions: new Set(), scope: { kind: 'self', userId } } });
  const distribution = createDistributionService(db, { writeMoney: commissionLedgerSink });
  const growth = createGrowthModule({ db, money: growthLedgerMoney, distribution: growthDistributionFacts(db, distribution) });
  const [points, invites] = growthSubscribers(growth);
  const packageId = ((await started.platform.database.executeSql('select product_id from distribution_package_products limit 1')).rows[0] as { product_id: string }).product_id;
  const lin = (await started.call('GET', '/shop/me', { token: await started.login('13500000001', 'shop') })).body.id as string;
  // The same path as a real payment: the engine sees order.paid first, then the growth subscribers.
  const pay = async (buyerUserId: string, payableFen: number, productId: string) => {
    const orderId = newId('ord');
    await distribution.commerce.orderPaid(db, ctx, { orderId, buyerUserId, payableFen: BigInt(payableFen), productIds: [productId], paidAt: new Date() });
    const event = { id: newId('evt'), type: 'order.paid', aggregateId: orderId, payload: { orderId, buyerUserId, payableFen, lines: [{ productId }] }, occurredAt: new Date(), requestId: null, position: 1n, attempt: 1 };
    await inTransaction(db, async (tx) => {
      await points!.handle(tx, event, ctx);
      await invites!.handle(tx, event, ctx);
    });
  };
  await pay(lin, 39_900, packageId);
  const code = (await distribution.members.inviteCode(lin))!;
  for (let index = 0; index < 2; index += 1) {
    const invitee = newId('usr');
    expect((await distribution.members.bind(asUser(invitee), code)).ok).toBe(true);
    await pay(invitee, 10_000, newId('prd'));
  }
  await growth.rewards.workQueue(ctx);
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
