import { randomInt } from 'node:crypto';
import { err, ok, type PiiCipher, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db } from '@linkmall/db';
import { publishEvent } from '@linkmall/events';
import { ACTIVE_WINDOW_MS, dailyCounts, dueClickNotices, isLiveWorthy, prepareBatch, visitorDelta, type TrackedEvent } from './domain/tracking-batch.ts';
import { activityText, visitorLabel } from './domain/live-texts.ts';
import { TokenBuckets, type RateLimit } from './domain/rate-limiter.ts';
import type { LiveBus, LiveEvent } from './live-bus.ts';
import type { NotificationService } from './notification-service.ts';
import type { CardAttribution, CardDirectory, ProductTitles } from './radar-ports.ts';
import { radarEvent } from './radar-events.ts';
import type { RadarErrorCode } from './radar-errors.ts';
import { trackingStore, type VisitorUpsert } from './tracking-store.ts';

export interface TrackingBatch {
  readonly visitorId: string;
  readonly cardId: string;
  readonly shareToken: string | null;
  /** What the visitor chose to show (e.g. their WeChat nickname); kept only with consent. */
  readonly profile?: { readonly displayName?: string; readonly avatarUrl?: string };
  readonly events: readonly TrackedEvent[];
}

export interface TrackingReceipt {
  readonly accepted: number;
  readonly dropped: number;
  /** Whether events were kept per person (consent given) or only as de-identified counts. */
  readonly personal: boolean;
}

export interface TrackingLimits {
  /** Batches per client address and per visitor (defaults: bursts of 60 and 30, refilled at 10/s and 2/s). */
  readonly perAddress?: RateLimit;
  readonly perVisitor?: RateLimit;
}

interface TrackingDeps {
  readonly db: Db;
  readonly pii: PiiCipher;
  readonly cards: CardDirectory;
  readonly productTitles: ProductTitles;
  readonly notifications: NotificationService;
  readonly bus: LiveBus;
  readonly limits?: TrackingLimits;
}

const ATTRIBUTION_TTL_MS = 30_000;
const TIMELINE_HINT = { 'zh-CN': '点击查看访客轨迹', en: 'Open the visitor’s timeline' };

const clickedProducts = (events: readonly TrackedEvent[]) => [...new Set(events.filter((event) => event.kind === 'product_click' && event.productId).map((event) => event.productId!))];

type Who = { visitorId: string; userId: string | null; displayName: string | null };

/** The tracking endpoint's operations: consent decisions and event batches. */
export function createTrackingService(deps: TrackingDeps) {
  const { db, pii } = deps;
  const byAddress = new TokenBuckets(deps.limits?.perAddress ?? { capacity: 60, refillPerSecond: 10 });
  const byVisitor = new TokenBuckets(deps.limits?.perVisitor ?? { capacity: 30, refillPerSecond: 2 });

  /**
   * Attribution of recent (card, share) pairs, kept 30 seconds: a card page reports every few seconds,
   * and a card disabled meanwhile merely counts for half a minute more.
   */
  const attributions = new Map<string, { value: CardAttribution | null; expiresAtMs: number }>();
  async function attribute(ctx: RequestContext, cardId: string, shareToken: string | null): Promise<CardAttribution | null> {
    const key = `${cardId}\u0000${shareToken ?? ''}`;
    const nowMs = ctx.clock.now().getTime();
    const cached = attributions.get(key);
    if (cached && cached.expiresAtMs > nowMs) return cached.value;
    const value = await deps.cards.attribution(cardId, shareToken);
    if (attributions.size >= 10_000) attributions.clear();
    attributions.set(key, { value, expiresAtMs: nowMs + ATTRIBUTION_TTL_MS });
    return value;
  }

  function admitted(ctx: RequestContext, visitorId: string): boolean {
    const nowMs = ctx.clock.now().getTime();
    return byVisitor.take(visitorId, nowMs) && (!ctx.ip || byAddress.take(ctx.ip, nowMs));
  }

  /** radar.visitor_active and its notification, at most every 30 minutes, in the batch's transaction. */
  async function activeEffects(tx: Db, ctx: RequestContext, card: CardAttribution, who: Who): Promise<LiveEvent> {
    const base = { cardId: card.cardId, ownerUserId: card.ownerUserId, organizationId: card.organizationId, visitorId: who.visitorId };
    await publishEvent(tx, ctx, radarEvent('radar.visitor_active', card.cardId, { ...base, userId: who.userId, displayName: who.displayName, occurredAt: ctx.clock.now().toISOString() }));
    const title = activityText('view', visitorLabel(who.displayName, who.visitorId), null);
    return deps.notifications.record(tx, ctx, card.ownerUserId, { kind: 'card_viewed', title, body: TIMELINE_HINT, link: `radar/visitors/${who.visitorId}` });
  }

  /**
   * "X clicked 商品Y" notifications for products first clicked in half an hour. After the batch commits
   * and rare, so the catalog lookup of titles never holds a second connection inside the batch's transaction.
   */
  async function clickNotifications(ctx: RequestContext, card: CardAttribution, who: Who, productIds: readonly string[]): Promise<LiveEvent[]> {
    if (productIds.length === 0) return [];
    const titles = await deps.productTitles(productIds);
    const label = visitorLabel(who.displayName, who.visitorId);
    return inTransaction(db, async (tx) => {
      const live: LiveEvent[] = [];
      for (const productId of productIds) {
        const title = activityText('product_click', label, titles.get(productId) ?? null);
        live.push(await deps.notifications.record(tx, ctx, card.ownerUserId, { kind: 'product_clicked', title, body: TIMELINE_HINT, link: `radar/visitors/${who.visitorId}` }));
      }
      return live;
    });
  }

  /** Contact forms reach CRM whether or not the visitor consented to tracking: they gave these details to be contacted. */
  async function contactEffects(tx: Db, ctx: RequestContext, card: CardAttribution, who: Who, personal: boolean, events: readonly TrackedEvent[]) {
    const live: LiveEvent[] = [];
    for (const event of events) {
      if (event.kind !== 'contact_form' || !event.contact) continue;
      const { name, phone, message } = event.contact;
      await publishEvent(tx, ctx, radarEvent('radar.contact_submitted', card.cardId, { cardId: card.cardId, ownerUserId: card.ownerUserId, organizationId: card.organizationId, visitorId: who.visitorId, nameCipher: pii.encrypt(name), phoneCipher: pii.encrypt(phone), messageCipher: pii.encrypt(message) }));
      const title = activityText('contact_form', { 'zh-CN': name, en: name }, null);
      const link = personal ? `radar/visitors/${who.visitorId}` : null;
      live.push(await deps.notifications.record(tx, ctx, card.ownerUserId, { kind: 'contact_submitted', title, body: { 'zh-CN': message || '（无留言）', en: message || '(no message)' }, link }));
    }
    return live;
  }

  function eventRows(events: readonly TrackedEvent[]) {
    return events.map((event) => {
      const detail: Record<string, unknown> = { ...(event.detail ?? {}) };
      if (event.contact) Object.assign(detail, { nameCipher: pii.encrypt(event.contact.name), phoneCipher: pii.encrypt(event.contact.phone), messageCipher: pii.encrypt(event.contact.message) });
      return {
        kind: event.kind,
        occurred_at: event.at,
        product_id: event.productId ?? null,
        module: event.module ?? null,
        seconds: event.seconds ?? null,
        detail: Object.keys(detail).length > 0 ? JSON.stringify(detail) : null,
      };
    });
  }

  /** The visitor as the batch names them: a shop session first, else what the page sent; encrypted. */
  function visitorOf(ctx: RequestContext, card: CardAttribution, batch: TrackingBatch): VisitorUpsert {
    const displayName = ctx.actor?.displayName ?? batch.profile?.displayName ?? null;
    return {
      cardId: card.cardId,
      visitorId: batch.visitorId,
      ownerUserId: card.ownerUserId,
      organizationId: card.organizationId,
      userId: ctx.actor?.userId ?? null,
      displayNameCipher: displayName ? pii.encrypt(displayName) : null,
      avatarUrl: batch.profile?.avatarUrl ?? null,
      shareId: card.shareId,
      forwarderVisitorId: card.forwarderVisitorId,
    };
  }

  /**
   * What follows a recorded batch, in one transaction: radar.visitor_active (claimed, at most every 30
   * minutes), click notices and contact forms. Most batches need none of it and skip the transaction.
   */
  async function followUps(tx: Db, ctx: RequestContext, card: CardAttribution, who: Who, recorded: { personal: boolean; activeDue: boolean; clickNotices: Record<string, string> }, events: readonly TrackedEvent[]) {
    const now = ctx.clock.now();
    const live: LiveEvent[] = [];
    if (recorded.activeDue && (await trackingStore.claimActive(tx, card.cardId, who.visitorId, now))) live.push(await activeEffects(tx, ctx, card, who));
    const due = recorded.personal ? dueClickNotices(clickedProducts(events), recorded.clickNotices, now) : { fresh: [], notices: {} };
    if (due.fresh.length > 0) await trackingStore.setClickNotices(tx, card.cardId, who.visitorId, due.notices);
    live.push(...(await contactEffects(tx, ctx, card, who, recorded.personal, events)));
    return { live, freshClicks: due.fresh };
  }

  async function liveActivity(card: CardAttribution, who: Who | null, events: readonly TrackedEvent[]): Promise<LiveEvent[]> {
    const worthy = events.filter((event) => isLiveWorthy(event.kind));
    const productIds = [...new Set(worthy.map((event) => event.productId).filter((id): id is string => Boolean(id)))];
    const titles = productIds.length > 0 ? await deps.productTitles(productIds) : new Map<string, string>();
    const label = who ? visitorLabel(who.displayName, who.visitorId) : null;
    return worthy.map((event) => ({
      type: 'activity' as const,
      ownerUserId: card.ownerUserId,
      organizationId: card.organizationId,
      occurredAt: event.at.toISOString(),
      text: activityText(event.kind, label, event.productId ? (titles.get(event.productId) ?? null) : null),
      cardId: card.cardId,
      kind: event.kind,
      visitorId: who?.visitorId ?? null,
      displayName: who?.displayName ?? null,
      productId: event.productId ?? null,
    }));
  }

  return {
    /** Whether the visitor consented to personal tracking on this card (for the assistant's VisitorConsent port). */
    consentGranted: (cardId: string, visitorId: string) => trackingStore.consentGranted(db, visitorId, cardId),

    /** Records a batch: de-identified counts always, per-person rows only with consent; then tells the owner live. */
    async track(ctx: RequestContext, batch: TrackingBatch): Promise<Result<TrackingReceipt, RadarErrorCode | 'rate_limited'>> {
      if (!admitted(ctx, batch.visitorId)) return err('rate_limited');
      const card = await attribute(ctx, batch.cardId, batch.shareToken);
      if (!card) return err('radar_card_not_found');
      const receivedAt = ctx.clock.now();
      const { events, dropped } = prepareBatch(batch.events, receivedAt);
      if (events.length === 0) return ok({ accepted: 0, dropped, personal: false });
      const hasContact = events.some((event) => event.kind === 'contact_form');
      const rows = { visitor: visitorOf(ctx, card, batch), delta: visitorDelta(events)!, counts: dailyCounts(events), events: eventRows(events), slot: randomInt(8), receivedAt, durable: hasContact };
      const record = async (handle: Db) => {
        const recorded = await trackingStore.recordBatch(handle, rows);
        const summary = recorded.visitor;
        const who: Who = { visitorId: batch.visitorId, userId: summary?.userId ?? null, displayName: summary?.displayNameCipher ? pii.decrypt(summary.displayNameCipher) : null };
        const activeDue = summary !== null && (summary.activePublishedAt === null || receivedAt.getTime() - summary.activePublishedAt.getTime() >= ACTIVE_WINDOW_MS);
        const clicked = summary ? dueClickNotices(clickedProducts(events), summary.clickNotices, receivedAt).fresh : [];
        return { personal: recorded.granted, who, activeDue, clickNotices: summary?.clickNotices ?? {}, needsFollowUp: activeDue || clicked.length > 0 || hasContact };
      };
      // A contact form is a lead: its batch and the outbox event commit together. Others are one statement.
      const outcome = hasContact
        ? await inTransaction(db, async (tx) => {
            const recorded = await record(tx);
            return { ...recorded, ...(await followUps(tx, ctx, card, recorded.who, recorded, events)) };
          })
        : await (async () => {
            const recorded = await record(db);
            const after = recorded.needsFollowUp ? await inTransaction(db, (tx) => followUps(tx, ctx, card, recorded.who, recorded, events)) : { live: [], freshClicks: [] };
            return { ...recorded, ...after };
          })();
      const activity = deps.bus.wants(card.ownerUserId, card.organizationId) ? await liveActivity(card, outcome.personal ? outcome.who : null, events) : [];
      const clicks = await clickNotifications(ctx, card, outcome.who, outcome.freshClicks);
      for (const event of [...activity, ...outcome.live, ...clicks]) deps.bus.publish(event);
      return ok({ accepted: events.length, dropped, personal: outcome.personal });
    },

    /** Records the visitor's decision; a withdrawal also erases what was kept about them on this card. */
    async decideConsent(ctx: RequestContext, decision: { visitorId: string; cardId: string; granted: boolean }): Promise<Result<{ granted: boolean; erasedEvents: number }, RadarErrorCode | 'rate_limited'>> {
      if (!admitted(ctx, decision.visitorId)) return err('rate_limited');
      const card = await deps.cards.attribution(decision.cardId, null);
      if (!card) return err('radar_card_not_found');
      return inTransaction(db, async (tx) => {
        await trackingStore.recordConsent(tx, { ...decision, at: ctx.clock.now() });
        const erasedEvents = decision.granted ? 0 : await trackingStore.erasePerson(tx, decision.visitorId, decision.cardId);
        return ok({ granted: decision.granted, erasedEvents });
      });
    },
  };
}
export type TrackingService = ReturnType<typeof createTrackingService>;
