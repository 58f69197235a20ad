import type { Db, Kysely } from '@linkmall/db';
import type { StoreTables } from './store-tables.ts';

/**
 * Province and city of these stores, open or closed, read with the caller's `db` (an outbox
 * subscriber reads inside its delivery transaction): where a pickup order's goods went.
 */
export async function storeRegions(db: Db, storeIds: readonly string[]): Promise<Map<string, { province: string; city: string }>> {
  const ids = [...new Set(storeIds)];
  if (ids.length === 0) return new Map();
  const rows = await (db as Kysely<StoreTables>).selectFrom('stores').select(['id', 'province', 'city']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, { province: row.province, city: row.city }]));
}
