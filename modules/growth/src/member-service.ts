import type { Db } from '@linkmall/db';
import { nextStep, tierFor, type InviteTier, type LadderStep } from './domain/campaign.ts';
import { campaignStore as store } from './campaign-store.ts';
import { inviteStore } from './invite-store.ts';
import type { LevelService, MemberLevel } from './level-service.ts';
import { rewardView, type RewardView } from './reward-service.ts';

export interface InviteProgressView {
  campaignId: string;
  nameZh: string;
  nameEn: string;
  status: string;
  startsAt: string;
  endsAt: string;
  minOrderFen: number;
  /** Invitees who made a qualifying paid purchase in this campaign (refunded ones do not count). */
  qualifiedInvites: number;
  nextStep: LadderStep | null;
  /** The rate the next qualifying invite would earn (tier plus level bonus), before the caps; null past the last tier. */
  nextInviteRateBps: number | null;
  ladder: LadderStep[];
  tiers: InviteTier[];
  rewards: RewardView[];
}

const RECENTLY_ENDED_MS = 30 * 86_400_000;

/** The member's own growth view for the shop: points, level and invite progress per campaign. */
export function createMemberService(deps: { db: Db; levels: LevelService }) {
  const { db, levels } = deps;
  return {
    summary: (memberId: string): Promise<MemberLevel> => levels.memberLevel(memberId),

    /** Running campaigns and those ended in the last 30 days, with the member's count, next step and rewards. */
    async invites(memberId: string, now: Date): Promise<InviteProgressView[]> {
      const campaigns = await store.visibleToMembers(db, new Date(now.getTime() - RECENTLY_ENDED_MS));
      const progress = await inviteStore.progressOf(db, memberId, campaigns.map((campaign) => campaign.id));
      const { privileges } = await levels.memberLevel(memberId);
      const views: InviteProgressView[] = [];
      for (const campaign of campaigns) {
        const count = progress.get(campaign.id) ?? 0;
        const tier = tierFor(campaign.tiers, count + 1);
        const { items } = await store.rewards(db, { campaignId: campaign.id, memberId }, { page: 1, pageSize: 50 });
        views.push({
          campaignId: campaign.id,
          nameZh: campaign.name_zh,
          nameEn: campaign.name_en,
          status: campaign.status,
          startsAt: campaign.starts_at.toISOString(),
          endsAt: campaign.ends_at.toISOString(),
          minOrderFen: Number(campaign.min_order_fen),
          qualifiedInvites: count,
          nextStep: nextStep(campaign.ladder, count),
          nextInviteRateBps: tier ? Math.min(10_000, tier.rateBps + privileges.extraCommissionBps) : null,
          ladder: campaign.ladder,
          tiers: campaign.tiers,
          rewards: items.map(rewardView),
        });
      }
      return views;
    },
  };
}
export type MemberService = ReturnType<typeof createMemberService>;
