/**
 * The engine's data: members with their two links (§2.1), the orders it has processed, the reward
 * lines it has credited (§6.3) and the excess withheld by caps. Plain readonly values; the engine
 * never mutates one, it returns replacements.
 */

export type MemberRole = 'MEMBER' | 'AGENT' | 'BOSS';
export type MemberFlag = 'REVIEW';

export interface MemberState {
  readonly id: string;
  readonly role: MemberRole;
  /** 推荐人: bound once, never changed (§2.1, §5.6 item 1). */
  readonly referrerId: string | null;
  /** 所属老板: the boss whose team the member is in; null for bosses and members outside any team. */
  readonly teamBossId: string | null;
  /** 平级上级: who receives this boss's peer reward; null for root bosses. */
  readonly peerUplineId: string | null;
  /** The team boss this member left on upgrading; what an RF3 rollback restores. */
  readonly leftTeamBossId: string | null;
  /** 贡献位: paid direct referrals made while an agent, in order, at most N. */
  readonly contributionSlots: readonly string[];
  /** The member's active gift-package order (R1.1), null when none. */
  readonly packageOrderId: string | null;
  /** The referral order that made this member a boss (RF3), null for roots and non-bosses. */
  readonly upgradeOrderId: string | null;
  /** Referred members holding an active package; RF3/RF4 read it as "has dependants". */
  readonly activeReferralCount: number;
  readonly flags: readonly MemberFlag[];
}

export function newMember(id: string, referrerId: string | null = null): MemberState {
  return {
    id,
    role: 'MEMBER',
    referrerId,
    teamBossId: null,
    peerUplineId: null,
    leftTeamBossId: null,
    contributionSlots: [],
    packageOrderId: null,
    upgradeOrderId: null,
    activeReferralCount: 0,
    flags: [],
  };
}

export function withFlag(member: MemberState, flag: MemberFlag): MemberState {
  return member.flags.includes(flag) ? member : { ...member, flags: [...member.flags, flag] };
}

export type OrderKind = 'PACKAGE' | 'REPURCHASE';
export type OrderStatus = 'PAID' | 'REFUNDED';

export interface OrderRecord {
  readonly id: string;
  readonly kind: OrderKind;
  readonly buyerId: string;
  readonly amountFen: bigint;
  readonly paidAtMs: number;
  readonly paidDay: number;
  readonly status: OrderStatus;
  /** Total refunded so far; equals amountFen once fully refunded. */
  readonly refundedFen: bigint;
  /** Refunds already applied, so that a redelivered partial refund is not applied twice. */
  readonly refundKeys: readonly string[];
  /** Payee positions used (one per reward line credited, §5.4 maxPayeesPerOrder). */
  readonly payeePositions: number;
  /** Money credited on this order so far (gross, before refunds), for the payout-ratio cap. */
  readonly creditedFen: bigint;
  readonly profileId: string;
  readonly profileVersion: string;
}

export type RewardKind = 'DIRECT' | 'TEAM' | 'PEER' | 'REPURCHASE_DIRECT' | 'REPURCHASE_TEAM';
export type ClawbackKind = `CLAWBACK_${RewardKind}`;
export type LineKind = RewardKind | ClawbackKind;
/** §6.3 statuses; in ledger terms PENDING = pending transfer, SETTLED = posted, REVERSED = voided. */
export type LineStatus = 'PENDING' | 'SETTLED' | 'REVERSED';

export interface RewardLine {
  /** Stable and derived from its cause (order + line + leg): the ledger uses it as the transfer id. */
  readonly id: string;
  readonly orderId: string;
  readonly payeeId: string;
  readonly kind: LineKind;
  /** Positive for rewards, negative for clawbacks. */
  readonly amountFen: bigint;
  readonly status: LineStatus;
  /** The buyer whose order caused the line. */
  readonly sourceUserId: string;
  readonly profileId: string;
  readonly profileVersion: string;
  readonly createdAtMs: number;
  readonly createdDay: number;
  /** Day the order was paid; SETTLE posts the line once `day - freezeDays` reaches it. */
  readonly orderPaidDay: number;
  /** A clawback or a partial-refund replacement points at the line it corrects. */
  readonly reversesLineId: string | null;
  /** For PEER: the line(s) of the credited boss it was computed on. */
  readonly basisLineIds: readonly string[];
}

export type CapReason = 'team_depth_cap' | 'payee_cap' | 'payout_ratio_cap' | 'daily_income_cap' | 'monthly_income_cap';

/** Money a limit kept from a payee: recorded, never silently dropped (§5.5, §5.6 item 6). */
export interface CappedExcess {
  readonly id: string;
  readonly orderId: string;
  readonly payeeId: string;
  readonly kind: RewardKind;
  readonly amountFen: bigint;
  readonly reason: CapReason;
  readonly day: number;
  readonly profileId: string;
  readonly profileVersion: string;
}

/** A status move of an existing line, carrying what the ledger needs to post or void its transfer. */
export interface LineStatusChange {
  readonly lineId: string;
  readonly orderId: string;
  readonly payeeId: string;
  readonly kind: LineKind;
  readonly amountFen: bigint;
  readonly from: LineStatus;
  readonly to: LineStatus;
  readonly atMs: number;
}

/** Income counted against the daily and monthly caps, keyed by payee and period. */
export interface IncomeIncrement {
  readonly payeeId: string;
  readonly period: string;
  readonly amountFen: bigint;
}
