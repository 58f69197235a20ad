import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock, systemContext } from '@linkmall/kernel';
import { startTestPlatform, type TestPlatform } from './harness.ts';
import { deliverOutbox, signUp, type Shopper } from './distribution-checkout.ts';

/** Recommendations on the real platform: orders through checkout and payment, order.paid through the outbox. */
let t: TestPlatform;
const skuOf = new Map<string, string>();
const productOf = new Map<string, string>();
let jinliId: string;
let member: Shopper;

const SHANGHAI = { recipientName: '林小雨', phone: '13512345678', province: '上海市', city: '上海市', district: '黄浦区', detail: '南京东路 300 号' };
const CHENGDU = { recipientName: '何明', phone: '13512345679', province: '四川省', city: '成都市', district: '锦江区', detail: '春熙路 18 号' };
const TITLES = { rice: '五常稻花香大米', orange: '赣南脐橙 5kg', cake: '云南鲜花饼礼盒 10枚', tea: '西湖龙井明前茶' } as const;

async function buy(shopper: Shopper, products: (keyof typeof TITLES)[], address = SHANGHAI) {
  const items = products.map((name) => ({ skuId: skuOf.get(name)!, quantity: 1 }));
  const order = await t.json('POST', '/shop/orders', { token: shopper.token, body: { items, deliveryMethod: 'delivery', shippingAddress: address } });
  expect(order.status, JSON.stringify(order.body)).toBe(201);
  const payment = await t.json('POST', `/shop/orders/${order.body.id}/pay`, { token: shopper.token });
  const completed = await t.json('POST', `/shop/pay/sandbox/${payment.body.paymentId}/complete`, { body: { succeeded: true } });
  expect(completed.body.outcome).toBe('applied');
}

const recommend = (query: string, token?: string) => t.json('GET', `/shop/recommendations${query}`, token ? { token } : {});
const titles = (body: { items: { title: string }[] }) => body.items.map((item) => item.title);

beforeAll(async () => {
  t = await startTestPlatform();
  for (const [name, title] of Object.entries(TITLES)) {
    const { rows } = await t.database.executeSql('select s.id as sku_id, p.id as product_id from skus s join products p on p.id = s.product_id where p.title = $1 order by s.position limit 1', [title]);
    const row = rows[0] as { sku_id: string; product_id: string };
    skuOf.set(name, row.sku_id);
    productOf.set(name, row.product_id);
  }
  jinliId = ((await t.database.executeSql("select id from organizations where name = '成都锦里好物小店'")).rows[0] as { id: string }).id;
  // Two shoppers buy oranges with flower cakes; two in Chengdu buy rice; three buy tea alone (the best seller).
  const shoppers = await Promise.all(Array.from({ length: 8 }, (_, index) => signUp(t, `recommend-shopper-${index}`)));
  await buy(shoppers[0]!, ['orange', 'cake']);
  await buy(shoppers[1]!, ['orange', 'cake']);
  await buy(shoppers[2]!, ['rice'], CHENGDU);
  await buy(shoppers[3]!, ['rice'], CHENGDU);
  for (const shopper of shoppers.slice(4, 7)) await buy(shopper, ['tea']);
  member = shoppers[7]!;
  await buy(member, ['orange']);
  await deliverOutbox(t, systemClock);
});
afterAll(() => t?.close());

describe('GET /shop/recommendations', () => {
  it('recommends what people who bought the member’s products also bought, then best sellers', async () => {
    const { status, body } = await recommend('?limit=4', member.token);
    expect(status).toBe(200);
    expect(body.items[0]).toMatchObject({ title: TITLES.cake, reason: 'similar', becauseOf: productOf.get('orange') });
    expect(body.items[1]).toMatchObject({ title: TITLES.tea, reason: 'popular' });
    // Never what the member already bought.
    expect(titles(body)).not.toContain(TITLES.orange);
    expect(body.items).toHaveLength(4);
    expect(body.items[0].retailPriceFen).toBeGreaterThan(0);
  });

  it('falls back to popular in the visitor’s region, then popular overall, then newer products on sale', async () => {
    const chengdu = (await recommend(`?province=${encodeURIComponent('四川省')}&city=${encodeURIComponent('成都市')}&limit=3`)).body;
    expect(chengdu.items[0]).toMatchObject({ title: TITLES.rice, reason: 'popular_in_region' });
    const anywhere = (await recommend('?limit=8')).body;
    expect(anywhere.items[0]).toMatchObject({ title: TITLES.tea, reason: 'popular' });
    expect(anywhere.items.map((item: { reason: string }) => item.reason)).toEqual(['popular', 'popular', 'popular', 'popular', 'new', 'new', 'new', 'new']);
  });

  it('serves only products on sale and in stock, and in a storefront only what it sells, at its prices', async () => {
    await t.database.executeSql('update skus set stock = 0 where product_id = $1', [productOf.get('cake')]);
    expect(titles((await recommend('?limit=10', member.token)).body)).not.toContain(TITLES.cake);
    await t.database.executeSql('update skus set stock = 50 where product_id = $1', [productOf.get('cake')]);
    await t.database.executeSql("update products set status = 'off_sale' where id = $1", [productOf.get('rice')]);
    expect(titles((await recommend(`?province=${encodeURIComponent('四川省')}&limit=10`)).body)).not.toContain(TITLES.rice);
    await t.database.executeSql("update products set status = 'on_sale' where id = $1", [productOf.get('rice')]);

    const sold = (await t.database.executeSql('select product_id, min(retail_price_fen)::int as price from storefront_items where merchant_id = $1 group by product_id', [jinliId])).rows as { product_id: string; price: number }[];
    const prices = new Map(sold.map((row) => [row.product_id, row.price]));
    const inStorefront = (await recommend(`?merchantId=${jinliId}&limit=10`, member.token)).body.items as { productId: string; retailPriceFen: number; title: string }[];
    expect(inStorefront.length).toBeGreaterThan(0);
    for (const item of inStorefront) expect(item.retailPriceFen, item.title).toBe(prices.get(item.productId));
    // The tea is the best seller, but this storefront does not sell it.
    expect(inStorefront.map((item) => item.title)).not.toContain(TITLES.tea);
    expect(inStorefront[0]!.title).toBe(TITLES.cake);
  });

  it('refuses a bad query with a 400', async () => {
    for (const query of ['?limit=0', '?limit=99', `?city=${encodeURIComponent('成都市')}`, '?merchantId=not-an-id', '?visitorId=short']) {
      const { status, body } = await recommend(query);
      expect(status, query).toBe(400);
      expect(body.error.code).toBe('validation_failed');
    }
  });

  it('is the same after a rebuild from scratch', async () => {
    const before = (await recommend('?limit=6', member.token)).body;
    await t.platform.recommendations.rebuild(systemContext(systemClock));
    expect((await recommend('?limit=6', member.token)).body).toEqual(before);
  });
});

describe('the card assistant', () => {
  it('recommends from the visitor’s card clicks when asked what to buy, keeping to the card’s products', async () => {
    const guide = await t.login('13600000003', 'shop');
    const cardId = (await t.json('GET', '/shop/cards/me', { token: guide })).body.id as string;
    const visitorId = `v_${randomBytes(12).toString('base64url')}`;
    const question = { visitorId, question: '有什么推荐的吗？' };

    // Before any behaviour: the card's products by popularity, and the answer cites them.
    const cold = (await t.json('POST', `/public/cards/${cardId}/assistant`, { body: question })).body;
    expect(cold.grounded).toBe(true);
    expect(cold.citations.length).toBeGreaterThan(0);

    await t.json('POST', '/t/consent', { body: { visitorId, cardId, granted: true } });
    const now = new Date().toISOString();
    const tracked = await t.json('POST', '/t/events', { body: { visitorId, cardId, events: [{ kind: 'view', at: now }, { kind: 'product_click', at: now, productId: productOf.get('orange') }] } });
    expect(tracked.status).toBeLessThan(300);
    expect((await t.platform.recommendations.ingestCardBehaviour(systemContext(systemClock))).newInteractions).toBe(1);

    const warm = (await t.json('POST', `/public/cards/${cardId}/assistant`, { body: { ...question, question: '买什么好？' } })).body;
    expect(warm.citations[0]).toMatchObject({ kind: 'product', title: TITLES.cake });
    expect(warm.answer).toContain(TITLES.cake);
    // The tea is the platform's best seller, but not on this card.
    expect(warm.citations.map((citation: { title: string }) => citation.title)).not.toContain(TITLES.tea);
    // A question about one product is still answered from retrieval.
    expect((await t.json('POST', `/public/cards/${cardId}/assistant`, { body: { visitorId, question: '赣南脐橙怎么卖' } })).body.citations[0].title).toBe(TITLES.orange);
  });
});
