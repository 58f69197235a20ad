import type { MemberState, OrderRecord, RewardLine } from './model.ts';
import { applyRate, type Profile } from './profile.ts';

export interface InvariantViolation {
  readonly invariant: string;
  readonly subject: string;
  readonly message: string;
}

export interface InvariantSnapshot {
  readonly members: readonly MemberState[];
  readonly orders: readonly OrderRecord[];
  readonly lines: readonly RewardLine[];
}

/**
 * The structural and money invariants of §2.6 (I1–I5, I7) plus the binding rules, checked over a
 * whole state. I6 concerns history (the team boss is never recomputed) and is checked by the
 * property tests, which remember each member's placement. Used by the tests and available to a
 * verification command.
 */
export function checkInvariants(snapshot: InvariantSnapshot, profile: Profile): InvariantViolation[] {
  const violations: InvariantViolation[] = [];
  const members = new Map(snapshot.members.map((member) => [member.id, member]));
  const report = (invariant: string, subject: string, message: string) => violations.push({ invariant, subject, message });

  for (const member of snapshot.members) {
    if (member.role === 'BOSS' && member.teamBossId !== null) report('I1', member.id, 'a boss has a team boss');
    if (member.role === 'AGENT' && member.teamBossId !== null && members.get(member.teamBossId)?.role !== 'BOSS') {
      report('I2', member.id, `team boss ${member.teamBossId} is not a boss`);
    }
    if (member.teamBossId !== null && !referralAncestors(members, member).includes(member.teamBossId)) {
      report('I3', member.id, `team boss ${member.teamBossId} is not a referral ancestor`);
    }
    if (member.role === 'AGENT' && member.contributionSlots.length >= profile.upgradeThreshold) report('I4', member.id, 'an agent holds N slots');
    if (member.role === 'BOSS' && member.contributionSlots.length > profile.upgradeThreshold) report('I4', member.id, 'a boss holds more than N slots');
    if (member.role === 'MEMBER' && (member.teamBossId !== null || member.contributionSlots.length > 0)) report('RF2', member.id, 'a plain member keeps a team or slots');
    if (member.referrerId === member.id) report('binding', member.id, 'self-referral');
    for (const slot of member.contributionSlots) {
      if (members.get(slot)?.referrerId !== member.id) report('I4', member.id, `slot ${slot} is not a direct referral`);
    }
  }

  const linesByOrder = new Map<string, RewardLine[]>();
  for (const line of snapshot.lines) linesByOrder.set(line.orderId, [...(linesByOrder.get(line.orderId) ?? []), line]);
  for (const order of snapshot.orders) {
    const lines = linesByOrder.get(order.id) ?? [];
    const originals = lines.filter((line) => line.reversesLineId === null);
    const count = (kind: string) => originals.filter((line) => line.kind === kind).length;
    if (order.kind === 'PACKAGE' && (count('DIRECT') > 1 || count('TEAM') > 1)) report('I5', order.id, 'more than one DIRECT or TEAM');
    if (order.kind === 'REPURCHASE' && (count('REPURCHASE_DIRECT') > 1 || count('REPURCHASE_TEAM') > 1)) report('I5', order.id, 'more than one repurchase line of a kind');
    const creditedBosses = new Set(originals.filter((line) => line.kind !== 'PEER').map((line) => line.payeeId)).size;
    if (count('PEER') > profile.rewards.peer.generations * creditedBosses) report('I5', order.id, 'too many PEER lines');
    const held = lines.filter((line) => line.status !== 'REVERSED').reduce((sum, line) => sum + line.amountFen, 0n);
    if (held < 0n) report('money', order.id, 'clawbacks exceed what was paid');
    const ratio = profile.limits.maxPayoutRatioBps;
    if (ratio !== null && held > applyRate(order.amountFen, ratio)) report('I7', order.id, `pays ${held} fen, above the ratio cap`);
    if (order.status === 'REFUNDED' && lines.some((line) => line.status === 'PENDING')) report('RF1', order.id, 'a refunded order keeps pending lines');
    if (order.status === 'REFUNDED' && profile.refund.afterSettlement === 'CLAWBACK' && held !== 0n) report('RF1', order.id, 'a refunded order still holds money');
  }
  return violations;
}

function referralAncestors(members: ReadonlyMap<string, MemberState>, member: MemberState): string[] {
  const ancestors: string[] = [];
  let current = member.referrerId;
  while (current !== null && !ancestors.includes(current) && current !== member.id) {
    ancestors.push(current);
    current = members.get(current)?.referrerId ?? null;
  }
  if (current !== null) ancestors.push(`cycle:${current}`);
  return ancestors;
}
