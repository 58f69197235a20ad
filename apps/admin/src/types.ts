/** Shapes of the admin API's JSON responses (see the API contract). Money is integer fen. */

export type OrganizationKind = 'platform' | 'supplier' | 'merchant';
export type Scope = 'all' | 'supplier' | 'merchant' | 'self';

export interface OrganizationRef {
  id: string;
  kind: OrganizationKind;
  name: string;
}

export interface SessionUser {
  id: string;
  displayName: string;
  roles: string[];
  roleNames: string[];
  organization: OrganizationRef | null;
  permissions: string[];
  scope: Scope;
}

export interface LoginResponse {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type DashboardCountKey =
  | 'organizations'
  | 'suppliers'
  | 'merchants'
  | 'stores'
  | 'staff'
  | 'consumers'
  | 'products'
  | 'auditEntries';

export interface DashboardResponse {
  counts: Partial<Record<DashboardCountKey, number>>;
}

export type UserStatus = 'active' | 'disabled';

export interface AdminUser {
  id: string;
  displayName: string;
  roles: string[];
  roleNames: string[];
  organizationId: string | null;
  organizationName: string | null;
  phoneMasked: string | null;
  status: UserStatus;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface Permission {
  key: string;
  name: string;
}

export interface Role {
  role: string;
  name: string;
  organizationKind: OrganizationKind | null;
  permissions: Permission[];
}

export interface Organization {
  id: string;
  kind: OrganizationKind;
  name: string;
  status: string;
}

export interface AuditEntry {
  id: string;
  occurredAt: string;
  actorUserId: string | null;
  actorName: string | null;
  actorRoles: string[] | null;
  organizationId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export interface Store {
  id: string;
  merchantId: string;
  merchantName: string | null;
  name: string;
  province: string | null;
  city: string | null;
  district: string | null;
  address: string | null;
  latitude: number | string | null;
  longitude: number | string | null;
  phone: string | null;
  status: string;
}

/** Fen may arrive as a number or, for values beyond 2^53, as a decimal string. */
export type Fen = number | string;

export type ProductStatus = 'draft' | 'pending_review' | 'approved' | 'rejected' | 'on_sale' | 'off_sale';

export const PRODUCT_STATUSES: readonly ProductStatus[] = ['draft', 'pending_review', 'approved', 'rejected', 'on_sale', 'off_sale'];

export interface Product {
  id: string;
  supplierId: string;
  supplierName: string | null;
  spuCode: string;
  title: string;
  subtitle: string | null;
  category: string | null;
  imageUrl: string | null;
  /** The lowest supply price of the SKUs. */
  supplyPriceFen: Fen;
  /** The lowest suggested retail price of the SKUs. */
  retailPriceFen: Fen;
  status: string;
  skuCount?: number;
  totalStock?: number;
  updatedAt?: string;
  /** 爆品专享: only members whose level grants hot-product access may buy it (set by the platform). */
  hotProduct?: boolean;
}

export interface SkuSpec {
  name: string;
  value: string;
}

export interface Sku {
  id: string;
  skuCode: string;
  specs: SkuSpec[];
  supplyPriceFen: Fen;
  minRetailPriceFen: Fen;
  suggestedRetailPriceFen: Fen;
  maxRetailPriceFen: Fen;
  stock: number;
  weightGrams: number;
  /** The retail price the platform fixed, or null: storefronts then sell the SKU at exactly this. */
  fixedRetailPriceFen?: Fen | null;
}

export interface ProductQuality {
  batchNumber: string | null;
  origin: string | null;
  inspectionReportUrl: string | null;
}

export interface ProductDetail extends Product {
  description: string;
  imageUrls: string[];
  shippingTemplateId: string | null;
  quality: ProductQuality;
  rejectionReason: string | null;
  submittedAt: string | null;
  reviewedAt: string | null;
  createdAt: string;
  skus: Sku[];
}

export interface SkuInput {
  skuCode: string;
  specs: SkuSpec[];
  supplyPriceFen: number;
  minRetailPriceFen: number;
  suggestedRetailPriceFen: number;
  maxRetailPriceFen: number;
  stock: number;
  weightGrams: number;
}

export type SupplierProfileStatus = 'pending_review' | 'approved' | 'rejected';

export interface SupplierProfile {
  organizationId: string;
  companyName: string;
  creditCode: string;
  contactName: string;
  contactPhone: string;
  settlementAccount: { bankName: string; accountName: string; accountNumberMasked: string };
  status: SupplierProfileStatus;
  rejectionReason: string | null;
  submittedAt: string;
  reviewedAt: string | null;
  updatedAt: string;
}

export interface SupplierProfileInput {
  companyName: string;
  creditCode: string;
  contactName: string;
  contactPhone: string;
  bankName: string;
  bankAccountName: string;
  bankAccountNumber: string;
}

export type ImportFormat = 'csv' | 'json';
export type ImportMode = 'create' | 'upsert';

export interface CatalogImportReport {
  importId: string;
  format: ImportFormat;
  mode: ImportMode;
  rowCount: number;
  created: number;
  updated: number;
  unchanged: number;
  products: Array<{ productId: string; spuCode: string; action: 'created' | 'updated' | 'unchanged' }>;
}

export interface ImportRowError {
  row: number;
  column: string | null;
  code: string;
  message: string;
}

export type SubOrderStatus =
  | 'created'
  | 'paid'
  | 'shipped'
  | 'received'
  | 'completed'
  | 'cancelled'
  | 'closed'
  | 'refunding'
  | 'refunded';

export const SUB_ORDER_STATUSES: readonly SubOrderStatus[] = [
  'created',
  'paid',
  'shipped',
  'received',
  'completed',
  'cancelled',
  'closed',
  'refunding',
  'refunded',
];

/** One supplier's share of a consumer order, as `GET /admin/orders` lists it. */
export const AFTER_SALES_STATUSES = ['requested', 'refunded', 'rejected'] as const;
export type AfterSalesStatus = (typeof AFTER_SALES_STATUSES)[number];
export type AfterSalesKind = 'refund_only' | 'return_and_refund';

/** `GET /admin/after-sales` item; approve adds `refundStatus`. */
export interface AfterSalesCase {
  id: string;
  orderId: string;
  subOrderId: string;
  supplierId: string;
  merchantId: string | null;
  kind: AfterSalesKind;
  reason: string;
  photoUrls: string[];
  status: AfterSalesStatus;
  refundFen: Fen;
  decisionNote: string | null;
  createdAt: string;
  decidedAt: string | null;
  refundStatus?: 'succeeded' | 'processing';
}

export interface SubOrder {
  id: string;
  orderId: string;
  supplierId: string;
  merchantId: string | null;
  status: string;
  payableFen: Fen;
  carrier: string | null;
  trackingNumber: string | null;
  createdAt: string;
  paidAt: string | null;
  shippedAt: string | null;
  receivedAt: string | null;
  afterSalesUntil: string | null;
  completedAt: string | null;
  /** 优先发货: marked when paid because the buyer's level granted it; kept whatever the level later. */
  priorityShipping: boolean;
  priorityShippingReason: { levelNameZh: string; levelNameEn: string; points: number; qualifiedInvites: number } | null;
}

/** One SKU in a merchant's storefront, as `GET /shop/storefronts/{merchantId}` shows it (only SKUs still on sale). */
export interface StorefrontItem {
  skuId: string;
  productId: string;
  retailPriceFen: Fen;
  featured: boolean;
  position: number;
  title: string;
  /** The SKU's specs joined into one line, e.g. "规格: 250g". */
  specs: string;
}

export interface StorefrontView {
  merchantId: string;
  name: string | null;
  items: StorefrontItem[];
}

/** `PUT /admin/storefront/items/{skuId}` answer. */
export interface PickedStorefrontItem {
  skuId: string;
  productId: string;
  retailPriceFen: Fen;
  featured: boolean;
  position: number;
}

export interface PickupResult {
  orderId: string;
  collected: number;
}

export type SettlementParty = 'supplier' | 'merchant';

export interface SettlementRow {
  partyId: string;
  partyName: string | null;
  subOrders: number;
  salesFen: Fen;
  supplyCostFen: Fen;
  payableFen: Fen;
}

export interface SettlementStatement {
  month: string;
  party: SettlementParty;
  rows: SettlementRow[];
  totalPayableFen: Fen;
}

/** `GET /shop/stores/nearby` item. */
export interface NearbyStore {
  id: string;
  merchantId: string;
  name: string;
  province: string;
  city: string;
  district: string;
  address: string;
  latitude: number;
  longitude: number;
  phone: string | null;
  distanceMeters: number;
}
