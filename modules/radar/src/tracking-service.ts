import { randomInt } from 'node:crypto';
import { err, ok, type PiiCipher, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db } from '@linkmall/db';
import { publishEvents, type DomainEvent, type SharedLimits } from '@linkmall/events';
import { ACTIVE_WINDOW_MS, dailyCounts, dueClickNotices, isLiveWorthy, prepareBatch, visitorDelta, type TrackedEvent } from './domain/tracking-batch.ts';
import { activityText, visitorLabel } from './domain/live-texts.ts';
import { TokenBuckets, type RateLimit } from './domain/rate-limiter.ts';
import type { LiveBus, LiveEvent } from './live-bus.ts';
import type { NotificationInput, NotificationService } from './notification-service.ts';
import type { CardAttribution, CardDirectory, ProductTitles } from './radar-ports.ts';
import { radarEvent } from './radar-events.ts';
import type { RadarErrorCode } from './radar-errors.ts';
import { trackingStore, type EventRow, type VisitorUpsert } from './tracking-store.ts';

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
  /** Counters every API process sees (PostgreSQL or Redis); without them the limits are this process's alone. */
  readonly shared?: SharedLimits;
}

const ATTRIBUTION_TTL_MS = 30_000;
const TIMELINE_HINT = { 'zh-CN': '点击查看访客轨迹', en: 'Open the visitor’s timeline' };

const clickedProducts = (events: readonly TrackedEvent[]) => [...new Set(events.filter((event) => event.kind === 'product_click' && event.productId).map((event) => event.productId!))];

type Who = { visitorId: string; userId: string | null; displayName: string | null };

/** The tracking endpoint's operations: consent decisions and event batches. */
export function createTrackingService(deps: TrackingDeps) {
  const { db, pii } = deps;
  const perVisitor = deps.limits?.perVisitor ?? { capacity: 30, refillPerSecond: 2 };
  const perAddress = deps.limits?.perAddress ?? { capacity: 60, refillPerSecond: 10 };
  const byAddress = new TokenBuckets(perAddress);
  const byVisitor = new TokenBuckets(perVisitor);
  // Across processes the same budget holds per minute: a full bucket plus a minute of refill.
  const perMinute = (limit: RateLimit) => limit.capacity + Math.ceil(limit.refillPerSecond * 60);

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

  /**
   * This process's token buckets first (no I/O, refuses a flood at once), then, with several API
   * processes, the shared per-minute counters, so a client spread over N processes by the load
   * balancer still gets one budget, not N.
   */
  async function admitted(ctx: RequestContext, visitorId: string): Promise<boolean> {
    const now = ctx.clock.now();
    if (!(byVisitor.take(visitorId, now.getTime()) && (!ctx.ip || byAddress.take(ctx.ip, now.getTime())))) return false;
    if (!deps.shared) return true;
    const [visitorHits, addressHits] = await Promise.all([
      deps.shared.hit('radar.visitor', visitorId, 60_000, now),
      ctx.ip ? deps.shared.hit('radar.address', ctx.ip, 60_000, now) : Promise.resolve(0),
    ]);
    return visitorHits <= perMinute(perVisitor) && addressHits <= perMinute(perAddress);
  }

  /**
   * What a batch tells the owner, as notifications to record: the visit (at most every 30 minutes),
   * products first clicked in half an hour, contact forms. Outbox events go with them: radar.visitor_active
   * and radar.contact_submitted (contact details encrypted). Nothing here touches the database.
   */
  function followUpWrites(ctx: RequestContext, card: CardAttribution, who: Who, personal: boolean, claimedActive: boolean, freshClicks: readonly string[], titles: ReadonlyMap<string, string>, events: readonly TrackedEvent[]) {
    const notices: NotificationInput[] = [];
    const outbox: DomainEvent[] = [];
    const base = { cardId: card.cardId, ownerUserId: card.ownerUserId, organizationId: card.organizationId, visitorId: who.visitorId };
    const label = visitorLabel(who.displayName, who.visitorId);
    const timeline = `radar/visitors/${who.visitorId}`;
    if (claimedActive) {
      outbox.push(radarEvent('radar.visitor_active', card.cardId, { ...base, userId: who.userId, displayName: who.displayName, occurredAt: ctx.clock.now().toISOString() }));
      notices.push({ kind: 'card_viewed', title: activityText('view', label, null), body: TIMELINE_HINT, link: timeline });
    }
    for (const productId of freshClicks) {
      notices.push({ kind: 'product_clicked', title: activityText('product_click', label, titles.get(productId) ?? null), body: TIMELINE_HINT, link: timeline });
    }
    // Contact forms reach CRM whether or not the visitor consented to tracking: they gave these details to be contacted.
    for (const event of events) {
      if (event.kind !== 'contact_form' || !event.contact) continue;
      const { name, phone, message } = event.contact;
      outbox.push(radarEvent('radar.contact_submitted', card.cardId, { ...base, nameCipher: pii.encrypt(name), phoneCipher: pii.encrypt(phone), messageCipher: pii.encrypt(message) }));
      notices.push({ kind: 'contact_submitted', title: activityText('contact_form', { 'zh-CN': name, en: name }, null), body: { 'zh-CN': message || '（无留言）', en: message || '(no message)' }, link: personal ? timeline : null });
    }
    return { notices, outbox };
  }

  /**
   * What follows a recorded batch, in one transaction of a few statements however much is due: the
   * 30-minute radar.visitor_active slot claimed, click notices remembered, the notifications and
   * outbox events written. Product titles are looked up by the caller before the transaction, so it
   * never holds a second connection.
   */
  async function followUps(tx: Db, ctx: RequestContext, card: CardAttribution, who: Who, recorded: { personal: boolean; activeDue: boolean; clickNotices: Record<string, string> }, events: readonly TrackedEvent[], titles: ReadonlyMap<string, string>): Promise<LiveEvent[]> {
    const now = ctx.clock.now();
    const claimedActive = recorded.activeDue && (await trackingStore.claimActive(tx, card.cardId, who.visitorId, now));
    const due = recorded.personal ? dueClickNotices(clickedProducts(events), recorded.clickNotices, now) : { fresh: [], notices: {} };
    if (due.fresh.length > 0) await trackingStore.setClickNotices(tx, card.cardId, who.visitorId, due.notices);
    const writes = followUpWrites(ctx, card, who, recorded.personal, claimedActive, due.fresh, titles, events);
    await publishEvents(tx, ctx, writes.outbox);
    return deps.notifications.record(tx, ctx, card.ownerUserId, writes.notices);
  }

  function eventRows(events: readonly TrackedEvent[]): EventRow[] {
    return events.map((event) => {
      const detail: Record<string, unknown> = { ...(event.detail ?? {}) };
      if (event.contact) Object.assign(detail, { nameCipher: pii.encrypt(event.contact.name), phoneCipher: pii.encrypt(event.contact.phone), messageCipher: pii.encrypt(event.contact.message) });
      return {
        kind: event.kind,
        occurredAt: event.at,
        productId: event.productId ?? null,
        module: event.module ?? null,
        seconds: event.seconds ?? null,
        detail: Object.keys(detail).length > 0 ? detail : null,
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

  /** The batch as the owner's open streams show it; titles already looked up for notifications are reused. */
  async function liveActivity(card: CardAttribution, who: Who | null, events: readonly TrackedEvent[], known: ReadonlyMap<string, string>): Promise<LiveEvent[]> {
    const worthy = events.filter((event) => isLiveWorthy(event.kind));
    const missing = [...new Set(worthy.map((event) => event.productId).filter((id): id is string => Boolean(id) && !known.has(id!)))];
    const titles = missing.length > 0 ? new Map([...known, ...(await deps.productTitles(missing))]) : known;
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
      if (!(await admitted(ctx, batch.visitorId))) return err('rate_limited');
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
        return { personal: recorded.granted, who, activeDue, clickNotices: summary?.clickNotices ?? {}, freshClicks: clicked, needsFollowUp: activeDue || clicked.length > 0 || hasContact };
      };
      const titlesOf = async (productIds: readonly string[]) => (productIds.length > 0 ? deps.productTitles(productIds) : new Map<string, string>());
      // A contact form is a lead: its batch and the outbox event commit together. Others are one statement.
      const outcome = hasContact
        ? await (async () => {
            const titles = await titlesOf(clickedProducts(events));
            return inTransaction(db, async (tx) => {
              const recorded = await record(tx);
              return { ...recorded, titles, live: await followUps(tx, ctx, card, recorded.who, recorded, events, titles) };
            });
          })()
        : await (async () => {
            const recorded = await record(db);
            if (!recorded.needsFollowUp) return { ...recorded, titles: new Map<string, string>(), live: [] };
            const titles = await titlesOf(recorded.freshClicks);
            return { ...recorded, titles, live: await inTransaction(db, (tx) => followUps(tx, ctx, card, recorded.who, recorded, events, titles)) };
          })();
      const activity = deps.bus.wants(card.ownerUserId, card.organizationId) ? await liveActivity(card, outcome.personal ? outcome.who : null, events, outcome.titles) : [];
      for (const event of [...activity, ...outcome.live]) deps.bus.publish(event);
      return ok({ accepted: events.length, dropped, personal: outcome.personal });
    },

    /** Records the visitor's decision; a withdrawal also erases what was kept about them on this card. */
    async decideConsent(ctx: RequestContext, decision: { visitorId: string; cardId: string; granted: boolean }): Promise<Result<{ granted: boolean; erasedEvents: number }, RadarErrorCode | 'rate_limited'>> {
      if (!(await admitted(ctx, decision.visitorId))) return err('rate_limited');
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
