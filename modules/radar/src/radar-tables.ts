import type { ColumnType, Generated } from 'kysely';
import type { Localized } from '@linkmall/kernel';
import type { TrackingKind } from './domain/tracking-batch.ts';

type Json<T> = ColumnType<T, string, string>;

export interface RadarConsentTable {
  visitor_id: string;
  card_id: string;
  granted: boolean;
  decided_at: Date;
}

export interface RadarConsentDecisionTable {
  id: Generated<bigint>;
  visitor_id: string;
  card_id: string;
  granted: boolean;
  decided_at: Date;
}

export interface RadarVisitorTable {
  card_id: string;
  visitor_id: string;
  owner_user_id: string;
  organization_id: string;
  user_id: string | null;
  display_name_cipher: string | null;
  avatar_url: string | null;
  first_seen_at: Date;
  last_seen_at: Date;
  visits: number;
  dwell_seconds: number;
  share_id: string | null;
  forwarder_visitor_id: string | null;
  active_published_at: Date | null;
  click_notices: ColumnType<Record<string, string>, string | undefined, string>;
}

export interface RadarEventTable {
  id: Generated<bigint>;
  card_id: string;
  owner_user_id: string;
  organization_id: string;
  visitor_id: string;
  user_id: string | null;
  kind: TrackingKind;
  occurred_at: Date;
  received_at: Date;
  share_id: string | null;
  forwarder_visitor_id: string | null;
  product_id: string | null;
  module: string | null;
  seconds: number | null;
  detail: Json<Record<string, unknown>> | null;
}

export interface RadarDailyCountTable {
  card_id: string;
  day: ColumnType<string, string, string>;
  kind: TrackingKind;
  slot: number;
  owner_user_id: string;
  organization_id: string;
  events: number;
  seconds: ColumnType<bigint, number, number>;
}

export interface RadarNotificationTable {
  id: string;
  user_id: string;
  kind: string;
  title: Json<Localized>;
  body: Json<Localized>;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
  wechat_status: Generated<'pending' | 'sent' | 'refused' | 'failed' | 'skipped'>;
}

export interface RadarTables {
  radar_consents: RadarConsentTable;
  radar_consent_decisions: RadarConsentDecisionTable;
  radar_visitors: RadarVisitorTable;
  radar_events: RadarEventTable;
  radar_daily_counts: RadarDailyCountTable;
  radar_notifications: RadarNotificationTable;
}
