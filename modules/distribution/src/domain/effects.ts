/**
 * Past-tense facts the engine reports with a delta. The service publishes them to the outbox in the
 * same transaction (architecture rule 8): notifications, the member's distribution centre, anomaly
 * detection ("团队健康度") and analytics subscribe to them.
 */
export type DistributionEffect =
  | { readonly type: 'distribution.member_registered'; readonly memberId: string }
  | { readonly type: 'distribution.referrer_bound'; readonly memberId: string; readonly referrerId: string }
  | { readonly type: 'distribution.package_activated'; readonly memberId: string; readonly orderId: string; readonly role: 'AGENT' | 'BOSS'; readonly teamBossId: string | null }
  | { readonly type: 'distribution.member_slid'; readonly memberId: string; readonly referrerId: string; readonly teamBossId: string | null; readonly slot: number }
  | {
      readonly type: 'distribution.boss_upgraded';
      readonly memberId: string;
      readonly orderId: string;
      readonly leftTeamBossId: string | null;
      readonly peerUplineId: string | null;
    }
  | { readonly type: 'distribution.upgrade_rolled_back'; readonly memberId: string; readonly orderId: string; readonly teamBossId: string | null }
  | { readonly type: 'distribution.package_revoked'; readonly memberId: string; readonly orderId: string }
  | { readonly type: 'distribution.member_flagged'; readonly memberId: string; readonly flag: 'REVIEW'; readonly reason: FlagReason; readonly orderId: string }
  | { readonly type: 'distribution.reward_capped'; readonly orderId: string; readonly payeeId: string; readonly amountFen: bigint; readonly reason: string };

export type FlagReason = 'refund_with_dependants' | 'refund_of_upgrade_order';
export type DistributionEffectType = DistributionEffect['type'];
