import type { DataScope } from '@linkmall/kernel';
import { countRows, pageWindow, type Db, type PageRequest } from '@linkmall/db';
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { ReviewTable, ReviewTables } from './review-tables.ts';

/** The only file that touches the reviews table. */
const t = (db: Db) => db as Kysely<ReviewTables>;

export type ReviewRow = Selectable<ReviewTable>;

export interface StaffFilter {
  readonly productId?: string;
  readonly rating?: number;
  readonly status?: 'visible' | 'hidden';
  readonly replied?: boolean;
}

/** Suppliers see reviews of what they supplied, merchants of what they sold, platform staff all, consumers their own. */
function scoped(db: Db, scope: DataScope) {
  let query = t(db).selectFrom('reviews');
  if (scope.kind === 'supplier') query = query.where('supplier_id', '=', scope.supplierId);
  else if (scope.kind === 'merchant') query = query.where('merchant_id', '=', scope.merchantId);
  else if (scope.kind === 'self') query = query.where('buyer_user_id', '=', scope.userId);
  return query;
}

async function page<Q extends ReturnType<typeof scoped>>(query: Q, request: PageRequest) {
  const { limit, offset } = pageWindow(request);
  const [rows, total] = await Promise.all([
    query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
    countRows(query),
  ]);
  return { rows: rows as ReviewRow[], total };
}

export const reviewStore = {
  async insert(db: Db, rows: readonly Insertable<ReviewTable>[]): Promise<ReviewRow[]> {
    if (rows.length === 0) return [];
    return t(db).insertInto('reviews').values([...rows]).returningAll().execute();
  },

  async reviewedLines(db: Db, orderLineIds: readonly string[]): Promise<string[]> {
    if (orderLineIds.length === 0) return [];
    return (await t(db).selectFrom('reviews').select('order_line_id').where('order_line_id', 'in', orderLineIds).execute()).map((row) => row.order_line_id);
  },

  async find(db: Db, id: string, scope: DataScope, options: { forUpdate?: boolean } = {}): Promise<ReviewRow | undefined> {
    const query = scoped(db, scope).selectAll().where('id', '=', id);
    return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
  },

  async visibleOfProduct(db: Db, productId: string, request: PageRequest) {
    return page(t(db).selectFrom('reviews').where('product_id', '=', productId).where('status', '=', 'visible'), request);
  },

  /** Average and count over visible reviews, plus how many gave each star. */
  async summaryOfProduct(db: Db, productId: string) {
    const rows = await t(db)
      .selectFrom('reviews')
      .select(['rating', (eb) => eb.fn.countAll<string | number | bigint>().as('count')])
      .where('product_id', '=', productId)
      .where('status', '=', 'visible')
      .groupBy('rating')
      .execute();
    return rows.map((row) => ({ rating: Number(row.rating), count: Number(row.count) }));
  },

  async listScoped(db: Db, scope: DataScope, filter: StaffFilter, request: PageRequest) {
    let query = scoped(db, scope);
    if (filter.productId) query = query.where('product_id', '=', filter.productId);
    if (filter.rating) query = query.where('rating', '=', filter.rating);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.replied !== undefined) query = query.where('replied_at', filter.replied ? 'is not' : 'is', null);
    return page(query, request);
  },

  /** Sets the reply only if there is none yet; the row when this call wrote it. */
  async reply(db: Db, id: string, reply: { content: string; by: string; organizationId: string; now: Date }): Promise<ReviewRow | undefined> {
    return t(db)
      .updateTable('reviews')
      .set({ reply_content: reply.content, reply_by: reply.by, reply_organization_id: reply.organizationId, replied_at: reply.now })
      .where('id', '=', id)
      .where('replied_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
  },

  /** visible → hidden, guarded; the row when this call hid it. */
  async hide(db: Db, id: string, hide: { reason: string; by: string; now: Date }): Promise<ReviewRow | undefined> {
    return t(db)
      .updateTable('reviews')
      .set({ status: 'hidden', hidden_reason: hide.reason, hidden_by: hide.by, hidden_at: hide.now })
      .where('id', '=', id)
      .where('status', '=', 'visible')
      .returningAll()
      .executeTakeFirst();
  },
};
