/** Pure rules of a tracking batch: which events count, how they roll up, when to tell others. */
import { beijingDate as beijingDay } from '@linkmall/kernel';

export const TRACKING_KINDS = ['view', 'dwell', 'module_view', 'product_click', 'coupon_claim', 'share', 'forward', 'contact_form', 'call', 'add_to_cart', 'order'] as const;
export type TrackingKind = (typeof TRACKING_KINDS)[number];

export interface ContactForm {
  readonly name: string;
  readonly phone: string;
  readonly message: string;
}

/** One event as the card page reports it, already validated. */
export interface TrackedEvent {
  readonly kind: TrackingKind;
  readonly at: Date;
  /** dwell: seconds since the last heartbeat. */
  readonly seconds?: number;
  readonly module?: string;
  readonly productId?: string;
  /** Kind-specific extras without personal data: coupon template, share channel, order id, quantity. */
  readonly detail?: Readonly<Record<string, string | number>>;
  readonly contact?: ContactForm;
}

/** Beacons are sent late (a phone wakes up) but never from the future, and not days later. */
export const MAX_EVENT_AGE_MS = 48 * 3_600_000;
export const ACTIVE_WINDOW_MS = 30 * 60_000;

export interface PreparedBatch {
  readonly events: readonly TrackedEvent[];
  readonly dropped: number;
}

/** Clamps future timestamps to the receipt time and drops events older than 48 hours. */
export function prepareBatch(events: readonly TrackedEvent[], receivedAt: Date): PreparedBatch {
  const now = receivedAt.getTime();
  const kept: TrackedEvent[] = [];
  for (const event of events) {
    const at = event.at.getTime();
    if (now - at > MAX_EVENT_AGE_MS) continue;
    kept.push(at > now ? { ...event, at: receivedAt } : event);
  }
  return { events: kept, dropped: events.length - kept.length };
}

/** The calendar day in Beijing (UTC+8, no daylight saving) as YYYY-MM-DD. */
export { beijingDay };

export interface DailyCount {
  readonly day: string;
  readonly kind: TrackingKind;
  readonly events: number;
  readonly seconds: number;
}

/** De-identified counts per Beijing day and kind, sorted so concurrent batches lock rows in one order. */
export function dailyCounts(events: readonly TrackedEvent[]): DailyCount[] {
  const byKey = new Map<string, { day: string; kind: TrackingKind; events: number; seconds: number }>();
  for (const event of events) {
    const day = beijingDay(event.at);
    const key = `${day}|${event.kind}`;
    const entry = byKey.get(key) ?? { day, kind: event.kind, events: 0, seconds: 0 };
    entry.events += 1;
    entry.seconds += event.seconds ?? 0;
    byKey.set(key, entry);
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);
}

export interface VisitorDelta {
  readonly visits: number;
  readonly dwellSeconds: number;
  readonly firstAt: Date;
  readonly lastAt: Date;
}

/** What a batch adds to a visitor's summary; null for an empty batch. */
export function visitorDelta(events: readonly TrackedEvent[]): VisitorDelta | null {
  if (events.length === 0) return null;
  let first = events[0]!.at;
  let last = events[0]!.at;
  let visits = 0;
  let dwellSeconds = 0;
  for (const event of events) {
    if (event.at < first) first = event.at;
    if (event.at > last) last = event.at;
    if (event.kind === 'view') visits += 1;
    if (event.kind === 'dwell') dwellSeconds += event.seconds ?? 0;
  }
  return { visits, dwellSeconds, firstAt: first, lastAt: last };
}

/** Events worth telling the owner about live; heartbeats and module views would only be noise. */
const LIVE_KINDS: ReadonlySet<TrackingKind> = new Set(['view', 'product_click', 'coupon_claim', 'share', 'forward', 'contact_form', 'call', 'add_to_cart', 'order']);
export function isLiveWorthy(kind: TrackingKind): boolean {
  return LIVE_KINDS.has(kind);
}

/**
 * Which clicked products the owner should hear about now (none told within 30 minutes), and the
 * notice log to keep: entries older than the window are dropped, so it stays small.
 */
export function dueClickNotices(clicked: readonly string[], notices: Readonly<Record<string, string>>, now: Date): { fresh: string[]; notices: Record<string, string> } {
  const windowStart = now.getTime() - ACTIVE_WINDOW_MS;
  const kept: Record<string, string> = {};
  for (const [productId, at] of Object.entries(notices)) if (Date.parse(at) > windowStart) kept[productId] = at;
  const fresh = clicked.filter((productId) => !(productId in kept));
  for (const productId of fresh) kept[productId] = now.toISOString();
  return { fresh, notices: kept };
}
