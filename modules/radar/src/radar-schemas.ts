import { IsoDateTimeSchema, PhoneSchema, z } from '@linkmall/http';
import { TRACKING_KINDS, type TrackedEvent } from './domain/tracking-batch.ts';

const InstantSchema = z.iso.datetime({ offset: true }).openapi({ example: '2026-11-22T10:00:00+08:00' });
/** Generated and kept by the card page: random, 16 to 64 URL-safe characters. */
export const VisitorIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/).openapi({ example: 'v_Zk3q9XbT1mW8pLr2' });
const CardIdSchema = z.string().min(1).max(64).regex(/^[\w-]+$/).openapi({ example: 'crd_01jd3x7k9q2w8e5r4t6y1u3i0o' });
const ShortText = z.string().trim().min(1).max(64).regex(/^[^<>]*$/);

const TrackEventSchema = z
  .object({
    kind: z.enum(TRACKING_KINDS),
    at: InstantSchema,
    seconds: z.number().int().min(1).max(600).optional().openapi({ description: 'dwell: seconds since the last heartbeat' }),
    module: ShortText.optional().openapi({ description: 'module_view: the module opened (products, coupons, video, …)' }),
    productId: ShortText.optional(),
    detail: z.record(z.string().regex(/^[a-zA-Z]\w{0,31}$/), z.union([z.string().max(100), z.number().finite()])).optional(),
    contact: z.object({ name: z.string().trim().min(1).max(40), phone: PhoneSchema, message: z.string().trim().max(500).default('') }).optional(),
  })
  .superRefine((event, issues) => {
    const need = (field: keyof typeof event, when: boolean) => {
      if (when && event[field] === undefined) issues.addIssue({ code: 'custom', path: [field], message: `${field} is required for ${event.kind}` });
    };
    need('seconds', event.kind === 'dwell');
    need('module', event.kind === 'module_view');
    need('productId', event.kind === 'product_click' || event.kind === 'add_to_cart');
    need('contact', event.kind === 'contact_form');
    if (event.contact && event.kind !== 'contact_form') issues.addIssue({ code: 'custom', path: ['contact'], message: 'contact belongs to contact_form only' });
    if (event.detail && Object.keys(event.detail).length > 8) issues.addIssue({ code: 'custom', path: ['detail'], message: 'at most 8 details' });
  });

export const MAX_EVENTS_PER_BATCH = 100;
/** 100 events with their details fit well inside; anything larger is not a beacon. */
export const TRACKING_BODY_LIMIT_BYTES = 64 * 1024;

export const TrackBatchSchema = z
  .object({
    visitorId: VisitorIdSchema,
    cardId: CardIdSchema,
    shareToken: z.string().min(1).max(200).regex(/^[\w.~-]+$/).nullish(),
    profile: z
      .object({ displayName: z.string().trim().min(1).max(40).optional(), avatarUrl: z.url({ protocol: /^https$/ }).max(500).optional() })
      .optional()
      .openapi({ description: 'What the visitor chose to show (e.g. their WeChat nickname); kept only with consent' }),
    events: z.array(TrackEventSchema).min(1).max(MAX_EVENTS_PER_BATCH),
  })
  .openapi('TrackBatch');
export type TrackBatchInput = z.infer<typeof TrackBatchSchema>;

export function toTrackedEvents(input: TrackBatchInput): TrackedEvent[] {
  return input.events.map((event) => ({
    kind: event.kind,
    at: new Date(event.at),
    ...(event.seconds !== undefined ? { seconds: event.seconds } : {}),
    ...(event.module !== undefined ? { module: event.module } : {}),
    ...(event.productId !== undefined ? { productId: event.productId } : {}),
    ...(event.detail !== undefined ? { detail: event.detail } : {}),
    ...(event.contact !== undefined ? { contact: event.contact } : {}),
  }));
}

export const TrackReceiptSchema = z
  .object({ accepted: z.number().int(), dropped: z.number().int(), personal: z.boolean().openapi({ description: 'Kept per person (consent given) or only as de-identified counts' }) })
  .openapi('TrackReceipt');

export const ConsentSchema = z.object({ visitorId: VisitorIdSchema, cardId: CardIdSchema, granted: z.boolean() }).openapi('TrackingConsent');
export const ConsentReceiptSchema = z.object({ granted: z.boolean(), erasedEvents: z.number().int() }).openapi('TrackingConsentReceipt');

const PersonSchema = z.object({ visitorId: z.string(), displayName: z.string().nullable() });
export const RadarVisitorSchema = z
  .object({
    visitorId: z.string(),
    userId: z.string().nullable(),
    displayName: z.string().nullable(),
    label: z.string(),
    avatarUrl: z.string().nullable(),
    visits: z.number().int(),
    dwellSeconds: z.number().int(),
    firstSeenAt: IsoDateTimeSchema,
    lastSeenAt: IsoDateTimeSchema,
    productsViewed: z.array(z.object({ productId: z.string(), title: z.string().nullable(), seconds: z.number().int(), clicks: z.number().int() })),
    modulesViewed: z.array(z.string()),
    shares: z.number().int(),
    forwards: z.number().int(),
    couponsClaimed: z.number().int(),
    contactSubmitted: z.boolean(),
    calls: z.number().int(),
    addToCart: z.number().int(),
    orders: z.number().int(),
    forwardedTo: z.array(PersonSchema),
    cameFrom: z.string().nullable(),
  })
  .openapi('RadarVisitor');

export const TimelineEntrySchema = z
  .object({
    kind: z.enum(TRACKING_KINDS),
    occurredAt: IsoDateTimeSchema,
    cardId: z.string(),
    text: z.string(),
    productId: z.string().nullable(),
    productTitle: z.string().nullable(),
    module: z.string().nullable(),
    seconds: z.number().int().nullable(),
    contact: z.object({ name: z.string(), phoneMasked: z.string(), message: z.string() }).nullable(),
  })
  .openapi('RadarTimelineEntry');

const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)));
export const TeamQuerySchema = z.object({
  from: DaySchema.optional().openapi({ example: '2026-11-01', description: 'First Beijing day (default: 30 days up to `to`)' }),
  to: DaySchema.optional().openapi({ example: '2026-11-30', description: 'Last Beijing day (default: today)' }),
  organizationId: z.string().max(64).optional().openapi({ description: 'Platform staff only: one organisation' }),
});
export const TeamSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    owners: z.array(
      z.object({
        ownerUserId: z.string(),
        ownerName: z.string().nullable(),
        organizationId: z.string(),
        views: z.number().int(),
        visitors: z.number().int(),
        dwellSeconds: z.number().int(),
        shares: z.number().int(),
        forwards: z.number().int(),
        productClicks: z.number().int(),
        leads: z.number().int(),
      }),
    ),
  })
  .openapi('RadarTeam');

export const NotificationSchema = z
  .object({ id: z.string(), kind: z.string(), title: z.string(), body: z.string(), link: z.string().nullable(), createdAt: IsoDateTimeSchema, readAt: IsoDateTimeSchema.nullable() })
  .openapi('Notification');

export const StreamTicketSchema = z.object({ ticket: z.string(), expiresAt: IsoDateTimeSchema }).openapi('RadarStreamTicket');
export const StreamQuerySchema = z.object({ ticket: z.string().max(2000).optional().openapi({ description: 'From POST …/stream-ticket, for EventSource (which cannot send headers)' }) });
