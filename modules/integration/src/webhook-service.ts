import { randomBytes } from 'node:crypto';
import { err, newId, ok, type PiiCipher, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db, type PageRequest } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import { TEST_EVENT_TYPE, WEBHOOK_EVENTS } from './domain/event-catalog.ts';
import { checkWebhookUrl } from './domain/network-policy.ts';
import { webhookBody } from './domain/webhook-signature.ts';
import { hasPlatformScope } from './integration-access.ts';
import type { IntegrationErrorCode } from './integration-errors.ts';
import type { DeliveryStatus } from './integration-tables.ts';
import type { WebhookSender } from './webhook-sender.ts';
import { webhookStore as store, type DeliveryRow, type EndpointRow } from './webhook-store.ts';
import { endpointSnapshot, toAttemptView, toDeliveryView, toEndpointView, type WebhookDeliveryDetail, type WebhookDeliveryView, type WebhookEndpointView } from './webhook-views.ts';

export interface EndpointInput {
  readonly name: string;
  readonly url: string;
  readonly eventTypes: readonly string[];
  readonly enabled: boolean;
}

type Outcome<T> = Promise<Result<T, IntegrationErrorCode>>;

const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

/** Webhook endpoints (with their secrets), the delivery log, test events and manual redelivery. */
export function createWebhookService(dependencies: { db: Db; pii: PiiCipher; sender: WebhookSender; allowPrivateNetworks: boolean }) {
  const { db, pii, sender, allowPrivateNetworks } = dependencies;
  const view = (row: EndpointRow) => toEndpointView(row, `${pii.decrypt(row.secret_cipher).slice(0, 10)}…`);

  function checkInput(input: Partial<EndpointInput>): IntegrationErrorCode | { code: 'webhook_event_unknown'; types: string } | null {
    if (input.url !== undefined) {
      const checked = checkWebhookUrl(input.url, allowPrivateNetworks);
      if (!checked.ok) return checked.code;
    }
    const unknown = (input.eventTypes ?? []).filter((type) => !(type in WEBHOOK_EVENTS));
    return unknown.length > 0 ? { code: 'webhook_event_unknown', types: unknown.join(', ') } : null;
  }
  const refusal = (problem: NonNullable<ReturnType<typeof checkInput>>) => (typeof problem === 'string' ? err(problem) : err(problem.code, { types: problem.types }));

  async function detail(deliveryId: string): Promise<WebhookDeliveryDetail | null> {
    const row = await store.findDelivery(db, deliveryId);
    if (!row) return null;
    return { ...toDeliveryView(row), body: row.body, attemptLog: (await store.attemptsOf(db, deliveryId)).map(toAttemptView) };
  }

  /** A new delivery row made by a person (test event, redelivery), audited, then sent at once. */
  async function createAndSend(ctx: RequestContext, row: DeliveryRow, action: string): Outcome<WebhookDeliveryDetail> {
    await inTransaction(db, async (tx) => {
      await store.insertDelivery(tx, row);
      await recordAudit(tx, ctx, { action, entityType: 'webhook_delivery', entityId: row.id, organizationId: null, before: null, after: { endpointId: row.endpoint_id, eventId: row.event_id, eventType: row.event_type, redeliveryOf: row.redelivery_of } });
    });
    await sender.sendNow(ctx, row.id);
    return ok((await detail(row.id))!);
  }

  const pendingDelivery = (ctx: RequestContext, fields: Pick<DeliveryRow, 'endpoint_id' | 'event_id' | 'event_type' | 'body' | 'redelivery_of'>): DeliveryRow => {
    const now = ctx.clock.now();
    return { id: newId('whd', now.getTime()), ...fields, status: 'pending', attempts: 0, next_attempt_at: now, last_status_code: null, last_error: null, created_at: now, finished_at: null };
  };

  return {
    async list(ctx: RequestContext, page: PageRequest): Outcome<{ items: WebhookEndpointView[]; total: number }> {
      if (!hasPlatformScope(ctx)) return err('integration_scope_forbidden');
      const { items, total } = await store.listEndpoints(db, page);
      return ok({ items: items.map(view), total });
    },

    async get(ctx: RequestContext, id: string): Outcome<WebhookEndpointView> {
      if (!hasPlatformScope(ctx)) return err('integration_scope_forbidden');
      const row = await store.findEndpoint(db, id);
      return row ? ok(view(row)) : err('webhook_not_found');
    },

    /** The secret is returned here once; afterwards only its first characters are shown. */
    async create(ctx: RequestContext, input: EndpointInput): Outcome<{ endpoint: WebhookEndpointView; secret: string }> {
      if (!hasPlatformScope(ctx)) return err('integration_scope_forbidden');
      const problem = checkInput(input);
      if (problem) return refusal(problem);
      const now = ctx.clock.now();
      const secret = newSecret();
      return inTransaction(db, async (tx) => {
        const row = await store.insertEndpoint(tx, {
          id: newId('whk', now.getTime()),
          name: input.name,
          url: input.url,
          event_types: [...new Set(input.eventTypes)],
          secret_cipher: pii.encrypt(secret),
          enabled: input.enabled,
          created_by: ctx.actor!.userId,
          created_at: now,
          updated_at: now,
          deleted_at: null,
        });
        await recordAudit(tx, ctx, { action: 'webhook_endpoint.created', entityType: 'webhook_endpoint', entityId: row.id, organizationId: null, before: null, after: endpointSnapshot(row) });
        return ok({ endpoint: view(row), secret });
      });
    },

    async update(ctx: RequestContext, id: string, patch: Partial<EndpointInput>): Outcome<WebhookEndpointView> {
      if (!hasPlatformScope(ctx)) return err('integration_scope_forbidden');
      const problem = checkInput(patch);
      if (problem) return refusal(problem);
      return inTransaction(db, async (tx) => {
        const before = await store.findEndpoint(tx, id, { forUpdate: true });
        if (!before) return err('webhook_not_found');
        const after = await store.updateEndpoint(tx, id, {
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.url !== undefined ? { url: patch.url } : {}),
          ...(patch.eventTypes !== undefined ? { event_types: [...new Set(patch.eventTypes)] } : {}),
          ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
          updated_at: ctx.clock.now(),
        });
        await recordAudit(tx, ctx, { action: 'webhook_endpoint.updated', entityType: 'webhook_endpoint', entityId: id, organizationId: null, before: endpointSnapshot(before), after: endpointSnapshot(after) });
        return ok(view(after));
      });
    },

    /** A new secret, shown once; the old one stops signing at once. */
    async rotateSecret(ctx: RequestContext, id: string): Outcome<{ endpoint: WebhookEndpointView; secret: string }> {
      if (!hasPlatformScope(ctx)) return err('integration_scope_forbidden');
      const secret = newSecret();
      return inTransaction(db, async (tx) => {
        const before = await store.findEndpoint(tx, id, { forUpdate: true });
        if (!before) return err('webhook_not_found');
        const after = await store.updateEndpoint(tx, id, { secret_cipher: pii.encrypt(secret), updated_at: ctx.clock.now() });
        await recordAudit(tx, ctx, { action: 'webhook_endpoint.secret_rotated', entityType: 'webhook_endpoint', entityId: id, organizationId: null, before: endpointSnapshot(before), after: { ...endpointSnapshot(after), secretRotated: true } });
        return ok({ endpoint: view(after), secret });
      });
    },

    /** Deleted endpoints get nothing more; their delivery log stays. */
    async remove(ctx: RequestContext, id: string): Outcome<WebhookEndpointView> {
      if (!hasPlatformScope(ctx)) return err('integration_scope_forbidden');
      return inTransaction(db, async (tx) => {
        const before = await store.findEndpoint(tx, id, { forUpdate: true });
        if (!before) return err('webhook_not_found');
        const now = ctx.clock.now();
        const after = await store.updateEndpoint(tx, id, { deleted_at: now, enabled: false, updated_at: now });
        await recordAudit(tx, ctx, { action: 'webhook_endpoint.deleted', entityType: 'webhook_endpoint', entityId: id, organizationId: null, before: endpointSnapshot(before), after: null });
        return ok(view(after));
      });
    },

    async deliveries(ctx: RequestContext, endpointId: string, status: DeliveryStatus | undefined, page: PageRequest): Outcome<{ items: WebhookDeliveryView[]; total: number }> {
      if (!hasPlatformScope(ctx)) return err('integration_scope_forbidden');
      if (!(await store.findEndpoint(db, endpointId))) return err('webhook_not_found');
      const { items, total } = await store.listDeliveries(db, endpointId, status, page);
      return ok({ items: items.map(toDeliveryView), total });
    },

    async delivery(ctx: RequestContext, deliveryId: string): Outcome<WebhookDeliveryDetail> {
      if (!hasPlatformScope(ctx)) return err('integration_scope_forbidden');
      const found = await detail(deliveryId);
      return found ? ok(found) : err('webhook_delivery_not_found');
    },

    /** "Send test event": a signed `integration.test` delivery to the endpoint, sent now; the log shows the answer. */
    async sendTest(ctx: RequestContext, endpointId: string): Outcome<WebhookDeliveryDetail> {
      if (!hasPlatformScope(ctx)) return err('integration_scope_forbidden');
      const endpoint = await store.findEndpoint(db, endpointId);
      if (!endpoint) return err('webhook_not_found');
      if (!endpoint.enabled) return err('webhook_endpoint_disabled');
      const now = ctx.clock.now();
      const eventId = newId('evt', now.getTime());
      const body = webhookBody({ id: eventId, type: TEST_EVENT_TYPE, occurredAt: now, data: { endpointId, message: 'LinkMall webhook test / 链商云 Webhook 测试' } });
      return createAndSend(ctx, pendingDelivery(ctx, { endpoint_id: endpointId, event_id: eventId, event_type: TEST_EVENT_TYPE, body, redelivery_of: null }), 'webhook_delivery.test_sent');
    },

    /** Sends a delivery's exact body again as a new delivery (its own id and attempts), now. */
    async redeliver(ctx: RequestContext, deliveryId: string): Outcome<WebhookDeliveryDetail> {
      if (!hasPlatformScope(ctx)) return err('integration_scope_forbidden');
      const original = await store.findDelivery(db, deliveryId);
      if (!original) return err('webhook_delivery_not_found');
      const endpoint = await store.findEndpoint(db, original.endpoint_id);
      if (!endpoint) return err('webhook_not_found');
      if (!endpoint.enabled) return err('webhook_endpoint_disabled');
      const fields = { endpoint_id: original.endpoint_id, event_id: original.event_id, event_type: original.event_type, body: original.body, redelivery_of: original.id };
      return createAndSend(ctx, pendingDelivery(ctx, fields), 'webhook_delivery.redelivered');
    },
  };
}
export type WebhookService = ReturnType<typeof createWebhookService>;
