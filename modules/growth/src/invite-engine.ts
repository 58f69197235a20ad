import { newId, type RequestContext } from '@linkmall/kernel';
import { inTransaction, type Db } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import { publishEvent } from '@linkmall/events';
import { businessDay } from './domain/calendar.ts';
import { acceptsPurchase, stepCost, stepsReached, tierFor, type LadderStep } from './domain/campaign.ts';
import { levelOf, privilegesOf } from './domain/levels.ts';
import { applyRateBps, capCashReward, capWholeReward, decisionOf, type CappedReward } from './domain/reward-caps.ts';
import { initialState, type RewardKind } from './domain/reward-state.ts';
import { campaignStore, type CampaignRow } from './campaign-store.ts';
import { growthEvent } from './growth-events.ts';
import type { DistributionFacts, GrowthLimits, OrderCredits, RewardMoney } from './growth-ports.ts';
import { inviteStore, type InviteWorkRow } from './invite-store.ts';
import { levelFromRow } from './level-service.ts';
import type { PointsService } from './points-service.ts';
import { pointsStore } from './points-store.ts';

export interface InviteEngineDeps {
  readonly db: Db;
  readonly facts: DistributionFacts;
  readonly money: RewardMoney;
  readonly points: PointsService;
}

/** What the distribution side looked like when a payment was worked off, read before the transaction. */
interface CashFacts {
  readonly credits: OrderCredits;
  readonly limits: GrowthLimits;
}

interface Purchase {
  readonly orderId: string;
  readonly inviteeId: string;
  readonly inviterId: string;
  readonly amountFen: bigint;
  readonly paidAt: Date;
  readonly extraCommissionBps: number;
}

export type WorkOutcome = 'processed' | 'no_inviter' | 'waiting' | 'skipped';

/**
 * The invite engine: an invite qualifies when the invitee (someone bound to the inviter's invite
 * code) makes a real paid purchase; each campaign running at the payment counts it once, pays the
 * tier rate of its ordinal as a share of that purchase and the ladder steps it reaches, each reward
 * through the compliance caps and the budget. A refund of the purchase disqualifies the invite and
 * reverses its cash (voided while pending, clawed back once settled).
 *
 * Every decision for one inviter is serialised on their member row, every budget on its campaign row,
 * taken in that order (member, progress, campaign) so concurrent payments cannot deadlock.
 */
export function createInviteEngine(deps: InviteEngineDeps) {
  const { db, facts, money, points } = deps;

  async function cashFactsFor(work: InviteWorkRow): Promise<CashFacts | 'not_ready'> {
    const credits = await facts.orderCredits(work.order_id, work.event_id);
    if (credits === 'not_ready') return 'not_ready';
    return { credits, limits: await facts.limits() };
  }

  async function publishDecision(tx: Db, ctx: RequestContext, reward: { id: string; campaignId: string; memberId: string; kind: RewardKind; requested: bigint; capped: CappedReward; unit: string }) {
    await publishEvent(
      tx,
      ctx,
      growthEvent('growth.reward_decided', reward.id, {
        rewardId: reward.id,
        campaignId: reward.campaignId,
        memberId: reward.memberId,
        kind: reward.kind,
        decision: decisionOf(reward.requested, reward.capped.grantedFen),
        grantedAmount: Number(reward.capped.grantedFen),
        unit: reward.unit,
        limitedBy: reward.capped.limitedBy,
      }),
    );
  }

  /** The tier reward of the n-th invite: a share of the purchase, capped; returns what it took from the budget. */
  async function tierReward(tx: Db, ctx: RequestContext, campaign: CampaignRow, purchase: Purchase, ordinal: number, remaining: bigint, cash: CashFacts): Promise<bigint> {
    const tier = tierFor(campaign.tiers, ordinal);
    if (!tier) return 0n;
    const rateBps = Math.min(10_000, tier.rateBps + purchase.extraCommissionBps);
    const requested = applyRateBps(purchase.amountFen, rateBps);
    if (requested <= 0n) return 0n;
    const day = businessDay(purchase.paidAt.getTime());
    const onOrder = await inviteStore.cashOnOrder(tx, purchase.orderId);
    const income = await facts.lockedIncome(tx, purchase.inviterId, purchase.paidAt.getTime());
    const capped = capCashReward({
      requestedFen: requested,
      payeeId: purchase.inviterId,
      order: { amountFen: purchase.amountFen, payeeIds: [...cash.credits.payeeIds, ...onOrder.payeeIds], creditedFen: cash.credits.creditedFen + onOrder.creditedFen },
      income,
      budgetRemainingFen: remaining,
      limits: cash.limits,
    });
    const now = ctx.clock.now();
    const id = newId('grw', now.getTime());
    await inviteStore.insertReward(tx, {
      ...rewardBase(id, campaign, purchase.inviterId, 'tier_cash', `tier:${campaign.id}:${purchase.orderId}`, requested, capped, day, now),
      invitee_id: purchase.inviteeId,
      order_id: purchase.orderId,
      invite_ordinal: ordinal,
      rate_bps: rateBps,
    });
    if (capped.grantedFen > 0n) {
      await money.accrue(tx, ctx, { rewardId: id, memberId: purchase.inviterId, amountFen: capped.grantedFen, orderId: purchase.orderId, campaignId: campaign.id });
      await facts.recordIncome(tx, purchase.inviterId, purchase.paidAt.getTime(), capped.grantedFen);
    }
    await publishDecision(tx, ctx, { id, campaignId: campaign.id, memberId: purchase.inviterId, kind: 'tier_cash', requested, capped, unit: 'fen' });
    return capped.grantedFen;
  }

  /** One ladder step reached: granted whole within the budget (points may be reduced), once per inviter and step. */
  async function ladderReward(tx: Db, ctx: RequestContext, campaign: CampaignRow, purchase: Purchase, step: LadderStep, remaining: bigint): Promise<bigint> {
    const causeKey = `ladder:${campaign.id}:${purchase.inviterId}:${step.invites}`;
    if (await inviteStore.rewardExists(tx, causeKey)) return 0n;
    const cost = stepCost(step);
    const reward = step.reward;
    const capped: CappedReward = reward.kind === 'points' ? (cost <= remaining ? { grantedFen: cost, limitedBy: [] } : { grantedFen: remaining, limitedBy: ['budget'] }) : capWholeReward(cost, remaining);
    const kind: RewardKind = reward.kind === 'coupon' ? 'ladder_coupon' : reward.kind === 'gift' ? 'ladder_gift' : 'ladder_points';
    const now = ctx.clock.now();
    const id = newId('grw', now.getTime());
    await inviteStore.insertReward(tx, {
      ...rewardBase(id, campaign, purchase.inviterId, kind, causeKey, cost, capped, businessDay(purchase.paidAt.getTime()), now),
      ladder_invites: step.invites,
      coupon_template_id: reward.kind === 'coupon' ? reward.couponTemplateId : null,
      gift_name_zh: reward.kind === 'gift' ? reward.nameZh : null,
      gift_name_en: reward.kind === 'gift' ? reward.nameEn : null,
    });
    if (kind === 'ladder_points' && capped.grantedFen > 0n) {
      await points.creditCampaign(tx, ctx, { memberId: purchase.inviterId, causeId: `campaign:${causeKey}`, points: capped.grantedFen, campaignId: campaign.id, at: purchase.paidAt });
    }
    await publishDecision(tx, ctx, { id, campaignId: campaign.id, memberId: purchase.inviterId, kind, requested: cost, capped, unit: campaign.budget_unit });
    return capped.grantedFen;
  }

  /** Counts the invite in one campaign and pays what it earns; the campaign row stays locked until commit. */
  async function qualifyInCampaign(tx: Db, ctx: RequestContext, campaignId: string, purchase: Purchase, cash: CashFacts | null): Promise<void> {
    const count = await inviteStore.lockProgress(tx, campaignId, purchase.inviterId);
    const campaign = await campaignStore.campaign(tx, campaignId, true);
    if (!campaign || purchase.amountFen < campaign.min_order_fen) return;
    if (!acceptsPurchase({ status: campaign.status, endedReason: campaign.ended_reason, startsAt: campaign.starts_at, endsAt: campaign.ends_at, budgetTotal: campaign.budget_total, budgetSpent: campaign.budget_spent }, purchase.paidAt)) return;
    const prior = await inviteStore.campaignInvite(tx, campaignId, purchase.inviteeId);
    if (prior?.status === 'qualified') return;
    const ordinal = count + 1;
    await inviteStore.putCampaignInvite(tx, { campaign_id: campaignId, invitee_id: purchase.inviteeId, inviter_id: purchase.inviterId, order_id: purchase.orderId, order_amount_fen: purchase.amountFen, ordinal, status: 'qualified', qualified_at: purchase.paidAt, disqualified_at: null });
    await inviteStore.addProgress(tx, campaignId, purchase.inviterId, 1);
    let remaining = campaign.budget_total - campaign.budget_spent;
    if (cash) remaining -= await tierReward(tx, ctx, campaign, purchase, ordinal, remaining, cash);
    for (const step of stepsReached(campaign.ladder, ordinal)) remaining -= await ladderReward(tx, ctx, campaign, purchase, step, remaining);
    const spent = campaign.budget_total - campaign.budget_spent - remaining;
    if (spent <= 0n) return;
    const now = ctx.clock.now();
    // The budget ran out: the campaign ends here (one already ended by its date keeps that reason).
    const exhausted = remaining <= 0n && campaign.status === 'active';
    await campaignStore.updateCampaign(tx, campaignId, { budget_spent: campaign.budget_spent + spent, updated_at: now, ...(exhausted ? { status: 'ended', ended_reason: 'budget_spent', ended_at: now } : {}) });
    if (exhausted) {
      await recordAudit(tx, ctx, { action: 'growth.campaign_ended', entityType: 'growth_campaign', entityId: campaignId, organizationId: null, before: { status: campaign.status }, after: { status: 'ended', reason: 'budget_spent' } });
      await publishEvent(tx, ctx, growthEvent('growth.campaign_ended', campaignId, { campaignId, reason: 'budget_spent' }));
    }
  }

  /** A paid order: the invitee qualifies for their inviter, and each campaign running at the payment counts it. */
  async function processPaid(ctx: RequestContext, work: InviteWorkRow): Promise<WorkOutcome> {
    const inviteeId = work.buyer_id!;
    const amountFen = work.amount_fen ?? 0n;
    const inviterId = amountFen > 0n ? await facts.referrerOf(inviteeId) : null;
    const campaigns = inviterId ? (await campaignStore.runningAt(db, work.occurred_at)).filter((campaign) => amountFen >= campaign.min_order_fen) : [];
    let cash: CashFacts | null = null;
    if (inviterId && campaigns.some((campaign) => campaign.tiers.length > 0)) {
      const read = await cashFactsFor(work);
      if (read === 'not_ready') return 'waiting';
      cash = read;
    }
    return inTransaction(db, async (tx) => {
      if (!(await inviteStore.claimWork(tx, work.event_id))) return 'skipped';
      const now = ctx.clock.now();
      if (!inviterId) {
        await inviteStore.finishWork(tx, work.event_id, 'no_inviter', now);
        return 'no_inviter';
      }
      const member = await pointsStore.lockMember(tx, inviterId, now);
      let invites = member.qualified_invites;
      const known = await inviteStore.invitee(tx, inviteeId);
      if (!known || known.status === 'disqualified') {
        await inviteStore.qualifyInvitee(tx, { inviteeId, inviterId, orderId: work.order_id, at: work.occurred_at });
        await pointsStore.addToMember(tx, inviterId, { invites: 1 }, now);
        invites += 1;
        await publishEvent(tx, ctx, growthEvent('growth.invite_qualified', inviteeId, { inviterId, inviteeId, orderId: work.order_id }));
      }
      const level = levelOf((await campaignStore.levels(tx)).map(levelFromRow), { points: member.points_balance, qualifiedInvites: invites });
      const purchase: Purchase = { orderId: work.order_id, inviteeId, inviterId, amountFen, paidAt: work.occurred_at, extraCommissionBps: privilegesOf(level).extraCommissionBps };
      for (const campaign of campaigns) await qualifyInCampaign(tx, ctx, campaign.id, purchase, cash);
      await inviteStore.finishWork(tx, work.event_id, 'processed', now);
      return 'processed';
    });
  }

  /** A refund of a qualifying purchase: the invite stops counting and its cash is voided or clawed back. */
  async function processRefunded(ctx: RequestContext, work: InviteWorkRow): Promise<WorkOutcome> {
    if (await inviteStore.paymentPending(db, work.order_id)) return 'waiting';
    return inTransaction(db, async (tx) => {
      if (!(await inviteStore.claimWork(tx, work.event_id))) return 'skipped';
      const now = ctx.clock.now();
      // The inviter's row first, as on the payment path, then the rows under it.
      const inviterId = await inviteStore.inviterOfOrder(tx, work.order_id);
      if (inviterId) await pointsStore.lockMember(tx, inviterId, now);
      const rewards = await inviteStore.cashRewardsOfOrder(tx, work.order_id);
      const disqualified = await inviteStore.disqualifyInvitee(tx, work.order_id, now);
      if (disqualified) {
        await pointsStore.addToMember(tx, disqualified.inviterId, { invites: -1 }, now);
        await publishEvent(tx, ctx, growthEvent('growth.invite_disqualified', disqualified.inviteeId, { ...disqualified, orderId: work.order_id }));
      }
      for (const invite of await inviteStore.disqualifyCampaignInvites(tx, work.order_id, now)) {
        await inviteStore.lockProgress(tx, invite.campaign_id, invite.inviter_id);
        await inviteStore.addProgress(tx, invite.campaign_id, invite.inviter_id, -1);
      }
      for (const reward of rewards) {
        const campaign = await campaignStore.campaign(tx, reward.campaign_id, true);
        const cash = { rewardId: reward.id, memberId: reward.member_id, amountFen: reward.granted_amount, orderId: work.order_id, campaignId: reward.campaign_id };
        if (reward.state === 'pending') {
          await money.void(tx, ctx, cash);
          await campaignStore.setRewardState(tx, reward.id, 'pending', { state: 'reversed', updated_at: now });
          // Money that never left comes back to the budget; clawed-back money may never be recovered, so it does not.
          await campaignStore.updateCampaign(tx, reward.campaign_id, { budget_spent: campaign!.budget_spent - reward.granted_amount, updated_at: now });
        } else {
          await money.clawBack(tx, ctx, cash);
          await campaignStore.setRewardState(tx, reward.id, 'settled', { state: 'clawed_back', updated_at: now });
        }
        await publishEvent(tx, ctx, growthEvent('growth.reward_changed', reward.id, { rewardId: reward.id, campaignId: reward.campaign_id, memberId: reward.member_id, state: reward.state === 'pending' ? 'reversed' : 'clawed_back' }));
      }
      await inviteStore.finishWork(tx, work.event_id, rewards.length > 0 || disqualified ? 'reversed' : 'nothing_to_reverse', now);
      return 'processed';
    });
  }

  /** The order's after-sales window closed: its pending cash settles after the profile's freeze days. */
  async function processCompleted(ctx: RequestContext, work: InviteWorkRow): Promise<WorkOutcome> {
    if (await inviteStore.paymentPending(db, work.order_id)) return 'waiting';
    const { freezeDays } = await facts.limits();
    return inTransaction(db, async (tx) => {
      if (!(await inviteStore.claimWork(tx, work.event_id))) return 'skipped';
      const started = await inviteStore.startFreeze(tx, work.order_id, businessDay(work.occurred_at.getTime()) + freezeDays, ctx.clock.now());
      await inviteStore.finishWork(tx, work.event_id, started > 0 ? 'freeze_started' : 'nothing_pending', ctx.clock.now());
      return 'processed';
    });
  }

  return {
    /** Works off one queued commerce fact; 'waiting' leaves it queued for the next run. */
    process(ctx: RequestContext, work: InviteWorkRow): Promise<WorkOutcome> {
      if (work.kind === 'paid') return processPaid(ctx, work);
      if (work.kind === 'refunded') return processRefunded(ctx, work);
      return processCompleted(ctx, work);
    },
  };
}
export type InviteEngine = ReturnType<typeof createInviteEngine>;

function rewardBase(id: string, campaign: CampaignRow, memberId: string, kind: RewardKind, causeKey: string, requested: bigint, capped: CappedReward, day: number, now: Date) {
  return {
    id,
    campaign_id: campaign.id,
    member_id: memberId,
    invitee_id: null,
    order_id: null,
    kind,
    cause_key: causeKey,
    invite_ordinal: null,
    ladder_invites: null,
    rate_bps: null,
    unit: campaign.budget_unit,
    requested_amount: requested,
    granted_amount: capped.grantedFen,
    decision: decisionOf(requested, capped.grantedFen),
    limited_by: capped.limitedBy,
    state: initialState(kind, capped.grantedFen > 0n),
    coupon_template_id: null,
    coupon_id: null,
    gift_name_zh: null,
    gift_name_en: null,
    failure_code: null,
    settle_after_day: null,
    day,
    created_at: now,
    updated_at: now,
  };
}
