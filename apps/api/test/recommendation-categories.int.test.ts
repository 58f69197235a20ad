import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock, systemContext } from '@linkmall/kernel';
import { startTestPlatform, type TestPlatform } from './harness.ts';
import { buyPackage, deliverOutbox, signUp, type Shopper } from './distribution-checkout.ts';

/**
 * Category affinity on the real platform: orders through checkout and payment, categories from the
 * catalog, the strength fitted from the platform's own purchases. Both teas share Longjing's leaf
 * (绿茶), rice the flower cakes' leaf, walnuts the oranges'. First nobody has come back for a second
 * order: too few buyers to fit, affinity off, plain popularity. Then ten buyers come back to the
 * category of their first order (rice then cakes, oranges then walnuts) and the nightly rebuild
 * refits: a finite strength, and the member who bought Longjing sees Anji white tea above the
 * better-selling cakes and rice (no one bought the two teas together: the lift is the category's).
 */
let t: TestPlatform;
const skuOf = new Map<string, string>();
const productOf = new Map<string, string>();
let member: Shopper;

const TITLES = { longjing: '西湖龙井明前茶', whiteTea: '安吉白茶礼盒', rice: '五常稻花香大米', cake: '云南鲜花饼礼盒 10枚', orange: '赣南脐橙 5kg', walnut: '临安山核桃仁' } as const;

/** One paid delivery order of the product, through checkout and the sandbox payment. */
const buy = (shopper: Shopper, product: keyof typeof TITLES) => buyPackage(t, shopper, skuOf.get(product)!);

const titlesFor = async (token?: string) =>
  ((await t.json('GET', '/shop/recommendations?limit=3', token ? { token } : {})).body as { items: { title: string; reason: string }[] }).items.map((item) => [item.title, item.reason]);

beforeAll(async () => {
  t = await startTestPlatform();
  for (const [name, title] of Object.entries(TITLES)) {
    const { rows } = await t.database.executeSql('select s.id as sku_id, p.id as product_id from skus s join products p on p.id = s.product_id where p.title = $1 order by s.position limit 1', [title]);
    const row = rows[0] as { sku_id: string; product_id: string };
    skuOf.set(name, row.sku_id);
    productOf.set(name, row.product_id);
  }
  const shareCategory = (from: keyof typeof TITLES, to: keyof typeof TITLES) =>
    t.database.executeSql('update products set category_id = (select category_id from products where id = $1) where id = $2', [productOf.get(from), productOf.get(to)]);
  await shareCategory('longjing', 'whiteTea');
  await shareCategory('cake', 'rice');
  await shareCategory('orange', 'walnut');
  // Best sellers so far: cakes and rice (three buyers each), white tea (two), Longjing (the member alone).
  const shoppers = await Promise.all(Array.from({ length: 9 }, (_, index) => signUp(t, `category-shopper-${index}`)));
  for (const shopper of shoppers.slice(0, 3)) await buy(shopper, 'cake');
  for (const shopper of shoppers.slice(3, 6)) await buy(shopper, 'rice');
  for (const shopper of shoppers.slice(6, 8)) await buy(shopper, 'whiteTea');
  member = shoppers[8]!;
  await buy(member, 'longjing');
  await deliverOutbox(t, systemClock);
});
afterAll(() => t?.close());

describe('category affinity with a fitted strength', () => {
  it('is off while too few buyers have come back to judge, so the member gets plain popularity', async () => {
    expect(await t.platform.recommendations.categoryFit()).toMatchObject({ pseudoPurchases: null, why: 'too few buyers', buyers: 0 });
    const ranked = (await titlesFor(member.token)).map(([title]) => title);
    expect(ranked.slice(0, 2).sort()).toEqual([TITLES.cake, TITLES.rice].sort());
    expect(ranked[2]).toBe(TITLES.whiteTea);
  });

  it('fits a finite strength on the nightly rebuild once buyers keep to their categories', async () => {
    const returning = await Promise.all(Array.from({ length: 10 }, (_, index) => signUp(t, `category-returning-${index}`)));
    for (const shopper of returning.slice(0, 5)) await buy(shopper, 'rice'), await buy(shopper, 'cake');
    for (const shopper of returning.slice(5)) await buy(shopper, 'orange'), await buy(shopper, 'walnut');
    await deliverOutbox(t, systemClock);
    // Until the rebuild the served strength stays what was fitted.
    expect((await t.platform.recommendations.categoryFit())!.pseudoPurchases).toBeNull();
    const rebuilt = await t.platform.recommendations.rebuild(systemContext(systemClock));
    // Each returning buyer's second product scored against their first: the own mix wins at one pseudo purchase.
    expect(rebuilt.categoryPseudoPurchases).toBe(1);
    expect(await t.platform.recommendations.categoryFit()).toMatchObject({ pseudoPurchases: 1, why: 'fitted', buyers: 10, products: 10 });
  });

  it('then ranks the best sellers of the member’s category up', async () => {
    // Orders: cakes 8, rice 8, oranges 5, walnuts 5, white tea 2, Longjing 1; tea 3/29 of the pool. White
    // tea 2 × (1 + 3/29) / (2 · 3/29) = 10.7 against cakes and rice 8 × 1/2 = 4 each.
    const ranked = await titlesFor(member.token);
    expect(ranked[0]).toEqual([TITLES.whiteTea, 'popular']);
    expect(ranked.slice(1).map(([title]) => title).sort()).toEqual([TITLES.cake, TITLES.rice].sort());
  });

  it('leaves a visitor without a history on plain popularity', async () => {
    const titles = (await titlesFor()).map(([title]) => title);
    expect(titles.slice(0, 2).sort()).toEqual([TITLES.cake, TITLES.rice].sort());
    expect([TITLES.orange, TITLES.walnut]).toContain(titles[2]);
  });

  it('orders the card assistant’s candidates the same way', async () => {
    const ranked = await t.platform.recommendations.rankCandidates({ userId: member.id, visitorId: null }, [productOf.get('cake')!, productOf.get('rice')!, productOf.get('whiteTea')!]);
    expect(ranked[0]).toMatchObject({ productId: productOf.get('whiteTea'), reason: 'popular' });
  });
});
