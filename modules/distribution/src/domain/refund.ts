import { err, ok, type Result } from '@linkmall/kernel';
import type { RuleContext } from './credit.ts';
import type { OrderRefunded } from './engine-events.ts';
import { withFlag, type ClawbackKind, type MemberState, type OrderRecord, type RewardLine } from './model.ts';

export type RefundRejection = 'unknown_order';

/**
 * §6.4. A full refund reverses the order's money (RF1) and, for a package order, undoes the buyer's
 * place in the structure (RF2), rolls back the referrer's upgrade it caused when allowed (RF3), or,
 * when the buyer already has dependants or is a boss, changes no structure and flags the buyer (RF4).
 * A partial refund only scales the order's rewards down in proportion; the package stays held.
 */
export function orderRefunded(context: RuleContext, event: OrderRefunded): Result<{ duplicate: boolean }, RefundRejection> {
  const { ws } = context;
  const order = ws.order(event.orderId);
  if (!order) return err('unknown_order');
  const remainingFen = order.amountFen - order.refundedFen;
  const refundKey = event.refundId ?? `${event.atMs}:${event.amountFen ?? 'rest'}`;
  if (order.status === 'REFUNDED' || remainingFen <= 0n || order.refundKeys.includes(refundKey)) return ok({ duplicate: true });
  const requested = event.amountFen ?? remainingFen;
  if (requested <= 0n) return ok({ duplicate: true });
  const refundFen = requested > remainingFen ? remainingFen : requested;
  const refundedAfter = order.refundedFen + refundFen;
  const full = refundedAfter >= order.amountFen;

  if (full) reverseOrderMoney(context, order, refundedAfter);
  else scaleOrderMoney(context, order, remainingFen, order.amountFen - refundedAfter, refundedAfter);
  ws.putOrder({ ...ws.order(order.id)!, refundedFen: refundedAfter, refundKeys: [...order.refundKeys, refundKey], status: full ? 'REFUNDED' : 'PAID' });
  if (full && order.kind === 'PACKAGE') undoPlacement(context, order);
  return ok({ duplicate: false });
}

/** Reward lines still carrying money (not clawbacks, not voided). */
function activeRewardLines(lines: readonly RewardLine[]): RewardLine[] {
  return lines.filter((line) => !line.kind.startsWith('CLAWBACK_') && line.status !== 'REVERSED');
}

/** What a settled line still holds after earlier clawbacks against it. */
function netSettledFen(lines: readonly RewardLine[], line: RewardLine): bigint {
  return lines.filter((other) => other.reversesLineId === line.id && other.kind.startsWith('CLAWBACK_')).reduce((sum, other) => sum + other.amountFen, line.amountFen);
}

/** RF1: PENDING → REVERSED; SETTLED gets a negative CLAWBACK line when the profile claws back. */
function reverseOrderMoney(context: RuleContext, order: OrderRecord, refundedAfter: bigint): void {
  const lines = context.ws.linesOfOrder(order.id);
  for (const line of activeRewardLines(lines)) {
    if (line.status === 'PENDING') context.ws.changeLineStatus(line, 'REVERSED', context.atMs);
    else clawBack(context, lines, line, netSettledFen(lines, line), refundedAfter);
  }
}

/** A partial refund: every reward of the order shrinks to its share of what the buyer still paid. */
function scaleOrderMoney(context: RuleContext, order: OrderRecord, remainingBefore: bigint, remainingAfter: bigint, refundedAfter: bigint): void {
  const { ws } = context;
  const lines = ws.linesOfOrder(order.id);
  for (const line of activeRewardLines(lines)) {
    const held = line.status === 'SETTLED' ? netSettledFen(lines, line) : line.amountFen;
    const target = (held * remainingAfter) / remainingBefore;
    if (line.status === 'SETTLED') {
      clawBack(context, lines, line, held - target, refundedAfter);
      continue;
    }
    ws.changeLineStatus(line, 'REVERSED', context.atMs);
    if (target <= 0n) continue;
    // Pending money cannot be edited (the ledger only grows): void it and credit the smaller amount.
    const rootId = line.id.split(':refund-')[0]!;
    ws.addLine({ ...line, id: `${rootId}:refund-${refundedAfter}`, amountFen: target, status: 'PENDING', createdAtMs: context.atMs, createdDay: context.day, reversesLineId: line.id });
  }
}

function clawBack(context: RuleContext, lines: readonly RewardLine[], line: RewardLine, amountFen: bigint, refundedAfter: bigint): void {
  if (amountFen <= 0n || context.profile.refund.afterSettlement !== 'CLAWBACK') return;
  const earlier = lines.some((other) => other.reversesLineId === line.id);
  context.ws.addLine({
    ...line,
    id: earlier ? `${line.id}:clawback-${refundedAfter}` : `${line.id}:clawback`,
    kind: `CLAWBACK_${line.kind}` as ClawbackKind,
    amountFen: -amountFen,
    status: 'SETTLED',
    createdAtMs: context.atMs,
    createdDay: context.day,
    reversesLineId: line.id,
    basisLineIds: [],
  });
}

/** RF2–RF4 for a fully refunded package order. */
function undoPlacement(context: RuleContext, order: OrderRecord): void {
  const { ws } = context;
  const buyer = ws.member(order.buyerId);
  if (!buyer || buyer.packageOrderId !== order.id) return;
  const referrer = buyer.referrerId === null ? undefined : ws.member(buyer.referrerId);

  if (buyer.role === 'BOSS' || buyer.activeReferralCount > 0) {
    // RF4: the structure built on this member stays; only the money was reversed.
    flag(context, buyer, 'refund_with_dependants', order.id);
    if (referrer?.upgradeOrderId === order.id) flag(context, referrer, 'refund_of_upgrade_order', order.id);
    return;
  }

  // RF2: back to a plain member outside any team; the referrer binding stays for audit.
  ws.putMember({ ...buyer, role: 'MEMBER', teamBossId: null, peerUplineId: null, leftTeamBossId: null, contributionSlots: [], packageOrderId: null, upgradeOrderId: null });
  ws.emit({ type: 'distribution.package_revoked', memberId: buyer.id, orderId: order.id });
  if (!referrer) return;
  const released: MemberState = {
    ...referrer,
    contributionSlots: referrer.contributionSlots.filter((id) => id !== buyer.id),
    activeReferralCount: Math.max(0, referrer.activeReferralCount - 1),
  };
  ws.putMember(released);
  if (released.upgradeOrderId === order.id) rollBackUpgrade(context, released, order);
}

/** RF3: the refunded order made the referrer a boss. */
function rollBackUpgrade(context: RuleContext, boss: MemberState, order: OrderRecord): void {
  const { ws, profile } = context;
  const insideWindow = context.day - order.paidDay <= profile.refund.windowDays;
  const referralsAfterUpgrade = boss.activeReferralCount - boss.contributionSlots.length;
  if (boss.role !== 'BOSS' || profile.refund.upgradeRollback !== 'REVERT_IF_NO_DEPENDENTS' || !insideWindow || referralsAfterUpgrade > 0) {
    flag(context, boss, 'refund_of_upgrade_order', order.id);
    return;
  }
  const left = boss.leftTeamBossId === null ? undefined : ws.member(boss.leftTeamBossId);
  const teamBossId = left?.role === 'BOSS' ? left.id : null;
  ws.putMember({ ...boss, role: 'AGENT', teamBossId, peerUplineId: null, leftTeamBossId: null, upgradeOrderId: null });
  ws.emit({ type: 'distribution.upgrade_rolled_back', memberId: boss.id, orderId: order.id, teamBossId });
}

function flag(context: RuleContext, member: MemberState, reason: 'refund_with_dependants' | 'refund_of_upgrade_order', orderId: string): void {
  context.ws.putMember(withFlag(context.ws.member(member.id) ?? member, 'REVIEW'));
  context.ws.emit({ type: 'distribution.member_flagged', memberId: member.id, flag: 'REVIEW', reason, orderId });
}
