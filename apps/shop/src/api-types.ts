/** Response shapes of the shop API (amounts are integer fen). */

export interface HomeProduct {
  id: string
  title: string
  subtitle: string | null
  imageUrl: string | null
  category: string | null
  retailPriceFen: number | string
  /** 爆品专享: sold only to members whose level grants hot-product access. */
  hotProduct?: boolean
}

export interface HomeStore {
  id: string
  name: string
  city: string | null
  district: string | null
  address: string | null
}

export interface HomeResponse {
  products: HomeProduct[]
  stores: HomeStore[]
  /** The two-level category tree (absent from older servers). */
  categories?: CategoryNode[]
}

/** A platform category; names in both languages so the shop shows the shopper's. */
export interface Category {
  id: string
  parentId: string | null
  nameZh: string
  nameEn: string
  sortOrder: number
  iconUrl: string | null
}

/** GET /shop/categories: top-level categories with their (leaf) children, in display order. */
export interface CategoryNode extends Category {
  children: Category[]
}

/** A product in search results and category lists; the price is its lowest SKU's (the storefront's within one). */
export interface ShopListItem {
  id: string
  title: string
  subtitle: string
  category: string
  categoryId: string | null
  imageUrl: string | null
  origin: string | null
  retailPriceFen: number | string
  /** 爆品专享: sold only to members whose level grants hot-product access. */
  hotProduct?: boolean
}

export interface SessionUser {
  id: string
  displayName: string
  roles: string[]
  phoneMasked: string | null
}

export interface LoginResponse {
  token: string
  expiresAt: string
  user: SessionUser
}

export interface MeResponse extends SessionUser {
  roleNames: string[]
}

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown }
}

export interface SkuSpec {
  name: string
  value: string
}

export interface ProductSku {
  id: string
  specs: SkuSpec[]
  priceFen: number
  stock: number
}

export interface ProductDetail {
  id: string
  title: string
  subtitle: string
  category: string
  /** Sanitised HTML. */
  description: string
  imageUrls: string[]
  origin: string | null
  /** 爆品专享: shown to all, sold only to members whose level grants hot-product access. */
  hotProduct?: boolean
  skus: ProductSku[]
}

export interface NearbyStore {
  id: string
  merchantId: string
  name: string
  province: string
  city: string
  district: string
  address: string
  latitude: number
  longitude: number
  phone: string | null
  distanceMeters: number
}

export interface NearbyStoresResponse {
  items: NearbyStore[]
}

/** One SKU a merchant sells in its storefront, at the merchant's own price. */
export interface StorefrontItem {
  skuId: string
  productId: string
  retailPriceFen: number
  featured: boolean
  position: number
  /** The product's title. */
  title: string
  /** The SKU's specs as text, e.g. "规格:250g". */
  specs: string
}

/**
 * GET /shop/storefronts/{merchantId}; `name` is null until the merchant has set up its storefront.
 * The decoration fields are optional because that part of the API is being extended (several
 * banners, an intro, categories as groups); the page uses whichever form it gets.
 */
export interface StorefrontView {
  merchantId: string
  name: string | null
  logoUrl: string | null
  bannerUrl?: string | null
  bannerUrls?: string[]
  intro?: string
  categories?: (string | { name: string })[]
  items: StorefrontItem[]
}

export interface ShippingAddress {
  recipientName: string
  phone: string
  province: string
  city: string
  district: string
  detail: string
}

export type DeliveryMethod = 'delivery' | 'pickup'

export interface PlaceOrderBody {
  items: { skuId: string; quantity: number; flashSaleId?: string }[]
  deliveryMethod: DeliveryMethod
  shippingAddress?: ShippingAddress
  pickupStoreId?: string
  /** Bought through this merchant's storefront: priced at its prices (a SKU it does not sell is refused). */
  merchantId?: string
  couponId?: string
  /** Open a group (no groupId) or join one. */
  groupBuy?: { activityId: string; groupId?: string }
}

export interface OrderLine {
  id: string
  skuId: string
  productId: string
  title: string
  specs: string
  quantity: number
  unitPriceFen: number
  payableFen: number
}

export interface SubOrder {
  id: string
  supplierId: string
  /** created | paid | shipped | received | completed | cancelled | closed | refunding | refunded */
  status: string
  payableFen: number
  lines: OrderLine[]
}

/** The address as the order API returns it: phone masked by the server. */
export interface OrderShippingAddress {
  recipientName: string
  phoneMasked: string
  province: string
  city: string
  district: string
  detail: string
}

export interface Order {
  id: string
  paymentStatus: 'unpaid' | 'paid' | 'closed'
  deliveryMethod: DeliveryMethod
  pickupStoreId: string | null
  /** Six digits shown at the store once the pickup order is paid. */
  pickupCode: string | null
  collectedAt: string | null
  /** Null for store pickup. */
  shippingAddress: OrderShippingAddress | null
  goodsFen: number
  discountFen: number
  shippingFen: number
  payableFen: number
  expiresAt: string
  createdAt: string
  paidAt: string | null
  subOrders: SubOrder[]
}

/** POST /shop/orders/{id}/pay. */
export interface StartedPayment {
  paymentId: string
  /** 'wechatpay' | 'sandbox' (others may appear later). */
  provider: string
  amountFen: number
  /**
   * wechatpay: the wx.requestPayment parameters (timeStamp, nonceStr, package, signType, paySign);
   * sandbox: payUrl, an absolute URL of the sandbox payment page on the API origin.
   */
  clientParams: Record<string, string>
}

export interface ConfirmReceiptResponse {
  received: number
}

export interface OrdersPage {
  items: Order[]
  total: number
  page: number
  pageSize: number
}

export type AfterSalesKind = 'refund_only' | 'return_and_refund'

/** POST /shop/orders/{id}/after-sales. */
export interface AfterSalesBody {
  subOrderId: string
  kind: AfterSalesKind
  /** 1–200 characters. */
  reason: string
  photoUrls?: string[]
  lines: { orderLineId: string; quantity: number }[]
}

export interface AfterSalesCase {
  id: string
  /** requested | approved | rejected (others may appear later) */
  status: string
  kind: AfterSalesKind
  reason: string
  refundFen: number
}

/** A coupon rule as the API returns it; which fields are set depends on the kind. */
export interface CouponRule {
  kind: 'full_reduction' | 'discount' | 'no_threshold'
  thresholdFen: number
  reductionFen: number | null
  /** The discount as the share taken off, in basis points (1000 = 10% off = 9折). */
  rateBps: number | null
  maxDiscountFen: number | null
}

/** GET /shop/coupons/claimable. */
export interface ClaimableCoupon {
  id: string
  merchantId: string | null
  name: string
  rule: CouponRule
  remainingQuantity: number
  perUserLimit: number
  validFrom: string | null
  validUntil: string | null
  validDays: number | null
  productIds: string[]
  claimedByMe: number
}

export type CouponStatus = 'available' | 'used' | 'expired'

/** A coupon the shopper holds (GET /shop/coupons/mine). */
export interface Coupon {
  id: string
  templateId: string
  merchantId: string | null
  name: string
  rule: CouponRule
  productIds: string[]
  status: CouponStatus
  validFrom: string
  validUntil: string
  orderId: string | null
  claimedAt: string
}

export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

export interface FlashSaleItem {
  skuId: string
  productId: string
  flashPriceFen: number
  quota: number
  remaining: number
  perUserLimit: number
}

export interface FlashSale {
  id: string
  merchantId: string | null
  name: string
  startsAt: string
  endsAt: string
  status: 'active' | 'ended'
  items: FlashSaleItem[]
}

export interface GroupBuyActivity {
  id: string
  merchantId: string | null
  name: string
  skuId: string
  productId: string
  groupPriceFen: number
  groupSize: number
  timeLimitMinutes: number
  startsAt: string
  endsAt: string
  status: 'active' | 'ended'
}

export type GroupStatus = 'pending' | 'open' | 'succeeded' | 'failed' | 'abandoned'

export interface Group {
  id: string
  activityId: string
  status: GroupStatus
  requiredMembers: number
  seatsTaken: number
  paidMembers: number
  expiresAt: string
  createdAt: string
}

export interface MyGroup extends Group {
  orderId: string
  role: 'leader' | 'member'
  memberStatus: 'pending' | 'paid' | 'left' | 'refund_due' | 'refunded'
}

export type TrackingStatus = string

export interface TrackingCheckpoint {
  time: string
  location: string | null
  description: string
  status: TrackingStatus
}

/** One shipped parcel of an order (GET /shop/orders/{id}/logistics); checkpoints newest first. */
export interface Parcel {
  subOrderId: string
  supplierId: string
  carrierCode: string | null
  carrierName: string | null
  trackingNumber: string | null
  status: TrackingStatus
  source: 'kuaidi100' | 'offline'
  refreshedAt: string | null
  checkpoints: TrackingCheckpoint[]
}

export interface LineReviewBody {
  orderLineId: string
  rating: number
  content: string
  anonymous: boolean
}

export interface PublicReview {
  id: string
  productId: string
  specs: string
  rating: number
  content: string
  photoUrls: string[]
  buyerName: string
  anonymous: boolean
  createdAt: string
  reply: { content: string; repliedAt: string } | null
}

export interface ProductReviews extends Page<PublicReview> {
  summary: { averageRating: number | null; count: number }
}
