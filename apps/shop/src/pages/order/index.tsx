import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad, useUnload } from '@tarojs/taro'
import { shopApi } from '../../api'
import type { HomeStore, Order, StartedPayment } from '../../api-types'
import { SubOrderLines } from '../../components/order-lines'
import { QrCode } from '../../components/qr-code'
import { applyChromeTexts, useI18n } from '../../i18n'
import { formatFen } from '../../money'
import {
  amountLabelKey,
  canRequestAfterSales,
  formatDateTime,
  isCancellable,
  orderStatusKey,
  overallStatus,
} from '../../order-status'
import './index.css'

type OrderState = { status: 'loading' } | { status: 'error' } | { status: 'ready'; order: Order }

/** The pickup store as far as we know it: still looking, found, or not among the stores we can list. */
type StoreState = { status: 'loading' } | { status: 'found'; store: HomeStore } | { status: 'unknown' }

/** "123456" → "123 456": two groups are easier to read out at the counter. */
function groupedCode(code: string): string {
  return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code
}

const POLL_INTERVAL_MS = 1500
const POLL_ATTEMPTS = 10
/**
 * The sandbox page is a full navigation away from the h5 app, so "a payment was started for
 * this order" must survive the reload that brings the payer back.
 */
const PENDING_PAYMENT_KEY = 'linkmall.pendingPayment'
const PENDING_PAYMENT_TTL_MS = 30 * 60 * 1000

function markPaymentPending(orderId: string): void {
  Taro.setStorageSync(PENDING_PAYMENT_KEY, { orderId, at: Date.now() })
}

function isPaymentPending(orderId: string): boolean {
  const stored: unknown = Taro.getStorageSync(PENDING_PAYMENT_KEY)
  if (typeof stored !== 'object' || stored === null) return false
  const { orderId: pendingId, at } = stored as { orderId?: unknown; at?: unknown }
  return pendingId === orderId && typeof at === 'number' && Date.now() - at < PENDING_PAYMENT_TTL_MS
}

function clearPaymentPending(): void {
  Taro.removeStorageSync(PENDING_PAYMENT_KEY)
}

type SignType = 'MD5' | 'HMAC-SHA256' | 'RSA'

function isPaymentCancel(error: unknown): boolean {
  const message = typeof error === 'object' && error !== null && 'errMsg' in error ? String(error.errMsg) : ''
  return message.includes('cancel')
}

function formatShippingAddress(address: NonNullable<Order['shippingAddress']>): { contact: string; place: string } {
  return {
    contact: `${address.recipientName} ${address.phoneMasked}`,
    place: [address.province, address.city, address.district, address.detail].filter((part) => part !== '').join(' '),
  }
}

export default function OrderPage() {
  const { locale, t } = useI18n()
  const [orderId, setOrderId] = useState<string | undefined>()
  const [state, setState] = useState<OrderState>({ status: 'loading' })
  const [store, setStore] = useState<StoreState>({ status: 'loading' })
  const [cancelling, setCancelling] = useState(false)
  const [paying, setPaying] = useState(false)
  const [checkingPayment, setCheckingPayment] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const shownOnce = useRef(false)
  const pollTimer = useRef<ReturnType<typeof setTimeout> | undefined>()
  const pollGeneration = useRef(0)

  function stopPolling(): void {
    pollGeneration.current += 1
    if (pollTimer.current !== undefined) clearTimeout(pollTimer.current)
    pollTimer.current = undefined
    setCheckingPayment(false)
  }
  useUnload(stopPolling)
  useEffect(() => stopPolling, [])

  /** After the payer comes back: re-read the order until the payment notification has landed. */
  function pollPayment(id: string): void {
    stopPolling()
    const generation = pollGeneration.current
    setCheckingPayment(true)
    let attempts = 0
    const tick = async (): Promise<void> => {
      if (generation !== pollGeneration.current) return
      attempts += 1
      const order = await shopApi.orderQuiet(id).catch(() => undefined)
      if (generation !== pollGeneration.current) return
      if (order !== undefined) setState({ status: 'ready', order })
      if (order !== undefined && order.paymentStatus !== 'unpaid') {
        clearPaymentPending()
        setCheckingPayment(false)
        if (order.paymentStatus === 'paid') void Taro.showToast({ title: t('order.paySuccess'), icon: 'success', duration: 1500 })
        return
      }
      if (attempts >= POLL_ATTEMPTS) {
        clearPaymentPending()
        setCheckingPayment(false)
        void Taro.showToast({ title: t('order.payPending'), icon: 'none', duration: 2500 })
        return
      }
      pollTimer.current = setTimeout(() => void tick(), POLL_INTERVAL_MS)
    }
    pollTimer.current = setTimeout(() => void tick(), POLL_INTERVAL_MS)
  }

  async function load(id: string): Promise<void> {
    try {
      const order = await shopApi.order(id)
      setState({ status: 'ready', order })
      if (isPaymentPending(id)) {
        if (order.paymentStatus === 'unpaid') pollPayment(id)
        else clearPaymentPending()
      }
      if (order.pickupStoreId !== null) {
        // The order only carries the store id; the home feed lists every open store.
        const home = await shopApi.home().catch(() => undefined)
        const found = home?.stores.find((candidate) => candidate.id === order.pickupStoreId)
        setStore(found === undefined ? { status: 'unknown' } : { status: 'found', store: found })
      }
    } catch {
      setState((previous) => (previous.status === 'ready' ? previous : { status: 'error' }))
    }
  }

  useLoad((params: Record<string, string | undefined>) => {
    const id = params.id === undefined ? undefined : decodeURIComponent(params.id)
    setOrderId(id)
    if (id === undefined || id === '') setState({ status: 'error' })
    else void load(id)
  })
  useDidShow(() => {
    applyChromeTexts(locale, 'order.title')
    // The first show comes with useLoad; later shows mean the payer came back (from the sandbox
    // page, WeChat Pay, or another page), so the order may have changed.
    if (shownOnce.current && orderId !== undefined && orderId !== '') void load(orderId)
    shownOnce.current = true
  })
  // h5: coming back from the sandbox page may restore this page from the back/forward cache.
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || orderId === undefined || orderId === '') return undefined
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) void load(orderId)
    }
    window.addEventListener('pageshow', onPageShow)
    return () => window.removeEventListener('pageshow', onPageShow)
  }, [orderId])

  async function pay(order: Order): Promise<void> {
    if (paying || checkingPayment) return
    setPaying(true)
    let payment: StartedPayment
    try {
      payment = await shopApi.payOrder(order.id)
    } catch {
      // Shown by the API wrapper; the order may have been paid, closed or expired meanwhile.
      setPaying(false)
      void load(order.id)
      return
    }
    try {
      if (payment.provider === 'wechatpay') {
        if (process.env.TARO_ENV !== 'weapp') {
          await Taro.showModal({ content: t('order.wechatOnly'), showCancel: false, confirmText: t('common.confirm') })
          return
        }
        const params = payment.clientParams
        try {
          await Taro.requestPayment({
            timeStamp: params.timeStamp ?? '',
            nonceStr: params.nonceStr ?? '',
            package: params.package ?? '',
            signType: (params.signType ?? 'RSA') as SignType,
            paySign: params.paySign ?? '',
          })
        } catch (error) {
          void Taro.showToast({ title: t(isPaymentCancel(error) ? 'order.payCancelled' : 'order.payFailed'), icon: 'none' })
          void load(order.id)
          return
        }
        // The server learns about the payment from WeChat's notification, which may lag a little.
        markPaymentPending(order.id)
        void load(order.id)
      } else if (payment.provider === 'sandbox') {
        const payUrl = payment.clientParams.payUrl
        if (process.env.TARO_ENV === 'h5' && payUrl !== undefined && payUrl !== '') {
          markPaymentPending(order.id)
          window.location.href = payUrl
          return
        }
        await Taro.showModal({
          title: t('order.sandboxTitle'),
          content: t('order.sandboxWeapp'),
          showCancel: false,
          confirmText: t('common.confirm'),
        })
      } else {
        void Taro.showToast({ title: t('order.payUnsupported'), icon: 'none' })
      }
    } finally {
      setPaying(false)
    }
  }

  async function confirmReceipt(order: Order): Promise<void> {
    if (confirming) return
    const { confirm } = await Taro.showModal({
      title: t('order.confirmReceipt'),
      content: t('order.confirmReceiptConfirm'),
      confirmText: t('common.confirm'),
      cancelText: t('common.cancel'),
    })
    if (!confirm) return
    setConfirming(true)
    try {
      await shopApi.confirmReceipt(order.id)
      void Taro.showToast({ title: t('order.received'), icon: 'success', duration: 1200 })
    } catch {
      // Shown by the API wrapper.
    } finally {
      setConfirming(false)
      void load(order.id)
    }
  }

  async function cancel(order: Order): Promise<void> {
    if (cancelling) return
    const { confirm } = await Taro.showModal({
      content: t('order.cancelConfirm'),
      confirmText: t('common.confirm'),
      cancelText: t('common.cancel'),
    })
    if (!confirm) return
    setCancelling(true)
    try {
      const cancelled = await shopApi.cancelOrder(order.id)
      setState({ status: 'ready', order: cancelled })
      void Taro.showToast({ title: t('order.cancelled'), icon: 'success', duration: 1200 })
    } catch {
      // Shown by the API wrapper; refresh in case the order changed meanwhile (e.g. closed on expiry).
      void load(order.id)
    } finally {
      setCancelling(false)
    }
  }

  if (state.status !== 'ready') {
    return (
      <View className="page-root">
        <Text className="state-text" id="order-state">
          {state.status === 'loading' ? t('common.loading') : t('common.loadFailed')}
        </Text>
      </View>
    )
  }

  const { order } = state
  const status = overallStatus(order)
  const cancellable = isCancellable(order)
  const unpaid = order.paymentStatus === 'unpaid' && status === 'created'
  // Same rule as cancelling: unpaid, nothing started, deadline not passed.
  const payable = cancellable
  const receivable = order.subOrders.some((subOrder) => subOrder.status === 'shipped')
  // Parcels exist once a supplier has shipped; reviews once the goods arrived.
  const trackable =
    order.deliveryMethod === 'delivery' && order.subOrders.some((subOrder) => ['shipped', 'received', 'completed'].includes(subOrder.status))
  const reviewable = order.subOrders.some((subOrder) => subOrder.status === 'received' || subOrder.status === 'completed')
  const withActions = cancellable || payable || receivable || trackable || reviewable
  const address = order.shippingAddress === null ? undefined : formatShippingAddress(order.shippingAddress)

  return (
    <View className={`page-root order-page${withActions ? ' with-action-bar' : ''}`} data-order-id={order.id}>
      <View className="order-banner">
        <Text className="order-banner__status" id="order-status" data-status={status ?? 'mixed'}>
          {status !== undefined
            ? t(orderStatusKey(status, order))
            : order.subOrders.map((subOrder) => t(orderStatusKey(subOrder.status, order))).join(' / ')}
        </Text>
        {unpaid && (
          <Text className="order-banner__hint" id="order-deadline">
            {t('order.payBefore', { time: formatDateTime(order.expiresAt) })}
          </Text>
        )}
        {checkingPayment && (
          <Text className="order-banner__hint order-banner__checking" id="order-pay-checking">
            {t('order.payChecking')}
          </Text>
        )}
      </View>

      {order.deliveryMethod === 'pickup' && order.pickupCode !== null && (
        <View
          className={`card order-pickup${order.collectedAt !== null ? ' order-pickup--collected' : ''}`}
          id="order-pickup"
          data-collected={order.collectedAt !== null ? 'true' : 'false'}
        >
          <Text className="order-pickup__title">{t('order.pickupTitle')}</Text>
          <Text className="order-pickup__code" id="order-pickup-code" data-code={order.pickupCode}>
            {groupedCode(order.pickupCode)}
          </Text>
          <View className="order-pickup__qr">
            <QrCode value={order.pickupCode} id="order-pickup-qr" />
          </View>
          <Text className={`order-pickup__hint${order.collectedAt !== null ? ' order-pickup__hint--done' : ''}`} id="order-pickup-hint">
            {order.collectedAt !== null
              ? t('order.pickupCollectedAt', { time: formatDateTime(order.collectedAt) })
              : t('order.pickupHint')}
          </Text>
          <View className="order-pickup__store" id="order-pickup-location">
            <Text className="muted">{t('order.pickupStore')}</Text>
            {store.status === 'found' ? (
              <>
                <Text className="order-pickup__store-name" id="order-pickup-location-name">
                  {store.store.name}
                </Text>
                <Text className="muted order-pickup__store-address">
                  {[store.store.city, store.store.district, store.store.address].filter((part) => part !== null && part !== '').join(' ')}
                </Text>
              </>
            ) : (
              <Text className="muted order-pickup__store-address">
                {store.status === 'loading' ? t('common.loading') : t('order.pickupStoreUnknown')}
              </Text>
            )}
          </View>
        </View>
      )}
      {order.deliveryMethod === 'pickup' && order.pickupCode === null && unpaid && (
        <View className="card order-pickup order-pickup--pending" id="order-pickup-pending">
          <Text className="muted">{t('order.pickupAfterPay')}</Text>
        </View>
      )}

      <View className="card" id="order-delivery">
        <View className="row">
          <Text className="muted">{t('order.deliveryMethod')}</Text>
          <Text>{t(order.deliveryMethod === 'pickup' ? 'checkout.pickup' : 'checkout.express')}</Text>
        </View>
        {order.deliveryMethod === 'pickup' ? (
          // Once there is a code, the code card above names the store; say it once.
          order.pickupCode === null && (
            <View className="order-delivery__detail" id="order-pickup-store">
              <Text className="muted">{t('order.pickupStore')}</Text>
              {store.status === 'found' ? (
                <>
                  <Text className="order-delivery__value" id="order-pickup-store-name">
                    {store.store.name}
                  </Text>
                  <Text className="muted order-delivery__value">
                    {[store.store.city, store.store.district, store.store.address].filter((part) => part !== null && part !== '').join(' ')}
                  </Text>
                </>
              ) : (
                <Text className="order-delivery__value muted">
                  {store.status === 'loading' ? t('common.loading') : t('order.pickupStoreUnknown')}
                </Text>
              )}
            </View>
          )
        ) : (
          <View className="order-delivery__detail" id="order-address">
            <Text className="muted">{t('order.address')}</Text>
            {address !== undefined ? (
              <>
                <Text className="order-delivery__value" id="order-address-contact">
                  {address.contact}
                </Text>
                <Text className="order-delivery__value muted" id="order-address-place">
                  {address.place}
                </Text>
              </>
            ) : (
              <Text className="order-delivery__value">{t('order.addressUnknown')}</Text>
            )}
          </View>
        )}
      </View>

      <View className="card" id="order-lines">
        {order.subOrders.map((subOrder, index) => (
          <SubOrderLines key={subOrder.id} subOrder={subOrder} index={index} order={order} showHeader>
            {order.paymentStatus === 'paid' && canRequestAfterSales(subOrder.status) && (
              <View className="order-sub-actions">
                <View
                  className="pill pill--ghost order-after-sales"
                  data-sub-order-id={subOrder.id}
                  onClick={() =>
                    void Taro.navigateTo({
                      url: `/pages/after-sales/index?orderId=${encodeURIComponent(order.id)}&subOrderId=${encodeURIComponent(subOrder.id)}`,
                    })
                  }
                >
                  {t('order.afterSales')}
                </View>
              </View>
            )}
          </SubOrderLines>
        ))}
      </View>

      <View className="card" id="order-totals">
        <View className="row">
          <Text className="muted">{t('order.goods')}</Text>
          <Text>{formatFen(order.goodsFen)}</Text>
        </View>
        <View className="row">
          <Text className="muted">{t('order.shipping')}</Text>
          <Text>{formatFen(order.shippingFen)}</Text>
        </View>
        {order.discountFen > 0 && (
          <View className="row">
            <Text className="muted">{t('order.discount')}</Text>
            <Text>-{formatFen(order.discountFen)}</Text>
          </View>
        )}
        <View className="row order-totals__payable">
          <Text>{t(amountLabelKey(order))}</Text>
          <Text className="price order-totals__amount" id="order-payable">
            {formatFen(order.payableFen)}
          </Text>
        </View>
      </View>

      <View className="card order-meta">
        <View className="row">
          <Text className="muted">{t('order.number')}</Text>
          <Text className="order-meta__value" id="order-id" selectable>
            {order.id}
          </Text>
        </View>
        <View className="row">
          <Text className="muted">{t('order.createdAt')}</Text>
          <Text className="order-meta__value">{formatDateTime(order.createdAt)}</Text>
        </View>
        {order.paidAt !== null && (
          <View className="row">
            <Text className="muted">{t('order.paidAt')}</Text>
            <Text className="order-meta__value" id="order-paid-at">
              {formatDateTime(order.paidAt)}
            </Text>
          </View>
        )}
      </View>

      {withActions && (
        <View className="action-bar order-actions">
          <View className="order-actions__spacer" />
          {cancellable && (
            <View
              id="order-cancel"
              className={`pill pill--ghost order-actions__button${cancelling ? ' pill--disabled' : ''}`}
              onClick={() => void cancel(order)}
            >
              {t('order.cancel')}
            </View>
          )}
          {payable && (
            <View
              id="order-pay"
              className={`pill order-actions__button${paying || checkingPayment ? ' pill--disabled' : ''}`}
              onClick={() => void pay(order)}
            >
              {paying ? t('order.paying') : t('order.pay')}
            </View>
          )}
          {trackable && (
            <View
              id="order-logistics"
              className="pill pill--ghost order-actions__button"
              onClick={() => void Taro.navigateTo({ url: `/pages/logistics/index?id=${encodeURIComponent(order.id)}` })}
            >
              {t('order.logistics')}
            </View>
          )}
          {reviewable && (
            <View
              id="order-review"
              className="pill order-actions__button"
              onClick={() => void Taro.navigateTo({ url: `/pages/review/index?orderId=${encodeURIComponent(order.id)}` })}
            >
              {t('order.review')}
            </View>
          )}
          {receivable && (
            <View
              id="order-confirm-receipt"
              className={`pill order-actions__button${confirming ? ' pill--disabled' : ''}`}
              onClick={() => void confirmReceipt(order)}
            >
              {t('order.confirmReceipt')}
            </View>
          )}
        </View>
      )}
    </View>
  )
}
