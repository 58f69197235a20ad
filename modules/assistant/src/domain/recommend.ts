import { buildBm25Index } from './bm25.ts';

export interface BehaviourProduct {
  readonly productId: string;
  readonly seconds: number;
  readonly clicks: number;
}

export interface CandidateProduct {
  readonly productId: string;
  /** Title (and subtitle) tokens: what "similar" compares. */
  readonly tokens: readonly string[];
  /** Higher is more popular; candidates keep their given order on ties. */
  readonly popularity: number;
}

export interface Recommendation {
  readonly productId: string;
  readonly reason: 'viewed' | 'similar' | 'popular';
  /** For a similar product, the viewed product it resembles most. */
  readonly becauseOf: string | null;
}

/** One click is worth half a minute of looking: a click is a stronger signal than dwell. */
const CLICK_SECONDS = 30;
const interest = (product: BehaviourProduct) => product.clicks * CLICK_SECONDS + product.seconds;

/**
 * Recommendations for one visitor: first what they looked at (most interest first, when it is still
 * for sale), then products whose titles resemble those (BM25 over title tokens), then the popular
 * rest. Each product appears once.
 */
export function recommendProducts(behaviour: readonly BehaviourProduct[], candidates: readonly CandidateProduct[], limit: number): Recommendation[] {
  const byId = new Map(candidates.map((candidate) => [candidate.productId, candidate]));
  const chosen = new Map<string, Recommendation>();
  const viewed = [...behaviour].filter((product) => byId.has(product.productId) && interest(product) > 0).sort((left, right) => interest(right) - interest(left));
  for (const product of viewed) chosen.set(product.productId, { productId: product.productId, reason: 'viewed', becauseOf: null });

  const others = candidates.filter((candidate) => !chosen.has(candidate.productId));
  const index = buildBm25Index(others.map((candidate) => ({ key: candidate.productId, tokens: candidate.tokens })));
  const similar = new Map<string, { score: number; becauseOf: string }>();
  for (const product of viewed) {
    for (const hit of index.search(byId.get(product.productId)!.tokens, others.length)) {
      const previous = similar.get(hit.key);
      if (!previous || hit.score > previous.score) similar.set(hit.key, { score: hit.score, becauseOf: product.productId });
    }
  }
  for (const [productId, match] of [...similar].sort((left, right) => right[1].score - left[1].score)) {
    chosen.set(productId, { productId, reason: 'similar', becauseOf: match.becauseOf });
  }

  const popular = candidates
    .map((candidate, position) => ({ candidate, position }))
    .filter(({ candidate }) => !chosen.has(candidate.productId))
    .sort((left, right) => right.candidate.popularity - left.candidate.popularity || left.position - right.position);
  for (const { candidate } of popular) chosen.set(candidate.productId, { productId: candidate.productId, reason: 'popular', becauseOf: null });
  return [...chosen.values()].slice(0, limit);
}

const ASKS_WHAT_TO_BUY = [/推荐|买什么|买点什么|买哪|选哪|哪款|哪个好|什么好|值得买|送什么|送礼|有什么好|热销|爆款|猜我喜欢/u, /\b(recommend\w*|suggest\w*|what (should|can|to) i? ?buy|which (one|product)|best ?sellers?|popular)\b/i];

/** Whether a visitor asks what to buy (推荐一下 / 买什么好 / "what should I buy"), rather than about one thing. */
export function asksForRecommendation(question: string): boolean {
  return ASKS_WHAT_TO_BUY.some((pattern) => pattern.test(question));
}
