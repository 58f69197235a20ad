import { newId, type PiiCipher, type RequestContext } from '@linkmall/kernel';
import { inTransaction, type Db } from '@linkmall/db';
import { retryDelayMs, type DeliveredEvent, type RetryPolicy, type Subscriber } from '@linkmall/events';
import { OUTBOX_WEBHOOK_EVENT_TYPES } from './domain/event-catalog.ts';
import { webhookBody, webhookSignature } from './domain/webhook-signature.ts';
import { postJson, type PostOutcome } from './http-delivery.ts';
import { webhookStore as store, type DeliveryRow, type EndpointRow } from './webhook-store.ts';

export interface WebhookDeliveryOptions {
  /** The whole exchange (connect, send, answer) must finish within this (default 10 s). */
  readonly timeoutMs: number;
  /** Loopback and private addresses allowed (development and tests); refused otherwise. */
  readonly allowPrivateNetworks: boolean;
  readonly retry: RetryPolicy;
}

/**
 * 1, 2, 4 … minutes, capped at 6 hours, ten attempts: about 8.5 hours from the first failure to
 * `dead`, enough to ride out a partner's deploy or an outage overnight.
 */
export const DEFAULT_WEBHOOK_RETRY: RetryPolicy = { maxAttempts: 10, baseDelayMs: 60_000, maxDelayMs: 6 * 3_600_000 };
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

export interface SendReport {
  readonly sent: number;
  readonly succeeded: number;
  readonly retrying: number;
  readonly dead: number;
}

/**
 * Sends due deliveries: claims them, signs and POSTs each, and records the attempt and the outcome
 * (succeeded; pending again after a backoff; or dead after the last attempt) in one transaction.
 */
export function createWebhookSender(dependencies: { db: Db; pii: PiiCipher; options: WebhookDeliveryOptions }) {
  const { db, pii, options } = dependencies;
  const leaseMs = options.timeoutMs + 30_000;

  async function deliver(ctx: RequestContext, delivery: DeliveryRow, endpoint: EndpointRow | undefined): Promise<'succeeded' | 'retrying' | 'dead'> {
    const startedAt = ctx.clock.now();
    let outcome: PostOutcome;
    if (!endpoint || endpoint.deleted_at || !endpoint.enabled) {
      outcome = { statusCode: null, responseExcerpt: null, error: 'endpoint disabled or deleted', durationMs: 0 };
    } else {
      const timestamp = Math.floor(startedAt.getTime() / 1000);
      const headers = {
        'x-linkmall-event': delivery.event_type,
        'x-linkmall-delivery': delivery.id,
        'x-linkmall-timestamp': String(timestamp),
        'x-linkmall-signature': webhookSignature(pii.decrypt(endpoint.secret_cipher), timestamp, delivery.body),
        'x-linkmall-attempt': String(delivery.attempts),
      };
      outcome = await postJson(endpoint.url, headers, delivery.body, options);
    }
    const succeeded = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
    const giveUp = !succeeded && (!endpoint || endpoint.deleted_at !== null || !endpoint.enabled || delivery.attempts >= options.retry.maxAttempts);
    const finishedAt = ctx.clock.now();
    const error = succeeded ? null : (outcome.error ?? `HTTP ${outcome.statusCode}`);
    await inTransaction(db, async (tx) => {
      await store.recordAttempt(tx, {
        delivery_id: delivery.id,
        attempt: delivery.attempts,
        started_at: startedAt,
        duration_ms: outcome.durationMs,
        status_code: outcome.statusCode,
        response_excerpt: outcome.responseExcerpt,
        error,
        succeeded,
      });
      await store.finish(tx, delivery.id, {
        status: succeeded ? 'succeeded' : giveUp ? 'dead' : 'pending',
        ...(succeeded || giveUp ? {} : { next_attempt_at: new Date(finishedAt.getTime() + retryDelayMs(options.retry, delivery.attempts)) }),
        last_status_code: outcome.statusCode,
        last_error: error,
        finished_at: succeeded || giveUp ? finishedAt : null,
      });
    });
    return succeeded ? 'succeeded' : giveUp ? 'dead' : 'retrying';
  }

  async function sendClaimed(ctx: RequestContext, claimed: readonly DeliveryRow[]): Promise<SendReport> {
    const endpoints = await store.endpointsByIds(db, claimed.map((delivery) => delivery.endpoint_id));
    const outcomes = await Promise.all(claimed.map((delivery) => deliver(ctx, delivery, endpoints.get(delivery.endpoint_id))));
    return {
      sent: outcomes.length,
      succeeded: outcomes.filter((outcome) => outcome === 'succeeded').length,
      retrying: outcomes.filter((outcome) => outcome === 'retrying').length,
      dead: outcomes.filter((outcome) => outcome === 'dead').length,
    };
  }

  return {
    /** One batch of due deliveries, sent side by side. */
    async sendDue(ctx: RequestContext, limit = 20): Promise<SendReport> {
      const now = ctx.clock.now();
      return sendClaimed(ctx, await store.claimDue(db, now, new Date(now.getTime() + leaseMs), limit));
    },
    /** One delivery now (a test event, a manual redelivery), if it is still due. */
    async sendNow(ctx: RequestContext, deliveryId: string): Promise<SendReport> {
      const now = ctx.clock.now();
      return sendClaimed(ctx, await store.claimDue(db, now, new Date(now.getTime() + leaseMs), 1, deliveryId));
    },
  };
}
export type WebhookSender = ReturnType<typeof createWebhookSender>;

/**
 * The outbox subscriber `integration.webhooks`: one pending delivery per enabled endpoint subscribed
 * to the event, written in the delivery's transaction and unique per (event, endpoint), so a retried
 * outbox delivery enqueues nothing twice. The HTTP requests happen later, in the sender.
 */
export function webhookSubscriber(): Subscriber {
  return {
    name: 'integration.webhooks',
    eventTypes: OUTBOX_WEBHOOK_EVENT_TYPES,
    async handle(tx: Db, event: DeliveredEvent, ctx: RequestContext) {
      const endpoints = await store.subscribersOf(tx, event.type);
      if (endpoints.length === 0) return;
      const now = ctx.clock.now();
      const body = webhookBody({ id: event.id, type: event.type, occurredAt: event.occurredAt, data: event.payload });
      await store.enqueue(
        tx,
        endpoints.map((endpoint) => ({
          id: newId('whd', now.getTime()),
          endpoint_id: endpoint.id,
          event_id: event.id,
          event_type: event.type,
          body,
          status: 'pending' as const,
          attempts: 0,
          next_attempt_at: now,
          last_status_code: null,
          last_error: null,
          redelivery_of: null,
          created_at: now,
          finished_at: null,
        })),
      );
    },
  };
}
