import type { Locale } from '@linkmall/kernel';
import { WEBHOOK_EVENTS, type WebhookEventType } from './domain/event-catalog.ts';
import type { AttemptRow, DeliveryRow, EndpointRow } from './webhook-store.ts';

export interface WebhookEndpointView {
  id: string;
  name: string;
  url: string;
  eventTypes: string[];
  enabled: boolean;
  /** The first characters of the secret, to tell which one a receiver holds; the secret itself is shown once. */
  secretPreview: string;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookDeliveryView {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  status: 'pending' | 'succeeded' | 'dead';
  /** Pending after a failed attempt: it will be tried again at nextAttemptAt. */
  retrying: boolean;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  redeliveryOf: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface WebhookAttemptView {
  attempt: number;
  startedAt: string;
  durationMs: number;
  statusCode: number | null;
  responseExcerpt: string | null;
  error: string | null;
  succeeded: boolean;
}

export interface WebhookDeliveryDetail extends WebhookDeliveryView {
  body: string;
  attemptLog: WebhookAttemptView[];
}

export const toEndpointView = (row: EndpointRow, secretPreview: string): WebhookEndpointView => ({
  id: row.id,
  name: row.name,
  url: row.url,
  eventTypes: [...row.event_types],
  enabled: row.enabled,
  secretPreview,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

export const toDeliveryView = (row: DeliveryRow): WebhookDeliveryView => ({
  id: row.id,
  endpointId: row.endpoint_id,
  eventId: row.event_id,
  eventType: row.event_type,
  status: row.status,
  retrying: row.status === 'pending' && row.attempts > 0,
  attempts: row.attempts,
  nextAttemptAt: row.status === 'pending' ? row.next_attempt_at.toISOString() : null,
  lastStatusCode: row.last_status_code,
  lastError: row.last_error,
  redeliveryOf: row.redelivery_of,
  createdAt: row.created_at.toISOString(),
  finishedAt: row.finished_at?.toISOString() ?? null,
});

export const toAttemptView = (row: AttemptRow): WebhookAttemptView => ({
  attempt: row.attempt,
  startedAt: row.started_at.toISOString(),
  durationMs: row.duration_ms,
  statusCode: row.status_code,
  responseExcerpt: row.response_excerpt,
  error: row.error,
  succeeded: row.succeeded,
});

/** The subscribable events with their meaning in the caller's language, grouped for the console. */
export function eventCatalog(locale: Locale): { type: string; group: string; label: string }[] {
  return (Object.entries(WEBHOOK_EVENTS) as [WebhookEventType, (typeof WEBHOOK_EVENTS)[WebhookEventType]][]).map(([type, entry]) => ({ type, group: entry.group, label: entry[locale] }));
}

/** What the audit log keeps of an endpoint: never the secret. */
export const endpointSnapshot = (row: EndpointRow) => ({ name: row.name, url: row.url, eventTypes: row.event_types, enabled: row.enabled });
