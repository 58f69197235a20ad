/**
 * When an operator's automation fires for a lead, and under which period key. A firing is recorded
 * per (automation, lead, period), so the job can run every few minutes and still act once:
 * - inactive: once per quiet spell — the period is the day of the last visit (or of the lead's creation);
 * - repurchase: once per product and last purchase — the period names both;
 * - high_intent: once per day of activity — the period is the day the visitor was last seen.
 * Days are Beijing calendar days.
 */
import { beijingDate as beijingDay, DAY_MS } from '@linkmall/kernel';
export const AUTOMATION_TRIGGERS = ['inactive', 'repurchase', 'high_intent'] as const;
export type AutomationTrigger = (typeof AUTOMATION_TRIGGERS)[number];

export type AutomationParams =
  | { readonly trigger: 'inactive'; readonly days: number; readonly couponTemplateId?: string | undefined }
  | { readonly trigger: 'repurchase'; readonly defaultCycleDays: number }
  | { readonly trigger: 'high_intent'; readonly threshold: number };

export { beijingDay };

/** No visit for `days` days: due with the period of the last activity, or null. */
export function inactiveDue(lead: { lastActiveAt: Date | null; createdAt: Date }, days: number, now: Date): string | null {
  const since = lead.lastActiveAt ?? lead.createdAt;
  if (now.getTime() - since.getTime() < days * DAY_MS) return null;
  return `inactive:${beijingDay(since)}`;
}

export interface ProductPurchase {
  readonly productId: string;
  readonly paidAt: Date;
}

/** The median of numbers (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * A product's typical repurchase cycle: the median, over every buyer who bought it more than once,
 * of the days between their consecutive purchases of it (same-day repeats are one purchase).
 * Products nobody has rebought are absent; the automation's default applies to them.
 */
export function repurchaseCycles(purchasesByBuyer: Iterable<readonly ProductPurchase[]>): Map<string, number> {
  const intervals = new Map<string, number[]>();
  for (const purchases of purchasesByBuyer) {
    const days = new Map<string, Set<string>>();
    for (const purchase of purchases) {
      const seen = days.get(purchase.productId) ?? new Set<string>();
      seen.add(beijingDay(purchase.paidAt));
      days.set(purchase.productId, seen);
    }
    for (const [productId, set] of days) {
      const sorted = [...set].sort().map((day) => Date.parse(`${day}T00:00:00Z`));
      for (let i = 1; i < sorted.length; i++) {
        const list = intervals.get(productId) ?? [];
        list.push(Math.round((sorted[i]! - sorted[i - 1]!) / DAY_MS));
        intervals.set(productId, list);
      }
    }
  }
  const cycles = new Map<string, number>();
  for (const [productId, list] of intervals) cycles.set(productId, Math.round(median(list)!));
  return cycles;
}

export interface RepurchaseReminder {
  readonly productId: string;
  readonly period: string;
  readonly cycleDays: number;
  readonly lastPurchaseAt: Date;
}

/**
 * Products a buyer is due to rebuy: the last purchase plus the cycle has passed. A reminder older
 * than one more cycle is skipped (the moment has passed), so turning an automation on does not remind
 * every buyer of everything they ever bought.
 */
export function repurchaseDue(purchases: readonly ProductPurchase[], cycles: ReadonlyMap<string, number>, defaultCycleDays: number, now: Date): RepurchaseReminder[] {
  const last = new Map<string, Date>();
  for (const purchase of purchases) {
    const seen = last.get(purchase.productId);
    if (!seen || purchase.paidAt > seen) last.set(purchase.productId, purchase.paidAt);
  }
  const due: RepurchaseReminder[] = [];
  for (const [productId, lastPurchaseAt] of [...last].sort(([a], [b]) => a.localeCompare(b))) {
    const cycleDays = cycles.get(productId) ?? defaultCycleDays;
    const dueAt = lastPurchaseAt.getTime() + cycleDays * DAY_MS;
    if (now.getTime() >= dueAt && now.getTime() < dueAt + cycleDays * DAY_MS) {
      due.push({ productId, period: `repurchase:${productId}:${beijingDay(lastPurchaseAt)}`, cycleDays, lastPurchaseAt });
    }
  }
  return due;
}

/** A visitor seen within the last day whose score reaches the threshold: due once for that day. */
export function highIntentDue(score: number, threshold: number, lastSeenAt: Date | null, now: Date): string | null {
  if (!lastSeenAt || score < threshold || now.getTime() - lastSeenAt.getTime() > DAY_MS) return null;
  return `high_intent:${beijingDay(lastSeenAt)}`;
}
