import { dampedSimilarity } from './similarity.ts';

export type RecommendationReason = 'similar' | 'popular_in_region' | 'popular';

export interface RankedProduct {
  readonly productId: string;
  readonly score: number;
  /** similar when any item-to-item evidence counts; else where the popularity came from. */
  readonly reason: RecommendationReason;
  /** For a similar product, the product of the person's that it resembles most. */
  readonly becauseOf: string | null;
}

/**
 * How a score is made: item-to-item evidence plus a popularity prior. Both parts lie in [0, 1]:
 * similarity on its own absolute scale, the prior scaled by the best candidate.
 */
export interface RankingWeights {
  /** Item-to-item: damped cosine to the products the person interacted with, combined as a noisy-or. */
  readonly similar: number;
  /** The popularity prior: paid orders in the person's region, shrunk towards the overall share. */
  readonly popular: number;
  /** The co-occurrence count at which a pair's evidence is half trusted (see supportWeight). */
  readonly supportShrink: number;
  /** Pairs met by fewer people than this are ignored: one shared basket is a coincidence, not a pattern. */
  readonly minimumSupport: number;
  /**
   * For a person with no history: how many orders of the overall mix their region's own counts are
   * blended with, so a region with few orders ranks like the whole shop and one with many by its own
   * favourites. Null: ignore regions. A person with history is ranked on overall popularity: on the
   * held-out validation orders the regional prior only added noise once a history was known.
   */
  readonly regionPseudoOrders: number | null;
  /**
   * Category affinity for a person with a history: how many purchases of the overall category mix
   * their own category counts are blended with (the larger, the closer to plain popularity). A
   * candidate's prior is multiplied by (own(c) + pseudo · share(c)) / ((own + pseudo) · share(c)),
   * the person's smoothed share of category c over everyone's. Null: ignore categories.
   */
  readonly categoryPseudoPurchases: number | null;
}

/**
 * The served blend. Similarity leads when a person's products have neighbours with repeated
 * evidence; otherwise the prior orders the list: popularity (lifted in the categories the person buys
 * when the deployment's fit turns category affinity on), or popular in their region (without a
 * history). Category affinity is off here: its strength is not a constant but fitted per deployment
 * from its own history (category-strength.ts), and the module serves the fitted value.
 */
export const DEFAULT_WEIGHTS: RankingWeights = { similar: 1, popular: 1, supportShrink: 2, minimumSupport: 2, regionPseudoOrders: 5, categoryPseudoPurchases: null };

/** The served blend without categories, for comparison with the fitted one. */
export const WITHOUT_CATEGORIES: RankingWeights = { ...DEFAULT_WEIGHTS, categoryPseudoPurchases: null };

/** Item-to-item alone (popularity only breaks ties and fills a short list): the evaluation's pure variant. */
export const ITEM_TO_ITEM_ONLY: RankingWeights = { similar: 1, popular: 1e-9, supportShrink: 0, minimumSupport: 1, regionPseudoOrders: null, categoryPseudoPurchases: null };

/** Popularity overall alone: the baseline. */
export const POPULARITY_ONLY: RankingWeights = { similar: 0, popular: 1, supportShrink: 0, minimumSupport: 1, regionPseudoOrders: null, categoryPseudoPurchases: null };

export interface RankingInput {
  /** Products the person interacted with (bought, clicked on a card). */
  readonly seeds: readonly string[];
  /** For each seed, the products met by the same people and how many people met both. */
  readonly neighbours: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Distinct people per product (the cosine's norms); must cover seeds and neighbours. */
  readonly persons: ReadonlyMap<string, number>;
  /** Paid orders per product, overall and in the person's region (empty when unknown). */
  readonly popularity: ReadonlyMap<string, number>;
  readonly regional: ReadonlyMap<string, number>;
  /** The catalog category of seeds and candidates, where known (unknown ones are neither lifted nor lowered). */
  readonly categories?: ReadonlyMap<string, string>;
  /** Never recommended (the seeds themselves are always excluded). */
  readonly exclude?: ReadonlySet<string>;
  readonly weights?: RankingWeights;
  readonly limit?: number;
}

function maximum(values: Iterable<number>): number {
  let best = 0;
  for (const value of values) if (value > best) best = value;
  return best;
}

/**
 * Each candidate's evidence from the seeds, combined as a noisy-or (1 − Π(1 − similarity)): in
 * [0, 1] on an absolute scale, so thin evidence stays small instead of being stretched to the top by
 * normalisation; and the seed each candidate resembles most.
 */
function similarityScores(input: RankingInput, shrink: number, minimumSupport: number) {
  const scores = new Map<string, { miss: number; best: number; becauseOf: string }>();
  for (const seed of input.seeds) {
    const personsOfSeed = input.persons.get(seed) ?? 0;
    for (const [other, together] of input.neighbours.get(seed) ?? []) {
      if (together < minimumSupport) continue;
      const similarity = dampedSimilarity(together, personsOfSeed, input.persons.get(other) ?? 0, shrink);
      if (similarity <= 0) continue;
      const entry = scores.get(other);
      if (!entry) scores.set(other, { miss: 1 - similarity, best: similarity, becauseOf: seed });
      else {
        entry.miss *= 1 - similarity;
        // Ties go to the smaller seed id, so the reason does not depend on the order seeds arrive in.
        if (similarity > entry.best || (similarity === entry.best && seed < entry.becauseOf)) Object.assign(entry, { best: similarity, becauseOf: seed });
      }
    }
  }
  return scores;
}

function total(values: Iterable<number>): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum;
}

/**
 * The prior of each candidate: its share of the region's orders, shrunk towards its share of all
 * orders with `pseudo` orders' weight (empirical Bayes); and whether the region's own orders carry
 * most of it (the reason shown). Without a region (or weights ignoring it), the overall share.
 */
function popularityPrior(input: RankingInput, pseudo: number | null) {
  const overall = total(input.popularity.values()) || 1;
  const regionalOrders = pseudo === null ? 0 : total(input.regional.values());
  return (productId: string) => {
    const overallShare = (input.popularity.get(productId) ?? 0) / overall;
    if (pseudo === null || regionalOrders === 0) return { prior: overallShare, regional: false };
    const local = input.regional.get(productId) ?? 0;
    const borrowed = pseudo * overallShare;
    return { prior: (local + borrowed) / (regionalOrders + pseudo), regional: local > borrowed };
  };
}

/** Everyone's category mix: paid orders per category among these products (those of unknown category left out). */
export function categoryMix(popularity: ReadonlyMap<string, number>, categories: ReadonlyMap<string, string>): { counts: Map<string, number>; total: number } {
  const counts = new Map<string, number>();
  let total = 0;
  for (const [productId, orders] of popularity) {
    const category = categories.get(productId);
    if (category === undefined) continue;
    counts.set(category, (counts.get(category) ?? 0) + orders);
    total += orders;
  }
  return { counts, total };
}

/**
 * The category multiplier of each candidate for a person with seeds: their smoothed share of the
 * candidate's category over everyone's (shares of paid orders among the popularity counts). It turns
 * popularity P(j) into P(j | category) · P(category | person), the person's category mix shrunk
 * towards the overall one with `pseudo` purchases' weight; 1 for unknown categories or no history.
 */
export function categoryAffinity(input: Pick<RankingInput, 'seeds' | 'popularity' | 'categories'>, pseudo: number | null): (productId: string) => number {
  const categories = input.categories;
  if (pseudo === null || !categories || input.seeds.length === 0) return () => 1;
  const { counts: mix, total: mixTotal } = categoryMix(input.popularity, categories);
  const own = new Map<string, number>();
  let ownTotal = 0;
  for (const seed of new Set(input.seeds)) {
    const category = categories.get(seed);
    if (category === undefined) continue;
    own.set(category, (own.get(category) ?? 0) + 1);
    ownTotal++;
  }
  if (ownTotal === 0 || mixTotal === 0) return () => 1;
  return (productId) => {
    const category = categories.get(productId);
    const share = category === undefined ? 0 : (mix.get(category) ?? 0) / mixTotal;
    if (share === 0) return 1;
    return ((own.get(category!) ?? 0) + pseudo * share) / ((ownTotal + pseudo) * share);
  };
}

/**
 * Ranks every candidate (similar, regionally or overall popular) by the weighted blend, best first;
 * ties go to the smaller product id so the order is deterministic. Pure: the database and the
 * offline evaluation rank with this same function.
 */
export function rankProducts(input: RankingInput): RankedProduct[] {
  const weights = input.weights ?? DEFAULT_WEIGHTS;
  const excluded = new Set([...input.seeds, ...(input.exclude ?? [])]);
  const similar = weights.similar > 0 ? similarityScores(input, weights.supportShrink, weights.minimumSupport) : new Map<string, { miss: number; best: number; becauseOf: string }>();
  const pseudo = input.seeds.length > 0 ? null : weights.regionPseudoOrders;
  const regionalPrior = popularityPrior(input, pseudo);
  const affinity = categoryAffinity(input, weights.categoryPseudoPurchases);
  const priorOf = (productId: string) => {
    const entry = regionalPrior(productId);
    return { ...entry, prior: entry.prior * affinity(productId) };
  };
  const candidates = new Set<string>([...similar.keys(), ...(pseudo === null ? [] : input.regional.keys()), ...input.popularity.keys()]);
  const priors = new Map([...candidates].map((productId) => [productId, priorOf(productId)]));
  const topPrior = maximum([...priors.values()].map((entry) => entry.prior)) || 1;

  const ranked: RankedProduct[] = [];
  for (const productId of candidates) {
    if (excluded.has(productId)) continue;
    const match = similar.get(productId);
    const evidence = weights.similar * (match ? 1 - match.miss : 0);
    const { prior, regional } = priors.get(productId)!;
    const popularity = (weights.popular * prior) / topPrior;
    const score = evidence + popularity;
    if (score <= 0) continue;
    // Any evidence names the product it came from: "goes with your tea" explains more than "popular".
    const reason: RecommendationReason = evidence > 0 ? 'similar' : regional ? 'popular_in_region' : 'popular';
    ranked.push({ productId, score, reason, becauseOf: reason === 'similar' ? match!.becauseOf : null });
  }
  return input.limit === undefined ? ranked.sort(better) : topOf(ranked, input.limit);
}

/** Higher score first; ties to the smaller product id, so the order is deterministic. */
const better = (left: RankedProduct, right: RankedProduct) => right.score - left.score || (left.productId < right.productId ? -1 : left.productId > right.productId ? 1 : 0);

/** The best `limit` in order, without sorting them all: the evaluation ranks thousands of candidates per customer. */
function topOf(ranked: readonly RankedProduct[], limit: number): RankedProduct[] {
  const top: RankedProduct[] = [];
  if (limit <= 0) return top;
  for (const item of ranked) {
    if (top.length === limit && better(item, top[limit - 1]!) >= 0) continue;
    let position = top.length === limit ? limit - 1 : top.length;
    while (position > 0 && better(item, top[position - 1]!) < 0) {
      top[position] = top[position - 1]!;
      position--;
    }
    top[position] = item;
  }
  return top;
}
