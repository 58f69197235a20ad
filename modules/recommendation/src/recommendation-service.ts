import { inTransaction, type Db } from '@linkmall/db';
import type { Subscriber, ScheduledJobDefinition } from '@linkmall/events';
import type { Clock, RequestContext } from '@linkmall/kernel';
import { createCategoryStrength } from './category-strength-service.ts';
import type { CategoryFit } from './domain/category-strength.ts';
import type { PurchaseFact, Region } from './domain/interaction-model.ts';
import { DEFAULT_WEIGHTS, rankProducts, type RankedProduct, type RankingWeights, type RecommendationReason } from './domain/ranking.ts';
import type { CardBehaviourSource, CardInterest, ProductCategories, ProductShelf, PurchaseSource, ShopScope, ShowableProduct, StoreRegions } from './recommendation-ports.ts';
import { recommendationStore as store } from './recommendation-store.ts';

export interface RecommendationDependencies {
  readonly db: Db;
  readonly clock: Clock;
  readonly purchases: PurchaseSource;
  readonly cardBehaviour: CardBehaviourSource;
  readonly shelf: ProductShelf;
  readonly storeRegions?: StoreRegions;
  /** Product categories for category affinity; without it categories are ignored. */
  readonly productCategories?: ProductCategories;
  /** The blend; its category strength is replaced by `categoryStrength` or the fitted one. */
  readonly weights?: RankingWeights;
  /**
   * Category affinity's pseudo-purchase count. Default: fitted from this deployment's own purchases
   * (domain/category-strength.ts) on first use and after every rebuild; a number or null (off) fixes it.
   */
  readonly categoryStrength?: number | null;
  /**
   * How long a tracking row may take from its id being taken to its commit. The card job keeps its
   * watermark behind rows younger than this and reads them again next time (harmless: a person meets
   * a product once), so a row that commits late is never skipped. Default 60 s.
   */
  readonly commitLagMs?: number;
}

export interface RecommendationRequest {
  /** The signed-in member, if any. */
  readonly userId: string | null;
  /** A card visitor id (radar), if the caller knows one. */
  readonly visitorId?: string | null | undefined;
  /** A region hint (an anonymous visitor's chosen city, or a store's); otherwise the member's last order's. */
  readonly region?: Region | null | undefined;
  readonly storeId?: string | null | undefined;
  readonly scope: ShopScope;
  readonly limit: number;
}

export interface RecommendationItem extends ShowableProduct {
  /** 'new': not from the model, a product on sale added to fill a short list. */
  readonly reason: RecommendationReason | 'new';
  readonly becauseOf: string | null;
}

const CARD_WATERMARK = 'radar.product-interests';

/** How far card behaviour has been read from the radar: tracking rows up to this id may be purged. */
export function cardBehaviourWatermark(db: Db): Promise<bigint> {
  return store.watermark(db, CARD_WATERMARK);
}
const SEED_LIMIT = 50;
const NEIGHBOURS_PER_SEED = 50;
const POPULAR_POOL = 200;
/**
 * For a person with a history and known categories the pool is wider, so that the best sellers of a
 * smaller category they buy are among the candidates when category affinity lifts them.
 */
const POPULAR_POOL_WITH_CATEGORIES = 500;

/** A card visitor who never signed in is a person of their own; a signed-in one is the member. */
export const personKeyOf = (interest: Pick<CardInterest, 'visitorId' | 'userId'>) => interest.userId ?? `vis:${interest.visitorId}`;

export function createRecommendationModule(deps: RecommendationDependencies) {
  const weights = deps.weights ?? DEFAULT_WEIGHTS;
  const commitLagMs = deps.commitLagMs ?? 60_000;
  const categoryStrength = createCategoryStrength({ db: deps.db, clock: deps.clock, productCategories: deps.productCategories, fixed: deps.categoryStrength, poolSize: POPULAR_POOL_WITH_CATEGORIES });

  /** Applies one paid order in the caller's transaction, once. */
  async function applyPurchase(tx: Db, fact: PurchaseFact, now: Date): Promise<boolean> {
    if (fact.productIds.length === 0 || !(await store.claimOrder(tx, fact.orderId, now))) return false;
    await store.meet(tx, fact.personKey, fact.productIds.map((productId) => ({ productId, at: fact.paidAt })), 'order');
    await store.countOrder(tx, fact.productIds, fact.region);
    if (fact.region) await store.placePerson(tx, fact.personKey, fact.region, fact);
    return true;
  }

  /** Reads card product rows after the watermark, a batch per transaction, until caught up. */
  async function ingestCardBehaviour(ctx: RequestContext, batchSize = 1000): Promise<{ rows: number; newInteractions: number }> {
    let rows = 0;
    let newInteractions = 0;
    for (;;) {
      const position = await store.watermark(deps.db, CARD_WATERMARK);
      const batch = await deps.cardBehaviour.after(deps.db, position, batchSize);
      if (batch.length === 0) break;
      const settledBefore = ctx.clock.now().getTime() - commitLagMs;
      // The watermark moves over the leading rows old enough that no earlier id can still be uncommitted.
      const settled = batch.findIndex((row) => row.receivedAt.getTime() > settledBefore);
      const advanceTo = settled === -1 ? batch.at(-1)!.id : settled === 0 ? position : batch[settled - 1]!.id;
      const byPerson = new Map<string, { productId: string; at: Date }[]>();
      for (const row of batch) byPerson.set(personKeyOf(row), [...(byPerson.get(personKeyOf(row)) ?? []), { productId: row.productId, at: row.occurredAt }]);
      await inTransaction(deps.db, async (tx) => {
        for (const [personKey, met] of [...byPerson].sort(([left], [right]) => (left < right ? -1 : 1))) {
          newInteractions += (await store.meet(tx, personKey, met, 'card')).length;
        }
        if (advanceTo > position) await store.setWatermark(tx, CARD_WATERMARK, advanceTo, ctx.clock.now());
      });
      rows += batch.length;
      // Rows too young to pass stay for the next run; a short batch means there is nothing more now.
      if (advanceTo !== batch.at(-1)!.id || batch.length < batchSize) break;
    }
    return { rows, newInteractions };
  }

  /** Ranks for a person (or nobody) with the counts from the tables. */
  async function rank(personKeys: readonly string[], region: Region | null): Promise<{ ranked: RankedProduct[]; seeds: string[] }> {
    const seeds = await store.productsOf(deps.db, personKeys, SEED_LIMIT);
    const strength = seeds.length > 0 && deps.productCategories !== undefined ? await categoryStrength.current() : null;
    const served: RankingWeights = { ...weights, categoryPseudoPurchases: strength };
    const byCategory = strength !== null;
    const [neighbours, popularity, regional] = await Promise.all([
      store.neighbours(deps.db, seeds, weights.minimumSupport, NEIGHBOURS_PER_SEED),
      store.popular(deps.db, byCategory ? POPULAR_POOL_WITH_CATEGORIES : POPULAR_POOL),
      region ? store.popularIn(deps.db, region, POPULAR_POOL) : Promise.resolve(new Map<string, number>()),
    ]);
    const neighbourIds = [...neighbours.values()].flatMap((map) => [...map.keys()]);
    const [persons, categories] = await Promise.all([
      store.personCounts(deps.db, [...seeds, ...neighbourIds]),
      byCategory ? deps.productCategories!([...new Set([...seeds, ...neighbourIds, ...popularity.keys()])]) : Promise.resolve(undefined),
    ]);
    return { ranked: rankProducts({ seeds, neighbours, persons, popularity, regional, weights: served, ...(categories ? { categories } : {}) }), seeds };
  }

  async function regionFor(request: RecommendationRequest): Promise<Region | null> {
    if (request.region) return request.region;
    if (request.storeId && deps.storeRegions) {
      const storeRegion = await deps.storeRegions(request.storeId);
      if (storeRegion) return storeRegion;
    }
    return request.userId ? store.regionOf(deps.db, request.userId) : null;
  }

  const personKeysOf = (request: Pick<RecommendationRequest, 'userId' | 'visitorId'>) => [
    ...(request.userId ? [request.userId] : []),
    ...(request.visitorId ? [personKeyOf({ visitorId: request.visitorId, userId: null })] : []),
  ];

  return {
    weights,

    /** The outbox subscriber's work: the paid order's facts, read in the delivery's transaction, applied once. */
    async applyPaidOrder(tx: Db, ctx: RequestContext, orderId: string): Promise<boolean> {
      let applied = false;
      for (const fact of await deps.purchases.ofOrders(tx, [orderId])) applied = (await applyPurchase(tx, fact, ctx.clock.now())) || applied;
      return applied;
    },

    ingestCardBehaviour,

    /**
     * From scratch: empties the tables and replays every paid order and every card product row. The
     * subscriber and the card job may run meanwhile; each fact still counts once. Recommendations
     * are thinner until it finishes, so the nightly job runs at a quiet hour.
     */
    async rebuild(ctx: RequestContext): Promise<{ orders: number; cardRows: number; categoryPseudoPurchases: number | null }> {
      await inTransaction(deps.db, (tx) => store.clear(tx));
      let orders = 0;
      for (let cursor: string | null = null; ; ) {
        const page = await deps.purchases.after(deps.db, cursor, 500);
        if (page.length === 0) break;
        await inTransaction(deps.db, async (tx) => {
          for (const fact of page) if (await applyPurchase(tx, fact, ctx.clock.now())) orders++;
        });
        cursor = page.at(-1)!.orderId;
      }
      const card = await ingestCardBehaviour(ctx);
      // The model changed: so may the strength its buyers' categories deserve.
      const fit = await categoryStrength.refitNow();
      return { orders, cardRows: card.rows, categoryPseudoPurchases: fit ? fit.pseudoPurchases : await categoryStrength.current() };
    },

    /**
     * The category strength being served and the evidence it was fitted on (fitting on first use);
     * null when it is fixed or no categories are wired.
     */
    categoryFit: (): Promise<CategoryFit | null> => categoryStrength.fit(),

    /**
     * Recommendations for the shop: ranked by the model, kept to what the viewer may buy now in the
     * scope, filled with newer products on sale when the model knows too few.
     */
    async recommend(request: RecommendationRequest): Promise<RecommendationItem[]> {
      const { ranked, seeds } = await rank(personKeysOf(request), await regionFor(request));
      const chosen: RecommendationItem[] = [];
      for (let offset = 0; chosen.length < request.limit && offset < ranked.length; offset += request.limit * 3) {
        const slice = ranked.slice(offset, offset + request.limit * 3);
        const showable = await deps.shelf.showable(request.scope, slice.map((item) => item.productId));
        for (const item of slice) {
          const product = showable.get(item.productId);
          if (product && chosen.length < request.limit) chosen.push({ ...product, reason: item.reason, becauseOf: item.becauseOf });
        }
      }
      if (chosen.length < request.limit) {
        const taken = new Set([...seeds, ...chosen.map((item) => item.productId)]);
        for (const product of await deps.shelf.more(request.scope, request.limit + taken.size)) {
          if (chosen.length >= request.limit) break;
          if (!taken.has(product.productId)) chosen.push({ ...product, reason: 'new', becauseOf: null }), taken.add(product.productId);
        }
      }
      return chosen;
    },

    /**
     * The card assistant's port: these candidates (a card's products) in the order the model would
     * show them to this visitor; candidates the model knows nothing of keep their given order at the end.
     */
    async rankCandidates(request: { userId: string | null; visitorId: string | null }, candidateIds: readonly string[]): Promise<{ productId: string; reason: RecommendationReason | 'new'; becauseOf: string | null }[]> {
      const { ranked } = await rank(personKeysOf(request), request.userId ? await store.regionOf(deps.db, request.userId) : null);
      const candidates = new Set(candidateIds);
      const known = ranked.filter((item) => candidates.has(item.productId)).map(({ productId, reason, becauseOf }) => ({ productId, reason: reason as RecommendationReason | 'new', becauseOf }));
      const placed = new Set(known.map((item) => item.productId));
      return [...known, ...candidateIds.filter((productId) => !placed.has(productId)).map((productId) => ({ productId, reason: 'new' as const, becauseOf: null }))];
    },
  };
}
export type RecommendationModule = ReturnType<typeof createRecommendationModule>;

/** order.paid → the recommender, in the delivery's transaction, so each paid order counts once. */
export function recommendationPurchaseSubscriber(recommendations: RecommendationModule): Subscriber {
  return {
    name: 'recommendation.purchases',
    eventTypes: ['order.paid'],
    handle: async (tx, event, ctx) => {
      const { orderId } = event.payload as { orderId: string };
      await recommendations.applyPaidOrder(tx, ctx, orderId);
    },
  };
}

/** Card product clicks every five minutes; a nightly rebuild, which also drops what consent withdrawals erased. */
export function recommendationJobs(recommendations: RecommendationModule, log: (message: string, details: Record<string, unknown>) => void): ScheduledJobDefinition[] {
  return [
    {
      name: 'recommendation.card-behaviour',
      cron: '*/5 * * * *',
      handle: async (ctx) => {
        const outcome = await recommendations.ingestCardBehaviour(ctx);
        if (outcome.newInteractions > 0) log('recommendations learned from card product clicks', { ...outcome });
      },
    },
    {
      name: 'recommendation.rebuild',
      cron: '40 3 * * *',
      handle: async (ctx) => log('recommendations rebuilt from scratch', { ...(await recommendations.rebuild(ctx)) }),
    },
  ];
}
