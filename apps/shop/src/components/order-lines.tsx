import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { Order, SubOrder } from '../api-types'
import { useI18n } from '../i18n'
import { formatFen } from '../money'
import { orderStatusKey, statusKey } from '../order-status'
import './order-lines.css'

/** A sub-order (one supplier's package): its status and lines. */
export function SubOrderLines({
  subOrder,
  index,
  showHeader,
  order,
  children,
}: {
  subOrder: SubOrder
  /** The order it belongs to, so a pickup package reads 待提货 rather than 待发货. */
  order?: Pick<Order, 'deliveryMethod' | 'collectedAt'>
  index: number
  showHeader: boolean
  /** Per-package actions shown under the lines (e.g. the order page's after-sales button). */
  children?: ReactNode
}) {
  const { t } = useI18n()
  return (
    <View className="sub-order" data-sub-order-id={subOrder.id} data-status={subOrder.status}>
      {showHeader && (
        <View className="row sub-order__header">
          <Text className="muted">{t('order.package', { n: index + 1 })}</Text>
          <Text className="sub-order__status">{t(order === undefined ? statusKey(subOrder.status) : orderStatusKey(subOrder.status, order))}</Text>
        </View>
      )}
      {subOrder.lines.map((line) => (
        <View key={line.id} className="order-line" data-sku-id={line.skuId}>
          <View className="row">
            <Text className="order-line__title">{line.title}</Text>
            <Text>{formatFen(line.payableFen)}</Text>
          </View>
          <View className="row">
            <Text className="muted">{line.specs}</Text>
            <Text className="muted">
              {formatFen(line.unitPriceFen)} × {line.quantity}
            </Text>
          </View>
        </View>
      ))}
      {children}
    </View>
  )
}
