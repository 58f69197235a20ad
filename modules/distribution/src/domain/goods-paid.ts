import { referralDistance } from './binding.ts';
import { creditPeerRewards, creditReward, recordExcess, type RuleContext } from './credit.ts';
import type { GoodsPaid } from './engine-events.ts';
import { newMember, type OrderRecord, type RewardLine } from './model.ts';
import { applyRate } from './profile.ts';

/**
 * §3 REPURCHASE_*: ordinary goods bought by an agent or boss pay `directRateBps` of the order to the
 * buyer's referrer and `teamRateBps` to the buyer's team boss (the team depth cap applies to the
 * latter too). Goods bought by a plain member are not a repurchase and pay nothing. PEER follows
 * only when the profile lists repurchase kinds in its peer basis.
 */
export function goodsPaid(context: RuleContext, event: GoodsPaid): { duplicate: boolean } {
  const { ws, profile } = context;
  if (ws.order(event.orderId)) return { duplicate: true };
  const order: OrderRecord = {
    id: event.orderId,
    kind: 'REPURCHASE',
    buyerId: event.userId,
    amountFen: event.amountFen,
    paidAtMs: event.atMs,
    paidDay: context.day,
    status: 'PAID',
    refundedFen: 0n,
    refundKeys: [],
    payeePositions: 0,
    creditedFen: 0n,
    profileId: profile.id,
    profileVersion: context.profileVersion,
  };
  ws.putOrder(order);
  let buyer = ws.member(event.userId);
  if (!buyer) {
    buyer = newMember(event.userId);
    ws.putMember(buyer);
    ws.emit({ type: 'distribution.member_registered', memberId: buyer.id });
  }
  const repurchase = profile.rewards.repurchase;
  if (!repurchase.enabled || buyer.role === 'MEMBER') return { duplicate: false };

  const credited: RewardLine[] = [];
  const referrer = buyer.referrerId === null ? undefined : ws.member(buyer.referrerId);
  if (referrer && referrer.role !== 'MEMBER') {
    const direct = creditReward(context, {
      lineId: `${event.orderId}:repurchase-direct`,
      orderId: event.orderId,
      payeeId: referrer.id,
      kind: 'REPURCHASE_DIRECT',
      amountFen: applyRate(event.amountFen, repurchase.directRateBps),
    });
    if (direct) credited.push(direct);
  }
  if (buyer.teamBossId !== null) {
    const candidate = {
      lineId: `${event.orderId}:repurchase-team`,
      orderId: event.orderId,
      payeeId: buyer.teamBossId,
      kind: 'REPURCHASE_TEAM' as const,
      amountFen: applyRate(event.amountFen, repurchase.teamRateBps),
    };
    const depthCap = profile.limits.maxReferralDepthForTeamReward;
    if (depthCap !== null && referralDistance(ws, buyer, buyer.teamBossId, depthCap) === null) {
      recordExcess(context, candidate, candidate.amountFen, 'team_depth_cap');
    } else {
      const team = creditReward(context, candidate);
      if (team) credited.push(team);
    }
  }
  creditPeerRewards(context, event.orderId, credited);
  return { duplicate: false };
}
