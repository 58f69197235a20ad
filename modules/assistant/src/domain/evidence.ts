import { pricesMentioned } from './output-guard.ts';

/** One piece of material an answer may stand on: a product of the card, an FAQ or a company document passage. */
export interface Evidence {
  readonly kind: 'product' | 'faq' | 'doc';
  /** The product id or the knowledge entry id. */
  readonly id: string;
  readonly title: string;
  /** The passage itself (an FAQ's answer, a document's paragraph, a product's description). */
  readonly body: string;
  /** Only for products: the lowest price from the catalog or the storefront, never computed here. */
  readonly priceFen: bigint | null;
  readonly specs: readonly string[];
  readonly score: number;
}

/** What an answer cites, as the visitor and the console see it. */
export interface Citation {
  readonly index: number;
  readonly kind: Evidence['kind'];
  readonly id: string;
  readonly title: string;
}

export const citationsOf = (evidence: readonly Evidence[]): Citation[] =>
  evidence.map((item, position) => ({ index: position + 1, kind: item.kind, id: item.id, title: item.title }));

/** Prices the evidence allows an answer to quote: the catalog's prices, and amounts the material itself writes (满99包邮). */
export const allowedPrices = (evidence: readonly Evidence[]): Set<bigint> =>
  new Set(evidence.flatMap((item) => [...(item.priceFen === null ? [] : [item.priceFen]), ...pricesMentioned(`${item.title}\n${item.body}`)]));

/** ¥ and two decimals from integer fen: the only way a price is ever written. */
export function yuan(amountFen: bigint): string {
  const whole = amountFen / 100n;
  const fen = amountFen % 100n;
  return `¥${whole}.${fen.toString().padStart(2, '0')}`;
}

/**
 * Keeps the hits worth answering from: at least the absolute threshold, and within half of the best
 * score (a far weaker hit is more likely noise than a second source).
 */
export function strongEnough<T extends { score: number }>(hits: readonly T[], threshold: number, limit: number): T[] {
  const best = hits[0]?.score ?? 0;
  return hits.filter((hit) => hit.score >= threshold && hit.score >= best * 0.5).slice(0, limit);
}
