import type { Result } from '@linkmall/kernel';

/** Where a parcel is, in our words; carriers' own vocabularies are mapped onto these. */
export const TRACKING_STATUSES = ['shipped', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'exception', 'returning', 'returned'] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

/** Statuses after which a parcel does not move again, so nobody needs to ask the carrier any more. */
export const FINAL_TRACKING_STATUSES: ReadonlySet<TrackingStatus> = new Set(['delivered', 'returned']);

export interface TrackingCheckpoint {
  /** ISO 8601 with offset. */
  readonly time: string;
  readonly location: string | null;
  readonly description: string;
  readonly status: TrackingStatus;
  /** Set on checkpoints our own system recorded, so readers get the description in their language. */
  readonly event?: RecordedEvent;
}

/** What our system records about a parcel (the offline tracker's vocabulary). */
export type RecordedEvent = 'shipped' | 'collected' | 'received' | 'auto_received';

export interface TrackingResult {
  /** The parcel's status now (the carrier's verdict, which may differ from the newest checkpoint's). */
  readonly status: TrackingStatus;
  /** Newest first. */
  readonly checkpoints: readonly TrackingCheckpoint[];
}

/** Why a query failed; the caller keeps what it had and tries again later. */
export type TrackingFailure = 'logistics_provider_unavailable' | 'logistics_provider_rejected' | 'logistics_no_result';

/**
 * The logistics port: one query by carrier code and tracking number. Some carriers (SF Express)
 * answer only when given the last four digits of the recipient's or sender's phone.
 */
export interface LogisticsTracker {
  /** Stored with the cached checkpoints so a reader knows where they came from. */
  readonly name: 'kuaidi100' | 'offline';
  query(carrierCode: string, trackingNumber: string, phoneTail?: string): Promise<Result<TrackingResult, TrackingFailure>>;
}

/** Newest first; equal times keep the order the source gave. */
export function newestFirst(checkpoints: readonly TrackingCheckpoint[]): TrackingCheckpoint[] {
  return checkpoints
    .map((checkpoint, index) => ({ checkpoint, index, at: Date.parse(checkpoint.time) }))
    .sort((a, b) => b.at - a.at || a.index - b.index)
    .map((entry) => entry.checkpoint);
}
