/**
 * RFM-L segmentation (客户分层) of a lead from their paid orders, by fixed thresholds rather than
 * quintiles: a merchant with thirty customers has no meaningful quintiles, and a threshold means the
 * same thing this month as the next. Each dimension scores 0–5 (0: never bought):
 *
 * | score | recency (days since last order) | frequency (orders, 365 d) | monetary (paid, 365 d) | loyalty (days since first order) |
 * |-------|---------------------------------|---------------------------|------------------------|----------------------------------|
 * | 5     | ≤ 30                            | ≥ 10                      | ≥ ¥5,000               | ≥ 730                            |
 * | 4     | ≤ 60                            | ≥ 6                       | ≥ ¥2,000               | ≥ 365                            |
 * | 3     | ≤ 90                            | ≥ 3                       | ≥ ¥800                 | ≥ 180                            |
 * | 2     | ≤ 180                           | 2                         | ≥ ¥200                 | ≥ 90                             |
 * | 1     | > 180                           | 1 (or only older orders)  | > ¥0                   | < 90                             |
 *
 * Segments:
 * - high_value (高价值): R ≥ 4, F ≥ 3 and M ≥ 3 — recent, repeated, substantial buyers;
 * - churning (流失预警): has bought, but R ≤ 2 — nothing for more than 90 days;
 * - potential (潜力): everyone else, including leads who have not bought yet.
 *
 * Community layers (社群分层) add behaviour on the card:
 * - core (核心): F ≥ 3 and (M ≥ 4 or at least one share/forward) — repeat buyers who spend or advocate;
 * - active (活跃): seen on the card within 14 days, or bought within 30 days (R = 5);
 * - potential (潜在): everyone else.
 */
export interface Purchase {
  readonly orderId: string;
  readonly paidAt: Date;
  readonly amountFen: bigint;
}

export interface RfmScores {
  readonly recency: number;
  readonly frequency: number;
  readonly monetary: number;
  readonly loyalty: number;
}

export const SEGMENTS = ['high_value', 'potential', 'churning'] as const;
export type Segment = (typeof SEGMENTS)[number];
export const COMMUNITY_LAYERS = ['core', 'active', 'potential'] as const;
export type CommunityLayer = (typeof COMMUNITY_LAYERS)[number];

export interface Segmentation {
  readonly scores: RfmScores;
  readonly segment: Segment;
  readonly layer: CommunityLayer;
  readonly orders365: number;
  readonly paid365Fen: bigint;
  readonly lastPurchaseAt: Date | null;
}

const DAY_MS = 86_400_000;
const YUAN = 100n;

/** Whole days from `from` to `to`, rounded down. */
const daysBetween = (from: Date, to: Date) => Math.floor((to.getTime() - from.getTime()) / DAY_MS);

const step = (value: number, thresholds: readonly [number, number, number, number]) =>
  value >= thresholds[0] ? 5 : value >= thresholds[1] ? 4 : value >= thresholds[2] ? 3 : value >= thresholds[3] ? 2 : 1;

export function rfmScores(purchases: readonly Purchase[], now: Date): { scores: RfmScores; orders365: number; paid365Fen: bigint; lastPurchaseAt: Date | null } {
  if (purchases.length === 0) return { scores: { recency: 0, frequency: 0, monetary: 0, loyalty: 0 }, orders365: 0, paid365Fen: 0n, lastPurchaseAt: null };
  const times = purchases.map((purchase) => purchase.paidAt.getTime());
  const last = new Date(Math.max(...times));
  const first = new Date(Math.min(...times));
  const yearAgo = now.getTime() - 365 * DAY_MS;
  const recent = purchases.filter((purchase) => purchase.paidAt.getTime() > yearAgo);
  const paid365Fen = recent.reduce((sum, purchase) => sum + purchase.amountFen, 0n);
  const sinceLast = daysBetween(last, now);
  const recency = sinceLast <= 30 ? 5 : sinceLast <= 60 ? 4 : sinceLast <= 90 ? 3 : sinceLast <= 180 ? 2 : 1;
  const frequency = recent.length === 0 ? 1 : step(recent.length, [10, 6, 3, 2]);
  const monetary = paid365Fen >= 5000n * YUAN ? 5 : paid365Fen >= 2000n * YUAN ? 4 : paid365Fen >= 800n * YUAN ? 3 : paid365Fen >= 200n * YUAN ? 2 : 1;
  const loyalty = step(daysBetween(first, now), [730, 365, 180, 90]);
  return { scores: { recency, frequency, monetary, loyalty }, orders365: recent.length, paid365Fen, lastPurchaseAt: last };
}

export function segmentOf(scores: RfmScores): Segment {
  if (scores.recency === 0) return 'potential';
  if (scores.recency >= 4 && scores.frequency >= 3 && scores.monetary >= 3) return 'high_value';
  if (scores.recency <= 2) return 'churning';
  return 'potential';
}

export interface CommunitySignals {
  /** When the lead was last seen on a card; null if never. */
  readonly lastSeenAt: Date | null;
  readonly sharesAndForwards: number;
}

export function layerOf(scores: RfmScores, signals: CommunitySignals, now: Date): CommunityLayer {
  if (scores.frequency >= 3 && (scores.monetary >= 4 || signals.sharesAndForwards > 0)) return 'core';
  if (scores.recency === 5) return 'active';
  if (signals.lastSeenAt && daysBetween(signals.lastSeenAt, now) <= 14) return 'active';
  return 'potential';
}

export function segment(purchases: readonly Purchase[], signals: CommunitySignals, now: Date): Segmentation {
  const { scores, ...facts } = rfmScores(purchases, now);
  return { scores, segment: segmentOf(scores), layer: layerOf(scores, signals, now), ...facts };
}

export const SEGMENT_LABELS: Readonly<Record<Segment | `layer_${CommunityLayer}`, { 'zh-CN': string; en: string }>> = {
  high_value: { 'zh-CN': '高价值', en: 'High value' },
  potential: { 'zh-CN': '潜力', en: 'Potential' },
  churning: { 'zh-CN': '流失预警', en: 'Churning' },
  layer_core: { 'zh-CN': '核心', en: 'Core' },
  layer_active: { 'zh-CN': '活跃', en: 'Active' },
  layer_potential: { 'zh-CN': '潜在', en: 'Potential' },
};
