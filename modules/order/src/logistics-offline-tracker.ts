import { err, ok, type Locale } from '@linkmall/kernel';
import type { Db } from '@linkmall/db';
import { findCarrier } from './logistics-carriers.ts';
import { logisticsStore, type ShipmentRow } from './logistics-store.ts';
import { newestFirst, type LogisticsTracker, type RecordedEvent, type TrackingCheckpoint } from './logistics-tracker.ts';

const DESCRIPTIONS: Record<RecordedEvent, Record<Locale, string>> = {
  shipped: { 'zh-CN': '供应商已发货，交由{carrier}承运，运单号 {trackingNumber}', en: 'Shipped by the supplier with {carrier}, tracking number {trackingNumber}' },
  collected: { 'zh-CN': '买家已在门店自提', en: 'Collected by the buyer at the store' },
  received: { 'zh-CN': '买家已确认收货', en: 'The buyer confirmed receipt' },
  auto_received: { 'zh-CN': '发货后超时未确认，系统已自动确认收货', en: 'Receipt confirmed automatically after the confirmation period' },
};

/** A recorded checkpoint's description in the reader's language. */
export function describeRecordedEvent(event: RecordedEvent, locale: Locale, params: { carrier: string; trackingNumber: string }): string {
  return DESCRIPTIONS[event][locale].replace('{carrier}', params.carrier).replace('{trackingNumber}', params.trackingNumber);
}

/** The last four digits of the recipient's phone, from the masked copy the order keeps (138****5678). */
export function phoneTailOf(shippingAddress: unknown): string | undefined {
  const masked = (shippingAddress as { phoneMasked?: unknown } | null)?.phoneMasked;
  return typeof masked === 'string' && /\d{4}$/.test(masked) ? masked.slice(-4) : undefined;
}

/**
 * The checkpoints our own records hold for some sub-orders: shipped by the supplier, collected at a
 * store, receipt confirmed by the buyer or by the timeout. Nothing is invented: a parcel in transit
 * between shipping and receipt has no checkpoints here, because nobody told us about any.
 */
export async function recordedCheckpoints(db: Db, shipments: readonly ShipmentRow[]): Promise<TrackingCheckpoint[]> {
  const byId = new Map(shipments.map((shipment) => [shipment.id, shipment]));
  const checkpoints: TrackingCheckpoint[] = [];
  for (const entry of await logisticsStore.historyOf(db, [...byId.keys()])) {
    const shipment = byId.get(entry.sub_order_id)!;
    const pickup = shipment.delivery_method === 'pickup';
    const time = entry.occurred_at.toISOString();
    const carrier = shipment.carrier ?? '';
    const trackingNumber = shipment.tracking_number ?? '';
    if (entry.to_status === 'shipped' && !pickup) {
      checkpoints.push({ time, location: null, status: 'shipped', event: 'shipped', description: describeRecordedEvent('shipped', 'zh-CN', { carrier, trackingNumber }) });
    } else if (entry.to_status === 'received') {
      const event: RecordedEvent = pickup ? 'collected' : entry.event === 'auto_confirm' ? 'auto_received' : 'received';
      checkpoints.push({ time, location: null, status: 'delivered', event, description: describeRecordedEvent(event, 'zh-CN', { carrier, trackingNumber }) });
    }
  }
  // One parcel shared by several sub-orders shows each fact once.
  const seen = new Set<string>();
  return newestFirst(checkpoints.filter((checkpoint) => {
    const key = `${checkpoint.event}|${checkpoint.time}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }));
}

/** The code a shipment's carrier has in our list ('' for a carrier typed by hand that we do not know). */
export function carrierCodeOf(shipment: { carrier: string | null; carrier_code?: string | null }): string {
  return shipment.carrier_code ?? (shipment.carrier ? findCarrier(shipment.carrier)?.code : undefined) ?? '';
}

/**
 * The default tracker when no carrier API is configured: it answers from what our system recorded for
 * the parcels with this carrier and tracking number. With a phone tail it keeps only parcels sent to
 * that phone, so two buyers who happen to share a number never see each other's receipt.
 */
export function createOfflineLogisticsTracker(db: Db): LogisticsTracker {
  return {
    name: 'offline',
    async query(carrierCode, trackingNumber, phoneTail) {
      const shipments = (await logisticsStore.shipmentsByTrackingNumber(db, trackingNumber)).filter(
        (shipment) => carrierCodeOf(shipment) === carrierCode && (phoneTail === undefined || phoneTailOf(shipment.shipping_address) === phoneTail),
      );
      if (shipments.length === 0) return err('logistics_no_result');
      const checkpoints = await recordedCheckpoints(db, shipments);
      return ok({ status: checkpoints[0]?.status ?? 'shipped', checkpoints });
    },
  };
}
