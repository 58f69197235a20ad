import type { ColumnType, Generated } from 'kysely';
import type { BudgetUnit, CampaignStatus, EndedReason, InviteTier, LadderStep } from './domain/campaign.ts';
import type { PointAction } from './domain/points.ts';
import type { RewardKind, RewardState } from './domain/reward-state.ts';

/** JSON columns are written as JSON text and read back as values. */
type Json<T> = ColumnType<T, string, string>;

export interface GrowthPointRuleTable {
  action: PointAction;
  enabled: boolean;
  points: number;
  points_per_yuan: number;
  daily_cap: number | null;
  updated_by: string | null;
  updated_at: Date;
}

export type PointLineAction = PointAction | 'order_refund' | 'campaign';

export interface GrowthPointLineTable {
  id: string;
  member_id: string;
  action: PointLineAction;
  cause_id: string;
  points: bigint;
  reverses_line_id: string | null;
  campaign_id: string | null;
  day: number;
  created_at: Date;
}

export interface GrowthMemberTable {
  member_id: string;
  points_balance: bigint;
  qualified_invites: number;
  updated_at: Date;
}

export interface GrowthPointsDailyTable {
  member_id: string;
  action: string;
  day: number;
  points: bigint;
}

export interface GrowthOrderTable {
  order_id: string;
  buyer_id: string;
  payable_fen: bigint;
  refunded_fen: bigint;
  refund_keys: string[];
  paid_at: Date;
}

export interface GrowthLevelTable {
  id: string;
  name_zh: string;
  name_en: string;
  min_points: bigint;
  min_invites: number;
  extra_commission_bps: number;
  priority_shipping: boolean;
  hot_product_access: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface GrowthCampaignTable {
  id: string;
  name_zh: string;
  name_en: string;
  status: CampaignStatus;
  starts_at: Date;
  ends_at: Date;
  budget_unit: BudgetUnit;
  budget_total: bigint;
  budget_spent: bigint;
  min_order_fen: bigint;
  ladder: Json<LadderStep[]>;
  tiers: Json<InviteTier[]>;
  ended_reason: EndedReason | null;
  ended_at: Date | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export type InviteWorkKind = 'paid' | 'refunded' | 'completed';

export interface GrowthInviteWorkTable {
  event_id: string;
  sequence: Generated<bigint>;
  kind: InviteWorkKind;
  order_id: string;
  buyer_id: string | null;
  amount_fen: bigint | null;
  occurred_at: Date;
  status: 'pending' | 'done';
  outcome: string | null;
  processed_at: Date | null;
}

export interface GrowthInviteeTable {
  invitee_id: string;
  inviter_id: string;
  order_id: string;
  status: 'qualified' | 'disqualified';
  qualified_at: Date;
  updated_at: Date;
}

export interface GrowthCampaignInviteTable {
  campaign_id: string;
  invitee_id: string;
  inviter_id: string;
  order_id: string;
  order_amount_fen: bigint;
  ordinal: number;
  status: 'qualified' | 'disqualified';
  qualified_at: Date;
  disqualified_at: Date | null;
}

export interface GrowthCampaignProgressTable {
  campaign_id: string;
  inviter_id: string;
  qualified_count: number;
}

export interface GrowthRewardTable {
  id: string;
  campaign_id: string;
  member_id: string;
  invitee_id: string | null;
  order_id: string | null;
  kind: RewardKind;
  cause_key: string;
  invite_ordinal: number | null;
  ladder_invites: number | null;
  rate_bps: number | null;
  unit: BudgetUnit;
  requested_amount: bigint;
  granted_amount: bigint;
  decision: 'granted' | 'reduced' | 'refused';
  limited_by: string[];
  state: RewardState;
  coupon_template_id: string | null;
  coupon_id: string | null;
  gift_name_zh: string | null;
  gift_name_en: string | null;
  failure_code: string | null;
  settle_after_day: number | null;
  day: number;
  created_at: Date;
  updated_at: Date;
}

export interface GrowthTables {
  growth_point_rules: GrowthPointRuleTable;
  growth_point_lines: GrowthPointLineTable;
  growth_members: GrowthMemberTable;
  growth_points_daily: GrowthPointsDailyTable;
  growth_orders: GrowthOrderTable;
  growth_levels: GrowthLevelTable;
  growth_campaigns: GrowthCampaignTable;
  growth_invite_work: GrowthInviteWorkTable;
  growth_invitees: GrowthInviteeTable;
  growth_campaign_invites: GrowthCampaignInviteTable;
  growth_campaign_progress: GrowthCampaignProgressTable;
  growth_rewards: GrowthRewardTable;
}
