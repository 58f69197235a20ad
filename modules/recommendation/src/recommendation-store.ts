import { sql, type Db, type Kysely } from '@linkmall/db';
import type { Region } from './domain/interaction-model.ts';
import type { RecommendationTables } from './recommendation-tables.ts';

/** The only code touching the recommendation tables (migration 0025). */

const t = (db: Db) => db as Kysely<RecommendationTables>;

const TABLES = [
  'recommendation_interactions',
  'recommendation_products',
  'recommendation_pairs',
  'recommendation_region_products',
  'recommendation_person_regions',
  'recommendation_applied_orders',
  'recommendation_watermarks',
] as const;

/** The directed pairs a person's new products add: each new one with every other product of theirs. */
function newPairs(fresh: readonly string[], existing: readonly string[]): [string[], string[]] {
  const left: string[] = [];
  const right: string[] = [];
  const add = (first: string, second: string) => (left.push(first), right.push(second));
  for (const product of fresh) {
    for (const other of existing) add(product, other), add(other, product);
    for (const other of fresh) if (other !== product) add(product, other);
  }
  // One order for every writer, so two people's transactions never wait on each other's rows in a cycle.
  const order = left.map((_, index) => index).sort((a, b) => (left[a]! < left[b]! ? -1 : left[a]! > left[b]! ? 1 : right[a]! < right[b]! ? -1 : 1));
  return [order.map((index) => left[index]!), order.map((index) => right[index]!)];
}

export const recommendationStore = {
  /**
   * A person meets products, in the caller's transaction; returns the products that were new to them
   * and updates the people counts and pair counts for exactly those. The person's advisory lock makes
   * two transactions for one person take turns, so neither misses the other's products.
   */
  async meet(tx: Db, personKey: string, met: readonly { readonly productId: string; readonly at: Date }[], source: 'order' | 'card'): Promise<string[]> {
    // Each product once, at the earliest time it was met.
    const earliest = new Map<string, Date>();
    for (const { productId, at } of met) if (!earliest.has(productId) || at < earliest.get(productId)!) earliest.set(productId, at);
    const products = [...earliest.keys()].sort();
    if (products.length === 0) return [];
    await sql`select pg_advisory_xact_lock(hashtextextended(${`recommendation:${personKey}`}, 0))`.execute(tx);
    const written = await sql<{ product_id: string; inserted: boolean }>`
      insert into recommendation_interactions as i (person_key, product_id, source, first_at)
      select ${personKey}, met.product, ${source}, met.at
      from unnest(${products}::text[], ${products.map((product) => earliest.get(product)!.toISOString())}::timestamptz[]) as met (product, at)
      order by met.product
      on conflict (person_key, product_id) do update set
        first_at = least(i.first_at, excluded.first_at),
        source = case when i.source = 'order' or excluded.source = 'order' then 'order' else 'card' end
      returning product_id, (xmax = 0) as inserted`.execute(tx);
    const fresh = written.rows.filter((row) => row.inserted).map((row) => row.product_id).sort();
    if (fresh.length === 0) return [];
    const existing = await t(tx).selectFrom('recommendation_interactions').select('product_id').where('person_key', '=', personKey).where('product_id', 'not in', fresh).execute();
    await sql`
      insert into recommendation_products as p (product_id, persons)
      select product, 1 from unnest(${fresh}::text[]) as product order by product
      on conflict (product_id) do update set persons = p.persons + 1`.execute(tx);
    const [left, right] = newPairs(fresh, existing.map((row) => row.product_id));
    if (left.length > 0) {
      await sql`
        insert into recommendation_pairs as r (product_id, other_product_id, persons)
        select pair.product_id, pair.other_product_id, 1
        from unnest(${left}::text[], ${right}::text[]) with ordinality as pair (product_id, other_product_id, position)
        order by pair.position
        on conflict (product_id, other_product_id) do update set persons = r.persons + 1`.execute(tx);
    }
    return fresh;
  },

  /** Marks an order applied; false when it already was (a redelivered event, or one a rebuild met). */
  async claimOrder(tx: Db, orderId: string, now: Date): Promise<boolean> {
    const claimed = await t(tx).insertInto('recommendation_applied_orders').values({ order_id: orderId, applied_at: now }).onConflict((conflict) => conflict.doNothing()).returning('order_id').executeTakeFirst();
    return claimed !== undefined;
  },

  /** Each product of a newly applied order gains an order overall and in the order's region. */
  async countOrder(tx: Db, productIds: readonly string[], region: Region | null): Promise<void> {
    const products = [...new Set(productIds)].sort();
    if (products.length === 0) return;
    await sql`
      insert into recommendation_products as p (product_id, orders)
      select product, 1 from unnest(${products}::text[]) as product order by product
      on conflict (product_id) do update set orders = p.orders + 1`.execute(tx);
    if (!region) return;
    await sql`
      insert into recommendation_region_products as r (province, city, product_id, orders)
      select ${region.province}, ${region.city}, product, 1 from unnest(${products}::text[]) as product order by product
      on conflict (province, city, product_id) do update set orders = r.orders + 1`.execute(tx);
  },

  /** The person's region becomes this order's, unless a later order already set it. */
  async placePerson(tx: Db, personKey: string, region: Region, order: { orderId: string; paidAt: Date }): Promise<void> {
    await sql`
      insert into recommendation_person_regions as r (person_key, province, city, order_paid_at, order_id)
      values (${personKey}, ${region.province}, ${region.city}, ${order.paidAt}, ${order.orderId})
      on conflict (person_key) do update set province = excluded.province, city = excluded.city, order_paid_at = excluded.order_paid_at, order_id = excluded.order_id
      where (excluded.order_paid_at, excluded.order_id) > (r.order_paid_at, r.order_id)`.execute(tx);
  },

  async watermark(db: Db, name: string): Promise<bigint> {
    const row = await t(db).selectFrom('recommendation_watermarks').select('position').where('name', '=', name).executeTakeFirst();
    return row ? BigInt(row.position) : 0n;
  },

  async setWatermark(tx: Db, name: string, position: bigint, now: Date): Promise<void> {
    await t(tx)
      .insertInto('recommendation_watermarks')
      .values({ name, position: position.toString(), updated_at: now })
      .onConflict((conflict) => conflict.column('name').doUpdateSet({ position: position.toString(), updated_at: now }))
      .execute();
  },

  /** Empties every derived table, for a rebuild from the sources. */
  async clear(tx: Db): Promise<void> {
    await sql.raw(`truncate ${TABLES.join(', ')}`).execute(tx);
  },

  // Reads for ranking.

  /** The people's products, most recent first. */
  async productsOf(db: Db, personKeys: readonly string[], limit: number): Promise<string[]> {
    if (personKeys.length === 0) return [];
    const rows = await t(db).selectFrom('recommendation_interactions').select('product_id').where('person_key', 'in', [...personKeys]).orderBy('first_at', 'desc').orderBy('product_id').limit(limit).execute();
    return [...new Set(rows.map((row) => row.product_id))];
  },

  /** Each seed's most shared neighbours (at least `minimumPersons` people in common). */
  async neighbours(db: Db, seeds: readonly string[], minimumPersons: number, perSeed: number): Promise<Map<string, Map<string, number>>> {
    const result = new Map<string, Map<string, number>>();
    if (seeds.length === 0) return result;
    const rows = await sql<{ product_id: string; other_product_id: string; persons: number }>`
      select seed.product_id, near.other_product_id, near.persons
      from unnest(${[...seeds]}::text[]) as seed (product_id)
      cross join lateral (
        select r.other_product_id, r.persons from recommendation_pairs r
        where r.product_id = seed.product_id and r.persons >= ${minimumPersons}
        order by r.persons desc, r.other_product_id
        limit ${perSeed}
      ) as near`.execute(db);
    for (const row of rows.rows) {
      const map = result.get(row.product_id) ?? new Map<string, number>();
      map.set(row.other_product_id, Number(row.persons));
      result.set(row.product_id, map);
    }
    return result;
  },

  async personCounts(db: Db, productIds: readonly string[]): Promise<Map<string, number>> {
    if (productIds.length === 0) return new Map();
    const rows = await t(db).selectFrom('recommendation_products').select(['product_id', 'persons']).where('product_id', 'in', [...new Set(productIds)]).execute();
    return new Map(rows.map((row) => [row.product_id, Number(row.persons)]));
  },

  /** The best-selling products by paid orders. */
  async popular(db: Db, limit: number): Promise<Map<string, number>> {
    const rows = await t(db).selectFrom('recommendation_products').select(['product_id', 'orders']).where('orders', '>', 0).orderBy('orders', 'desc').orderBy('persons', 'desc').orderBy('product_id').limit(limit).execute();
    return new Map(rows.map((row) => [row.product_id, Number(row.orders)]));
  },

  /** Best sellers of a city; of the whole province when the city is unknown or has none. */
  async popularIn(db: Db, region: Region, limit: number): Promise<Map<string, number>> {
    if (region.city) {
      const city = await t(db).selectFrom('recommendation_region_products').select(['product_id', 'orders']).where('province', '=', region.province).where('city', '=', region.city).orderBy('orders', 'desc').orderBy('product_id').limit(limit).execute();
      if (city.length > 0) return new Map(city.map((row) => [row.product_id, Number(row.orders)]));
    }
    const province = await t(db)
      .selectFrom('recommendation_region_products')
      .select((eb) => ['product_id', eb.fn.sum<number>('orders').as('orders')])
      .where('province', '=', region.province)
      .groupBy('product_id')
      .orderBy('orders', 'desc')
      .orderBy('product_id')
      .limit(limit)
      .execute();
    return new Map(province.map((row) => [row.product_id, Number(row.orders)]));
  },

  /**
   * The purchase history the category strength is fitted on: for a deterministic sample of at most
   * `buyers` people with products bought at two or more moments, each product they bought and when
   * they first met it. Products first met at one moment came in one order, so each moment is an
   * order and a buyer's latest moment holds the new products of their latest order.
   */
  async purchaseMoments(db: Db, buyers: number): Promise<{ personKey: string; productId: string; at: Date }[]> {
    const rows = await sql<{ person_key: string; product_id: string; first_at: Date | string }>`
      with sampled as (
        select person_key from recommendation_interactions where source = 'order'
        group by person_key having count(distinct first_at) >= 2
        order by md5(person_key), person_key limit ${buyers}
      )
      select i.person_key, i.product_id, i.first_at from recommendation_interactions i join sampled s on s.person_key = i.person_key
      where i.source = 'order' order by i.person_key, i.first_at, i.product_id`.execute(db);
    return rows.rows.map((row) => ({ personKey: row.person_key, productId: row.product_id, at: new Date(row.first_at) }));
  },

  async regionOf(db: Db, personKey: string): Promise<Region | null> {
    const row = await t(db).selectFrom('recommendation_person_regions').select(['province', 'city']).where('person_key', '=', personKey).executeTakeFirst();
    return row ?? null;
  },
};
