import { describe, expect, it } from 'vitest';
import { adminBuilt, allOnScreen, hasChromium, loginShop, newShopPage, onScreen, openShopPage, shopBuilt, shot, useBrowserSuite, type Json } from './browser-harness.ts';

/**
 * The business card screens: a visitor opens 吴婷's shared card on the h5 shop without logging in
 * (consent, phone on request, forward), a manager sets a company template in the console and puts
 * her card under it, and 吴婷 edits (locked fields disabled), reorders, saves and shares her card.
 */
const canRun = hasChromium && shopBuilt && adminBuilt;
const OWNER_PHONE = '13600000001';
const suite = useBrowserSuite(canRun);

describe.skipIf(!canRun)('business card screens', { timeout: 240_000 }, () => {
  let ownerToken = '';
  let card: Json;

  it('opens a shared card without login, asks consent, reveals the phone and forwards it', async () => {
    ownerToken = await suite.login(OWNER_PHONE, 'shop');
    card = await suite.api<Json>('GET', '/shop/cards/me', ownerToken);
    const share = await suite.api<{ shareId: string; token: string; url: string }>('POST', `/shop/cards/${card.id}/shares`, ownerToken);
    expect(share.url).toContain(`/h5/#/pages/card/index?id=${card.id}&share=`);

    const visitor = await newShopPage(suite.browser);
    await openShopPage(visitor, suite.shopUrl(`/pages/card/index?id=${card.id}&share=${share.token}`));
    await expect.poll(() => onScreen(visitor, '#card-name').innerText(), { timeout: 20_000 }).toBe('吴婷');
    expect(await onScreen(visitor, '#card-company').innerText()).toBe('上海悦享生活旗舰店');
    expect(await onScreen(visitor, '#card-phone').innerText()).toMatch(/^136\*+0001$/);
    expect(await onScreen(visitor, '#card-page').getAttribute('data-theme')).toBe('business_blue');
    // The owner's modules in the owner's order.
    const moduleIds = await visitor.locator('.taro_page:not([style*="display: none"]) .card-module').evaluateAll((nodes) => nodes.map((node) => node.id));
    expect(moduleIds).toEqual(['card-module-about', 'card-module-news', 'card-module-reviews', 'card-module-contact']);
    await onScreen(visitor, '#card-consent').waitFor();
    await shot(visitor, 'card-01-public-consent', 600);

    await onScreen(visitor, '#card-consent-agree').click();
    await onScreen(visitor, '#card-consent').waitFor({ state: 'detached' });
    // Runs in the page (a string, since the server's type library has no DOM).
    const visitorId = await visitor.evaluate<string | null>(`(() => { const raw = localStorage.getItem('linkmall.card.visitorId'); try { return JSON.parse(raw ?? 'null')?.data ?? raw; } catch { return raw; } })()`);
    expect(String(visitorId)).toMatch(/^[A-Za-z0-9_-]{16,64}$/);

    await onScreen(visitor, '#card-show-phone').click();
    await expect.poll(() => onScreen(visitor, '#card-phone').innerText()).toBe(OWNER_PHONE);
    await onScreen(visitor, '#card-call').waitFor();

    await onScreen(visitor, '#card-forward').click();
    const forwardUrl = await onScreen(visitor, '#card-forward-url').innerText();
    const forwardToken = new URL(forwardUrl.replace('#', '')).searchParams.get('share');
    expect(forwardToken).toBeTruthy();
    expect(forwardToken).not.toBe(share.token);
    expect(await onScreen(visitor, '#card-forward-qr').getAttribute('data-value')).toBe(forwardUrl);
    // The forward hangs under the owner's share, made by this visitor.
    const shares = await suite.api<{ items: Json[] }>('GET', '/shop/cards/me/shares', ownerToken);
    const root = shares.items.find((item) => item.id === share.shareId);
    const forward = shares.items.find((item) => item.sharerKind === 'visitor');
    expect(forward).toMatchObject({ parentShareId: share.shareId, depth: root.depth + 1, sharerVisitorId: visitorId });
    await onScreen(visitor, '#card-forward-result').scrollIntoViewIfNeeded();
    await shot(visitor, 'card-02-public-forwarded', 400);
    await visitor.close();
  });

  it('creates a company template in the console and puts the card under it', async () => {
    const page = await suite.consolePage('13700000001');
    await page.getByTestId('side-menu').getByText('名片模板').click();
    await page.getByTestId('card-templates-table').waitFor();
    await page.getByTestId('card-template-add').click();
    await page.getByTestId('card-template-name').fill('悦享导购统一名片');
    await page.getByTestId('card-template-company').fill('上海悦享生活旗舰店');
    await page.getByTestId('card-template-save').click();
    await expect.poll(() => page.getByTestId('card-templates-table').innerText(), { timeout: 15_000 }).toContain('悦享导购统一名片');
    await shot(page, 'card-03-console-templates', 400);

    await page.getByTestId('side-menu').getByText('团队名片').click();
    await expect.poll(() => page.getByTestId('team-cards-table').innerText(), { timeout: 15_000 }).toContain('吴婷');
    await page.getByTestId(`team-card-template-${card.id}`).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '悦享导购统一名片' }).click();
    await expect.poll(async () => (await suite.api<Json>('GET', '/shop/cards/me', ownerToken)).templateId, { timeout: 15_000 }).toMatch(/^ctp_/);
    await shot(page, 'card-04-console-team-cards', 600);
    await page.close();
  });

  it('lets the owner edit (locked fields disabled), reorder, save, share and open the poster', async () => {
    const owner = await newShopPage(suite.browser);
    await loginShop(owner, suite.shopUrl('/pages/login/index'), OWNER_PHONE);
    await onScreen(owner, '#me-my-card').click();
    await owner.waitForURL(/pages\/card-editor\/index/);
    await expect.poll(() => onScreen(owner, '#editor-name input').inputValue(), { timeout: 15_000 }).toBe('吴婷');
    // The template locks the company; the rest stays editable.
    expect(await onScreen(owner, '#editor-company input').isDisabled()).toBe(true);
    expect(await onScreen(owner, '#editor-title input').isDisabled()).toBe(false);

    await onScreen(owner, '#editor-intro textarea').fill('六年导购经验，擅长护肤搭配。');
    await allOnScreen(owner, '[data-module-id="about"] .editor-link').nth(1).click(); // 下移: about goes below news
    await onScreen(owner, '#editor-save').click();
    await expect.poll(() => onScreen(owner, '#editor-message').innerText()).toBe('名片已保存');
    const saved = await suite.api<Json>('GET', '/shop/cards/me', ownerToken);
    expect(saved.intro).toBe('六年导购经验，擅长护肤搭配。');
    expect(saved.modules.map((module: Json) => module.id).slice(0, 2)).toEqual(['news', 'about']);
    await shot(owner, 'card-05-editor', 400);

    await onScreen(owner, '#editor-share').click();
    await expect.poll(() => onScreen(owner, '#editor-share-url').innerText()).toContain(`id=${card.id}&share=`);
    await onScreen(owner, '#editor-open-poster').click();
    await owner.waitForURL(/pages\/card-poster\/index/);
    await expect.poll(() => onScreen(owner, '#card-poster img').evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth), { timeout: 20_000 }).toBeGreaterThan(100);
    await shot(owner, 'card-06-poster', 800);

    // The public page now shows the new intro and order.
    await openShopPage(owner, suite.shopUrl(`/pages/card/index?id=${card.id}`));
    await expect.poll(() => onScreen(owner, '#card-intro').innerText(), { timeout: 15_000 }).toBe('六年导购经验，擅长护肤搭配。');
    await owner.close();
  });
});
