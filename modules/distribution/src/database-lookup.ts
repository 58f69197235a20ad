import type { Db } from '@linkmall/db';
import type { DistributionEvent } from './domain/engine-events.ts';
import { dayPeriod, monthPeriod } from './domain/calendar.ts';
import type { DistributionLookup } from './domain/lookup.ts';
import type { MemberState, OrderRecord, RewardLine } from './domain/model.ts';
import { distributionStore as store, type SettleSelection } from './distribution-store.ts';

/**
 * The engine's `DistributionLookup` over the tables. The engine is synchronous and pure, so the rows
 * an event touches are loaded first: an educated prefetch (the buyer, the referrer and their referral
 * ancestors, the order and its lines), then the engine runs; whatever it asked for that was not
 * loaded is recorded as a miss, loaded in one batch, and the engine runs again on the fuller cache.
 * Because the engine is a pure function of what it reads, the last run is exactly the run it would
 * have made over the whole database, while only the few rows of one event are ever read.
 */
export class DatabaseLookup implements DistributionLookup {
  private readonly memberCache = new Map<string, MemberState | null>();
  private readonly orderCache = new Map<string, OrderRecord | null>();
  private readonly linesCache = new Map<string, RewardLine[]>();
  private readonly incomeCache = new Map<string, bigint>();
  private readonly rejectionCache = new Map<string, string | null>();
  private pendingDue: { day: number; lines: RewardLine[] } | null = null;

  private readonly missingMembers = new Set<string>();
  private readonly missingOrders = new Set<string>();
  private readonly missingLines = new Set<string>();
  private readonly missingIncome = new Map<string, { payeeId: string; period: string }>();
  private readonly missingRejections = new Set<string>();
  private missingPendingDay: number | null = null;

  constructor(
    private readonly db: Db,
    /** Rows of a settle run; absent, SETTLE sees no due line (used where settling is a separate job). */
    private readonly settleLimit: number = 500,
  ) {}

  member(memberId: string): MemberState | undefined {
    const cached = this.memberCache.get(memberId);
    if (cached === undefined) this.missingMembers.add(memberId);
    return cached ?? undefined;
  }
  order(orderId: string): OrderRecord | undefined {
    const cached = this.orderCache.get(orderId);
    if (cached === undefined) this.missingOrders.add(orderId);
    return cached ?? undefined;
  }
  linesOfOrder(orderId: string): readonly RewardLine[] {
    const cached = this.linesCache.get(orderId);
    if (cached === undefined) this.missingLines.add(orderId);
    return cached ?? [];
  }
  pendingLinesPaidOnOrBefore(day: number): readonly RewardLine[] {
    if (this.pendingDue?.day === day) return this.pendingDue.lines;
    this.missingPendingDay = day;
    return [];
  }
  income(payeeId: string, period: string): bigint {
    const key = `${payeeId}|${period}`;
    const cached = this.incomeCache.get(key);
    if (cached === undefined) this.missingIncome.set(key, { payeeId, period });
    return cached ?? 0n;
  }
  rejection(orderId: string): string | undefined {
    const cached = this.rejectionCache.get(orderId);
    if (cached === undefined) this.missingRejections.add(orderId);
    return cached ?? undefined;
  }

  /** True when the last run asked for something not loaded. */
  hasMisses(): boolean {
    return (
      this.missingMembers.size + this.missingOrders.size + this.missingLines.size + this.missingIncome.size + this.missingRejections.size > 0 ||
      this.missingPendingDay !== null
    );
  }

  /** Loads what the last run missed. */
  async loadMisses(): Promise<void> {
    const members = [...this.missingMembers];
    const orders = [...this.missingOrders];
    const lines = [...this.missingLines];
    const income = [...this.missingIncome.values()];
    const rejections = [...this.missingRejections];
    const pendingDay = this.missingPendingDay;
    this.missingMembers.clear();
    this.missingOrders.clear();
    this.missingLines.clear();
    this.missingIncome.clear();
    this.missingRejections.clear();
    this.missingPendingDay = null;
    // A missing member is usually a referral ancestor walk: load the rest of the chain in one query.
    if (members.length > 0) this.putMembers(members, await store.membersWithAncestors(this.db, members));
    if (orders.length > 0) this.putOrders(orders, await store.orders(this.db, orders));
    if (lines.length > 0) this.putLines(lines, await store.linesOfOrders(this.db, lines));
    if (income.length > 0) {
      const found = await store.income(this.db, income);
      for (const key of income) this.incomeCache.set(`${key.payeeId}|${key.period}`, found.get(`${key.payeeId}|${key.period}`) ?? 0n);
    }
    if (rejections.length > 0) {
      const found = await store.rejections(this.db, rejections);
      for (const orderId of rejections) this.rejectionCache.set(orderId, found.get(orderId) ?? null);
    }
    if (pendingDay !== null) {
      const selection: SettleSelection = { dueDay: pendingDay, limit: this.settleLimit };
      const due = await store.pendingLinesDue(this.db, selection);
      this.pendingDue = { day: pendingDay, lines: due };
      // The settle run reads the lines' orders too (through the working set), so keep them coherent.
      const orderIds = [...new Set(due.map((line) => line.orderId))].filter((orderId) => !this.orderCache.has(orderId));
      this.putOrders(orderIds, await store.orders(this.db, orderIds));
    }
  }

  /** The rows an event is known to touch, loaded before the first run. */
  async prefetch(event: DistributionEvent): Promise<void> {
    switch (event.type) {
      case 'PACKAGE_PAID':
      case 'GOODS_PAID': {
        const ids = [event.userId, ...(event.type === 'PACKAGE_PAID' && event.referrerId ? [event.referrerId] : [])];
        const { members, order, rejection, income } = await store.membersWithAncestorsAndOrder(this.db, ids, event.orderId, [dayPeriod(event.atMs), monthPeriod(event.atMs)]);
        this.putMembers(ids, members);
        for (const [key, amountFen] of income) this.incomeCache.set(key, amountFen);
        const bosses = [...this.memberCache.values()].flatMap((member) => (member ? [member.teamBossId, member.peerUplineId] : [])).filter((id): id is string => id !== null && !this.memberCache.has(id));
        if (bosses.length > 0) this.putMembers(bosses, await store.members(this.db, bosses));
        this.putOrders([event.orderId], order ? [order] : []);
        this.putLines([event.orderId], order ? await store.linesOfOrders(this.db, [event.orderId]) : []);
        this.rejectionCache.set(event.orderId, rejection);
        break;
      }
      case 'ORDER_REFUNDED': {
        this.putOrders([event.orderId], await store.orders(this.db, [event.orderId]));
        this.putLines([event.orderId], await store.linesOfOrders(this.db, [event.orderId]));
        const order = this.orderCache.get(event.orderId);
        if (order) this.putMembers([order.buyerId], await store.membersWithAncestors(this.db, [order.buyerId], 2));
        break;
      }
      case 'BIND_REFERRER': {
        const ids = [event.userId, event.referrerId];
        this.putMembers(ids, await store.membersWithAncestors(this.db, ids));
        break;
      }
      case 'MEMBER_REGISTERED':
        this.putMembers([event.userId], await store.members(this.db, [event.userId]));
        break;
      case 'SETTLE':
        break;
    }
  }

  /** Forgets everything: after taking locks, the rows are read again as the lock holder sees them. */
  reset(): void {
    this.memberCache.clear();
    this.orderCache.clear();
    this.linesCache.clear();
    this.incomeCache.clear();
    this.rejectionCache.clear();
    this.pendingDue = null;
    this.missingMembers.clear();
    this.missingOrders.clear();
    this.missingLines.clear();
    this.missingIncome.clear();
    this.missingRejections.clear();
    this.missingPendingDay = null;
  }

  /** Due lines of the current settle run (after a run that asked for them). */
  dueLines(): readonly RewardLine[] {
    return this.pendingDue?.lines ?? [];
  }

  private putMembers(requested: readonly string[], found: readonly MemberState[]): void {
    for (const member of found) this.memberCache.set(member.id, member);
    for (const id of requested) if (!this.memberCache.has(id)) this.memberCache.set(id, null);
  }
  private putOrders(requested: readonly string[], found: readonly OrderRecord[]): void {
    for (const order of found) this.orderCache.set(order.id, order);
    for (const id of requested) if (!this.orderCache.has(id)) this.orderCache.set(id, null);
  }
  private putLines(requested: readonly string[], found: readonly RewardLine[]): void {
    for (const orderId of requested) this.linesCache.set(orderId, []);
    for (const line of found) this.linesCache.get(line.orderId)!.push(line);
  }
}
