import type { Db } from '@linkmall/db';
import type { ScheduledJobDefinition, Subscriber } from '@linkmall/events';
import { createCampaignService } from './campaign-service.ts';
import { noCoupons, noDistribution, type CouponGrants, type DistributionFacts, type RewardMoney } from './growth-ports.ts';
import { createInviteEngine } from './invite-engine.ts';
import { inviteStore } from './invite-store.ts';
import { createLevelService } from './level-service.ts';
import { createMemberService } from './member-service.ts';
import { createPointsService } from './points-service.ts';
import { createRewardService, type RewardRunReport } from './reward-service.ts';

export interface GrowthModuleOptions {
  readonly db: Db;
  /** The ledger's commission path (flows/growth-ports.ts); cash never moves any other way. */
  readonly money: RewardMoney;
  /** Referrers, the active profile's caps and what it credited (default: none, for tests of points alone). */
  readonly distribution?: DistributionFacts;
  readonly coupons?: CouponGrants;
}

/** The growth module: points for actions, levels with privileges, invite campaigns with budgets. */
export function createGrowthModule(options: GrowthModuleOptions) {
  const { db, money } = options;
  const points = createPointsService(db);
  const levels = createLevelService(db);
  const campaigns = createCampaignService(db);
  const engine = createInviteEngine({ db, facts: options.distribution ?? noDistribution, money, points });
  const rewards = createRewardService({ db, engine, money, coupons: options.coupons ?? noCoupons, endExpired: (ctx) => campaigns.endExpired(ctx) });
  return { points, levels, campaigns, rewards, engine, members: createMemberService({ db, levels }) };
}
export type GrowthModule = ReturnType<typeof createGrowthModule>;

interface OrderPaidPayload {
  orderId: string;
  buyerUserId: string;
  payableFen: number;
}
interface OrderRefundedPayload {
  orderId: string;
  caseId: string;
  refundFen: number;
}
interface ReviewCreatedPayload {
  reviewId: string;
  orderId: string;
}
interface CardSharedPayload {
  shareId: string;
  ownerUserId: string;
  sharerVisitorId: string | null;
  /** Present when the card module names the signed-in forwarder; an anonymous forward earns nothing. */
  sharerUserId?: string | null;
}

/**
 * Outbox subscribers. `growth.points` credits and reverses points in the delivery's transaction, so
 * each event counts exactly once. `growth.invites` only queues the commerce facts: deciding an invite
 * reward needs the distribution engine's view of the same order, read by the growth.rewards job
 * outside any transaction once that engine has processed it.
 */
export function growthSubscribers(growth: GrowthModule): Subscriber[] {
  return [
    {
      name: 'growth.points',
      eventTypes: ['order.paid', 'order.refunded', 'review.created', 'card.shared'],
      handle: async (tx, event, ctx) => {
        if (event.type === 'order.paid') {
          const payload = event.payload as OrderPaidPayload;
          await growth.points.orderPaid(tx, ctx, { orderId: payload.orderId, buyerId: payload.buyerUserId, payableFen: BigInt(payload.payableFen), paidAt: event.occurredAt });
        } else if (event.type === 'order.refunded') {
          const payload = event.payload as OrderRefundedPayload;
          await growth.points.orderRefunded(tx, ctx, { orderId: payload.orderId, refundKey: payload.caseId, refundFen: BigInt(payload.refundFen), at: event.occurredAt });
        } else if (event.type === 'review.created') {
          const payload = event.payload as ReviewCreatedPayload;
          await growth.points.reviewCreated(tx, ctx, { reviewId: payload.reviewId, orderId: payload.orderId, at: event.occurredAt });
        } else {
          const payload = event.payload as CardSharedPayload;
          // The owner's own share (no visitor) is the owner's; a forward counts only for a named member.
          const memberId = payload.sharerVisitorId === null ? payload.ownerUserId : (payload.sharerUserId ?? null);
          if (memberId) await growth.points.creditAction(tx, ctx, { memberId, action: 'share', causeId: `card.shared:${payload.shareId}`, at: event.occurredAt });
        }
      },
    },
    {
      name: 'growth.invites',
      eventTypes: ['order.paid', 'order.refunded', 'order.completed'],
      handle: async (tx, event) => {
        const payload = event.payload as { orderId: string; buyerUserId?: string; payableFen?: number };
        const kind = event.type === 'order.paid' ? 'paid' : event.type === 'order.refunded' ? 'refunded' : 'completed';
        await inviteStore.enqueue(tx, {
          eventId: event.id,
          kind,
          orderId: payload.orderId,
          buyerId: kind === 'paid' ? payload.buyerUserId! : null,
          amountFen: kind === 'paid' ? BigInt(payload.payableFen!) : null,
          occurredAt: event.occurredAt,
        });
      },
    },
  ];
}

/** Every minute: end campaigns past their date, decide queued invites, settle due cash, issue coupons. */
export function growthRewardsJob(growth: GrowthModule, onReport?: (report: RewardRunReport) => void): ScheduledJobDefinition {
  return {
    name: 'growth.rewards',
    cron: '* * * * *',
    handle: async (ctx) => {
      const report = await growth.rewards.run(ctx);
      if (Object.values(report).some((count) => count > 0)) onReport?.(report);
    },
  };
}
