import { describe, expect, it } from 'vitest';
import { allOnScreen, hasChromium, loginShop, newShopPage, onScreen, openShopPage, shopBuilt, shot, useBrowserSuite, type Json } from './browser-harness.ts';

/**
 * The card assistant on the h5 shop: a visitor asks 吴婷's card about a product and gets an answer with
 * its source and the catalog price, and is told to contact her when nothing matches; 吴婷 drafts a
 * follow-up for one of her leads.
 */
const canRun = hasChromium && shopBuilt;
const OWNER_PHONE = '13600000001';
const suite = useBrowserSuite(canRun);

describe.skipIf(!canRun)('the card assistant in the h5 shop', { timeout: 180_000 }, () => {
  it('answers a visitor on the card page with sources, and refuses without evidence', async () => {
    const owner = await suite.login(OWNER_PHONE, 'shop');
    const card = await suite.api<Json>('GET', '/shop/cards/me', owner);
    const visitor = await newShopPage(suite.browser);
    await openShopPage(visitor, suite.shopUrl(`/pages/card/index?id=${card.id}`));
    await expect.poll(() => onScreen(visitor, '#card-name').innerText(), { timeout: 20_000 }).toBe('吴婷');

    await onScreen(visitor, '#assistant-input input').fill('西湖龙井明前茶多少钱？');
    // Declining tracking closes the consent bar; the assistant still answers, and keeps nothing.
    await onScreen(visitor, '#card-consent-decline').click();
    await onScreen(visitor, '#assistant-send').scrollIntoViewIfNeeded();
    await onScreen(visitor, '#assistant-send').click();
    const answer = allOnScreen(visitor, '.assistant-chat__bubble--assistant').last();
    await expect.poll(() => answer.innerText(), { timeout: 15_000 }).toContain('¥198.00');
    expect(await allOnScreen(visitor, '.assistant-chat__source').first().innerText()).toContain('西湖龙井明前茶');
    await onScreen(visitor, '#assistant-input').scrollIntoViewIfNeeded();
    await shot(visitor, 'card-20-assistant-answer', 400);

    await onScreen(visitor, '#assistant-input input').fill('你们支持区块链支付吗？');
    await onScreen(visitor, '#assistant-send').click();
    await expect.poll(() => allOnScreen(visitor, '.assistant-chat__bubble--assistant').last().innerText(), { timeout: 15_000 }).toContain('请联系吴婷');
    await shot(visitor, 'card-21-assistant-no-evidence', 400);
    await visitor.close();
  });

  it('drafts a follow-up message for the owner’s lead', async () => {
    const owner = await suite.login(OWNER_PHONE, 'shop');
    await suite.api('POST', '/shop/leads', owner, { name: '高雪', company: '杭州茶友会' });
    const page = await newShopPage(suite.browser);
    await loginShop(page, suite.shopUrl('/pages/login/index'), OWNER_PHONE);
    await openShopPage(page, suite.shopUrl('/pages/assistant-drafts/index'));
    const lead = allOnScreen(page, '.assistant-drafts__lead').filter({ hasText: '高雪' }).first();
    await lead.waitFor({ timeout: 20_000 });
    await lead.locator('.assistant-drafts__follow-up').click();
    await expect.poll(() => lead.locator('.assistant-drafts__text').innerText(), { timeout: 15_000 }).toContain('高雪');
    expect(await lead.locator('.assistant-drafts__text').innerText()).toContain('吴婷');
    await shot(page, 'card-22-assistant-follow-up', 400);
    await page.close();
  });
});
