import { sql, type Db } from '@linkmall/db';
import type { RawBuilder } from 'kysely';

/** Reads for the shop's product lists; like product-store.ts, the only code touching these tables for them. */

export interface ShopListFilter {
  /** Groups of alternative tokens (see `queryGroups`); absent for a plain newest-first list. */
  readonly groups?: readonly (readonly string[])[];
  /** Only products filed under these leaf categories. */
  readonly categoryIds?: readonly string[];
  /** Only these products (a storefront's). */
  readonly productIds?: readonly string[];
}

export interface ShopListRow {
  id: string;
  title: string;
  subtitle: string;
  category: string;
  category_id: string | null;
  image_url: string | null;
  origin: string | null;
  hot_product: boolean;
  price_fen: bigint | string | null;
}

const VECTOR = sql`product_search_vector(p.search_title_tokens, p.search_tokens)`;

/** One token as a query; `plainto_tsquery` parses it, so user text never reaches tsquery syntax. */
const tokenQuery = (token: string) => sql`plainto_tsquery('simple', ${token})`;
const groupQuery = (group: readonly string[]) => sql`(${sql.join(group.map(tokenQuery), sql` || `)})`;

function conditions(filter: ShopListFilter, anyToken: RawBuilder<unknown> | null) {
  const where = [sql`p.status = 'on_sale'`];
  if (anyToken) where.push(sql`${VECTOR} @@ ${anyToken}`);
  if (filter.categoryIds) where.push(sql`p.category_id = any(${[...filter.categoryIds]}::text[])`);
  if (filter.productIds) where.push(sql`p.id = any(${[...filter.productIds]}::text[])`);
  return sql.join(where, sql` and `);
}

export const shopProductStore = {
  /**
   * On-sale products, newest first, or, with query groups, those matching any group ranked by how
   * many groups they match, then by `ts_rank` (title tokens weigh more than the rest).
   */
  async list(db: Db, filter: ShopListFilter, page: { limit: number; offset: number }): Promise<{ rows: ShopListRow[]; total: number }> {
    if ((filter.categoryIds && filter.categoryIds.length === 0) || (filter.productIds && filter.productIds.length === 0)) return { rows: [], total: 0 };
    const groups = filter.groups && filter.groups.length > 0 ? filter.groups : null;
    const anyToken = groups ? groupQuery(groups.flat()) : null;
    const where = conditions(filter, anyToken);
    const matched = groups ? sql.join(groups.map((group) => sql`(${VECTOR} @@ ${groupQuery(group)})::int`), sql` + `) : sql`0`;
    const rank = anyToken ? sql`ts_rank(${VECTOR}, ${anyToken})` : sql`0`;
    const order = groups ? sql`matched desc, rank desc, p.id` : sql`p.created_at desc, p.id desc`;
    const [rows, count] = await Promise.all([
      sql<ShopListRow>`
        select p.id, p.title, p.subtitle, p.category, p.category_id, p.image_url, p.origin, p.hot_product,
          (select min(coalesce(s.fixed_retail_price_fen, s.suggested_retail_price_fen)) from skus s where s.product_id = p.id) as price_fen,
          ${matched} as matched, ${rank} as rank
        from products p
        where ${where}
        order by ${order}
        limit ${page.limit} offset ${page.offset}`.execute(db),
      sql<{ total: number }>`select count(*)::int as total from products p where ${where}`.execute(db),
    ]);
    return { rows: rows.rows, total: Number(count.rows[0]?.total ?? 0) };
  },
};
