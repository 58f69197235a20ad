import { businessDay, dayPeriod, monthPeriod } from './calendar.ts';
import type { WorkingSet } from './lookup.ts';
import type { CapReason, OrderRecord, RewardKind, RewardLine } from './model.ts';
import { applyRate, type Profile } from './profile.ts';

/** What every handler needs besides the event: the working set, the active profile, and the time. */
export interface RuleContext {
  readonly ws: WorkingSet;
  readonly profile: Profile;
  readonly profileVersion: string;
  readonly atMs: number;
  readonly day: number;
}

export function ruleContext(ws: WorkingSet, profile: Profile, profileVersion: string, atMs: number): RuleContext {
  return { ws, profile, profileVersion, atMs, day: businessDay(atMs) };
}

export interface RewardCandidate {
  readonly lineId: string;
  readonly orderId: string;
  readonly payeeId: string;
  readonly kind: RewardKind;
  readonly amountFen: bigint;
  readonly basisLineIds?: readonly string[];
}

/**
 * Credits one reward as a PENDING line after the caps of §5.4–§5.5, applied in a fixed order:
 * payee positions per order, payout ratio per order, the payee's daily then monthly income. Whatever
 * a cap keeps is recorded as capped excess with its reason. Returns the line, or null when nothing
 * was left to credit.
 */
export function creditReward(context: RuleContext, candidate: RewardCandidate): RewardLine | null {
  const { ws, profile } = context;
  const order = ws.order(candidate.orderId);
  if (!order) throw new Error(`order ${candidate.orderId} must be recorded before it is credited`);
  if (candidate.amountFen <= 0n) return null;
  if (ws.line(candidate.lineId, candidate.orderId)) return null; // already credited: idempotent

  let amountFen = candidate.amountFen;
  const keep = (reason: CapReason, keptFen: bigint) => {
    if (keptFen <= 0n) return;
    recordExcess(context, candidate, keptFen, reason);
    amountFen -= keptFen;
  };

  const payeeCap = profile.limits.maxPayeesPerOrder;
  if (payeeCap !== null && order.payeePositions >= payeeCap) keep('payee_cap', amountFen);

  const ratioCap = profile.limits.maxPayoutRatioBps;
  if (ratioCap !== null && amountFen > 0n) {
    const budget = applyRate(order.amountFen, ratioCap) - order.creditedFen;
    keep('payout_ratio_cap', amountFen - maxOf(budget, 0n));
  }

  const dailyCap = profile.limits.dailyIncomeCapFen;
  if (dailyCap !== null && amountFen > 0n) {
    const room = dailyCap - ws.income(candidate.payeeId, dayPeriod(context.atMs));
    keep('daily_income_cap', amountFen - maxOf(room, 0n));
  }

  const monthlyCap = profile.limits.monthlyIncomeCapFen;
  if (monthlyCap !== null && amountFen > 0n) {
    const room = monthlyCap - ws.income(candidate.payeeId, monthPeriod(context.atMs));
    keep('monthly_income_cap', amountFen - maxOf(room, 0n));
  }

  if (amountFen <= 0n) return null;
  const line: RewardLine = {
    id: candidate.lineId,
    orderId: candidate.orderId,
    payeeId: candidate.payeeId,
    kind: candidate.kind,
    amountFen,
    status: 'PENDING',
    sourceUserId: order.buyerId,
    profileId: profile.id,
    profileVersion: context.profileVersion,
    createdAtMs: context.atMs,
    createdDay: context.day,
    orderPaidDay: order.paidDay,
    reversesLineId: null,
    basisLineIds: candidate.basisLineIds ?? [],
  };
  ws.addLine(line);
  ws.putOrder(countCredit(order, amountFen));
  ws.addIncome(candidate.payeeId, dayPeriod(context.atMs), amountFen);
  ws.addIncome(candidate.payeeId, monthPeriod(context.atMs), amountFen);
  return line;
}

/** Records money a limit kept from a payee without going through the other caps (e.g. the depth cap). */
export function recordExcess(context: RuleContext, candidate: RewardCandidate, amountFen: bigint, reason: CapReason): void {
  if (amountFen <= 0n) return;
  context.ws.addCapped({
    id: `${candidate.lineId}:excess:${reason}`,
    orderId: candidate.orderId,
    payeeId: candidate.payeeId,
    kind: candidate.kind,
    amountFen,
    reason,
    day: context.day,
    profileId: context.profile.id,
    profileVersion: context.profileVersion,
  });
  context.ws.emit({ type: 'distribution.reward_capped', orderId: candidate.orderId, payeeId: candidate.payeeId, amountFen, reason });
}

function countCredit(order: OrderRecord, amountFen: bigint): OrderRecord {
  return { ...order, payeePositions: order.payeePositions + 1, creditedFen: order.creditedFen + amountFen };
}

const maxOf = (a: bigint, b: bigint): bigint => (a > b ? a : b);

/**
 * The 平级奖 of §2.2 step 3 for the bosses credited in this order: for each boss with a peer upline,
 * `generations` uplines along the peer chain each get `rateBps` of the boss's credited amounts of the
 * basis kinds. Peer income is never itself a basis (one hop of money per generation, no compounding).
 */
export function creditPeerRewards(context: RuleContext, orderId: string, credited: readonly RewardLine[]): RewardLine[] {
  const peer = context.profile.rewards.peer;
  if (!peer.enabled || peer.rateBps === 0) return [];
  const basisKinds = new Set<string>(peer.basis);
  const bosses: string[] = [];
  for (const line of credited) if (!bosses.includes(line.payeeId)) bosses.push(line.payeeId);
  const created: RewardLine[] = [];
  for (const bossId of bosses) {
    const boss = context.ws.member(bossId);
    if (!boss || boss.role !== 'BOSS') continue;
    const basisLines = credited.filter((line) => line.payeeId === bossId && basisKinds.has(line.kind));
    const basisFen = basisLines.reduce((sum, line) => sum + line.amountFen, 0n);
    if (basisFen <= 0n) continue;
    const source = basisLines[0]!.kind.toLowerCase().replace('_', '-');
    let uplineId = boss.peerUplineId;
    for (let generation = 1; generation <= peer.generations && uplineId !== null; generation++) {
      const upline = context.ws.member(uplineId);
      // A rolled-back boss no longer holds the peer position (RF3); the chain stops there.
      if (!upline || upline.role !== 'BOSS') break;
      const line = creditReward(context, {
        lineId: `${orderId}:peer:${source}:g${generation}`,
        orderId,
        payeeId: upline.id,
        kind: 'PEER',
        amountFen: applyRate(basisFen, peer.rateBps),
        basisLineIds: basisLines.map((basis) => basis.id),
      });
      if (line) created.push(line);
      uplineId = upline.peerUplineId;
    }
  }
  return created;
}
