import type { DistributionEffect } from './effects.ts';
import { handleEvent, type EventOutcome } from './engine.ts';
import type { DistributionEvent } from './engine-events.ts';
import type { DistributionDelta, DistributionLookup } from './lookup.ts';
import type { CappedExcess, LineStatusChange, MemberState, OrderRecord, RewardLine } from './model.ts';
import { profileVersion as versionOf, type Profile } from './profile.ts';

/** The whole engine state as values: what the in-memory lookup holds and `apply` returns. */
export interface DistributionState {
  readonly members: ReadonlyMap<string, MemberState>;
  readonly orders: ReadonlyMap<string, OrderRecord>;
  /** In creation order. */
  readonly lines: ReadonlyMap<string, RewardLine>;
  readonly lineIdsByOrder: ReadonlyMap<string, readonly string[]>;
  readonly income: ReadonlyMap<string, bigint>;
  readonly capped: readonly CappedExcess[];
  readonly rejections: ReadonlyMap<string, string>;
}

export const emptyState = (): DistributionState => ({
  members: new Map(),
  orders: new Map(),
  lines: new Map(),
  lineIdsByOrder: new Map(),
  income: new Map(),
  capped: [],
  rejections: new Map(),
});

/**
 * The in-memory implementation of the lookup, applying deltas in place. The simulator and the tests
 * use it; the database-backed store implements the same lookup over tables.
 */
export class InMemoryDistribution implements DistributionLookup {
  private readonly members: Map<string, MemberState>;
  private readonly orders: Map<string, OrderRecord>;
  private readonly lines: Map<string, RewardLine>;
  private readonly lineIdsByOrder: Map<string, string[]>;
  private readonly incomeByKey: Map<string, bigint>;
  private readonly cappedRecords: CappedExcess[];
  private readonly rejections: Map<string, string>;

  constructor(state: DistributionState = emptyState()) {
    this.members = new Map(state.members);
    this.orders = new Map(state.orders);
    this.lines = new Map(state.lines);
    this.lineIdsByOrder = new Map([...state.lineIdsByOrder].map(([orderId, ids]) => [orderId, [...ids]]));
    this.incomeByKey = new Map(state.income);
    this.cappedRecords = [...state.capped];
    this.rejections = new Map(state.rejections);
  }

  member(memberId: string): MemberState | undefined {
    return this.members.get(memberId);
  }
  order(orderId: string): OrderRecord | undefined {
    return this.orders.get(orderId);
  }
  linesOfOrder(orderId: string): readonly RewardLine[] {
    return (this.lineIdsByOrder.get(orderId) ?? []).map((id) => this.lines.get(id)!);
  }
  pendingLinesPaidOnOrBefore(day: number): readonly RewardLine[] {
    return [...this.lines.values()].filter((line) => line.status === 'PENDING' && line.orderPaidDay <= day);
  }
  income(payeeId: string, period: string): bigint {
    return this.incomeByKey.get(`${payeeId}|${period}`) ?? 0n;
  }
  rejection(orderId: string): string | undefined {
    return this.rejections.get(orderId);
  }

  /** Runs one event and applies its delta. */
  handle(event: DistributionEvent, profile: Profile, profileVersion: string = versionOf(profile)): EventOutcome {
    const outcome = handleEvent(this, event, profile, profileVersion);
    this.applyDelta(outcome.delta);
    return outcome;
  }

  applyDelta(delta: DistributionDelta): void {
    for (const member of delta.members) this.members.set(member.id, member);
    for (const order of delta.orders) this.orders.set(order.id, order);
    for (const change of delta.lineChanges) {
      const line = this.lines.get(change.lineId);
      if (!line || line.status !== change.from) throw new Error(`line ${change.lineId} is not ${change.from}`);
      this.lines.set(line.id, { ...line, status: change.to });
    }
    for (const line of delta.newLines) {
      if (this.lines.has(line.id)) throw new Error(`line ${line.id} already exists`);
      this.lines.set(line.id, line);
      const ids = this.lineIdsByOrder.get(line.orderId) ?? [];
      ids.push(line.id);
      this.lineIdsByOrder.set(line.orderId, ids);
    }
    for (const increment of delta.incomeIncrements) {
      const key = `${increment.payeeId}|${increment.period}`;
      this.incomeByKey.set(key, (this.incomeByKey.get(key) ?? 0n) + increment.amountFen);
    }
    this.cappedRecords.push(...delta.capped);
    for (const rejection of delta.rejections) this.rejections.set(rejection.orderId, rejection.code);
  }

  /** A copy of the current state (later events on this store do not change it). */
  state(): DistributionState {
    return {
      members: new Map(this.members),
      orders: new Map(this.orders),
      lines: new Map(this.lines),
      lineIdsByOrder: new Map([...this.lineIdsByOrder].map(([orderId, ids]) => [orderId, [...ids]])),
      income: new Map(this.incomeByKey),
      capped: [...this.cappedRecords],
      rejections: new Map(this.rejections),
    };
  }

  allMembers(): MemberState[] {
    return [...this.members.values()];
  }
  allLines(): RewardLine[] {
    return [...this.lines.values()];
  }
  allOrders(): OrderRecord[] {
    return [...this.orders.values()];
  }
  cappedExcess(): readonly CappedExcess[] {
    return this.cappedRecords;
  }
}

export interface ApplyResult {
  readonly state: DistributionState;
  readonly outcome: EventOutcome;
  /** Lines the event created (rewards, replacements, clawbacks). */
  readonly rewardLines: readonly RewardLine[];
  readonly lineChanges: readonly LineStatusChange[];
  readonly cappedExcess: readonly CappedExcess[];
  readonly effects: readonly DistributionEffect[];
}

/** The engine as a state-transition function: apply(state, event, profile) → next state and what happened. */
export function apply(state: DistributionState, event: DistributionEvent, profile: Profile, profileVersion?: string): ApplyResult {
  const store = new InMemoryDistribution(state);
  const outcome = store.handle(event, profile, profileVersion);
  const { delta } = outcome;
  return { state: store.state(), outcome, rewardLines: delta.newLines, lineChanges: delta.lineChanges, cappedExcess: delta.capped, effects: delta.effects };
}
