import type { PartnerLead, PartnerMember, PartnerOrder, PartnerRewardLine } from './partner-schemas.ts';

/** One item of a feed with its key: the parts a cursor carries to continue after it. */
export interface Keyed<T> {
  readonly item: T;
  readonly key: readonly string[];
}

/**
 * A partner feed, read from the owning module (wired in the API). `after` is the key of the last item
 * the partner saw; `until` holds back rows newer than a settle window, whose transactions may still
 * be committing around them, so a cursor never skips a row that commits late.
 */
export interface PartnerFeed<T> {
  /** How many parts a key has (1 for an id, 2 for a change instant and an id). */
  readonly keyParts: number;
  page(after: readonly string[] | null, until: Date, limit: number): Promise<Keyed<T>[]>;
}

export interface PartnerFeeds {
  readonly orders: PartnerFeed<PartnerOrder>;
  readonly rewardLines: PartnerFeed<PartnerRewardLine>;
  readonly leads: PartnerFeed<PartnerLead>;
  readonly members: PartnerFeed<PartnerMember>;
}

/** Rows created in a period, for a scheduled export, in pages after a key. */
export interface PeriodSource<T> {
  page(period: { start: Date; end: Date }, after: readonly string[] | null, limit: number): Promise<Keyed<T>[]>;
}

export interface ExportSources {
  readonly orders: PeriodSource<PartnerOrder>;
  readonly reward_lines: PeriodSource<PartnerRewardLine>;
  readonly leads: PeriodSource<PartnerLead>;
}
