import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mentionsIncomePromise, pricesMentioned } from '@linkmall/assistant';
import { startAssistantPlatform, visitorId, type AssistantPlatform } from './assistant-setup.ts';

let t: AssistantPlatform;
let guide: string;
let guideId: string;
const products = new Map<string, string>();

beforeAll(async () => {
  t = await startAssistantPlatform();
  // 孙丽, shop guide of 成都锦里好物小店 (five products in its storefront), signed in to the shop.
  guide = await t.login('13600000003', 'shop');
  guideId = await t.userId('13600000003');
  for (const row of await t.sql<{ id: string; title: string }>('select id, title from products')) products.set(row.title, row.id);
});
afterAll(() => t?.close());

const lead = (leadId: string, ownerUserId: string, name: string | null, viewed: [title: string, seconds: number][]) =>
  t.leads.set(leadId, { name, stage: 'new', tags: [], ownerUserId, viewedProducts: viewed.map(([title, seconds]) => ({ productId: products.get(title)!, title, seconds })) });

describe('drafted follow-ups and invitations', () => {
  it('drafts a follow-up with the lead’s name, the product they looked at longest, its storefront price and a coupon', async () => {
    lead('led_01jd3x7k9q2w8e5r4t6y1u3i01', guideId, '林小雨', [['氨基酸洁面乳', 40], ['烟酰胺焕亮精华液', 300]]);
    const { status, body } = await t.json('POST', '/shop/assistant/follow-up', { token: guide, body: { leadId: 'led_01jd3x7k9q2w8e5r4t6y1u3i01' } });
    expect(status).toBe(200);
    expect(body.model).toBe('offline');
    expect(body.visitorName).toBe('林小雨');
    expect(body.products.map((product: { title: string }) => product.title)).toEqual(['烟酰胺焕亮精华液', '氨基酸洁面乳']);
    expect(body.products[0].priceFen).toBe(15900);
    // The newest claimable coupon of the platform, valid in this storefront too.
    expect(body.coupon).toEqual({ name: '新人无门槛5元', summary: '无门槛减5元' });
    expect(body.text).toContain('林小雨');
    expect(body.text).toContain('孙丽');
    expect(body.text).toMatch(/烟酰胺焕亮精华液/);
    // Only the catalog's price and the coupon's own amount.
    expect(pricesMentioned(body.text).every((price) => price === 15900n || price === 500n)).toBe(true);
    expect(mentionsIncomePromise(body.text)).toBe(false);
  });

  it('writes English by Accept-Language', async () => {
    const { body } = await t.json('POST', '/shop/assistant/follow-up', { token: guide, body: { leadId: 'led_01jd3x7k9q2w8e5r4t6y1u3i01' }, headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(body.text).toMatch(/^(Hi 林小雨|Hi 林小雨!)/);
    expect(body.coupon.summary).toBe('¥5 off, no minimum');
  });

  it('does not draft for another owner’s lead or a lead that does not exist', async () => {
    lead('led_01jd3x7k9q2w8e5r4t6y1u3i02', 'usr_someone_else', '何明', [['氨基酸洁面乳', 40]]);
    for (const leadId of ['led_01jd3x7k9q2w8e5r4t6y1u3i02', 'led_01jd3x7k9q2w8e5r4t6y1u3i09']) {
      const response = await t.json('POST', '/shop/assistant/follow-up', { token: guide, body: { leadId } });
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('assistant_lead_not_found');
    }
    expect((await t.json('POST', '/shop/assistant/follow-up', { token: guide, body: { leadId: 'not-an-id' } })).status).toBe(400);
  });

  it('drafts an invitation to a product the owner sells, and refuses one they do not', async () => {
    const orange = products.get('赣南脐橙 5kg')!;
    const { status, body } = await t.json('POST', '/shop/assistant/invitation', { token: guide, body: { productId: orange } });
    expect(status).toBe(200);
    expect(body.visitorName).toBeNull();
    expect(body.products[0]).toMatchObject({ productId: orange, title: '赣南脐橙 5kg', priceFen: 5980 });
    expect(body.text).toContain('赣南脐橙 5kg');
    expect(body.text.startsWith('您好')).toBe(true);
    const tea = await t.json('POST', '/shop/assistant/invitation', { token: guide, body: { productId: products.get('西湖龙井明前茶') } });
    expect(tea.status).toBe(404);
    expect(tea.body.error.code).toBe('assistant_product_not_found');
  });
});

describe('recommendations for a visitor', () => {
  it('puts what the visitor looked at first, then similar products, then popular ones', async () => {
    // 吴婷's merchant sells nothing in its storefront yet, so her card offers the platform catalog.
    const wu = await t.login('13600000001', 'shop');
    const visitor = visitorId();
    t.behaviours.set(visitor, {
      ownerUserId: await t.userId('13600000001'),
      visitorId: visitor,
      userId: null,
      displayName: null,
      products: [{ productId: products.get('西湖龙井明前茶')!, seconds: 120, clicks: 2 }],
    });
    const { status, body } = await t.json('GET', `/shop/assistant/recommendations?visitorId=${visitor}&limit=5`, { token: wu });
    expect(status).toBe(200);
    expect(body.items[0]).toMatchObject({ productId: products.get('西湖龙井明前茶'), reason: 'viewed', priceFen: 19800 });
    expect(body.items[1]).toMatchObject({ reason: 'similar', becauseOf: products.get('西湖龙井明前茶') });
    expect(body.items[1].title).toMatch(/龙井|明前/);
    expect(body.items.at(-1).reason).toBe('popular');
    expect(new Set(body.items.map((item: { productId: string }) => item.productId)).size).toBe(body.items.length);
  });

  it('falls back to the storefront’s featured products for a visitor with no behaviour', async () => {
    const { body } = await t.json('GET', `/shop/assistant/recommendations?visitorId=${visitorId()}&limit=2`, { token: guide });
    expect(body.items.map((item: { reason: string }) => item.reason)).toEqual(['popular', 'popular']);
    // 锦里's featured products: 云南鲜花饼 and 赣南脐橙.
    expect(body.items.map((item: { title: string }) => item.title).sort()).toEqual(['云南鲜花饼礼盒 10枚', '赣南脐橙 5kg']);
  });
});
