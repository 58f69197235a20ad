import type { ColumnType, Generated } from 'kysely';

/** JSON columns are written as JSON text and read back as values. */
type Json<T> = ColumnType<T, string, string>;

export interface DistributionMemberTable {
  member_id: string;
  role: 'MEMBER' | 'AGENT' | 'BOSS';
  referrer_id: string | null;
  team_boss_id: string | null;
  peer_upline_id: string | null;
  left_team_boss_id: string | null;
  contribution_slots: Json<string[]>;
  package_order_id: string | null;
  upgrade_order_id: string | null;
  active_referral_count: number;
  flags: Json<string[]>;
  invite_code: string;
  /** When referrer_id was bound (set once, with it). */
  referrer_bound_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface DistributionProfileTable {
  id: string;
  profile_key: string;
  version: string;
  name: string;
  definition: Json<Record<string, unknown>>;
  status: 'draft' | 'active' | 'retired';
  created_by: string | null;
  created_at: Date;
  activated_at: Date | null;
  retired_at: Date | null;
}

export interface DistributionOrderTable {
  order_id: string;
  kind: 'PACKAGE' | 'REPURCHASE';
  buyer_id: string;
  amount_fen: bigint;
  paid_at_ms: bigint;
  paid_day: number;
  status: 'PAID' | 'REFUNDED';
  refunded_fen: bigint;
  refund_keys: Json<string[]>;
  payee_positions: number;
  credited_fen: bigint;
  profile_id: string;
  profile_version: string;
  settle_basis_day: number | null;
  created_at: Date;
}

export interface DistributionRewardLineTable {
  id: string;
  sequence: Generated<bigint>;
  order_id: string;
  payee_id: string;
  kind: string;
  amount_fen: bigint;
  status: 'PENDING' | 'SETTLED' | 'REVERSED';
  source_user_id: string;
  profile_id: string;
  profile_version: string;
  created_at_ms: bigint;
  created_day: number;
  order_paid_day: number;
  reverses_line_id: string | null;
  basis_line_ids: Json<string[]>;
  updated_at: Date;
}

export interface DistributionIncomeTable {
  payee_id: string;
  period: string;
  amount_fen: bigint;
}

export interface DistributionCappedExcessTable {
  id: string;
  order_id: string;
  payee_id: string;
  kind: string;
  amount_fen: bigint;
  reason: string;
  day: number;
  profile_id: string;
  profile_version: string;
  created_at: Date;
}

export interface DistributionRejectionTable {
  order_id: string;
  code: string;
  created_at: Date;
}

export interface DistributionProcessedEventTable {
  event_key: string;
  event_type: string;
  order_id: string | null;
  outcome: string;
  processed_at: Date;
}

export interface DistributionReviewFlagTable {
  id: Generated<bigint>;
  member_id: string;
  reason: string;
  order_id: string | null;
  created_at: Date;
}

export interface DistributionPackageProductTable {
  product_id: string;
  created_by: string | null;
  created_at: Date;
}

export interface DistributionTables {
  distribution_members: DistributionMemberTable;
  distribution_profiles: DistributionProfileTable;
  distribution_orders: DistributionOrderTable;
  distribution_reward_lines: DistributionRewardLineTable;
  distribution_income: DistributionIncomeTable;
  distribution_capped_excess: DistributionCappedExcessTable;
  distribution_rejections: DistributionRejectionTable;
  distribution_processed_events: DistributionProcessedEventTable;
  distribution_review_flags: DistributionReviewFlagTable;
  distribution_package_products: DistributionPackageProductTable;
}
