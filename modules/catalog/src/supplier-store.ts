import { countRows, type Db } from '@linkmall/db';
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { SupplierStatus } from './domain/supplier-status.ts';
import type { CatalogTables, SupplierProfileTable } from './catalog-tables.ts';

const t = (db: Db) => db as Kysely<CatalogTables>;

export type SupplierProfileRow = Selectable<SupplierProfileTable>;

export const supplierStore = {
  async find(db: Db, organizationId: string, options: { forUpdate?: boolean } = {}): Promise<SupplierProfileRow | undefined> {
    const query = t(db).selectFrom('supplier_profiles').selectAll().where('organization_id', '=', organizationId);
    return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
  },

  async findByCreditCode(db: Db, creditCode: string): Promise<SupplierProfileRow | undefined> {
    return t(db).selectFrom('supplier_profiles').selectAll().where('credit_code', '=', creditCode).executeTakeFirst();
  },

  /** Profiles, optionally only one organisation's (a supplier's own) and only one status. */
  async list(db: Db, filter: { organizationId?: string; status?: SupplierStatus }, page: { limit: number; offset: number }) {
    let query = t(db).selectFrom('supplier_profiles');
    if (filter.organizationId !== undefined) query = query.where('organization_id', '=', filter.organizationId);
    if (filter.status) query = query.where('status', '=', filter.status);
    const [items, total] = await Promise.all([
      query.selectAll().orderBy('submitted_at', 'desc').orderBy('organization_id').limit(page.limit).offset(page.offset).execute(),
      countRows(query),
    ]);
    return { items, total };
  },

  async insert(db: Db, row: SupplierProfileRow): Promise<void> {
    await t(db).insertInto('supplier_profiles').values(row).execute();
  },

  async update(db: Db, organizationId: string, patch: Updateable<SupplierProfileTable>): Promise<void> {
    await t(db).updateTable('supplier_profiles').set(patch).where('organization_id', '=', organizationId).execute();
  },
};
