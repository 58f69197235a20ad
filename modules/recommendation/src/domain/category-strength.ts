import { categoryMix } from './ranking.ts';

/**
 * Fitting the category affinity's strength (the pseudo-purchase count) to one deployment's own
 * history. Buyers differ between deployments: where a buyer's past categories predict their next
 * order, a small count follows the buyer's own mix; where they predict nothing, any count only adds
 * noise and affinity should be off.
 *
 * Internal split: each buyer's last order in the history given (in production their latest order; in
 * the offline evaluation their last training order) is scored against the category mix of their
 * earlier orders. For each candidate count `a`, every new product j of that last order scores
 * log((own(c) + a · share(c)) / ((own + a) · share(c))): the log-likelihood of its category under
 * the buyer's smoothed mix (the serving formula) minus that under everyone's mix ("off").
 *
 * The margin, fixed before the fit was first run on any dataset: the best candidate is served only when
 * - at least MINIMUM_BUYERS buyers were scored (below that the spread between buyers, which the
 *   bound below rests on, cannot be estimated), and
 * - its mean gain per scored product minus two standard errors (buyers are the independent units, so
 *   the error is clustered by buyer) is above zero: about a 98 % one-sided bound, a little stricter
 *   than 95 % because the best of five correlated candidates is picked first.
 * Otherwise "off" (null). Ties between candidates go to the larger count (closer to off).
 * Deterministic: buyers are visited in key order and nothing is random.
 */

export const CATEGORY_STRENGTH_CANDIDATES: readonly number[] = [1, 3, 10, 30, 100];
export const MINIMUM_BUYERS = 10;
const STANDARD_ERRORS = 2;

/** An order as the fit needs it: who, when, which products. */
export interface FitOrder {
  readonly orderId: string;
  readonly personKey: string;
  readonly paidAt: Date;
  readonly productIds: readonly string[];
}

export interface CandidateFit {
  readonly pseudoPurchases: number;
  /** Mean log-likelihood gain per scored product over everyone's mix (nats; above zero = the own mix helps). */
  readonly gain: number;
  readonly standardError: number;
}

export interface CategoryFit {
  /** The count to serve; null: category affinity off. */
  readonly pseudoPurchases: number | null;
  /** Buyers with an earlier order of known category and a scored last order; and the products scored. */
  readonly buyers: number;
  readonly products: number;
  readonly candidates: readonly CandidateFit[];
  readonly why: 'fitted' | 'too few buyers' | 'no candidate beats off';
}

interface ScoredBuyer {
  /** Distinct earlier products per category, and their total. */
  readonly own: ReadonlyMap<string, number>;
  readonly ownTotal: number;
  /** Categories of the last order's new products (repeated when several share one). */
  readonly scored: readonly string[];
}

const byTime = (left: FitOrder, right: FitOrder) => left.paidAt.getTime() - right.paidAt.getTime() || (left.orderId < right.orderId ? -1 : left.orderId > right.orderId ? 1 : 0);

/** Each buyer's orders in time order. */
function historiesOf(orders: readonly FitOrder[]): Map<string, FitOrder[]> {
  const byBuyer = new Map<string, FitOrder[]>();
  for (const order of orders) {
    const history = byBuyer.get(order.personKey);
    if (history) history.push(order);
    else byBuyer.set(order.personKey, [order]);
  }
  for (const history of byBuyer.values()) history.sort(byTime);
  return byBuyer;
}

/** Each buyer with two or more orders: their earlier products' categories and their last order's new ones. */
function scoredBuyers(histories: ReadonlyMap<string, readonly FitOrder[]>, categories: ReadonlyMap<string, string>, share: (category: string) => number): ScoredBuyer[] {
  const buyers: ScoredBuyer[] = [];
  for (const [, history] of [...histories].sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))) {
    if (history.length < 2) continue;
    const earlier = new Set(history.slice(0, -1).flatMap((order) => order.productIds));
    const own = new Map<string, number>();
    let ownTotal = 0;
    for (const productId of earlier) {
      const category = categories.get(productId);
      if (category === undefined) continue;
      own.set(category, (own.get(category) ?? 0) + 1);
      ownTotal++;
    }
    // As served: a product whose category has no share is neither lifted nor lowered, so it says nothing.
    const scored = [...new Set(history.at(-1)!.productIds)].filter((productId) => !earlier.has(productId)).flatMap((productId) => {
      const category = categories.get(productId);
      return category !== undefined && share(category) > 0 ? [category] : [];
    });
    if (ownTotal > 0 && scored.length > 0) buyers.push({ own, ownTotal, scored });
  }
  return buyers;
}

function candidateFit(buyers: readonly ScoredBuyer[], share: (category: string) => number, pseudo: number): CandidateFit {
  const gains: number[] = [];
  let products = 0;
  for (const buyer of buyers) {
    let gain = 0;
    for (const category of buyer.scored) {
      const overall = share(category);
      gain += Math.log(((buyer.own.get(category) ?? 0) + pseudo * overall) / ((buyer.ownTotal + pseudo) * overall));
    }
    gains.push(gain);
    products += buyer.scored.length;
  }
  const mean = gains.reduce((sum, gain) => sum + gain, 0) / products;
  // The ratio estimator's variance with buyers as clusters: Σ (g_b − mean · n_b)² / (Σ n_b)², times B / (B − 1).
  let squares = 0;
  buyers.forEach((buyer, index) => (squares += (gains[index]! - mean * buyer.scored.length) ** 2));
  const count = buyers.length;
  const standardError = count < 2 ? Infinity : Math.sqrt((squares * count) / (count - 1)) / products;
  return { pseudoPurchases: pseudo, gain: mean, standardError };
}

/**
 * Fits the category pseudo-purchase count from a history of paid orders (never orders to be
 * evaluated); `categories` gives each product's leaf category where known. `popularity` (paid orders
 * per product) gives everyone's category mix, exactly as the ranking computes it: serving passes its
 * popularity pool; without it the mix comes from the orders that are not scored.
 */
export function fitCategoryStrength(
  orders: readonly FitOrder[],
  categories: ReadonlyMap<string, string>,
  popularity?: ReadonlyMap<string, number>,
  candidates: readonly number[] = CATEGORY_STRENGTH_CANDIDATES,
): CategoryFit {
  const histories = historiesOf(orders);
  const unscored = () => [...histories.values()].flatMap((history) => (history.length < 2 ? history : history.slice(0, -1)));
  const mix = categoryMix(popularity ?? orderCounts(unscored()), categories);
  const share = (category: string) => (mix.total === 0 ? 0 : (mix.counts.get(category) ?? 0) / mix.total);
  const buyers = scoredBuyers(histories, categories, share);
  const products = buyers.reduce((sum, buyer) => sum + buyer.scored.length, 0);
  if (buyers.length < MINIMUM_BUYERS) return { pseudoPurchases: null, buyers: buyers.length, products, candidates: [], why: 'too few buyers' };
  const fits = candidates.map((pseudo) => candidateFit(buyers, share, pseudo));
  const best = [...fits].sort((left, right) => right.gain - left.gain || right.pseudoPurchases - left.pseudoPurchases)[0];
  const clears = best !== undefined && best.gain - STANDARD_ERRORS * best.standardError > 0;
  return { pseudoPurchases: clears ? best.pseudoPurchases : null, buyers: buyers.length, products, candidates: fits, why: clears ? 'fitted' : 'no candidate beats off' };
}

/** Paid orders per product in these orders: the popularity the fit's mix comes from, when the caller has only orders. */
export function orderCounts(orders: readonly Pick<FitOrder, 'productIds'>[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const order of orders) for (const productId of new Set(order.productIds)) counts.set(productId, (counts.get(productId) ?? 0) + 1);
  return counts;
}
