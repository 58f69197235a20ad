import { useCallback, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { shopApi } from '../../api'
import type { Order } from '../../api-types'
import { applyChromeTexts, useI18n } from '../../i18n'
import { formatFen } from '../../money'
import { amountLabelKey, formatDateTime, orderLineCount, orderStatusKey, overallStatus } from '../../order-status'
import { getToken } from '../../session'
import './index.css'

const PAGE_SIZE = 10

type ListState =
  | { status: 'loading' }
  | { status: 'error' }
  | { status: 'ready'; orders: Order[]; total: number; page: number; loadingMore: boolean }

export default function OrdersPage() {
  const { locale, t } = useI18n()
  const [state, setState] = useState<ListState>({ status: 'loading' })

  const reload = useCallback(async () => {
    if (getToken() === undefined) {
      void Taro.redirectTo({ url: '/pages/login/index' })
      return
    }
    try {
      const page = await shopApi.orders(1, PAGE_SIZE)
      setState({ status: 'ready', orders: page.items, total: page.total, page: 1, loadingMore: false })
    } catch {
      setState((previous) => (previous.status === 'ready' ? previous : { status: 'error' }))
    }
  }, [])

  // Reload on every show: an order may have been cancelled on the detail page.
  useDidShow(() => {
    applyChromeTexts(locale, 'orders.title')
    void reload()
  })
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh())
  })

  async function loadMore(): Promise<void> {
    if (state.status !== 'ready' || state.loadingMore || state.orders.length >= state.total) return
    setState({ ...state, loadingMore: true })
    try {
      const next = await shopApi.orders(state.page + 1, PAGE_SIZE)
      setState((previous) =>
        previous.status === 'ready'
          ? {
              status: 'ready',
              // Drop duplicates in case new orders shifted the pages.
              orders: [...previous.orders, ...next.items.filter((order) => !previous.orders.some((known) => known.id === order.id))],
              total: next.total,
              page: next.page,
              loadingMore: false,
            }
          : previous,
      )
    } catch {
      setState((previous) => (previous.status === 'ready' ? { ...previous, loadingMore: false } : previous))
    }
  }
  useReachBottom(() => void loadMore())

  if (state.status !== 'ready') {
    return (
      <View className="page-root">
        <Text className="state-text">{state.status === 'loading' ? t('common.loading') : t('common.loadFailed')}</Text>
      </View>
    )
  }

  return (
    <View className="page-root orders-page" id="orders-list">
      {state.orders.length === 0 && (
        <Text className="state-text" id="orders-empty">
          {t('orders.empty')}
        </Text>
      )}
      {state.orders.map((order) => {
        const status = overallStatus(order)
        const lines = order.subOrders.flatMap((subOrder) => subOrder.lines)
        return (
          <View
            key={order.id}
            className="card order-item"
            data-order-id={order.id}
            onClick={() => void Taro.navigateTo({ url: `/pages/order/index?id=${encodeURIComponent(order.id)}` })}
          >
            <View className="row">
              <Text className="muted">{formatDateTime(order.createdAt)}</Text>
              <Text className="order-item__status">
                {status !== undefined
                  ? t(orderStatusKey(status, order))
                  : order.subOrders.map((subOrder) => t(orderStatusKey(subOrder.status, order))).join(' / ')}
              </Text>
            </View>
            {lines.slice(0, 3).map((line) => (
              <View key={line.id} className="row order-item__line">
                <Text className="order-item__title">{line.title}</Text>
                <Text className="muted">× {line.quantity}</Text>
              </View>
            ))}
            {lines.length > 3 && <Text className="muted">…</Text>}
            <View className="row order-item__footer">
              <Text className="muted">
                {t(order.deliveryMethod === 'pickup' ? 'checkout.pickup' : 'checkout.express')} ·{' '}
                {t('checkout.items', { n: orderLineCount(order) })}
              </Text>
              <Text>
                {t(amountLabelKey(order))}:{' '}
                <Text className="price">{formatFen(order.payableFen)}</Text>
              </Text>
            </View>
          </View>
        )
      })}
      {state.orders.length > 0 && (
        <Text className="state-text orders-more" onClick={() => void loadMore()}>
          {state.orders.length < state.total ? (state.loadingMore ? t('common.loading') : t('orders.loadMore')) : t('orders.noMore')}
        </Text>
      )}
    </View>
  )
}
