import { newId } from '@linkmall/kernel';
import { sql, type Db } from '@linkmall/db';
import type { Kysely } from 'kysely';
import type { StorefrontTables } from './storefront-tables.ts';

const t = (db: Db) => db as Kysely<StorefrontTables>;

/** A storefront's decoration as stored: products by id, in the merchant's order. */
export interface Decoration {
  merchantId: string;
  name: string;
  logoUrl: string | null;
  bannerUrls: string[];
  intro: string;
  featuredProductIds: string[];
  categories: { id: string; name: string; productIds: string[] }[];
}

export interface DecorationWrite {
  readonly name: string;
  readonly logoUrl?: string | null | undefined;
  readonly bannerUrls?: readonly string[] | undefined;
  readonly intro?: string | undefined;
  readonly featuredProductIds?: readonly string[] | undefined;
  readonly categories?: readonly { readonly name: string; readonly productIds: readonly string[] }[] | undefined;
}

export const decorationStore = {
  /** One decoration save of a merchant at a time, so two saves cannot interleave their rows. */
  async lock(tx: Db, merchantId: string): Promise<void> {
    await sql`select pg_advisory_xact_lock(hashtext(${`storefront:${merchantId}`}))`.execute(t(tx));
  },

  async soldProductIds(db: Db, merchantId: string): Promise<string[]> {
    const rows = await t(db).selectFrom('storefront_items').select('product_id').distinct().where('merchant_id', '=', merchantId).execute();
    return rows.map((row) => row.product_id);
  },

  async productPrices(db: Db, merchantId: string): Promise<Map<string, bigint>> {
    const rows = await t(db)
      .selectFrom('storefront_items')
      .select(['product_id', sql<string>`min(retail_price_fen)`.as('price_fen')])
      .where('merchant_id', '=', merchantId)
      .groupBy('product_id')
      .execute();
    return new Map(rows.map((row) => [row.product_id, BigInt(row.price_fen)]));
  },

  async read(db: Db, merchantId: string): Promise<Decoration | null> {
    const storefront = await t(db).selectFrom('storefronts').selectAll().where('merchant_id', '=', merchantId).executeTakeFirst();
    if (!storefront) return null;
    const [featured, categories, grouped] = await Promise.all([
      t(db).selectFrom('storefront_featured_products').select('product_id').where('merchant_id', '=', merchantId).orderBy('position').execute(),
      t(db).selectFrom('storefront_categories').select(['id', 'name']).where('merchant_id', '=', merchantId).orderBy('position').execute(),
      t(db)
        .selectFrom('storefront_category_products as member')
        .innerJoin('storefront_categories as category', 'category.id', 'member.category_id')
        .select(['member.category_id', 'member.product_id'])
        .where('category.merchant_id', '=', merchantId)
        .orderBy('member.position')
        .execute(),
    ]);
    return {
      merchantId,
      name: storefront.name,
      logoUrl: storefront.logo_url,
      bannerUrls: [...storefront.banner_urls],
      intro: storefront.intro,
      featuredProductIds: featured.map((row) => row.product_id),
      categories: categories.map((category) => ({
        id: category.id,
        name: category.name,
        productIds: grouped.filter((row) => row.category_id === category.id).map((row) => row.product_id),
      })),
    };
  },

  /**
   * Replaces the decoration. A category keeps its id while its name stays (any letter case), so a
   * shopper's link to a storefront category survives re-ordering and edits.
   */
  async write(tx: Db, merchantId: string, input: DecorationWrite, now: Date): Promise<void> {
    const profile = { name: input.name, logo_url: input.logoUrl ?? null, banner_urls: [...(input.bannerUrls ?? [])], intro: input.intro ?? '', updated_at: now };
    await t(tx)
      .insertInto('storefronts')
      .values({ merchant_id: merchantId, ...profile, created_at: now })
      .onConflict((oc) => oc.column('merchant_id').doUpdateSet(profile))
      .execute();
    await t(tx).deleteFrom('storefront_featured_products').where('merchant_id', '=', merchantId).execute();
    const featured = [...new Set(input.featuredProductIds ?? [])];
    if (featured.length > 0) {
      await t(tx).insertInto('storefront_featured_products').values(featured.map((productId, position) => ({ merchant_id: merchantId, product_id: productId, position }))).execute();
    }
    const existing = await t(tx).selectFrom('storefront_categories').select(['id', 'name', 'created_at']).where('merchant_id', '=', merchantId).execute();
    const byName = new Map(existing.map((row) => [row.name.toLowerCase(), row]));
    // Members go first (cascading), then the categories themselves, so names can move between rows.
    await t(tx).deleteFrom('storefront_categories').where('merchant_id', '=', merchantId).execute();
    for (const [position, category] of (input.categories ?? []).entries()) {
      const kept = byName.get(category.name.toLowerCase());
      const id = kept?.id ?? newId('sfc', now.getTime());
      await t(tx)
        .insertInto('storefront_categories')
        .values({ id, merchant_id: merchantId, name: category.name, position, created_at: kept?.created_at ?? now, updated_at: now })
        .execute();
      const productIds = [...new Set(category.productIds)];
      if (productIds.length > 0) {
        await t(tx).insertInto('storefront_category_products').values(productIds.map((productId, index) => ({ category_id: id, product_id: productId, position: index }))).execute();
      }
    }
  },

  /** Once a product has no SKU left in a storefront, it leaves the featured list and the categories. */
  async dropUnsold(tx: Db, merchantId: string, productId: string): Promise<void> {
    const left = await t(tx).selectFrom('storefront_items').select('sku_id').where('merchant_id', '=', merchantId).where('product_id', '=', productId).executeTakeFirst();
    if (left) return;
    await t(tx).deleteFrom('storefront_featured_products').where('merchant_id', '=', merchantId).where('product_id', '=', productId).execute();
    await t(tx)
      .deleteFrom('storefront_category_products')
      .where('product_id', '=', productId)
      .where('category_id', 'in', (eb) => eb.selectFrom('storefront_categories').select('id').where('merchant_id', '=', merchantId))
      .execute();
  },
};
