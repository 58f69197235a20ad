export interface WebhookEndpoint {
  id: string;
  name: string;
  url: string;
  eventTypes: string[];
  enabled: boolean;
  secretPreview: string;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookEventType {
  type: string;
  group: string;
  label: string;
}

export type DeliveryStatus = 'pending' | 'succeeded' | 'dead';

export interface WebhookDelivery {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  retrying: boolean;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  redeliveryOf: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface WebhookDeliveryDetail extends WebhookDelivery {
  body: string;
  attemptLog: { attempt: number; startedAt: string; durationMs: number; statusCode: number | null; responseExcerpt: string | null; error: string | null; succeeded: boolean }[];
}

export const PARTNER_SCOPES = ['orders:read', 'members:read', 'rewards:read', 'leads:read'] as const;

export interface ApiKey {
  id: string;
  name: string;
  scopes: string[];
  status: 'active' | 'revoked';
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export const EXPORT_REPORTS = ['orders', 'reward_lines', 'leads'] as const;
export const EXPORT_FREQUENCIES = ['daily', 'weekly'] as const;

export interface ExportSchedule {
  id: string;
  name: string;
  report: (typeof EXPORT_REPORTS)[number];
  frequency: (typeof EXPORT_FREQUENCIES)[number];
  format: 'csv' | 'xlsx';
  webhookEndpointId: string | null;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ExportRun {
  id: string;
  scheduleId: string;
  report: ExportSchedule['report'];
  format: ExportSchedule['format'];
  periodStart: string;
  periodEnd: string;
  rowCount: number;
  fileName: string;
  byteSize: number;
  createdAt: string;
}

/** What the secret dialog shows once after a create or rotate. */
export interface RevealedSecret {
  secret: string;
  partnerId?: string;
}
