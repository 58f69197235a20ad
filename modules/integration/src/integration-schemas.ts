import { IsoDateTimeSchema, PageQuerySchema, z } from '@linkmall/http';
import { WEBHOOK_EVENT_TYPES } from './domain/event-catalog.ts';
import { PARTNER_SCOPES } from './domain/partner-scopes.ts';

const name = z.string().trim().min(1).max(60);
const url = z.string().trim().min(1).max(500).openapi({ example: 'https://erp.example.com/hooks/linkmall' });
const eventTypes = z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).max(WEBHOOK_EVENT_TYPES.length);
const nonEmpty = (value: object) => Object.keys(value).length > 0;

export const NewEndpointSchema = z.object({ name, url, eventTypes, enabled: z.boolean().default(true) }).openapi('NewWebhookEndpoint');
export const EndpointPatchSchema = z
  .object({ name: name.optional(), url: url.optional(), eventTypes: eventTypes.optional(), enabled: z.boolean().optional() })
  .strict()
  .refine(nonEmpty, { message: 'Change at least one field' })
  .openapi('WebhookEndpointPatch');

export const EndpointSchema = z
  .object({ id: z.string(), name: z.string(), url: z.string(), eventTypes: z.array(z.string()), enabled: z.boolean(), secretPreview: z.string(), createdAt: IsoDateTimeSchema, updatedAt: IsoDateTimeSchema })
  .openapi('WebhookEndpoint');
export const EndpointWithSecretSchema = z
  .object({ endpoint: EndpointSchema, secret: z.string().openapi({ description: 'Shown once: keep it to verify X-LinkMall-Signature', example: 'whsec_…' }) })
  .openapi('WebhookEndpointWithSecret');

export const DeliveryStatusSchema = z.enum(['pending', 'succeeded', 'dead']);
export const DeliverySchema = z
  .object({
    id: z.string(),
    endpointId: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    status: DeliveryStatusSchema,
    retrying: z.boolean(),
    attempts: z.number().int(),
    nextAttemptAt: IsoDateTimeSchema.nullable(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    redeliveryOf: z.string().nullable(),
    createdAt: IsoDateTimeSchema,
    finishedAt: IsoDateTimeSchema.nullable(),
  })
  .openapi('WebhookDelivery');
export const DeliveryDetailSchema = DeliverySchema.extend({
  body: z.string().openapi({ description: 'The exact JSON that was signed and sent' }),
  attemptLog: z.array(
    z.object({ attempt: z.number().int(), startedAt: IsoDateTimeSchema, durationMs: z.number().int(), statusCode: z.number().int().nullable(), responseExcerpt: z.string().nullable(), error: z.string().nullable(), succeeded: z.boolean() }),
  ),
}).openapi('WebhookDeliveryDetail');
export const DeliveryQuerySchema = PageQuerySchema.extend({ status: DeliveryStatusSchema.optional() });

export const EventCatalogSchema = z.object({ items: z.array(z.object({ type: z.string(), group: z.string(), label: z.string() })) }).openapi('WebhookEventCatalog');

export const NewApiKeySchema = z.object({ name, scopes: z.array(z.enum(PARTNER_SCOPES)).min(1).max(PARTNER_SCOPES.length) }).openapi('NewApiKey');
export const ApiKeySchema = z
  .object({ id: z.string().openapi({ description: 'The X-Partner-Id of signed calls' }), name: z.string(), scopes: z.array(z.string()), status: z.enum(['active', 'revoked']), createdAt: IsoDateTimeSchema, revokedAt: IsoDateTimeSchema.nullable(), lastUsedAt: IsoDateTimeSchema.nullable() })
  .openapi('ApiKey');
export const ApiKeyWithSecretSchema = z.object({ key: ApiKeySchema, secret: z.string().openapi({ description: 'Shown once: the HMAC key of X-Signature', example: 'pks_…' }) }).openapi('ApiKeyWithSecret');

const report = z.enum(['orders', 'reward_lines', 'leads']);
const frequency = z.enum(['daily', 'weekly']);
const format = z.enum(['csv', 'xlsx']);
const webhookEndpointId = z.string().regex(/^whk_[0-9a-z]{26}$/).nullable();
export const NewScheduleSchema = z.object({ name, report, frequency, format: format.default('csv'), webhookEndpointId: webhookEndpointId.default(null), enabled: z.boolean().default(true) }).openapi('NewExportSchedule');
export const SchedulePatchSchema = z
  .object({ name: name.optional(), report: report.optional(), frequency: frequency.optional(), format: format.optional(), webhookEndpointId: webhookEndpointId.optional(), enabled: z.boolean().optional() })
  .strict()
  .refine(nonEmpty, { message: 'Change at least one field' })
  .openapi('ExportSchedulePatch');
export const ScheduleSchema = z
  .object({ id: z.string(), name: z.string(), report, frequency, format, webhookEndpointId: z.string().nullable(), enabled: z.boolean(), createdAt: IsoDateTimeSchema, updatedAt: IsoDateTimeSchema })
  .openapi('ExportSchedule');
export const RunSchema = z
  .object({ id: z.string(), scheduleId: z.string(), report, format, periodStart: IsoDateTimeSchema, periodEnd: IsoDateTimeSchema, rowCount: z.number().int(), fileName: z.string(), byteSize: z.number().int(), createdAt: IsoDateTimeSchema })
  .openapi('ExportRun');
export const RunQuerySchema = PageQuerySchema.extend({ scheduleId: z.string().regex(/^exs_[0-9a-z]{26}$/).optional() });
