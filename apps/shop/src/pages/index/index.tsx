import { useCallback, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad, usePullDownRefresh } from '@tarojs/taro'
import { shopApi } from '../../api'
import type { HomeResponse } from '../../api-types'
import { ProductCard } from '../../components/product-card'
import { StoreItem } from '../../components/store-item'
import { applyChromeTexts, useI18n } from '../../i18n'
import './index.css'

type HomeState = { status: 'loading' } | { status: 'error' } | { status: 'ready'; home: HomeResponse }

export default function HomePage() {
  const { locale, t } = useI18n()
  const [state, setState] = useState<HomeState>({ status: 'loading' })

  const load = useCallback(async () => {
    try {
      setState({ status: 'ready', home: await shopApi.home() })
    } catch {
      // The API wrapper already showed the localized error.
      setState((previous) => (previous.status === 'ready' ? previous : { status: 'error' }))
    }
  }, [])

  useLoad(() => {
    void load()
  })
  useDidShow(() => applyChromeTexts(locale, 'home.title'))
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })

  return (
    <View className="page-root home-page">
      <View className="home-header">
        <Text className="home-header__title" id="home-title">
          {t('app.title')}
        </Text>
      </View>

      <Text className="section-title">{t('home.products')}</Text>
      {state.status === 'loading' && (
        <Text className="state-text" id="home-loading">
          {t('home.loading')}
        </Text>
      )}
      {state.status === 'error' && <Text className="state-text">{t('home.loadFailed')}</Text>}
      {state.status === 'ready' &&
        (state.home.products.length === 0 ? (
          <Text className="state-text" id="home-empty-products">
            {t('home.emptyProducts')}
          </Text>
        ) : (
          <View className="product-grid" id="product-grid">
            {state.home.products.map((product) => (
              <ProductCard key={product.id} product={product} />
            ))}
          </View>
        ))}

      {state.status === 'ready' && (
        <View className="store-list" id="store-list">
          <Text className="section-title">{t('home.stores')}</Text>
          {state.home.stores.length === 0 ? (
            <Text className="state-text">{t('home.emptyStores')}</Text>
          ) : (
            state.home.stores.map((store) => <StoreItem key={store.id} store={store} />)
          )}
        </View>
      )}
    </View>
  )
}
