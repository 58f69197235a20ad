import { useCallback, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad, usePullDownRefresh } from '@tarojs/taro'
import { shopApi } from '../../api'
import type { HomeResponse } from '../../api-types'
import { ProductCard } from '../../components/product-card'
import { StoreItem } from '../../components/store-item'
import { placeholderColor } from '../../components/product-card'
import { applyChromeTexts, useI18n, type MessageKey } from '../../i18n'
import { loadRecentShops, type RecentShop } from '../../recent-shops'
import { chooseCategory } from '../../category-selection'
import { SearchEntry } from '../../components/search-entry'
import { categoryName } from '../../search-terms'
import { loadRecommendations, type Recommendation } from '../../recommendation-api'
import { RecommendedProducts } from '../../components/recommended-products'
import './index.css'

type HomeState = { status: 'loading' } | { status: 'error' } | { status: 'ready'; home: HomeResponse }

const ENTRIES: { id: string; label: MessageKey; glyph: string; color: string; open: () => void }[] = [
  {
    id: 'home-entry-coupons',
    label: 'home.entryCoupons',
    glyph: '券',
    color: '#e4393c',
    open: () => void Taro.navigateTo({ url: '/pages/coupons/index' }),
  },
  {
    id: 'home-entry-flash',
    label: 'home.entryFlash',
    glyph: '秒',
    color: '#ff7a45',
    open: () => void Taro.navigateTo({ url: '/pages/flash-sale/index' }),
  },
  {
    id: 'home-entry-group',
    label: 'home.entryGroup',
    glyph: '团',
    color: '#c77dba',
    open: () => void Taro.navigateTo({ url: '/pages/group-buy/index' }),
  },
  {
    id: 'home-entry-stores',
    label: 'home.entryStores',
    glyph: '店',
    color: '#2a9d8f',
    open: () => void Taro.navigateTo({ url: '/pages/stores/index' }),
  },
  {
    id: 'home-entry-orders',
    label: 'home.entryOrders',
    glyph: '单',
    color: '#6d87c4',
    open: () => void Taro.navigateTo({ url: '/pages/orders/index' }),
  },
  {
    id: 'home-entry-cart',
    label: 'home.entryCart',
    glyph: '车',
    color: '#f4a261',
    open: () => void Taro.switchTab({ url: '/pages/cart/index' }),
  },
]

/** Opens the category tab on one category (or on the first, without an id). */
function openCategory(categoryId?: string): void {
  if (categoryId !== undefined) chooseCategory(categoryId)
  void Taro.switchTab({ url: '/pages/category/index' })
}

function openStores(): void {
  void Taro.navigateTo({ url: '/pages/stores/index' })
}

function openShop(shop: RecentShop): void {
  void Taro.navigateTo({ url: `/pages/storefront/index?merchantId=${encodeURIComponent(shop.merchantId)}` })
}

export default function HomePage() {
  const { locale, t } = useI18n()
  const [state, setState] = useState<HomeState>({ status: 'loading' })
  const [recentShops, setRecentShops] = useState<RecentShop[]>([])
  const [recommended, setRecommended] = useState<Recommendation[]>([])

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
  useDidShow(() => {
    applyChromeTexts(locale, 'home.title')
    // A storefront opened from another page is remembered there; show it on return.
    setRecentShops(loadRecentShops())
    // After a login or a purchase the member's 猜你喜欢 changes; a failure just leaves the section out.
    loadRecommendations()
      .then((result) => setRecommended(result.items))
      .catch(() => setRecommended([]))
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })

  return (
    <View className="page-root home-page">
      <View className="home-header">
        <Text className="home-header__title" id="home-title">
          {t('app.title')}
        </Text>
        <View className="home-header__search">
          <SearchEntry id="home-search" placeholder={t('search.placeholder')} tone="light" />
        </View>
      </View>

      <View className="home-entries" id="home-entries">
        {ENTRIES.map((entry) => (
          <View key={entry.id} id={entry.id} className="home-entry" onClick={entry.open}>
            <View className="home-entry__icon" style={{ backgroundColor: entry.color }}>
              <Text className="home-entry__glyph">{entry.glyph}</Text>
            </View>
            <Text className="home-entry__label">{t(entry.label)}</Text>
          </View>
        ))}
      </View>

      {state.status === 'ready' && (state.home.categories ?? []).length > 0 && (
        <View id="home-categories">
          <View className="home-section-head">
            <Text className="section-title">{t('home.categories')}</Text>
            <Text className="home-section-head__more" id="home-categories-more" onClick={() => openCategory()}>
              {t('home.allCategories')} ›
            </Text>
          </View>
          <View className="home-categories">
            {(state.home.categories ?? []).slice(0, 8).map((category) => (
              <View key={category.id} className="home-category" data-category-id={category.id} onClick={() => openCategory(category.id)}>
                <View className="home-category__icon" style={{ backgroundColor: placeholderColor(category.id) }}>
                  <Text className="home-category__glyph">{categoryName(category, locale).slice(0, 1)}</Text>
                </View>
                <Text className="home-category__name">{categoryName(category, locale)}</Text>
              </View>
            ))}
          </View>
        </View>
      )}

      {recentShops.length > 0 && (
        <View id="home-recent-shops">
          <Text className="section-title">{t('home.recentShops')}</Text>
          <View className="home-shops">
            {recentShops.map((shop) => (
              <View key={shop.merchantId} className="home-shop" data-merchant-id={shop.merchantId} onClick={() => openShop(shop)}>
                <View className="home-shop__logo" style={{ backgroundColor: placeholderColor(shop.merchantId) }}>
                  <Text className="home-shop__letter">{shop.name.slice(0, 1)}</Text>
                </View>
                <Text className="home-shop__name">{shop.name}</Text>
              </View>
            ))}
          </View>
        </View>
      )}

      <RecommendedProducts items={recommended} />

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
          <View className="home-section-head">
            <Text className="section-title">{t('home.stores')}</Text>
            <Text className="home-section-head__more" id="home-stores-more" onClick={openStores}>
              {t('home.seeAllStores')} ›
            </Text>
          </View>
          {state.home.stores.length === 0 ? (
            <Text className="state-text">{t('home.emptyStores')}</Text>
          ) : (
            state.home.stores.map((store) => <StoreItem key={store.id} store={store} onClick={openStores} />)
          )}
        </View>
      )}
    </View>
  )
}
