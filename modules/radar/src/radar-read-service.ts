import { err, maskPhone, ok, type PiiCipher, type RequestContext, type Result } from '@linkmall/kernel';
import type { Db, PageRequest } from '@linkmall/db';
import { beijingDay, type TrackingKind } from './domain/tracking-batch.ts';
import { activityText, visitorLabel } from './domain/live-texts.ts';
import { radarReadStore, type VisitorSummaryRow } from './radar-read-store.ts';
import type { OwnerNames, ProductTitles } from './radar-ports.ts';
import type { RadarErrorCode } from './radar-errors.ts';

/** The contract's behaviour of one visitor towards one owner (issue 5), across the owner's cards. */
export interface VisitorBehaviour {
  visitorId: string;
  userId: string | null;
  displayName: string | null;
  visits: number;
  dwellSeconds: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  products: { productId: string; seconds: number; clicks: number }[];
  modulesViewed: string[];
  shares: number;
  forwards: number;
  couponsClaimed: number;
  contactSubmitted: boolean;
  calls: number;
  addToCart: number;
  orders: number;
}

export interface VisitorPerson {
  readonly visitorId: string;
  readonly displayName: string | null;
}

export interface RadarVisitorView extends VisitorBehaviour {
  readonly label: string;
  readonly avatarUrl: string | null;
  readonly productsViewed: { productId: string; title: string | null; seconds: number; clicks: number }[];
  /** Who this visitor forwarded the card to (visitors who came through their forward). */
  readonly forwardedTo: VisitorPerson[];
  /** Who forwarded the card to this visitor; null when they came through the owner's own share. */
  readonly cameFrom: string | null;
}

const MAX_TEAM_DAYS = 366;

export function createRadarReadService(db: Db, deps: { pii: PiiCipher; productTitles: ProductTitles; ownerNames: OwnerNames }) {
  const name = (row: VisitorSummaryRow) => (row.display_name_cipher ? deps.pii.decrypt(row.display_name_cipher) : null);

  async function behaviour(ownerUserId: string, visitorIds: readonly string[]): Promise<Map<string, VisitorBehaviour>> {
    const ids = [...new Set(visitorIds)];
    const [summaries, counts, products, modules] = await Promise.all([
      radarReadStore.summaries(db, ownerUserId, ids),
      radarReadStore.kindCounts(db, ownerUserId, ids),
      radarReadStore.productInterest(db, ownerUserId, ids),
      radarReadStore.modulesViewed(db, ownerUserId, ids),
    ]);
    const result = new Map<string, VisitorBehaviour>();
    for (const row of summaries) {
      result.set(row.visitor_id, {
        visitorId: row.visitor_id,
        userId: row.user_id,
        displayName: name(row),
        visits: row.visits,
        dwellSeconds: row.dwell_seconds,
        firstSeenAt: row.first_seen_at,
        lastSeenAt: row.last_seen_at,
        products: [],
        modulesViewed: [],
        shares: 0,
        forwards: 0,
        couponsClaimed: 0,
        contactSubmitted: false,
        calls: 0,
        addToCart: 0,
        orders: 0,
      });
    }
    for (const count of counts) {
      const entry = result.get(count.visitor_id);
      if (entry) applyCount(entry, count.kind as TrackingKind, count.events);
    }
    for (const product of products) result.get(product.visitor_id)?.products.push({ productId: product.product_id, seconds: product.seconds, clicks: product.clicks });
    for (const entry of result.values()) entry.products.sort((a, b) => b.seconds - a.seconds || b.clicks - a.clicks || a.productId.localeCompare(b.productId));
    for (const module of modules) result.get(module.visitor_id)?.modulesViewed.push(module.module);
    return result;
  }

  return {
    behaviour,

    /** The owner's radar: consented visitors of their cards, most recent first. */
    async visitors(ctx: RequestContext, query: PageRequest & { cardId?: string }) {
      const ownerUserId = ctx.actor!.userId;
      const { rows, total } = await radarReadStore.visitorPage(db, ownerUserId, query, query.cardId);
      const ids = rows.map((row) => row.visitor_id);
      const [behaviours, forwarded] = await Promise.all([behaviour(ownerUserId, ids), radarReadStore.forwardedTo(db, ownerUserId, ids)]);
      const titles = await deps.productTitles([...new Set([...behaviours.values()].flatMap((entry) => entry.products.map((product) => product.productId)))]);
      const items = rows.map((row): RadarVisitorView => {
        const entry = behaviours.get(row.visitor_id)!;
        return {
          ...entry,
          label: visitorLabel(entry.displayName, row.visitor_id)[ctx.locale],
          avatarUrl: row.avatar_url,
          productsViewed: entry.products.map((product) => ({ ...product, title: titles.get(product.productId) ?? null })),
          forwardedTo: forwarded.filter((other) => other.forwarder_visitor_id === row.visitor_id).map((other) => ({ visitorId: other.visitor_id, displayName: name(other) })),
          cameFrom: row.forwarder_visitor_id,
        };
      });
      return { items, total };
    },

    /** One visitor's events on the owner's cards, newest first, each described in the reader's language. */
    async timeline(ctx: RequestContext, visitorId: string, query: PageRequest): Promise<Result<{ items: TimelineEntry[]; total: number }, RadarErrorCode>> {
      const ownerUserId = ctx.actor!.userId;
      const [summary] = await radarReadStore.summaries(db, ownerUserId, [visitorId]);
      if (!summary) return err('radar_visitor_not_found');
      const { rows, total } = await radarReadStore.timeline(db, ownerUserId, visitorId, query);
      const titles = await deps.productTitles([...new Set(rows.map((row) => row.product_id).filter((id): id is string => id !== null))]);
      const label = visitorLabel(name(summary), visitorId);
      const items = rows.map((row): TimelineEntry => {
        const detail = (row.detail ?? {}) as Record<string, unknown>;
        const contact = typeof detail.phoneCipher === 'string'
          ? { name: deps.pii.decrypt(String(detail.nameCipher)), phoneMasked: maskPhone(deps.pii.decrypt(detail.phoneCipher)), message: deps.pii.decrypt(String(detail.messageCipher)) }
          : null;
        const productTitle = row.product_id ? (titles.get(row.product_id) ?? null) : null;
        return {
          kind: row.kind,
          occurredAt: row.occurred_at,
          cardId: row.card_id,
          text: activityText(row.kind, label, productTitle)[ctx.locale],
          productId: row.product_id,
          productTitle,
          module: row.module,
          seconds: row.seconds,
          contact,
        };
      });
      return ok({ items, total });
    },

    /** Boss radar: per owner in the manager's organisation (platform staff: any or all), over Beijing days. */
    async team(ctx: RequestContext, query: { from?: string; to?: string; organizationId?: string }): Promise<Result<{ from: string; to: string; owners: TeamRow[] }, RadarErrorCode>> {
      const scope = ctx.actor!.scope;
      const today = beijingDay(ctx.clock.now());
      const to = query.to ?? today;
      const from = query.from ?? beijingDay(new Date(Date.parse(`${to}T00:00:00+08:00`) - 29 * 86_400_000));
      const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
      if (!(days >= 0 && days < MAX_TEAM_DAYS)) return err('radar_period_invalid');
      let organizationId: string | null;
      if (scope.kind === 'all') organizationId = query.organizationId ?? null;
      else if (scope.kind === 'merchant') organizationId = scope.merchantId;
      else return ok({ from, to, owners: [] });
      const since = new Date(`${from}T00:00:00+08:00`);
      const until = new Date(Date.parse(`${to}T00:00:00+08:00`) + 86_400_000);
      const [counts, visitors] = await Promise.all([radarReadStore.teamCounts(db, { organizationId, from, to }), radarReadStore.teamVisitors(db, { organizationId, since, until })]);
      const visitorsOf = new Map(visitors.map((row) => [row.owner_user_id, row.visitors]));
      const names = await deps.ownerNames(ctx, counts.map((row) => row.owner_user_id));
      const owners = counts.map((row): TeamRow => ({
        ownerUserId: row.owner_user_id,
        ownerName: names.get(row.owner_user_id) ?? null,
        organizationId: row.organization_id,
        views: row.views,
        visitors: visitorsOf.get(row.owner_user_id) ?? 0,
        dwellSeconds: row.dwell_seconds,
        shares: row.shares,
        forwards: row.forwards,
        productClicks: row.product_clicks,
        leads: row.leads,
      }));
      return ok({ from, to, owners });
    },
  };
}
export type RadarReadService = ReturnType<typeof createRadarReadService>;

export interface TimelineEntry {
  readonly kind: TrackingKind;
  readonly occurredAt: Date;
  readonly cardId: string;
  readonly text: string;
  readonly productId: string | null;
  readonly productTitle: string | null;
  readonly module: string | null;
  readonly seconds: number | null;
  readonly contact: { name: string; phoneMasked: string; message: string } | null;
}

export interface TeamRow {
  readonly ownerUserId: string;
  readonly ownerName: string | null;
  readonly organizationId: string;
  readonly views: number;
  /** Consented visitors (de-identified views are counted but cannot be told apart). */
  readonly visitors: number;
  readonly dwellSeconds: number;
  readonly shares: number;
  readonly forwards: number;
  readonly productClicks: number;
  /** Contact forms and calls. */
  readonly leads: number;
}

function applyCount(entry: VisitorBehaviour, kind: TrackingKind, events: number): void {
  if (kind === 'share') entry.shares += events;
  else if (kind === 'forward') entry.forwards += events;
  else if (kind === 'coupon_claim') entry.couponsClaimed += events;
  else if (kind === 'contact_form') entry.contactSubmitted = events > 0;
  else if (kind === 'call') entry.calls += events;
  else if (kind === 'add_to_cart') entry.addToCart += events;
  else if (kind === 'order') entry.orders += events;
}
