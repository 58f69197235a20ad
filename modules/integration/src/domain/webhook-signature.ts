import { createHmac } from 'node:crypto';

/**
 * The signature a receiver checks: `sha256=` + hex HMAC-SHA256 keyed with the endpoint's secret (the
 * whole `whsec_…` string as UTF-8) over `timestamp + "." + body`. Signing the timestamp with the body
 * lets a receiver refuse old captured deliveries (X-LinkMall-Timestamp, Unix seconds).
 */
export function webhookSignature(secret: string, timestampSeconds: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampSeconds}.${body}`, 'utf8').digest('hex')}`;
}

/** The JSON every delivery carries: the event as it happened, under a stable envelope. */
export function webhookBody(event: { id: string; type: string; occurredAt: Date; data: unknown }): string {
  return JSON.stringify({ id: event.id, type: event.type, occurredAt: event.occurredAt.toISOString(), data: event.data });
}
