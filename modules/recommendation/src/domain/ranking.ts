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
}

/**
 * The served blend. Similarity leads when a person's products have neighbours with repeated
 * evidence; otherwise the regional prior (backing off to overall popularity) orders the list. Fixed
 * before the held-out evaluation (docs/recommendations.md), not tuned on the held-out orders.
 */
export const DEFAULT_WEIGHTS: RankingWeights = { similar: 1, popular: 1, supportShrink: 2, minimumSupport: 2, regionPseudoOrders: 5 };

/** Item-to-item alone (popularity only breaks ties and fills a short list): the evaluation's pure variant. */
export const ITEM_TO_ITEM_ONLY: RankingWeights = { similar: 1, popular: 1e-9, supportShrink: 0, minimumSupport: 1, regionPseudoOrders: null };

/** Popularity overall alone: the baseline. */
export const POPULARITY_ONLY: RankingWeights = { similar: 0, popular: 1, supportShrink: 0, minimumSupport: 1, regionPseudoOrders: null };

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
  const priorOf = popularityPrior(input, pseudo);
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
  ranked.sort((left, right) => right.score - left.score || (left.productId < right.productId ? -1 : left.productId > right.productId ? 1 : 0));
  return input.limit === undefined ? ranked : ranked.slice(0, input.limit);
}
