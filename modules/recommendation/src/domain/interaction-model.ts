export interface Region {
  readonly province: string;
  readonly city: string;
}

/** A paid order as the recommender learns from it. */
export interface PurchaseFact {
  readonly orderId: string;
  /** The buyer's person key (their user id). */
  readonly personKey: string;
  readonly paidAt: Date;
  readonly productIds: readonly string[];
  readonly region: Region | null;
}

/** A region's key in maps: the province, and the city inside it ('' when unknown). */
export const regionKey = (region: Region) => `${region.province}\u0000${region.city}`;

/**
 * The recommender's counts kept in memory, with exactly the rules of the database tables: a person
 * meets a product once; pairs count people who met both; an order counts once; a person's region is
 * that of their latest paid order. The offline evaluation trains this; tests compare it with the
 * tables.
 */
export class InteractionModel {
  readonly #products = new Map<string, Set<string>>();
  readonly #persons = new Map<string, number>();
  readonly #pairs = new Map<string, Map<string, number>>();
  readonly #orders = new Map<string, number>();
  readonly #regional = new Map<string, Map<string, number>>();
  readonly #provincial = new Map<string, Map<string, number>>();
  readonly #personRegions = new Map<string, { region: Region; paidAt: number; orderId: string }>();
  readonly #appliedOrders = new Set<string>();

  /** Records that a person met products; returns the products that were new to them. */
  meet(personKey: string, productIds: Iterable<string>): string[] {
    const known = this.#products.get(personKey) ?? new Set<string>();
    this.#products.set(personKey, known);
    const fresh = [...new Set(productIds)].filter((productId) => !known.has(productId)).sort();
    for (const productId of fresh) {
      for (const other of known) {
        this.#bump(productId, other);
        this.#bump(other, productId);
      }
      known.add(productId);
      this.#persons.set(productId, (this.#persons.get(productId) ?? 0) + 1);
    }
    return fresh;
  }

  /** Applies a paid order once: the buyer meets its products, each product gains an order, the region too. */
  applyOrder(order: PurchaseFact): boolean {
    if (this.#appliedOrders.has(order.orderId)) return false;
    this.#appliedOrders.add(order.orderId);
    const products = [...new Set(order.productIds)];
    this.meet(order.personKey, products);
    for (const productId of products) this.#orders.set(productId, (this.#orders.get(productId) ?? 0) + 1);
    if (order.region) {
      for (const [map, key] of [[this.#regional, regionKey(order.region)], [this.#provincial, order.region.province]] as const) {
        const counts = map.get(key) ?? new Map<string, number>();
        for (const productId of products) counts.set(productId, (counts.get(productId) ?? 0) + 1);
        map.set(key, counts);
      }
      const previous = this.#personRegions.get(order.personKey);
      const paidAt = order.paidAt.getTime();
      if (!previous || paidAt > previous.paidAt || (paidAt === previous.paidAt && order.orderId > previous.orderId)) {
        this.#personRegions.set(order.personKey, { region: order.region, paidAt, orderId: order.orderId });
      }
    }
    return true;
  }

  #bump(productId: string, other: string) {
    const row = this.#pairs.get(productId) ?? new Map<string, number>();
    row.set(other, (row.get(other) ?? 0) + 1);
    this.#pairs.set(productId, row);
  }

  productsOf(personKey: string): ReadonlySet<string> {
    return this.#products.get(personKey) ?? new Set();
  }

  regionOf(personKey: string): Region | null {
    return this.#personRegions.get(personKey)?.region ?? null;
  }

  neighboursOf(productId: string): ReadonlyMap<string, number> {
    return this.#pairs.get(productId) ?? new Map();
  }

  get persons(): ReadonlyMap<string, number> {
    return this.#persons;
  }

  get popularity(): ReadonlyMap<string, number> {
    return this.#orders;
  }

  /** Paid orders per product in a city; the province's when the city has none (or is unknown). */
  regionalPopularity(region: Region | null): ReadonlyMap<string, number> {
    if (!region) return new Map();
    const city = region.city ? this.#regional.get(regionKey(region)) : undefined;
    return city && city.size > 0 ? city : (this.#provincial.get(region.province) ?? new Map());
  }

  /** Every pair as "a|b" → count, for comparing with the tables. */
  pairEntries(): [string, number][] {
    return [...this.#pairs].flatMap(([productId, row]) => [...row].map(([other, count]) => [`${productId}|${other}`, count] as [string, number]));
  }
}
