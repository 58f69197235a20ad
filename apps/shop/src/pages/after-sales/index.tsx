import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad } from '@tarojs/taro'
import { ApiError, shopApi, showError } from '../../api'
import type { AfterSalesKind, Order, OrderLine, SubOrder } from '../../api-types'
import { QuantityStepper } from '../../components/quantity-stepper'
import { applyChromeTexts, translate, useI18n, type MessageKey } from '../../i18n'
import { formatFen } from '../../money'
import { canRequestAfterSales, statusKey } from '../../order-status'
import './index.css'

type PageState =
  | { status: 'loading' }
  | { status: 'error' }
  | { status: 'ready'; order: Order; subOrder: SubOrder; index: number }

type ReasonCode = 'quality' | 'wrong_item' | 'unwanted' | 'other'

const REASONS: readonly { code: ReasonCode; label: MessageKey }[] = [
  { code: 'quality', label: 'afterSales.reasonQuality' },
  { code: 'wrong_item', label: 'afterSales.reasonWrongItem' },
  { code: 'unwanted', label: 'afterSales.reasonUnwanted' },
  { code: 'other', label: 'afterSales.reasonOther' },
]

const KINDS: readonly { kind: AfterSalesKind; id: string; label: MessageKey; hint: MessageKey }[] = [
  { kind: 'refund_only', id: 'after-sales-kind-refund', label: 'afterSales.kindRefund', hint: 'afterSales.kindRefundHint' },
  { kind: 'return_and_refund', id: 'after-sales-kind-return', label: 'afterSales.kindReturn', hint: 'afterSales.kindReturnHint' },
]

/** The server accepts 1–200 characters. */
const REASON_MAX = 200
const DETAIL_MAX = 150

/** The chosen preset (always stored in Chinese, the merchant console's language) plus the shopper's own words. */
function composeReason(code: ReasonCode | undefined, detail: string): string {
  const preset = REASONS.find((reason) => reason.code === code)
  const label = preset === undefined ? '' : translate(preset.label, 'zh-CN')
  const text = detail.trim()
  const reason = label !== '' && text !== '' ? `${label}：${text}` : label !== '' ? label : text
  return reason.slice(0, REASON_MAX)
}

/** Proportional share of the line's paid amount; the server computes the exact figure. */
function estimateLine(line: OrderLine, quantity: number): number {
  if (quantity >= line.quantity) return line.payableFen
  return Math.floor((line.payableFen * quantity) / line.quantity)
}

export default function AfterSalesPage() {
  const { locale, t } = useI18n()
  const [state, setState] = useState<PageState>({ status: 'loading' })
  const [kind, setKind] = useState<AfterSalesKind>('refund_only')
  const [reasonCode, setReasonCode] = useState<ReasonCode | undefined>()
  const [detail, setDetail] = useState('')
  const [quantities, setQuantities] = useState<Record<string, number>>({})
  const [submitting, setSubmitting] = useState(false)
  const [problem, setProblem] = useState<string | undefined>()

  async function load(orderId: string, subOrderId: string): Promise<void> {
    try {
      const order = await shopApi.order(orderId)
      const index = order.subOrders.findIndex((candidate) => candidate.id === subOrderId)
      const subOrder = order.subOrders[index]
      if (subOrder === undefined) {
        setState({ status: 'error' })
        return
      }
      setState({ status: 'ready', order, subOrder, index })
      // Default: the whole package; the shopper lowers what they keep.
      setQuantities(Object.fromEntries(subOrder.lines.map((line) => [line.id, line.quantity])))
    } catch {
      setState({ status: 'error' })
    }
  }

  /** Re-read the package status only, keeping what the shopper entered. */
  async function refresh(orderId: string, subOrderId: string): Promise<void> {
    const order = await shopApi.orderQuiet(orderId).catch(() => undefined)
    const index = order?.subOrders.findIndex((candidate) => candidate.id === subOrderId) ?? -1
    const subOrder = order?.subOrders[index]
    if (order !== undefined && subOrder !== undefined) setState({ status: 'ready', order, subOrder, index })
  }

  useLoad((params: Record<string, string | undefined>) => {
    const orderId = params.orderId === undefined ? '' : decodeURIComponent(params.orderId)
    const subOrderId = params.subOrderId === undefined ? '' : decodeURIComponent(params.subOrderId)
    if (orderId === '' || subOrderId === '') setState({ status: 'error' })
    else void load(orderId, subOrderId)
  })
  useDidShow(() => applyChromeTexts(locale, 'afterSales.title'))

  async function backToOrder(orderId: string): Promise<void> {
    const pages = Taro.getCurrentPages()
    const previous = pages.length > 1 ? pages[pages.length - 2] : undefined
    // The order page reloads itself when shown again, so it picks up the 退款中 status.
    if (previous?.route?.includes('pages/order/index') === true) await Taro.navigateBack()
    else await Taro.redirectTo({ url: `/pages/order/index?id=${encodeURIComponent(orderId)}` })
  }

  async function submit(order: Order, subOrder: SubOrder): Promise<void> {
    if (submitting) return
    const lines = subOrder.lines
      .map((line) => ({ orderLineId: line.id, quantity: quantities[line.id] ?? 0 }))
      .filter((line) => line.quantity > 0)
    if (lines.length === 0) {
      setProblem(t('afterSales.noLines'))
      return
    }
    if (reasonCode === undefined && detail.trim() === '') {
      setProblem(t('afterSales.noReason'))
      return
    }
    if (reasonCode === 'other' && detail.trim() === '') {
      setProblem(t('afterSales.reasonTextRequired'))
      return
    }
    setProblem(undefined)
    setSubmitting(true)
    try {
      await shopApi.requestAfterSales(order.id, {
        subOrderId: subOrder.id,
        kind,
        reason: composeReason(reasonCode, detail),
        lines,
      })
      void Taro.showToast({ title: t('afterSales.submitted'), icon: 'success', duration: 1500 })
      await backToOrder(order.id)
    } catch (error) {
      // 422 after_sales_quantity_invalid, 409 after_sales_already_open / window_closed / invalid_order_transition:
      // the server's (localized) message says what went wrong.
      setProblem(error instanceof ApiError ? error.message : t('error.unknown'))
      showError(error)
      // A conflict means the package changed meanwhile; show its current status.
      if (error instanceof ApiError && error.status === 409) void refresh(order.id, subOrder.id)
    } finally {
      setSubmitting(false)
    }
  }

  if (state.status !== 'ready') {
    return (
      <View className="page-root">
        <Text className="state-text" id="after-sales-state">
          {state.status === 'loading' ? t('common.loading') : t('common.loadFailed')}
        </Text>
      </View>
    )
  }

  const { order, subOrder, index } = state
  const eligible = order.paymentStatus === 'paid' && canRequestAfterSales(subOrder.status)
  const estimateFen = subOrder.lines.reduce((sum, line) => sum + estimateLine(line, quantities[line.id] ?? 0), 0)
  const chosenCount = subOrder.lines.reduce((sum, line) => sum + (quantities[line.id] ?? 0), 0)

  return (
    <View
      className="page-root after-sales-page with-action-bar"
      data-order-id={order.id}
      data-sub-order-id={subOrder.id}
    >
      <View className="card after-sales-package">
        <View className="row">
          <Text className="muted">{t('afterSales.package', { n: index + 1 })}</Text>
          <Text className="sub-order__status" id="after-sales-sub-status" data-status={subOrder.status}>
            {t(statusKey(subOrder.status))}
          </Text>
        </View>
        {!eligible && (
          <Text className="error-text" id="after-sales-not-eligible">
            {t('afterSales.notEligible')}
          </Text>
        )}
      </View>

      <View className="card" id="after-sales-kind">
        <Text className="card__title">{t('afterSales.kind')}</Text>
        {KINDS.map((option) => {
          const on = kind === option.kind
          return (
            <View
              key={option.kind}
              id={option.id}
              className={`after-sales-option${on ? ' after-sales-option--on' : ''}`}
              data-kind={option.kind}
              data-selected={on ? 'true' : 'false'}
              onClick={() => {
                setKind(option.kind)
                setProblem(undefined)
              }}
            >
              <View className={`check${on ? ' check--on' : ''}`}>{on ? '✓' : ''}</View>
              <View className="after-sales-option__text">
                <Text className="after-sales-option__label">{t(option.label)}</Text>
                <Text className="muted">{t(option.hint)}</Text>
              </View>
            </View>
          )
        })}
      </View>

      <View className="card" id="after-sales-lines">
        <Text className="card__title">{t('afterSales.lines')}</Text>
        <Text className="muted after-sales-hint">{t('afterSales.linesHint')}</Text>
        {subOrder.lines.map((line) => (
          <View key={line.id} className="after-sales-line" data-order-line-id={line.id} data-sku-id={line.skuId}>
            <View className="after-sales-line__info">
              <Text className="order-line__title">{line.title}</Text>
              <Text className="muted">{line.specs}</Text>
              <Text className="muted">
                {formatFen(line.unitPriceFen)} · {t('afterSales.ordered', { n: line.quantity })}
              </Text>
            </View>
            <QuantityStepper
              value={quantities[line.id] ?? 0}
              min={0}
              max={line.quantity}
              idPrefix={`after-sales-qty-${line.id}`}
              onChange={(value) => {
                setQuantities((previous) => ({ ...previous, [line.id]: value }))
                setProblem(undefined)
              }}
            />
          </View>
        ))}
      </View>

      <View className="card" id="after-sales-reason">
        <Text className="card__title">{t('afterSales.reason')}</Text>
        <View className="after-sales-reasons">
          {REASONS.map((reason) => {
            const on = reasonCode === reason.code
            return (
              <View
                key={reason.code}
                id={`after-sales-reason-${reason.code.replace('_', '-')}`}
                className={`after-sales-chip${on ? ' after-sales-chip--on' : ''}`}
                data-reason={reason.code}
                data-selected={on ? 'true' : 'false'}
                onClick={() => {
                  setReasonCode(reason.code)
                  setProblem(undefined)
                }}
              >
                {t(reason.label)}
              </View>
            )
          })}
        </View>
        <Input
          className="after-sales-reason__input"
          maxlength={DETAIL_MAX}
          placeholder={t(reasonCode === 'other' ? 'afterSales.reasonTextRequired' : 'afterSales.reasonText')}
          value={detail}
          onInput={(event) => {
            setDetail(event.detail.value)
            setProblem(undefined)
          }}
        />
      </View>

      {problem !== undefined && (
        <View className="card after-sales-problem">
          <Text className="error-text" id="after-sales-error">
            {problem}
          </Text>
        </View>
      )}

      <View className="action-bar after-sales-actions">
        <View className="after-sales-actions__estimate">
          <Text className="muted">{t('afterSales.estimate')}</Text>
          <Text className="price after-sales-actions__amount" id="after-sales-estimate">
            {formatFen(estimateFen)}
          </Text>
        </View>
        <View
          id="after-sales-submit"
          className={`pill${submitting || !eligible || chosenCount === 0 ? ' pill--disabled' : ''}`}
          onClick={() => {
            if (eligible) void submit(order, subOrder)
          }}
        >
          {submitting ? t('afterSales.submitting') : t('afterSales.submit')}
        </View>
      </View>
    </View>
  )
}
