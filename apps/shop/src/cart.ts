import Taro from '@tarojs/taro'
import { lineTotalFen, sumFen } from './money'

/** One cart line as kept in Taro storage; prices are a snapshot, the server re-prices at checkout. */
export interface CartLine {
  skuId: string
  productId: string
  title: string
  /** Human-readable specs, e.g. "规格: 500ml". */
  specsText: string
  priceFen: number
  quantity: number
  /** Ticked for checkout. */
  selected: boolean
  /** Stock when last seen, to bound the stepper; absent on lines stored before it existed. */
  stock?: number
  /** Picked in this merchant's storefront (priced at its price); absent when bought from the catalog. */
  merchantId?: string
  merchantName?: string
}

const CART_KEY = 'linkmall.cart'
export const MAX_QUANTITY = 999

function isCartLine(value: unknown): value is CartLine {
  if (typeof value !== 'object' || value === null) return false
  const line = value as Record<string, unknown>
  return (
    typeof line.skuId === 'string' &&
    typeof line.productId === 'string' &&
    typeof line.title === 'string' &&
    typeof line.specsText === 'string' &&
    Number.isSafeInteger(line.priceFen) &&
    Number.isSafeInteger(line.quantity) &&
    (line.merchantId === undefined || typeof line.merchantId === 'string') &&
    (line.merchantName === undefined || typeof line.merchantName === 'string')
  )
}

export function loadCart(): CartLine[] {
  const stored: unknown = Taro.getStorageSync(CART_KEY)
  if (!Array.isArray(stored)) return []
  return stored.filter(isCartLine).map((line) => ({ ...line, selected: line.selected !== false }))
}

export function saveCart(lines: CartLine[]): void {
  Taro.setStorageSync(CART_KEY, lines)
}

export function clampQuantity(quantity: number, stock?: number): number {
  const upper = Math.min(MAX_QUANTITY, stock ?? MAX_QUANTITY)
  return Math.max(1, Math.min(upper, Math.floor(quantity)))
}

/** Adds (or tops up) a line; returns the new cart. */
export function addToCart(line: Omit<CartLine, 'selected'>): CartLine[] {
  const lines = loadCart()
  const existing = lines.find((candidate) => candidate.skuId === line.skuId)
  if (existing === undefined) {
    lines.push({ ...line, quantity: clampQuantity(line.quantity, line.stock), selected: true })
  } else {
    // One line per SKU: adding it again from another storefront (or the catalog) moves the line
    // there, at that price, rather than keeping two lines the cart could not tell apart.
    Object.assign(existing, {
      title: line.title,
      specsText: line.specsText,
      priceFen: line.priceFen,
      stock: line.stock,
      merchantId: line.merchantId,
      merchantName: line.merchantName,
      quantity: clampQuantity(existing.quantity + line.quantity, line.stock),
      selected: true,
    })
  }
  saveCart(lines)
  return lines
}

export function removeFromCart(skuIds: readonly string[]): CartLine[] {
  const lines = loadCart().filter((line) => !skuIds.includes(line.skuId))
  saveCart(lines)
  return lines
}

export function cartCount(lines: readonly CartLine[]): number {
  return lines.reduce((count, line) => count + line.quantity, 0)
}

export function linesTotalFen(lines: readonly { priceFen: number; quantity: number }[]): number {
  return sumFen(lines.map((line) => lineTotalFen(line.priceFen, line.quantity)))
}

/**
 * A promotion a buy-now checkout is placed under: the flash sale the SKU is bought in, or the
 * group-buy offer (opening a new group, or joining `groupId`). The line's price in the draft is
 * the promotion price; the API prices it again.
 */
export type CheckoutPromotion =
  | { kind: 'flashSale'; flashSaleId: string }
  | { kind: 'groupBuy'; activityId: string; groupId?: string }

/** Lines handed from the product page (buy now) or the cart to the checkout page. */
export interface CheckoutDraft {
  source: 'cart' | 'buyNow'
  lines: CartLine[]
  /** Set when the lines were picked in one merchant's storefront; checkout then buys through it. */
  merchantId?: string
  merchantName?: string
  promotion?: CheckoutPromotion
}

function isCheckoutPromotion(value: unknown): value is CheckoutPromotion {
  if (typeof value !== 'object' || value === null) return false
  const promotion = value as Record<string, unknown>
  if (promotion.kind === 'flashSale') return typeof promotion.flashSaleId === 'string'
  return promotion.kind === 'groupBuy' && typeof promotion.activityId === 'string' && (promotion.groupId === undefined || typeof promotion.groupId === 'string')
}

const DRAFT_KEY = 'linkmall.checkoutDraft'

export function saveCheckoutDraft(draft: CheckoutDraft): void {
  Taro.setStorageSync(DRAFT_KEY, draft)
}

export function loadCheckoutDraft(): CheckoutDraft | undefined {
  const stored: unknown = Taro.getStorageSync(DRAFT_KEY)
  if (typeof stored !== 'object' || stored === null) return undefined
  const draft = stored as Partial<CheckoutDraft>
  if ((draft.source !== 'cart' && draft.source !== 'buyNow') || !Array.isArray(draft.lines)) return undefined
  const lines = draft.lines.filter(isCartLine)
  if (lines.length === 0) return undefined
  return {
    source: draft.source,
    lines,
    ...(typeof draft.merchantId === 'string' ? { merchantId: draft.merchantId } : {}),
    ...(typeof draft.merchantName === 'string' ? { merchantName: draft.merchantName } : {}),
    ...(isCheckoutPromotion(draft.promotion) ? { promotion: draft.promotion } : {}),
  }
}

export function clearCheckoutDraft(): void {
  Taro.removeStorageSync(DRAFT_KEY)
}

export function lineTotalFenOf(line: { priceFen: number; quantity: number }): number {
  return lineTotalFen(line.priceFen, line.quantity)
}
