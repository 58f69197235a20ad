import { err, newId, ok, type DataScope, type RequestContext, type Result } from '@linkmall/kernel';
import { countRows, inTransaction, pageWindow, type Db } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import { publishEvent } from '@linkmall/events';
import type { Kysely, Selectable } from 'kysely';
import { boundingBox, distanceMeters, type Coordinates } from './domain/geo.ts';
import type { StoreErrorCode } from './store-errors.ts';
import type { StoreTable, StoreTables } from './store-tables.ts';

const t = (db: Db) => db as Kysely<StoreTables>;
type StoreRow = Selectable<StoreTable>;

export interface StoreView {
  id: string;
  merchantId: string;
  name: string;
  province: string;
  city: string;
  district: string;
  address: string;
  latitude: number;
  longitude: number;
  phone: string | null;
  status: 'open' | 'closed';
}

const toView = (row: StoreRow): StoreView => ({
  id: row.id,
  merchantId: row.merchant_id,
  name: row.name,
  province: row.province,
  city: row.city,
  district: row.district,
  address: row.address,
  latitude: row.latitude,
  longitude: row.longitude,
  phone: row.phone,
  status: row.status,
});

/** Stores belong to merchants: a merchant's staff see only their own, suppliers and consumers none here. */
function scoped(db: Db, scope: DataScope) {
  let query = t(db).selectFrom('stores');
  if (scope.kind === 'merchant') query = query.where('merchant_id', '=', scope.merchantId);
  else if (scope.kind !== 'all') query = query.where('merchant_id', '=', '__none__');
  return query;
}

export interface NewStore {
  merchantId: string;
  name: string;
  province: string;
  city: string;
  district: string;
  address: string;
  latitude: number;
  longitude: number;
  phone?: string | null;
}

export function createStoreService(db: Db) {
  return {
    async list(ctx: RequestContext, page: { page: number; pageSize: number }) {
      const query = scoped(db, ctx.actor!.scope);
      const { limit, offset } = pageWindow(page);
      const [rows, total] = await Promise.all([
        query.selectAll().orderBy('created_at').orderBy('id').limit(limit).offset(offset).execute(),
        countRows(query),
      ]);
      return { items: rows.map(toView), total };
    },

    async get(ctx: RequestContext, id: string): Promise<Result<StoreView, StoreErrorCode>> {
      const row = await scoped(db, ctx.actor!.scope).selectAll().where('id', '=', id).executeTakeFirst();
      return row ? ok(toView(row)) : err('store_not_found');
    },

    /**
     * Open stores within `radiusMeters` of the shopper, nearest first (门店自提 picks from these).
     * The box query discards far stores in the database; exact distances are computed here.
     */
    async nearby(center: Coordinates, radiusMeters: number, limit: number): Promise<Array<StoreView & { distanceMeters: number }>> {
      const box = boundingBox(center, radiusMeters);
      const rows = await t(db)
        .selectFrom('stores')
        .selectAll()
        .where('status', '=', 'open')
        .where('latitude', '>=', box.minLatitude)
        .where('latitude', '<=', box.maxLatitude)
        .where('longitude', '>=', box.minLongitude)
        .where('longitude', '<=', box.maxLongitude)
        .execute();
      return rows
        .map((row) => ({ ...toView(row), distanceMeters: Math.round(distanceMeters(center, row)) }))
        .filter((store) => store.distanceMeters <= radiusMeters)
        .sort((a, b) => a.distanceMeters - b.distanceMeters || a.id.localeCompare(b.id))
        .slice(0, limit);
    },

    /** Whether a store exists and is open, e.g. as a pickup point at checkout. */
    async isOpen(id: string): Promise<boolean> {
      const row = await t(db).selectFrom('stores').select('status').where('id', '=', id).executeTakeFirst();
      return row?.status === 'open';
    },

    /** Open stores for the shop's home page. */
    async listOpen(limit: number): Promise<StoreView[]> {
      const rows = await t(db).selectFrom('stores').selectAll().where('status', '=', 'open').orderBy('created_at').limit(limit).execute();
      return rows.map(toView);
    },

    async count(ctx: RequestContext): Promise<number> {
      return countRows(scoped(db, ctx.actor!.scope));
    },

    async create(ctx: RequestContext, input: NewStore): Promise<StoreView> {
      const now = ctx.clock.now();
      const { merchantId, phone, ...address } = input;
      const row: StoreRow = { id: newId('sto', now.getTime()), merchant_id: merchantId, ...address, phone: phone ?? null, status: 'open', created_at: now, updated_at: now };
      await inTransaction(db, async (tx) => {
        await t(tx).insertInto('stores').values(row).execute();
        await recordAudit(tx, ctx, { action: 'store.created', entityType: 'store', entityId: row.id, organizationId: row.merchant_id, before: null, after: toView(row) });
        await publishEvent(tx, ctx, { type: 'store.created', aggregateId: row.id, payload: { storeId: row.id, merchantId: row.merchant_id } });
      });
      return toView(row);
    },
  };
}
export type StoreService = ReturnType<typeof createStoreService>;
