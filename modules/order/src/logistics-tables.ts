import type { OrderTables } from './order-tables.ts';
import type { TrackingCheckpoint, TrackingStatus } from './logistics-tracker.ts';

export interface LogisticsTrackTable {
  sub_order_id: string;
  carrier_code: string | null;
  tracking_number: string;
  source: 'kuaidi100' | 'offline';
  status: TrackingStatus;
  /** jsonb: TrackingCheckpoint[], newest first. Written as a JSON string, read back parsed. */
  checkpoints: TrackingCheckpoint[] | string;
  refreshed_at: Date | null;
  next_refresh_at: Date;
  last_error: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface LogisticsTables extends OrderTables {
  logistics_tracks: LogisticsTrackTable;
}
