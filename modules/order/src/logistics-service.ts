import { err, ok, type Locale, type RequestContext, type Result } from '@linkmall/kernel';
import type { Db } from '@linkmall/db';
import { carrierByCode, carrierList } from './logistics-carriers.ts';
import type { LogisticsErrorCode } from './logistics-errors.ts';
import { carrierCodeOf, createOfflineLogisticsTracker, describeRecordedEvent, phoneTailOf, recordedCheckpoints } from './logistics-offline-tracker.ts';
import { logisticsStore, type ShipmentRow, type TrackRow } from './logistics-store.ts';
import { FINAL_TRACKING_STATUSES, newestFirst, type LogisticsTracker, type TrackingCheckpoint, type TrackingStatus } from './logistics-tracker.ts';
import { fulfilmentStore } from './fulfilment-store.ts';
import type { OrderErrorCode } from './order-errors.ts';

export interface LogisticsOptions {
  /** The carrier API (Kuaidi100) when configured; absent means the offline tracker answers everything. */
  readonly tracker?: LogisticsTracker;
  /** A reader's visit asks the carrier again only after this long (the carrier bills per query). */
  readonly minRefreshIntervalMs: number;
  /** The scheduled job asks about a parcel in transit this often. */
  readonly pollIntervalMs: number;
}

export interface ParcelView {
  subOrderId: string;
  supplierId: string;
  carrierCode: string | null;
  carrierName: string | null;
  trackingNumber: string | null;
  status: TrackingStatus;
  /** Where the carrier checkpoints came from; our own records are always included. */
  source: 'kuaidi100' | 'offline';
  refreshedAt: string | null;
  checkpoints: Array<{ time: string; location: string | null; description: string; status: TrackingStatus }>;
}

export type StaffParcelView = ParcelView & { lastError: string | null };

export function createLogisticsService(db: Db, options: LogisticsOptions) {
  const offline = createOfflineLogisticsTracker(db);

  /** The tracker for a parcel: the carrier API when we know the carrier's code, else our own records. */
  const trackerFor = (carrierCode: string | null) => (options.tracker && carrierCode ? options.tracker : offline);

  async function ask(tracker: LogisticsTracker, track: TrackRow, shipment: ShipmentRow, now: Date): Promise<void> {
    const result = await tracker.query(track.carrier_code ?? '', track.tracking_number, phoneTailOf(shipment.shipping_address));
    if (result.ok) await logisticsStore.saveResult(db, track.sub_order_id, result.value, tracker.name, now);
    else await logisticsStore.saveFailure(db, track.sub_order_id, result.code, now);
  }

  /** The cached track, refreshed first when its interval has passed and this caller wins the claim. */
  async function current(shipment: ShipmentRow, now: Date): Promise<TrackRow | null> {
    if (!shipment.tracking_number) return null;
    let [track] = await logisticsStore.tracksOf(db, [shipment.id]);
    if (!track) {
      // Parcels shipped before tracking existed get their row on first sight.
      await logisticsStore.register(db, { subOrderId: shipment.id, carrierCode: carrierCodeOf(shipment) || null, trackingNumber: shipment.tracking_number, source: 'offline', now });
      [track] = await logisticsStore.tracksOf(db, [shipment.id]);
    }
    const tracker = trackerFor(track!.carrier_code);
    if (tracker !== offline && !FINAL_TRACKING_STATUSES.has(track!.status) && (await logisticsStore.claim(db, shipment.id, now, new Date(now.getTime() + options.minRefreshIntervalMs)))) {
      await ask(tracker, track!, shipment, now);
      [track] = await logisticsStore.tracksOf(db, [shipment.id]);
    }
    return track!;
  }

  async function view(shipment: ShipmentRow, locale: Locale, now: Date): Promise<StaffParcelView> {
    const track = await current(shipment, now);
    const recorded = await recordedCheckpoints(db, [shipment]);
    const fromCarrier = track && track.source !== 'offline' ? track.checkpoints : [];
    const checkpoints = newestFirst([...fromCarrier, ...recorded]);
    const carrierCode = track?.carrier_code ?? null;
    const carrierName = (carrierCode ? carrierByCode(carrierCode)?.name[locale] : undefined) ?? shipment.carrier;
    const status: TrackingStatus = track && track.source !== 'offline' && track.refreshed_at ? track.status : (recorded[0]?.status ?? 'shipped');
    return {
      subOrderId: shipment.id,
      supplierId: shipment.supplier_id,
      carrierCode,
      carrierName,
      trackingNumber: shipment.tracking_number,
      status,
      source: track?.source ?? 'offline',
      refreshedAt: track?.refreshed_at?.toISOString() ?? null,
      checkpoints: checkpoints.map((checkpoint) => render(checkpoint, locale, shipment)),
      lastError: track?.last_error ?? null,
    };
  }

  return {
    carriers: (locale: Locale) => carrierList(locale),

    /** The buyer's parcels of one order, each with its checkpoints newest first. */
    async forBuyer(ctx: RequestContext, orderId: string): Promise<Result<ParcelView[], OrderErrorCode | LogisticsErrorCode>> {
      const { found, shipments } = await logisticsStore.shipmentsOfOrder(db, orderId, ctx.actor!.userId);
      if (!found) return err('order_not_found');
      if (shipments.length === 0) return err('logistics_not_shipped');
      const now = ctx.clock.now();
      const parcels: ParcelView[] = [];
      for (const shipment of shipments) {
        // The carrier's error text is for staff; buyers get the checkpoints only.
        const { lastError, ...parcel } = await view(shipment, ctx.locale, now);
        void lastError;
        parcels.push(parcel);
      }
      return ok(parcels);
    },

    /** One sub-order's parcel for staff in whose data scope it lies (its supplier, its merchant, the platform). */
    async forStaff(ctx: RequestContext, subOrderId: string): Promise<Result<StaffParcelView, OrderErrorCode | LogisticsErrorCode>> {
      if (!(await fulfilmentStore.findSubOrder(db, subOrderId, ctx.actor!.scope))) return err('order_not_found');
      const shipment = await logisticsStore.shipment(db, subOrderId);
      if (!shipment) return err('logistics_not_shipped');
      return ok(await view(shipment, ctx.locale, ctx.clock.now()));
    },

    /** Scheduled: asks about parcels still in transit whose poll interval has passed; returns how many were asked. */
    async refreshDue(ctx: RequestContext, batchSize = 50): Promise<number> {
      const now = ctx.clock.now();
      const due = await logisticsStore.claimDue(db, now, new Date(now.getTime() + options.pollIntervalMs), batchSize);
      for (const track of due) {
        const shipment = await logisticsStore.shipment(db, track.sub_order_id);
        if (shipment) await ask(trackerFor(track.carrier_code), track, shipment, now);
      }
      return due.length;
    },
  };
}
export type LogisticsService = ReturnType<typeof createLogisticsService>;

function render(checkpoint: TrackingCheckpoint, locale: Locale, shipment: ShipmentRow) {
  const description = checkpoint.event
    ? describeRecordedEvent(checkpoint.event, locale, { carrier: shipment.carrier ?? '', trackingNumber: shipment.tracking_number ?? '' })
    : checkpoint.description;
  return { time: checkpoint.time, location: checkpoint.location, description, status: checkpoint.status };
}

