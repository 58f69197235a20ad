/** The growth API's shapes as the console reads them (money in fen, rates in basis points). */
export type CampaignStatus = 'draft' | 'active' | 'paused' | 'ended';
export type CampaignAction = 'activate' | 'pause' | 'resume' | 'end';
export type BudgetUnit = 'fen' | 'points';

export type LadderReward =
  | { kind: 'coupon'; couponTemplateId: string; costFen: number }
  | { kind: 'gift'; nameZh: string; nameEn: string; costFen: number }
  | { kind: 'points'; points: number };

export interface LadderStep {
  invites: number;
  reward: LadderReward;
}

export interface InviteTier {
  fromInvite: number;
  toInvite: number | null;
  rateBps: number;
}

export interface Campaign {
  id: string;
  nameZh: string;
  nameEn: string;
  status: CampaignStatus;
  startsAt: string;
  endsAt: string;
  budgetUnit: BudgetUnit;
  budgetTotal: number;
  budgetSpent: number;
  budgetRemaining: number;
  minOrderFen: number;
  ladder: LadderStep[];
  tiers: InviteTier[];
  endedReason: 'end_date' | 'budget_spent' | 'manual' | null;
  endedAt: string | null;
}

export interface CampaignInput {
  nameZh: string;
  nameEn: string;
  startsAt: string;
  endsAt: string;
  budgetUnit: BudgetUnit;
  budgetTotal: number;
  minOrderFen: number;
  ladder: LadderStep[];
  tiers: InviteTier[];
}

export interface Reward {
  id: string;
  campaignId: string;
  memberId: string;
  memberName: string | null;
  inviteeId: string | null;
  inviteeName: string | null;
  orderId: string | null;
  kind: 'tier_cash' | 'ladder_coupon' | 'ladder_gift' | 'ladder_points';
  inviteOrdinal: number | null;
  ladderInvites: number | null;
  rateBps: number | null;
  unit: BudgetUnit;
  requestedAmount: number;
  grantedAmount: number;
  decision: 'granted' | 'reduced' | 'refused';
  limitedBy: string[];
  state: string;
  giftNameZh: string | null;
  giftNameEn: string | null;
  createdAt: string;
}

export interface Level {
  id: string;
  nameZh: string;
  nameEn: string;
  minPoints: number;
  minInvites: number;
  extraCommissionBps: number;
  priorityShipping: boolean;
  hotProductAccess: boolean;
}

export type LevelInput = Omit<Level, 'id'>;

export interface PointsRule {
  action: 'share' | 'review' | 'order';
  enabled: boolean;
  points: number;
  pointsPerYuan: number;
  dailyCap: number | null;
  updatedAt: string;
}

export interface PointLine {
  id: string;
  memberId: string;
  memberName: string | null;
  action: string;
  causeId: string;
  points: number;
  reversesLineId: string | null;
  createdAt: string;
}

/** "12.5" (percent, at most two decimals) → 1250 basis points, from the decimal text, never through floats. */
export function percentToBps(input: string | number | null | undefined): number | null {
  if (input === null || input === undefined) return null;
  const match = /^(\d{1,3})(?:\.(\d{0,2}))?$/.exec(String(input).trim().replace(/%$/, ''));
  if (!match) return null;
  const bps = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return bps <= 10_000 ? bps : null;
}

/** 1250 → "12.5%". */
export function bpsToPercent(bps: number): string {
  const whole = Math.floor(bps / 100);
  const fraction = (bps % 100).toString().padStart(2, '0').replace(/0+$/, '');
  return `${whole}${fraction ? `.${fraction}` : ''}%`;
}
