import { sql, type Db } from '@linkmall/db';
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { CatalogTables, CategoryTable } from './catalog-tables.ts';

/** With product-store.ts and supplier-store.ts, the only files that touch the catalog's tables. */
const t = (db: Db) => db as Kysely<CatalogTables>;

export type CategoryRow = Selectable<CategoryTable>;

export const categoryStore = {
  /** The whole tree, in display order: it is small (tens to hundreds of rows) and read as a whole. */
  async all(db: Db): Promise<CategoryRow[]> {
    return t(db).selectFrom('categories').selectAll().orderBy('sort_order').orderBy('name_zh').orderBy('id').execute();
  },

  async find(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<CategoryRow | undefined> {
    const query = t(db).selectFrom('categories').selectAll().where('id', '=', id);
    return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
  },

  async insert(db: Db, row: Insertable<CategoryTable>): Promise<void> {
    await t(db).insertInto('categories').values(row).execute();
  },

  async update(db: Db, id: string, patch: Updateable<CategoryTable>): Promise<void> {
    await t(db).updateTable('categories').set(patch).where('id', '=', id).execute();
  },

  async delete(db: Db, id: string): Promise<void> {
    await t(db).deleteFrom('categories').where('id', '=', id).execute();
  },

  async childCount(db: Db, id: string): Promise<number> {
    const row = await t(db).selectFrom('categories').select(sql<number>`count(*)::int`.as('n')).where('parent_id', '=', id).executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async productCount(db: Db, id: string): Promise<number> {
    const row = await t(db).selectFrom('products').select(sql<number>`count(*)::int`.as('n')).where('category_id', '=', id).executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** Ids of the products filed under these categories, for re-indexing after a rename or move. */
  async productIdsIn(db: Db, categoryIds: readonly string[]): Promise<string[]> {
    if (categoryIds.length === 0) return [];
    const rows = await t(db).selectFrom('products').select('id').where('category_id', 'in', [...categoryIds]).orderBy('id').execute();
    return rows.map((row) => row.id);
  },

  /** A renamed leaf's products carry its new name as their display text. */
  async renameProductsIn(db: Db, categoryId: string, name: string): Promise<void> {
    await t(db).updateTable('products').set({ category: name }).where('category_id', '=', categoryId).execute();
  },

  /** Serialises tree edits, so two concurrent moves cannot build a third level or a duplicate name. */
  async lockTree(db: Db): Promise<void> {
    await sql`select pg_advisory_xact_lock(hashtext('catalog:categories'))`.execute(t(db));
  },
};
