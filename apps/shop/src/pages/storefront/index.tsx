import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad, usePullDownRefresh } from '@tarojs/taro'
import { assetUrl, shopApi } from '../../api'
import type { StorefrontView } from '../../api-types'
import { placeholderColor, ProductCard } from '../../components/product-card'
import { SearchEntry } from '../../components/search-entry'
import { applyChromeTexts, useI18n } from '../../i18n'
import { formatFen } from '../../money'
import { rememberShop } from '../../recent-shops'
import { storefrontProducts } from '../../storefront-items'
import './index.css'

type StorefrontState =
  | { status: 'loading' }
  | { status: 'error' }
  | { status: 'ready'; storefront: StorefrontView; images: Map<string, string | null> }

export default function StorefrontPage() {
  const { locale, t } = useI18n()
  const [merchantId, setMerchantId] = useState<string | undefined>()
  // The store the shopper came from names the shop until the merchant has named its storefront.
  const [nameHint, setNameHint] = useState<string | undefined>()
  const [state, setState] = useState<StorefrontState>({ status: 'loading' })

  async function load(id: string, hint: string | undefined): Promise<void> {
    try {
      // Storefront items carry no pictures; the home feed has one per product on sale.
      const [storefront, home] = await Promise.all([shopApi.storefront(id), shopApi.home().catch(() => undefined)])
      const images = new Map((home?.products ?? []).map((product) => [product.id, product.imageUrl]))
      setState({ status: 'ready', storefront, images })
      const name = storefront.name ?? hint
      if (name !== undefined && name !== '') {
        rememberShop({ merchantId: id, name })
        void Taro.setNavigationBarTitle({ title: name }).catch(() => undefined)
      }
    } catch {
      setState((previous) => (previous.status === 'ready' ? previous : { status: 'error' }))
    }
  }

  useLoad((params: Record<string, string | undefined>) => {
    const id = params.merchantId === undefined ? '' : decodeURIComponent(params.merchantId)
    const hint = params.from === undefined || params.from === '' ? undefined : decodeURIComponent(params.from)
    setMerchantId(id)
    setNameHint(hint)
    if (id === '') setState({ status: 'error' })
    else void load(id, hint)
  })
  useDidShow(() => {
    applyChromeTexts(locale, 'storefront.title')
    if (state.status === 'ready') {
      const name = state.storefront.name ?? nameHint
      if (name !== undefined) void Taro.setNavigationBarTitle({ title: name }).catch(() => undefined)
    }
  })
  usePullDownRefresh(() => {
    const refresh = merchantId === undefined || merchantId === '' ? Promise.resolve() : load(merchantId, nameHint)
    void refresh.finally(() => Taro.stopPullDownRefresh())
  })

  if (state.status !== 'ready') {
    return (
      <View className="page-root">
        <Text className="state-text" id="storefront-state">
          {state.status === 'loading' ? t('common.loading') : t('storefront.loadFailed')}
        </Text>
      </View>
    )
  }

  const { storefront, images } = state
  const name = storefront.name ?? nameHint ?? t('storefront.unnamed')
  const products = storefrontProducts(storefront.items)
  const banner = storefront.bannerUrls?.[0] ?? storefront.bannerUrl ?? null
  const categories = (storefront.categories ?? [])
    .map((category) => (typeof category === 'string' ? category : category.name))
    .filter((category) => typeof category === 'string' && category !== '')
  const intro = storefront.intro ?? ''

  return (
    <View className="page-root storefront-page" data-merchant-id={storefront.merchantId}>
      <View className="storefront-header">
        {banner !== null && banner !== '' && <Image className="storefront-header__banner" src={assetUrl(banner)} mode="aspectFill" />}
        <View className="storefront-header__body">
          {storefront.logoUrl !== null && storefront.logoUrl !== '' ? (
            <Image className="storefront-header__logo" src={assetUrl(storefront.logoUrl)} mode="aspectFill" />
          ) : (
            <View className="storefront-header__logo storefront-header__logo--letter" style={{ backgroundColor: placeholderColor(storefront.merchantId) }}>
              <Text className="storefront-header__letter">{name.slice(0, 1)}</Text>
            </View>
          )}
          <View className="storefront-header__info">
            <Text className="storefront-header__name" id="storefront-name">
              {name}
            </Text>
            <Text className="storefront-header__count" id="storefront-count">
              {t('storefront.count', { n: products.length })}
            </Text>
          </View>
        </View>
        {intro !== '' && (
          <Text className="storefront-header__intro" id="storefront-intro">
            {intro}
          </Text>
        )}
        {categories.length > 0 && (
          <View className="storefront-header__categories" id="storefront-categories">
            <Text className="storefront-header__label">{t('storefront.categories')}</Text>
            {categories.map((category) => (
              <Text key={category} className="storefront-header__category">
                {category}
              </Text>
            ))}
          </View>
        )}
        <View className="storefront-header__search">
          <SearchEntry
            id="storefront-search"
            placeholder={t('search.placeholderShop')}
            merchantId={storefront.merchantId}
            shopName={name}
            tone="light"
          />
        </View>
      </View>

      <Text className="section-title">{t('storefront.products')}</Text>
      {products.length === 0 ? (
        <Text className="state-text" id="storefront-empty">
          {t('storefront.empty')}
        </Text>
      ) : (
        <View className="product-grid" id="storefront-products">
          {products.map((product) => (
            <ProductCard
              key={product.productId}
              merchantId={storefront.merchantId}
              shopName={name}
              product={{
                id: product.productId,
                title: product.title,
                subtitle: null,
                imageUrl: images.get(product.productId) ?? null,
                category: null,
                retailPriceFen: product.minPriceFen,
              }}
              priceLabel={
                product.minPriceFen === product.maxPriceFen
                  ? formatFen(product.minPriceFen)
                  : t('storefront.priceFrom', { price: formatFen(product.minPriceFen) })
              }
              badge={product.featured ? t('storefront.featured') : undefined}
            />
          ))}
        </View>
      )}
    </View>
  )
}
