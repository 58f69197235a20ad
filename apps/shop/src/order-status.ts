import type { Order } from './api-types'
import type { MessageKey } from './i18n'

const STATUS_KEYS: Record<string, MessageKey> = {
  created: 'status.created',
  paid: 'status.paid',
  shipped: 'status.shipped',
  received: 'status.received',
  completed: 'status.completed',
  cancelled: 'status.cancelled',
  closed: 'status.closed',
  refunding: 'status.refunding',
  refunded: 'status.refunded',
}

export function statusKey(status: string): MessageKey {
  return STATUS_KEYS[status] ?? 'status.unknown'
}

/**
 * The status label for a sub-order of this order: a paid pickup order waits to be collected at
 * the store, not to be shipped, and once collected it was picked up rather than received.
 */
export function orderStatusKey(status: string, order: Pick<Order, 'deliveryMethod' | 'collectedAt'>): MessageKey {
  if (order.deliveryMethod === 'pickup') {
    if (status === 'paid') return 'status.pickupWaiting'
    if (status === 'received' && order.collectedAt !== null) return 'status.pickedUp'
  }
  return statusKey(status)
}

/** Sub-order statuses that may get an after-sales request (while it is open the sub-order is `refunding`). */
const AFTER_SALES_STATUSES: ReadonlySet<string> = new Set(['paid', 'shipped', 'received'])

export function canRequestAfterSales(status: string): boolean {
  return AFTER_SALES_STATUSES.has(status)
}

/** One status for the whole order when every sub-order agrees, else undefined. */
export function overallStatus(order: Order): string | undefined {
  const statuses = new Set(order.subOrders.map((subOrder) => subOrder.status))
  return statuses.size === 1 ? [...statuses][0] : undefined
}

/** Unpaid and not yet past its payment deadline: the shopper may still cancel it. */
export function isCancellable(order: Order, now = Date.now()): boolean {
  return (
    order.paymentStatus === 'unpaid' &&
    order.subOrders.every((subOrder) => subOrder.status === 'created') &&
    Date.parse(order.expiresAt) > now
  )
}

export function orderLineCount(order: Order): number {
  return order.subOrders.reduce((count, subOrder) => count + subOrder.lines.reduce((sum, line) => sum + line.quantity, 0), 0)
}

function pad(value: number): string {
  return String(value).padStart(2, '0')
}

/** Local "2026-11-22 20:30". */
export function formatDateTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

export function formatDistance(meters: number, locale: 'zh-CN' | 'en'): string {
  if (meters < 1000) return locale === 'en' ? `${meters} m` : `${meters}米`
  const km = (meters / 1000).toFixed(1)
  return locale === 'en' ? `${km} km` : `${km}公里`
}

/** 实付款 once paid, 应付款 while it can still be paid, otherwise just the order total. */
export function amountLabelKey(order: Order): MessageKey {
  if (order.paymentStatus === 'paid') return 'order.payable'
  if (isCancellable(order)) return 'order.payableUnpaid'
  return 'order.total'
}
