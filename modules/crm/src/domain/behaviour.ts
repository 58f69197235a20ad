/** What the radar knows about one visitor of one owner's cards (the contract's VisitorBehaviour). */
export interface VisitorBehaviour {
  readonly visitorId: string;
  readonly userId: string | null;
  readonly displayName: string | null;
  readonly visits: number;
  readonly dwellSeconds: number;
  readonly firstSeenAt: Date;
  readonly lastSeenAt: Date;
  readonly products: readonly { readonly productId: string; readonly seconds: number; readonly clicks: number }[];
  readonly modulesViewed: readonly string[];
  readonly shares: number;
  readonly forwards: number;
  readonly couponsClaimed: number;
  readonly contactSubmitted: boolean;
  readonly calls: number;
  readonly addToCart: number;
  readonly orders: number;
}

/**
 * One person may have visited from several devices (a lead merged from several visitor ids): their
 * behaviour is the sum, products added up by id, modules as a set. Null when there is none.
 */
export function combineBehaviours(behaviours: readonly VisitorBehaviour[]): VisitorBehaviour | null {
  if (behaviours.length === 0) return null;
  if (behaviours.length === 1) return behaviours[0]!;
  const products = new Map<string, { productId: string; seconds: number; clicks: number }>();
  for (const behaviour of behaviours) {
    for (const product of behaviour.products) {
      const seen = products.get(product.productId) ?? { productId: product.productId, seconds: 0, clicks: 0 };
      products.set(product.productId, { productId: product.productId, seconds: seen.seconds + product.seconds, clicks: seen.clicks + product.clicks });
    }
  }
  const sum = (pick: (behaviour: VisitorBehaviour) => number) => behaviours.reduce((total, behaviour) => total + pick(behaviour), 0);
  const first = behaviours[0]!;
  return {
    visitorId: first.visitorId,
    userId: behaviours.find((behaviour) => behaviour.userId)?.userId ?? null,
    displayName: behaviours.find((behaviour) => behaviour.displayName)?.displayName ?? null,
    visits: sum((behaviour) => behaviour.visits),
    dwellSeconds: sum((behaviour) => behaviour.dwellSeconds),
    firstSeenAt: new Date(Math.min(...behaviours.map((behaviour) => behaviour.firstSeenAt.getTime()))),
    lastSeenAt: new Date(Math.max(...behaviours.map((behaviour) => behaviour.lastSeenAt.getTime()))),
    products: [...products.values()],
    modulesViewed: [...new Set(behaviours.flatMap((behaviour) => behaviour.modulesViewed))],
    shares: sum((behaviour) => behaviour.shares),
    forwards: sum((behaviour) => behaviour.forwards),
    couponsClaimed: sum((behaviour) => behaviour.couponsClaimed),
    contactSubmitted: behaviours.some((behaviour) => behaviour.contactSubmitted),
    calls: sum((behaviour) => behaviour.calls),
    addToCart: sum((behaviour) => behaviour.addToCart),
    orders: sum((behaviour) => behaviour.orders),
  };
}
