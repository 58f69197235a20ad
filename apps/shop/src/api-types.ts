/** Response shapes of the shop API (amounts are integer fen). */

export interface HomeProduct {
  id: string
  title: string
  subtitle: string | null
  imageUrl: string | null
  category: string | null
  retailPriceFen: number | string
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
  items: { skuId: string; quantity: number }[]
  deliveryMethod: DeliveryMethod
  shippingAddress?: ShippingAddress
  pickupStoreId?: string
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
