import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad, usePullDownRefresh } from '@tarojs/taro'
import { shopApi } from '../../api'
import type { FlashSale, ProductDetail } from '../../api-types'
import { ProductThumb } from '../../components/product-thumb'
import { applyChromeTexts, useI18n } from '../../i18n'
import { formatFen } from '../../money'
import { checkoutWithPromotion, productsById, skuPriceFen, skuSpecsText } from '../../promotion-checkout'
import { formatCountdown } from '../../promotions'
import { useNow } from '../../use-now'
import './index.css'

type State = { status: 'loading' } | { status: 'error' } | { status: 'ready'; sales: FlashSale[]; products: Map<string, ProductDetail> }

/** 秒杀: the running and upcoming flash sales, each with a countdown and its items. */
export default function FlashSalePage() {
  const { locale, t } = useI18n()
  const [state, setState] = useState<State>({ status: 'loading' })
  const now = useNow()

  async function load(): Promise<void> {
    try {
      const { items: sales } = await shopApi.flashSales()
      const products = await productsById(
        sales.flatMap((sale) => sale.items.map((item) => item.productId)),
        (id) => shopApi.product(id),
      )
      setState({ status: 'ready', sales, products })
    } catch {
      setState((previous) => (previous.status === 'ready' ? previous : { status: 'error' }))
    }
  }

  useLoad(() => void load())
  useDidShow(() => applyChromeTexts(locale, 'flash.title'))
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })

  if (state.status !== 'ready') {
    return (
      <View className="page-root">
        <Text className="state-text">{t(state.status === 'loading' ? 'common.loading' : 'common.loadFailed')}</Text>
      </View>
    )
  }
  if (state.sales.length === 0) {
    return (
      <View className="page-root">
        <Text className="state-text" id="flash-empty">
          {t('flash.empty')}
        </Text>
      </View>
    )
  }

  return (
    <View className="page-root flash-page">
      {state.sales.map((sale) => {
        const started = Date.parse(sale.startsAt) <= now
        const ended = Date.parse(sale.endsAt) <= now
        const target = started ? Date.parse(sale.endsAt) : Date.parse(sale.startsAt)
        return (
          <View key={sale.id} className="flash-sale" data-flash-sale-id={sale.id}>
            <View className="flash-sale__head">
              <Text className="flash-sale__name">{sale.name}</Text>
              <View className="flash-sale__clock">
                <Text className="flash-sale__clock-label">{t(started ? 'flash.endsIn' : 'flash.startsIn')}</Text>
                <Text className="flash-sale__countdown" id={`flash-countdown-${sale.id}`}>
                  {formatCountdown(target - now, locale)}
                </Text>
              </View>
            </View>
            {sale.items.map((item) => {
              const product = state.products.get(item.productId)
              if (product === undefined) return null
              const originalFen = skuPriceFen(product, item.skuId)
              const soldOut = item.remaining <= 0
              const buyable = started && !ended && !soldOut
              const soldPercent = item.quota > 0 ? Math.round(((item.quota - item.remaining) / item.quota) * 100) : 100
              return (
                <View key={item.skuId} className="flash-item" data-sku-id={item.skuId}>
                  <View onClick={() => void Taro.navigateTo({ url: `/pages/product/index?id=${encodeURIComponent(product.id)}` })}>
                    <ProductThumb id={product.id} title={product.title} imageUrl={product.imageUrls[0]} />
                  </View>
                  <View className="flash-item__body">
                    <Text className="flash-item__title">{product.title}</Text>
                    <Text className="muted">{skuSpecsText(product, item.skuId)}</Text>
                    <View className="flash-item__progress">
                      <View className="flash-item__bar" style={{ width: `${soldPercent}%` }} />
                      <Text className="flash-item__progress-text">{t('flash.sold', { percent: soldPercent })}</Text>
                    </View>
                    <Text className="muted flash-item__quota">
                      <Text className="flash-item__left">{t('flash.left', { n: item.remaining })}</Text> · {t('flash.perUser', { n: item.perUserLimit })}
                    </Text>
                    <View className="flash-item__foot">
                      <View className="flash-item__prices">
                        <Text className="price flash-item__price">{formatFen(item.flashPriceFen)}</Text>
                        {originalFen !== undefined && <Text className="flash-item__original">{formatFen(originalFen)}</Text>}
                      </View>
                      <View
                        className={`pill flash-item__buy${buyable ? '' : ' pill--disabled'}`}
                        onClick={() => {
                          if (buyable) checkoutWithPromotion(product, item.skuId, item.flashPriceFen, { kind: 'flashSale', flashSaleId: sale.id })
                        }}
                      >
                        {soldOut ? t('flash.soldOut') : started ? t('flash.buy') : t('flash.notStarted')}
                      </View>
                    </View>
                  </View>
                </View>
              )
            })}
          </View>
        )
      })}
    </View>
  )
}
