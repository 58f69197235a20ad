import type { Db } from '@linkmall/db';
import type { Kysely, Selectable } from 'kysely';
import type { LogisticsTables, LogisticsTrackTable } from './logistics-tables.ts';
import type { TrackingCheckpoint, TrackingResult } from './logistics-tracker.ts';

/** The only file that touches logistics_tracks; reads of sub-orders for tracking live here too. */
const t = (db: Db) => db as Kysely<LogisticsTables>;

export type TrackRow = Omit<Selectable<LogisticsTrackTable>, 'checkpoints'> & { checkpoints: TrackingCheckpoint[] };

const parsed = (row: Selectable<LogisticsTrackTable>): TrackRow => ({
  ...row,
  checkpoints: typeof row.checkpoints === 'string' ? (JSON.parse(row.checkpoints) as TrackingCheckpoint[]) : row.checkpoints,
});

/** A sub-order as tracking sees it: who shipped what to whom. */
export interface ShipmentRow {
  id: string;
  order_id: string;
  supplier_id: string;
  status: string;
  carrier: string | null;
  tracking_number: string | null;
  shipped_at: Date | null;
  delivery_method: 'delivery' | 'pickup';
  shipping_address: unknown;
}

export const logisticsStore = {
  /** Called in the ship transaction: the parcel is due for its first query at once. */
  async register(db: Db, input: { subOrderId: string; carrierCode: string | null; trackingNumber: string; source: 'kuaidi100' | 'offline'; now: Date }) {
    await t(db)
      .insertInto('logistics_tracks')
      .values({
        sub_order_id: input.subOrderId,
        carrier_code: input.carrierCode,
        tracking_number: input.trackingNumber,
        source: input.source,
        status: 'shipped',
        checkpoints: '[]',
        refreshed_at: null,
        next_refresh_at: input.now,
        last_error: null,
        created_at: input.now,
        updated_at: input.now,
      })
      .onConflict((oc) =>
        oc.column('sub_order_id').doUpdateSet({
          carrier_code: input.carrierCode,
          tracking_number: input.trackingNumber,
          source: input.source,
          status: 'shipped',
          checkpoints: '[]',
          refreshed_at: null,
          next_refresh_at: input.now,
          last_error: null,
          updated_at: input.now,
        }),
      )
      .execute();
  },

  async tracksOf(db: Db, subOrderIds: readonly string[]): Promise<TrackRow[]> {
    if (subOrderIds.length === 0) return [];
    return (await t(db).selectFrom('logistics_tracks').selectAll().where('sub_order_id', 'in', subOrderIds).execute()).map(parsed);
  },

  /**
   * Takes the right to ask the tracker about one parcel: true for exactly one caller per interval,
   * because the guarded update moves `next_refresh_at` forward as it wins.
   */
  async claim(db: Db, subOrderId: string, now: Date, nextRefreshAt: Date): Promise<boolean> {
    const result = await t(db)
      .updateTable('logistics_tracks')
      .set({ next_refresh_at: nextRefreshAt })
      .where('sub_order_id', '=', subOrderId)
      .where('next_refresh_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** Parcels of still-shipped sub-orders whose refresh is due, claimed for this run (skipping other workers' rows). */
  async claimDue(db: Db, now: Date, nextRefreshAt: Date, limit: number): Promise<TrackRow[]> {
    const rows = await t(db)
      .updateTable('logistics_tracks')
      .set({ next_refresh_at: nextRefreshAt })
      .where('sub_order_id', 'in', (eb) =>
        eb
          .selectFrom('logistics_tracks as due')
          .innerJoin('sub_orders', 'sub_orders.id', 'due.sub_order_id')
          .select('due.sub_order_id')
          .where('sub_orders.status', '=', 'shipped')
          .where('due.status', 'not in', ['delivered', 'returned'])
          .where('due.next_refresh_at', '<=', now)
          .orderBy('due.next_refresh_at')
          .limit(limit)
          .forUpdate('due')
          .skipLocked(),
      )
      .returningAll()
      .execute();
    return rows.map(parsed);
  },

  async saveResult(db: Db, subOrderId: string, result: TrackingResult, source: 'kuaidi100' | 'offline', now: Date) {
    await t(db)
      .updateTable('logistics_tracks')
      .set({ status: result.status, checkpoints: JSON.stringify(result.checkpoints), source, refreshed_at: now, last_error: null, updated_at: now })
      .where('sub_order_id', '=', subOrderId)
      .execute();
  },

  /** A failed query keeps the checkpoints we had; the error is kept for staff to see. */
  async saveFailure(db: Db, subOrderId: string, error: string, now: Date) {
    await t(db).updateTable('logistics_tracks').set({ last_error: error, updated_at: now }).where('sub_order_id', '=', subOrderId).execute();
  },

  /** Shipped (or later) sub-orders of one order, for its buyer; empty when the order is not theirs. */
  async shipmentsOfOrder(db: Db, orderId: string, buyerUserId: string): Promise<{ found: boolean; shipments: ShipmentRow[] }> {
    const order = await t(db).selectFrom('orders').select('id').where('id', '=', orderId).where('buyer_user_id', '=', buyerUserId).executeTakeFirst();
    if (!order) return { found: false, shipments: [] };
    return { found: true, shipments: await shipments(db).where('sub_orders.order_id', '=', orderId).execute() };
  },

  async shipment(db: Db, subOrderId: string): Promise<ShipmentRow | undefined> {
    return shipments(db).where('sub_orders.id', '=', subOrderId).executeTakeFirst();
  },

  /** Sub-orders shipped under one tracking number (several sub-orders may share a parcel). */
  async shipmentsByTrackingNumber(db: Db, trackingNumber: string): Promise<(ShipmentRow & { carrier_code: string | null })[]> {
    return shipments(db)
      .leftJoin('logistics_tracks', 'logistics_tracks.sub_order_id', 'sub_orders.id')
      .select('logistics_tracks.carrier_code')
      .where('sub_orders.tracking_number', '=', trackingNumber)
      .execute();
  },

  /** The status changes our system recorded for these sub-orders, oldest first. */
  async historyOf(db: Db, subOrderIds: readonly string[]) {
    if (subOrderIds.length === 0) return [];
    return t(db)
      .selectFrom('order_status_history')
      .select(['sub_order_id', 'from_status', 'to_status', 'event', 'occurred_at'])
      .where('sub_order_id', 'in', subOrderIds)
      .where('to_status', 'in', ['shipped', 'received'])
      .orderBy('occurred_at')
      .orderBy('id')
      .execute();
  },
};

function shipments(db: Db) {
  return t(db)
    .selectFrom('sub_orders')
    .innerJoin('orders', 'orders.id', 'sub_orders.order_id')
    .select([
      'sub_orders.id',
      'sub_orders.order_id',
      'sub_orders.supplier_id',
      'sub_orders.status',
      'sub_orders.carrier',
      'sub_orders.tracking_number',
      'sub_orders.shipped_at',
      'orders.delivery_method',
      'orders.shipping_address',
    ])
    .where('sub_orders.shipped_at', 'is not', null)
    .orderBy('sub_orders.created_at')
    .orderBy('sub_orders.id');
}
