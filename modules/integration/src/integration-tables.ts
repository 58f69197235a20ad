import type { ExportFrequency } from './domain/export-periods.ts';

export interface WebhookEndpointTable {
  id: string;
  name: string;
  url: string;
  event_types: string[];
  secret_cipher: string;
  enabled: boolean;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
}

export type DeliveryStatus = 'pending' | 'succeeded' | 'dead';

export interface WebhookDeliveryTable {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  last_status_code: number | null;
  last_error: string | null;
  redelivery_of: string | null;
  created_at: Date;
  finished_at: Date | null;
}

export interface WebhookAttemptTable {
  delivery_id: string;
  attempt: number;
  started_at: Date;
  duration_ms: number;
  status_code: number | null;
  response_excerpt: string | null;
  error: string | null;
  succeeded: boolean;
}

export interface ApiKeyTable {
  id: string;
  name: string;
  secret_cipher: string;
  scopes: string[];
  created_by: string | null;
  created_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

export type ExportReport = 'orders' | 'reward_lines' | 'leads';
export type ExportFormat = 'csv' | 'xlsx';

export interface ExportScheduleTable {
  id: string;
  name: string;
  report: ExportReport;
  frequency: ExportFrequency;
  format: ExportFormat;
  webhook_endpoint_id: string | null;
  enabled: boolean;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
}

export interface ExportRunTable {
  id: string;
  schedule_id: string;
  report: ExportReport;
  format: ExportFormat;
  period_start: Date;
  period_end: Date;
  row_count: number;
  file_name: string;
  content: Uint8Array;
  created_at: Date;
}

export interface IntegrationTables {
  integration_webhook_endpoints: WebhookEndpointTable;
  integration_webhook_deliveries: WebhookDeliveryTable;
  integration_webhook_attempts: WebhookAttemptTable;
  integration_api_keys: ApiKeyTable;
  integration_export_schedules: ExportScheduleTable;
  integration_export_runs: ExportRunTable;
}
