import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '@linkmall/db';
import { fixedClock, systemContext, type Clock, type RequestContext } from '@linkmall/kernel';
import { createTestDatabase, testServerUrl, type TestDatabase } from '@linkmall/testing';
import { recommendationStore } from '../src/recommendation-store.ts';
import { createRecommendationModule, InteractionModel, personKeyOf, type CardInterest, type PurchaseFact, type RecommendationModule, type ShowableProduct } from '../src/index.ts';

let database: TestDatabase;
let now = new Date('2026-11-22T02:00:00Z');
const clock: Clock = { now: () => now };
const ctx = (): RequestContext => systemContext(clock, 'test');

// The ports over plain arrays: what "the order module" and "radar" hold right now.
const paidOrders: PurchaseFact[] = [];
const cardRows: CardInterest[] = [];
const onShelf = new Set<string>();
let module: RecommendationModule;

const shelfProduct = (productId: string): ShowableProduct => ({ productId, title: `商品 ${productId}`, subtitle: '', category: '测试', imageUrl: null, retailPriceFen: 1990n, hotProduct: false });

/** A small seeded generator, so the "random" stream is the same on every run. */
function seeded(seed: number) {
  let state = seed;
  return () => ((state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
}

beforeAll(async () => {
  database = await createTestDatabase();
  module = createRecommendationModule({
    db: database.db,
    clock,
    purchases: {
      ofOrders: async (_db, ids) => paidOrders.filter((order) => ids.includes(order.orderId)),
      after: async (_db, afterId, limit) => [...paidOrders].sort((left, right) => (left.orderId < right.orderId ? -1 : 1)).filter((order) => !afterId || order.orderId > afterId).slice(0, limit),
    },
    cardBehaviour: { after: async (_db, afterId, limit) => cardRows.filter((row) => row.id > afterId).slice(0, limit) },
    shelf: {
      showable: async (_scope, ids) => new Map(ids.filter((id) => onShelf.has(id)).map((id) => [id, shelfProduct(id)])),
      more: async (_scope, limit) => [...onShelf].sort().slice(0, limit).map(shelfProduct),
    },
  });
});
afterAll(() => database?.destroy());

const rows = async (text: string) => (await database.executeSql(text)).rows;
async function snapshot() {
  return {
    interactions: await rows('select person_key, product_id, source, first_at from recommendation_interactions order by 1, 2'),
    products: await rows('select product_id, persons, orders from recommendation_products order by 1'),
    pairs: await rows('select product_id, other_product_id, persons from recommendation_pairs order by 1, 2'),
    regions: await rows('select province, city, product_id, orders from recommendation_region_products order by 1, 2, 3'),
    people: await rows('select person_key, province, city, order_id from recommendation_person_regions order by 1'),
    applied: await rows('select order_id from recommendation_applied_orders order by 1'),
  };
}
const applyOrder = (orderId: string) => inTransaction(database.db, (tx) => module.applyPaidOrder(tx, ctx(), orderId));

describe('incremental maintenance equals a rebuild', () => {
  it('after a shuffled stream with duplicate deliveries and late card rows', async () => {
    const random = seeded(42);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const products = Array.from({ length: 14 }, (_, index) => `prd_${String(index).padStart(2, '0')}`);
    const people = Array.from({ length: 10 }, (_, index) => `usr_${index}`);
    const regions = [{ province: '浙江省', city: '杭州市' }, { province: '浙江省', city: '宁波市' }, { province: '上海市', city: '上海市' }, null];
    for (let index = 0; index < 36; index++) {
      const basket = Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(products));
      paidOrders.push({ orderId: `ord_${String(index).padStart(3, '0')}`, personKey: pick(people), paidAt: new Date(Date.UTC(2026, 9, 1 + Math.floor(random() * 40))), productIds: basket, region: pick(regions) });
    }
    // order.paid arrives out of order, a third of them twice (a redelivery after a lost acknowledgement).
    const deliveries = [...paidOrders.map((order) => order.orderId), ...paidOrders.filter(() => random() < 0.33).map((order) => order.orderId)].sort(() => random() - 0.5);
    for (const orderId of deliveries) await applyOrder(orderId);
    expect(await applyOrder('ord_000')).toBe(false);

    // Card clicks by visitors, some signed in as the buyers; each batch is read by the job as it lands.
    for (let batch = 0; batch < 4; batch++) {
      for (let index = 0; index < 15; index++) {
        const id = BigInt(cardRows.length + 1);
        const visitorId = `visitor-${Math.floor(random() * 6)}-0123456789`;
        cardRows.push({ id, visitorId, userId: random() < 0.4 ? pick(people) : null, productId: pick(products), occurredAt: now, receivedAt: now });
      }
      now = new Date(now.getTime() + 120_000);
      await module.ingestCardBehaviour(ctx(), 7);
    }

    const incremental = await snapshot();
    expect(incremental.applied).toHaveLength(36);
    const rebuilt = await module.rebuild(ctx());
    // No categories wired: no category strength to fit.
    expect(rebuilt).toEqual({ orders: 36, cardRows: 60, categoryPseudoPurchases: null });
    expect(await snapshot()).toEqual(incremental);

    // And both equal the in-memory reference the offline evaluation trains.
    const reference = new InteractionModel();
    for (const order of paidOrders) reference.applyOrder(order);
    for (const row of cardRows) reference.meet(personKeyOf(row), [row.productId]);
    expect(Object.fromEntries(incremental.pairs.map((row: any) => [`${row.product_id}|${row.other_product_id}`, Number(row.persons)]))).toEqual(Object.fromEntries(reference.pairEntries()));
    expect(Object.fromEntries(incremental.products.map((row: any) => [row.product_id, Number(row.persons)]))).toEqual(Object.fromEntries(reference.persons));
  });

  it('keeps the card watermark behind rows too young to be sure nothing before them is still uncommitted', async () => {
    const before = await rows("select position from recommendation_watermarks where name = 'radar.product-interests'");
    cardRows.push({ id: BigInt(cardRows.length + 1), visitorId: 'visitor-late-0123456789', userId: null, productId: 'prd_late', occurredAt: now, receivedAt: now });
    const first = await module.ingestCardBehaviour(ctx());
    expect(first).toEqual({ rows: 1, newInteractions: 1 });
    expect(await rows("select position from recommendation_watermarks where name = 'radar.product-interests'")).toEqual(before);
    now = new Date(now.getTime() + 61_000);
    // Read again (harmless: the visitor already met the product), and now passed.
    expect(await module.ingestCardBehaviour(ctx())).toEqual({ rows: 1, newInteractions: 0 });
    expect(await rows("select position::int as position from recommendation_watermarks where name = 'radar.product-interests'")).toEqual([{ position: cardRows.length }]);
  });

  it('counts the pair when two transactions add products of one person at the same time', async (test) => {
    // Only a server has two connections; the embedded engine runs one transaction at a time anyway.
    if (!(await testServerUrl())) test.skip();
    let second: Promise<unknown> | undefined;
    await database.db.transaction().execute(async (first) => {
      await recommendationStore.meet(first, 'usr_twin', [{ productId: 'prd_x', at: now }], 'order');
      // The second starts while the first holds prd_x uncommitted: it must wait, then see it.
      second = inTransaction(database.db, (tx) => recommendationStore.meet(tx, 'usr_twin', [{ productId: 'prd_y', at: now }], 'order'));
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    await second;
    expect(await rows("select product_id, other_product_id, persons from recommendation_pairs where product_id in ('prd_x', 'prd_y') order by 1")).toEqual([
      { product_id: 'prd_x', other_product_id: 'prd_y', persons: 1 },
      { product_id: 'prd_y', other_product_id: 'prd_x', persons: 1 },
    ]);
  });
});

describe('serving', () => {
  it('shows only what the shelf allows, in model order, and fills a short list with products on sale', async () => {
    await database.executeSql('truncate recommendation_interactions, recommendation_products, recommendation_pairs, recommendation_region_products, recommendation_person_regions, recommendation_applied_orders');
    paidOrders.length = 0;
    // Two people bought tea with teacups; one bought tea alone; the member bought tea.
    paidOrders.push(
      { orderId: 'ord_s1', personKey: 'usr_a', paidAt: now, productIds: ['tea', 'cups'], region: null },
      { orderId: 'ord_s2', personKey: 'usr_b', paidAt: now, productIds: ['tea', 'cups', 'kettle'], region: null },
      { orderId: 'ord_s3', personKey: 'usr_c', paidAt: now, productIds: ['rice'], region: null },
      { orderId: 'ord_s4', personKey: 'usr_d', paidAt: now, productIds: ['rice'], region: null },
      { orderId: 'ord_s5', personKey: 'usr_e', paidAt: now, productIds: ['rice'], region: null },
      { orderId: 'ord_s6', personKey: 'usr_me', paidAt: now, productIds: ['tea'], region: null },
    );
    for (const order of paidOrders) await applyOrder(order.orderId);
    onShelf.clear();
    for (const id of ['tea', 'cups', 'rice', 'fresh']) onShelf.add(id);

    const items = await module.recommend({ userId: 'usr_me', scope: { merchantId: null }, limit: 4 });
    // cups: seen with tea by two people (similar); rice: best seller; kettle is off the shelf; fresh fills the list.
    expect(items.map((item) => [item.productId, item.reason])).toEqual([['cups', 'similar'], ['rice', 'popular'], ['fresh', 'new']]);
    expect(items[0]!.becauseOf).toBe('tea');
  });
});
