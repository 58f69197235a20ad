import type { GroupLifecycleStatus, MemberStatus } from './domain/group-buy.ts';

export interface CouponTemplateTable {
  id: string;
  merchant_id: string | null;
  name: string;
  kind: 'full_reduction' | 'discount' | 'no_threshold';
  threshold_fen: bigint;
  reduction_fen: bigint | null;
  rate_bps: number | null;
  max_discount_fen: bigint | null;
  total_quantity: number;
  remaining_quantity: number;
  per_user_limit: number;
  valid_from: Date | null;
  valid_until: Date | null;
  valid_days: number | null;
  product_ids: string[];
  status: 'active' | 'ended';
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface CouponClaimTable {
  template_id: string;
  user_id: string;
  claimed: number;
}

export interface CouponTable {
  id: string;
  template_id: string;
  user_id: string;
  status: 'available' | 'used';
  valid_from: Date;
  valid_until: Date;
  order_id: string | null;
  discount_fen: bigint | null;
  used_at: Date | null;
  claimed_at: Date;
}

export interface FlashSaleTable {
  id: string;
  merchant_id: string | null;
  name: string;
  starts_at: Date;
  ends_at: Date;
  status: 'active' | 'ended';
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface FlashSaleItemTable {
  flash_sale_id: string;
  sku_id: string;
  product_id: string;
  flash_price_fen: bigint;
  quota: number;
  remaining: number;
  per_user_limit: number;
}

export interface FlashSalePurchaseTable {
  flash_sale_id: string;
  sku_id: string;
  user_id: string;
  quantity: number;
}

export interface FlashSaleOrderLineTable {
  order_id: string;
  flash_sale_id: string;
  sku_id: string;
  user_id: string;
  quantity: number;
  released_at: Date | null;
}

export interface GroupBuyActivityTable {
  id: string;
  merchant_id: string | null;
  name: string;
  sku_id: string;
  product_id: string;
  group_price_fen: bigint;
  group_size: number;
  time_limit_minutes: number;
  starts_at: Date;
  ends_at: Date;
  status: 'active' | 'ended';
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface GroupBuyGroupTable {
  id: string;
  activity_id: string;
  leader_user_id: string;
  status: GroupLifecycleStatus;
  required_members: number;
  seats_taken: number;
  paid_members: number;
  expires_at: Date;
  created_at: Date;
  finished_at: Date | null;
}

export interface GroupBuyMemberTable {
  group_id: string;
  user_id: string;
  order_id: string;
  role: 'leader' | 'member';
  status: MemberStatus;
  joined_at: Date;
  paid_at: Date | null;
  refunded_at: Date | null;
  refund_attempts: number;
  last_refund_error: string | null;
}

export interface PromotionTables {
  coupon_templates: CouponTemplateTable;
  coupon_claims: CouponClaimTable;
  coupons: CouponTable;
  flash_sales: FlashSaleTable;
  flash_sale_items: FlashSaleItemTable;
  flash_sale_purchases: FlashSalePurchaseTable;
  flash_sale_order_lines: FlashSaleOrderLineTable;
  group_buy_activities: GroupBuyActivityTable;
  group_buy_groups: GroupBuyGroupTable;
  group_buy_members: GroupBuyMemberTable;
}
