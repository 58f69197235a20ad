import Taro from '@tarojs/taro'
import type {
  AfterSalesBody,
  AfterSalesCase,
  ApiErrorBody,
  CategoryNode,
  ClaimableCoupon,
  Coupon,
  CouponStatus,
  FlashSale,
  Group,
  GroupBuyActivity,
  LineReviewBody,
  MyGroup,
  Page,
  Parcel,
  ProductReviews,
  PublicReview,
  ShopListItem,
  ConfirmReceiptResponse,
  HomeResponse,
  LoginResponse,
  MeResponse,
  NearbyStoresResponse,
  Order,
  OrdersPage,
  PlaceOrderBody,
  ProductDetail,
  StartedPayment,
  StorefrontView,
} from './api-types'
import { getLocale, translate } from './i18n'
import { clearToken, getToken } from './session'

type Method = 'GET' | 'POST' | 'PUT'

/** A failed API call; `message` is already localized (by the server, or from our dictionary). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

function isErrorBody(data: unknown): data is ApiErrorBody {
  if (typeof data !== 'object' || data === null || !('error' in data)) return false
  const error: unknown = data.error
  return typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string'
}

interface RequestOptions {
  body?: object
  /** Leave toasts to the caller (e.g. silent background refresh). */
  quiet?: boolean
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const header: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': getLocale(),
  }
  if (options.body !== undefined) header['Content-Type'] = 'application/json'
  const token = getToken()
  if (token !== undefined) header.Authorization = `Bearer ${token}`

  let response: { statusCode: number; data: unknown }
  try {
    response = await Taro.request({ url: `${API_BASE}${path}`, method, header, data: options.body })
  } catch (cause) {
    const error = new ApiError(0, 'network_error', translate('error.network'), cause)
    if (options.quiet !== true) showError(error)
    throw error
  }

  if (response.statusCode >= 200 && response.statusCode < 300) return response.data as T

  const error = isErrorBody(response.data)
    ? new ApiError(response.statusCode, response.data.error.code, response.data.error.message, response.data.error.details)
    : new ApiError(response.statusCode, 'http_error', `${translate('error.unknown')} (${response.statusCode})`)
  // An expired or revoked token is useless; forget it so the Me page offers login again.
  if (response.statusCode === 401) clearToken()
  if (options.quiet !== true) showError(error)
  throw error
}

/** Server-relative asset paths need the API origin on weapp; on h5 API_BASE is empty. */
export function assetUrl(url: string): string {
  return url.startsWith('/') && !url.startsWith('//') ? `${API_BASE}${url}` : url
}

export function showError(error: unknown): void {
  const title = error instanceof Error ? error.message : translate('error.unknown')
  void Taro.showToast({ title, icon: 'none', duration: 2500 })
}

/** Where a product list is looked up: the whole catalog, or one storefront (at its prices). */
export interface ProductScope {
  merchantId?: string
}

function pageQuery(page: number, pageSize: number, scope: ProductScope): string {
  return `page=${page}&pageSize=${pageSize}` + (scope.merchantId === undefined ? '' : `&merchantId=${encodeURIComponent(scope.merchantId)}`)
}

export const shopApi = {
  home: () => request<HomeResponse>('GET', '/shop/home'),
  login: (phone: string, password: string) =>
    request<LoginResponse>('POST', '/shop/auth/login', { body: { phone, password } }),
  loginWithWechat: (code: string) => request<LoginResponse>('POST', '/shop/auth/wechat', { body: { code } }),
  me: () => request<MeResponse>('GET', '/shop/me'),
  logout: () => request<null>('POST', '/shop/auth/logout', { quiet: true }),
  product: (id: string) => request<ProductDetail>('GET', `/shop/products/${encodeURIComponent(id)}`),
  nearbyStores: (latitude: number, longitude: number, radiusKm = 50, limit = 20) =>
    request<NearbyStoresResponse>(
      'GET',
      `/shop/stores/nearby?latitude=${latitude}&longitude=${longitude}&radiusKm=${radiusKm}&limit=${limit}`,
    ),
  storefront: (merchantId: string) =>
    request<StorefrontView>('GET', `/shop/storefronts/${encodeURIComponent(merchantId)}`),
  /** Quiet: the checkout page reports out_of_stock and friends next to the affected line. */
  placeOrder: (body: PlaceOrderBody) => request<Order>('POST', '/shop/orders', { body, quiet: true }),
  orders: (page = 1, pageSize = 10) => request<OrdersPage>('GET', `/shop/orders?page=${page}&pageSize=${pageSize}`),
  order: (id: string) => request<Order>('GET', `/shop/orders/${encodeURIComponent(id)}`),
  cancelOrder: (id: string) => request<Order>('POST', `/shop/orders/${encodeURIComponent(id)}/cancel`),
  payOrder: (id: string) => request<StartedPayment>('POST', `/shop/orders/${encodeURIComponent(id)}/pay`),
  confirmReceipt: (id: string) =>
    request<ConfirmReceiptResponse>('POST', `/shop/orders/${encodeURIComponent(id)}/confirm-receipt`),
  /** Quiet: the after-sales page shows the server's message next to the form as well as in a toast. */
  requestAfterSales: (orderId: string, body: AfterSalesBody) =>
    request<AfterSalesCase>('POST', `/shop/orders/${encodeURIComponent(orderId)}/after-sales`, { body, quiet: true }),
  claimableCoupons: () => request<{ items: ClaimableCoupon[] }>('GET', '/shop/coupons/claimable'),
  claimCoupon: (templateId: string) => request<Coupon>('POST', `/shop/coupons/${encodeURIComponent(templateId)}/claim`),
  myCoupons: (status: CouponStatus, page = 1, pageSize = 50) =>
    request<Page<Coupon>>('GET', `/shop/coupons/mine?status=${status}&page=${page}&pageSize=${pageSize}`),
  /** Quiet: the checkout works without coupons when the list cannot be loaded. */
  myCouponsQuiet: (status: CouponStatus) => request<Page<Coupon>>('GET', `/shop/coupons/mine?status=${status}&page=1&pageSize=50`, { quiet: true }),
  flashSales: () => request<{ items: FlashSale[] }>('GET', '/shop/flash-sales'),
  groupBuys: (productId?: string) =>
    request<{ items: GroupBuyActivity[] }>('GET', `/shop/group-buys${productId === undefined ? '' : `?productId=${encodeURIComponent(productId)}`}`),
  /** Quiet variants for the product page, where promotions are an extra. */
  flashSalesQuiet: () => request<{ items: FlashSale[] }>('GET', '/shop/flash-sales', { quiet: true }),
  groupBuysQuiet: (productId: string) =>
    request<{ items: GroupBuyActivity[] }>('GET', `/shop/group-buys?productId=${encodeURIComponent(productId)}`, { quiet: true }),
  joinableGroups: (activityId: string) =>
    request<{ items: Group[] }>('GET', `/shop/group-buys/${encodeURIComponent(activityId)}/groups`),
  myGroups: (page = 1, pageSize = 20) => request<Page<MyGroup>>('GET', `/shop/group-buys/mine?page=${page}&pageSize=${pageSize}`),
  logistics: (orderId: string) => request<{ parcels: Parcel[] }>('GET', `/shop/orders/${encodeURIComponent(orderId)}/logistics`),
  /** Quiet: the review page shows the server's message next to the form as well as in a toast. */
  reviewOrder: (orderId: string, reviews: LineReviewBody[]) =>
    request<{ items: PublicReview[] }>('POST', `/shop/orders/${encodeURIComponent(orderId)}/reviews`, { body: { reviews }, quiet: true }),
  productReviews: (productId: string, page = 1, pageSize = 10) =>
    request<ProductReviews>('GET', `/shop/products/${encodeURIComponent(productId)}/reviews?page=${page}&pageSize=${pageSize}`, { quiet: true }),
  categories: () => request<CategoryNode[]>('GET', '/shop/categories'),
  /** Quiet: search suggestions are an extra; the page works without them. */
  categoriesQuiet: () => request<CategoryNode[]>('GET', '/shop/categories', { quiet: true }),
  /** Quiet: the search page explains a failed search in place (and offers a retry). */
  search: (q: string, page: number, pageSize: number, scope: ProductScope = {}) =>
    request<Page<ShopListItem>>('GET', `/shop/search?q=${encodeURIComponent(q)}&${pageQuery(page, pageSize, scope)}`, { quiet: true }),
  /** A top-level category covers its subcategories. Quiet: the category page explains a failure in place. */
  categoryProducts: (categoryId: string, page: number, pageSize: number, scope: ProductScope = {}) =>
    request<Page<ShopListItem>>('GET', `/shop/categories/${encodeURIComponent(categoryId)}/products?${pageQuery(page, pageSize, scope)}`, { quiet: true }),
  /** Quiet: used to poll after payment; a failed poll is simply retried. */
  orderQuiet: (id: string) => request<Order>('GET', `/shop/orders/${encodeURIComponent(id)}`, { quiet: true }),
}
