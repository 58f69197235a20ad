import { err, ok, type Result } from '@linkmall/kernel';
import { checkBinding, nearestBossAbove, referralDistance, type BindingRejection } from './binding.ts';
import { creditPeerRewards, creditReward, recordExcess, type RuleContext } from './credit.ts';
import type { PackagePaid } from './engine-events.ts';
import { goodsPaid } from './goods-paid.ts';
import { newMember, type MemberState, type OrderRecord, type RewardLine } from './model.ts';
import { packageRewardFen } from './profile.ts';

export interface HandlerOutcome {
  /** True when the order had already been processed: nothing changed. */
  readonly duplicate: boolean;
}

/**
 * §2.2, package-paid processing, atomically for buyer X and referrer R (R as it was before this
 * order): validate the binding, place X in a team (slide when R is an agent), credit DIRECT, TEAM
 * and PEER, then count the contribution and upgrade R with a break-away on the N-th one.
 */
export function packagePaid(context: RuleContext, event: PackagePaid): Result<HandlerOutcome, BindingRejection> {
  const { ws, profile } = context;
  if (ws.order(event.orderId)) return ok({ duplicate: true });
  const earlier = ws.rejection(event.orderId);
  if (earlier) return err(earlier as BindingRejection);

  const existing = ws.member(event.userId);
  // R1.1: one package per person; a second package of an agent or boss is a repurchase.
  if (existing && existing.role !== 'MEMBER') {
    return ok(goodsPaid(context, { type: 'GOODS_PAID', orderId: event.orderId, userId: event.userId, amountFen: event.amountFen, atMs: event.atMs }));
  }

  const referrerId = event.referrerId ?? existing?.referrerId ?? null;
  let referrer: MemberState | null = null;
  if (referrerId !== null) {
    const binding = checkBinding(ws, existing, event.userId, referrerId);
    if (!binding.ok) {
      ws.reject(event.orderId, binding.code);
      return binding;
    }
    referrer = binding.value;
  }

  recordOrder(context, event);
  const buyer = placeBuyer(context, event, existing, referrer);
  if (referrer) {
    const credited = creditPackageRewards(context, event, buyer, referrer);
    creditPeerRewards(context, event.orderId, credited);
    countContribution(context, event.orderId, buyer, referrer);
  }
  return ok({ duplicate: false });
}

function recordOrder(context: RuleContext, event: PackagePaid): void {
  const order: OrderRecord = {
    id: event.orderId,
    kind: 'PACKAGE',
    buyerId: event.userId,
    amountFen: event.amountFen,
    paidAtMs: event.atMs,
    paidDay: context.day,
    status: 'PAID',
    refundedFen: 0n,
    refundKeys: [],
    payeePositions: 0,
    creditedFen: 0n,
    profileId: context.profile.id,
    profileVersion: context.profileVersion,
  };
  context.ws.putOrder(order);
}

/** §2.2 step 2 and R1.3: the buyer becomes an agent in the referrer's team (or a root). */
function placeBuyer(context: RuleContext, event: PackagePaid, existing: MemberState | undefined, referrer: MemberState | null): MemberState {
  const { ws, profile } = context;
  const base = existing ?? newMember(event.userId);
  if (!existing) ws.emit({ type: 'distribution.member_registered', memberId: event.userId });
  if (referrer && base.referrerId === null) ws.emit({ type: 'distribution.referrer_bound', memberId: event.userId, referrerId: referrer.id });
  const role = referrer ? 'AGENT' : profile.noReferrerRole;
  const teamBossId = referrer ? (referrer.role === 'BOSS' ? referrer.id : referrer.teamBossId) : null;
  const buyer: MemberState = {
    ...base,
    role,
    referrerId: referrer?.id ?? null,
    teamBossId,
    peerUplineId: null,
    leftTeamBossId: null,
    contributionSlots: [],
    packageOrderId: event.orderId,
    upgradeOrderId: null,
  };
  ws.putMember(buyer);
  ws.emit({ type: 'distribution.package_activated', memberId: buyer.id, orderId: event.orderId, role, teamBossId });
  return buyer;
}

/** §2.2 step 3: DIRECT to the referrer, TEAM to the buyer's team boss (now, unless it waits for the hand-over). */
function creditPackageRewards(context: RuleContext, event: PackagePaid, buyer: MemberState, referrer: MemberState): RewardLine[] {
  const credited: RewardLine[] = [];
  const direct = creditReward(context, {
    lineId: `${event.orderId}:direct`,
    orderId: event.orderId,
    payeeId: referrer.id,
    kind: 'DIRECT',
    amountFen: packageRewardFen(context.profile, 'DIRECT', event.amountFen),
  });
  if (direct) credited.push(direct);
  // V-TIMING ON_SLIDE: a member sliding past an agent earns the old boss nothing until the hand-over.
  const waitsForHandOver = context.profile.teamRewardTiming === 'ON_SLIDE' && referrer.role === 'AGENT';
  if (buyer.teamBossId !== null && !waitsForHandOver) {
    const team = creditTeamReward(context, event.orderId, buyer, buyer.teamBossId, event.amountFen);
    if (team) credited.push(team);
  }
  return credited;
}

/** TEAM for one order, unless the team boss sits deeper than the depth cap (placement is unchanged). */
export function creditTeamReward(context: RuleContext, orderId: string, buyer: MemberState, teamBossId: string, orderAmountFen: bigint): RewardLine | null {
  const candidate = {
    lineId: `${orderId}:team`,
    orderId,
    payeeId: teamBossId,
    kind: 'TEAM' as const,
    amountFen: packageRewardFen(context.profile, 'TEAM', orderAmountFen),
  };
  const depthCap = context.profile.limits.maxReferralDepthForTeamReward;
  if (depthCap !== null && referralDistance(context.ws, buyer, teamBossId, depthCap) === null) {
    recordExcess(context, candidate, candidate.amountFen, 'team_depth_cap');
    return null;
  }
  return creditReward(context, candidate);
}

/** §2.2 step 4: an agent referrer keeps a contribution slot for the buyer and upgrades on the N-th. */
function countContribution(context: RuleContext, orderId: string, buyer: MemberState, referrer: MemberState): void {
  const { ws, profile } = context;
  const current = ws.member(referrer.id)!;
  if (referrer.role !== 'AGENT') {
    ws.putMember({ ...current, activeReferralCount: current.activeReferralCount + 1 });
    return;
  }
  const slots = [...current.contributionSlots, buyer.id];
  ws.emit({ type: 'distribution.member_slid', memberId: buyer.id, referrerId: referrer.id, teamBossId: buyer.teamBossId, slot: slots.length });
  const contributed: MemberState = { ...current, contributionSlots: slots, activeReferralCount: current.activeReferralCount + 1 };
  if (slots.length < profile.upgradeThreshold) {
    ws.putMember(contributed);
    return;
  }
  upgradeToBoss(context, contributed, orderId);
}

/** R1.2 and §2.5: the upgrade and the break-away in one step, after this order's credits. */
function upgradeToBoss(context: RuleContext, agent: MemberState, orderId: string): void {
  const { ws, profile } = context;
  const leftTeamBossId = agent.teamBossId;
  const peerUplineId = profile.rewards.peer.recipient === 'LEFT_TEAM_BOSS' ? leftTeamBossId : nearestBossAbove(ws, agent);
  ws.putMember({ ...agent, role: 'BOSS', teamBossId: null, peerUplineId, leftTeamBossId, upgradeOrderId: orderId });
  ws.emit({ type: 'distribution.boss_upgraded', memberId: agent.id, orderId, leftTeamBossId, peerUplineId });
  if (profile.teamRewardTiming === 'ON_SLIDE' && leftTeamBossId !== null) payHandOverTeamRewards(context, agent.contributionSlots, leftTeamBossId);
}

/** V-TIMING ON_SLIDE: one TEAM to the old boss per member handed over, tied to that member's order. */
function payHandOverTeamRewards(context: RuleContext, slotMemberIds: readonly string[], oldBossId: string): void {
  const { ws } = context;
  for (const memberId of slotMemberIds) {
    const member = ws.member(memberId);
    if (!member?.packageOrderId || member.teamBossId !== oldBossId) continue;
    const order = ws.order(member.packageOrderId);
    if (!order || order.status !== 'PAID') continue;
    const team = creditTeamReward(context, order.id, member, oldBossId, order.amountFen);
    if (team) creditPeerRewards(context, order.id, [team]);
  }
}
