import type { Fen } from './types';

/** Shapes of the promotion, logistics, shipping-import and review APIs as the console reads them. */

export type CouponKind = 'full_reduction' | 'discount' | 'no_threshold';

export interface CouponRule {
  kind: CouponKind;
  thresholdFen: Fen;
  reductionFen: Fen | null;
  /** Basis points off the goods: 1500 = 15 % off, i.e. 8.5折. */
  rateBps: number | null;
  maxDiscountFen: Fen | null;
}

export interface CouponTemplate {
  id: string;
  merchantId: string | null;
  name: string;
  rule: CouponRule;
  totalQuantity: number;
  remainingQuantity: number;
  perUserLimit: number;
  validFrom: string | null;
  validUntil: string | null;
  validDays: number | null;
  productIds: string[];
  status: 'active' | 'ended';
  createdAt: string;
}

export interface FlashSaleItem {
  skuId: string;
  productId: string;
  flashPriceFen: Fen;
  quota: number;
  remaining: number;
  perUserLimit: number;
}

export interface FlashSale {
  id: string;
  merchantId: string | null;
  name: string;
  startsAt: string;
  endsAt: string;
  status: 'active' | 'ended';
  items: FlashSaleItem[];
}

export interface GroupBuyActivity {
  id: string;
  merchantId: string | null;
  name: string;
  skuId: string;
  productId: string;
  groupPriceFen: Fen;
  groupSize: number;
  timeLimitMinutes: number;
  startsAt: string;
  endsAt: string;
  status: 'active' | 'ended';
}

export interface Carrier {
  code: string;
  name: string;
  names: { 'zh-CN': string; en: string };
}

export type TrackingStatus = 'shipped' | 'picked_up' | 'in_transit' | 'out_for_delivery' | 'delivered' | 'exception' | 'returning' | 'returned';

export interface TrackingCheckpoint {
  time: string;
  location: string | null;
  description: string;
  status: TrackingStatus;
}

export interface Parcel {
  subOrderId: string;
  supplierId: string;
  carrierCode: string | null;
  carrierName: string | null;
  trackingNumber: string | null;
  status: TrackingStatus;
  source: 'kuaidi100' | 'offline';
  refreshedAt: string | null;
  /** Newest first. */
  checkpoints: TrackingCheckpoint[];
  lastError: string | null;
}

export interface ShippingImportReport {
  importId: string | null;
  dryRun: boolean;
  rowCount: number;
  shipped: Array<{ line: number; subOrderId: string; orderId: string; carrierCode: string; carrierName: string; trackingNumber: string }>;
}

export interface ShippingImportIssue {
  line: number;
  column: string | null;
  code: string;
  message: string;
}

export interface Review {
  id: string;
  productId: string;
  specs: string;
  rating: number;
  content: string;
  photoUrls: string[];
  buyerName: string;
  anonymous: boolean;
  createdAt: string;
  reply: { content: string; repliedAt: string } | null;
  orderId: string;
  subOrderId: string;
  orderLineId: string;
  skuId: string;
  supplierId: string;
  merchantId: string | null;
  status: 'visible' | 'hidden';
  hiddenReason: string | null;
  hiddenAt: string | null;
}

export interface Category {
  id: string;
  parentId: string | null;
  nameZh: string;
  nameEn: string;
  sortOrder: number;
  iconUrl: string | null;
}

export interface CategoryNode extends Category {
  children: Category[];
}

export interface StorefrontDecoration {
  merchantId: string;
  name: string;
  logoUrl: string | null;
  bannerUrls: string[];
  intro: string;
  featuredProductIds: string[];
  categories: Array<{ id: string; name: string; productIds: string[] }>;
}
