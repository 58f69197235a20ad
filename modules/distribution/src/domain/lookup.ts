import type { DistributionEffect } from './effects.ts';
import type { CappedExcess, IncomeIncrement, LineStatus, LineStatusChange, MemberState, OrderRecord, RewardLine } from './model.ts';

/**
 * What the engine reads. Every method names the few records one event touches (the buyer, the
 * referrer, the team boss, the peer-upline chain, the order's lines), so a database-backed
 * implementation loads only those rows, under the locks that serialise one referrer and one team boss.
 */
export interface DistributionLookup {
  member(memberId: string): MemberState | undefined;
  order(orderId: string): OrderRecord | undefined;
  /** Lines of an order in creation order. */
  linesOfOrder(orderId: string): readonly RewardLine[];
  /** PENDING lines whose order was paid on `day` or earlier, in creation order. */
  pendingLinesPaidOnOrBefore(day: number): readonly RewardLine[];
  /** Income already counted against a cap for a payee in a period ("day:N" or "month:YYYY-MM"). */
  income(payeeId: string, period: string): bigint;
  /** A rejection already given to an order (idempotent replies), if any. */
  rejection(orderId: string): string | undefined;
}

/** Everything one event changes; a store applies it in one transaction. */
export interface DistributionDelta {
  readonly members: readonly MemberState[];
  readonly orders: readonly OrderRecord[];
  readonly newLines: readonly RewardLine[];
  readonly lineChanges: readonly LineStatusChange[];
  readonly incomeIncrements: readonly IncomeIncrement[];
  readonly capped: readonly CappedExcess[];
  readonly rejections: readonly { orderId: string; code: string }[];
  readonly effects: readonly DistributionEffect[];
}

/**
 * A write-through overlay over a lookup for the duration of one event: the rules read their own
 * earlier writes (a member created, a slot appended, income already credited in this event) and the
 * overlay collects the delta at the end.
 */
export class WorkingSet implements DistributionLookup {
  private readonly members = new Map<string, MemberState>();
  private readonly orders = new Map<string, OrderRecord>();
  private readonly lines = new Map<string, RewardLine>();
  private readonly newLineIds: string[] = [];
  private readonly changes: LineStatusChange[] = [];
  private readonly incomes = new Map<string, IncomeIncrement>();
  private readonly cappedRecords: CappedExcess[] = [];
  private readonly rejections: { orderId: string; code: string }[] = [];
  private readonly emitted: DistributionEffect[] = [];

  constructor(private readonly base: DistributionLookup) {}

  member(memberId: string): MemberState | undefined {
    return this.members.get(memberId) ?? this.base.member(memberId);
  }
  order(orderId: string): OrderRecord | undefined {
    return this.orders.get(orderId) ?? this.base.order(orderId);
  }
  linesOfOrder(orderId: string): readonly RewardLine[] {
    const stored = this.base.linesOfOrder(orderId).map((line) => this.lines.get(line.id) ?? line);
    const added = this.newLineIds.map((id) => this.lines.get(id)!).filter((line) => line.orderId === orderId);
    return [...stored, ...added];
  }
  pendingLinesPaidOnOrBefore(day: number): readonly RewardLine[] {
    const stored = this.base.pendingLinesPaidOnOrBefore(day).map((line) => this.lines.get(line.id) ?? line);
    const added = this.newLineIds.map((id) => this.lines.get(id)!).filter((line) => line.orderPaidDay <= day);
    return [...stored, ...added].filter((line) => line.status === 'PENDING');
  }
  income(payeeId: string, period: string): bigint {
    return this.base.income(payeeId, period) + (this.incomes.get(`${payeeId}|${period}`)?.amountFen ?? 0n);
  }
  rejection(orderId: string): string | undefined {
    return this.rejections.find((entry) => entry.orderId === orderId)?.code ?? this.base.rejection(orderId);
  }
  line(lineId: string, orderId: string): RewardLine | undefined {
    return this.linesOfOrder(orderId).find((line) => line.id === lineId);
  }

  putMember(member: MemberState): void {
    this.members.set(member.id, member);
  }
  putOrder(order: OrderRecord): void {
    this.orders.set(order.id, order);
  }
  addLine(line: RewardLine): void {
    if (this.line(line.id, line.orderId)) throw new Error(`reward line ${line.id} already exists`);
    this.lines.set(line.id, line);
    this.newLineIds.push(line.id);
  }
  changeLineStatus(line: RewardLine, to: LineStatus, atMs: number): RewardLine {
    const changed = { ...line, status: to };
    this.lines.set(line.id, changed);
    // A line created and changed in the same event is reported as created in its final status.
    if (!this.newLineIds.includes(line.id)) this.changes.push({ lineId: line.id, orderId: line.orderId, payeeId: line.payeeId, kind: line.kind, amountFen: line.amountFen, from: line.status, to, atMs });
    return changed;
  }
  addIncome(payeeId: string, period: string, amountFen: bigint): void {
    const key = `${payeeId}|${period}`;
    const previous = this.incomes.get(key)?.amountFen ?? 0n;
    this.incomes.set(key, { payeeId, period, amountFen: previous + amountFen });
  }
  addCapped(record: CappedExcess): void {
    this.cappedRecords.push(record);
  }
  emit(effect: DistributionEffect): void {
    this.emitted.push(effect);
  }
  reject(orderId: string, code: string): void {
    this.rejections.push({ orderId, code });
  }

  delta(): DistributionDelta {
    return {
      members: [...this.members.values()],
      orders: [...this.orders.values()],
      newLines: this.newLineIds.map((id) => this.lines.get(id)!),
      lineChanges: [...this.changes],
      incomeIncrements: [...this.incomes.values()],
      capped: [...this.cappedRecords],
      rejections: [...this.rejections],
      effects: [...this.emitted],
    };
  }

  /** Final versions of lines whose status changed in this event (for reporting). */
  changedLine(lineId: string): RewardLine | undefined {
    return this.lines.get(lineId);
  }
}
