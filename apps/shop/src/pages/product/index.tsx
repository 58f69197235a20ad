import { useMemo, useState } from 'react'
import { Image, RichText, Swiper, SwiperItem, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad } from '@tarojs/taro'
import { assetUrl, shopApi } from '../../api'
import type { FlashSale, GroupBuyActivity, ProductDetail, ProductReviews, ProductSku } from '../../api-types'
import { addToCart, cartCount, clampQuantity, loadCart, saveCheckoutDraft, type CartLine } from '../../cart'
import { placeholderColor } from '../../components/product-card'
import { QuantityStepper } from '../../components/quantity-stepper'
import { applyChromeTexts, useI18n } from '../../i18n'
import { formatFen } from '../../money'
import { skusInStorefront } from '../../storefront-items'
import { ReviewItem } from '../../components/review-item'
import { checkoutWithPromotion } from '../../promotion-checkout'
import { formatCountdown } from '../../promotions'
import { useNow } from '../../use-now'
import { growthApi, type GrowthLevel } from '../../growth-api'
import './index.css'

/** The storefront a product is bought through; absent when bought from the catalog. */
interface Shop {
  merchantId: string
  name: string | null
}

type ProductState =
  | { status: 'loading' }
  | { status: 'error' }
  | { status: 'notInStore'; shop: Shop }
  | { status: 'ready'; product: ProductDetail; shop?: Shop }

/** Spec dimensions in first-seen order, each with its values in first-seen order. */
function specDimensions(skus: readonly ProductSku[]): { name: string; values: string[] }[] {
  const dimensions: { name: string; values: string[] }[] = []
  for (const sku of skus) {
    for (const spec of sku.specs) {
      let dimension = dimensions.find((candidate) => candidate.name === spec.name)
      if (dimension === undefined) {
        dimension = { name: spec.name, values: [] }
        dimensions.push(dimension)
      }
      if (!dimension.values.includes(spec.value)) dimension.values.push(spec.value)
    }
  }
  return dimensions
}

function matches(sku: ProductSku, selection: Record<string, string>): boolean {
  return Object.entries(selection).every(([name, value]) => sku.specs.some((spec) => spec.name === name && spec.value === value))
}

function specsText(sku: ProductSku): string {
  return sku.specs.map((spec) => `${spec.name}: ${spec.value}`).join('; ')
}

export default function ProductPage() {
  const { locale, t } = useI18n()
  const [state, setState] = useState<ProductState>({ status: 'loading' })
  const [selection, setSelection] = useState<Record<string, string>>({})
  const [quantity, setQuantity] = useState(1)
  const [inCart, setInCart] = useState(0)
  const [flashSales, setFlashSales] = useState<FlashSale[]>([])
  const [groupBuys, setGroupBuys] = useState<GroupBuyActivity[]>([])
  const [reviews, setReviews] = useState<ProductReviews | undefined>()
  // 爆品专享: the lowest level that may buy a hot product (null: none yet; undefined: not loaded).
  const [hotLevel, setHotLevel] = useState<GrowthLevel | null | undefined>()
  const now = useNow()

  /** Promotions and reviews are extras: the page works without them, so failures stay silent. */
  function loadExtras(productId: string, throughStorefront: boolean, hotProduct: boolean): void {
    shopApi.productReviews(productId, 1, 2).then(setReviews, () => undefined)
    if (hotProduct) growthApi.levels().then(({ items }) => setHotLevel(items.find((level) => level.hotProductAccess) ?? null), () => undefined)
    // Platform flash sales and group buys are priced on the catalog, not on a storefront's prices.
    if (throughStorefront) return
    shopApi.flashSalesQuiet().then(({ items }) => setFlashSales(items), () => undefined)
    shopApi.groupBuysQuiet(productId).then(({ items }) => setGroupBuys(items), () => undefined)
  }

  useLoad((params: Record<string, string | undefined>) => {
    const id = params.id
    if (id === undefined || id === '') {
      setState({ status: 'error' })
      return
    }
    const merchantId = params.merchantId === undefined || params.merchantId === '' ? undefined : decodeURIComponent(params.merchantId)
    // The storefront page passes the name it showed, which covers a storefront not named yet.
    const shopHint = params.shop === undefined || params.shop === '' ? null : decodeURIComponent(params.shop)
    Promise.all([shopApi.product(decodeURIComponent(id)), merchantId === undefined ? undefined : shopApi.storefront(merchantId)])
      .then(([catalogProduct, storefront]) => {
        let product = catalogProduct
        let shop: Shop | undefined
        if (storefront !== undefined) {
          // Through a storefront only its SKUs, at its prices, can be bought.
          shop = { merchantId: storefront.merchantId, name: storefront.name ?? shopHint }
          product = { ...catalogProduct, skus: skusInStorefront(catalogProduct.skus, storefront.items) }
          if (product.skus.length === 0) {
            setState({ status: 'notInStore', shop })
            return
          }
        }
        setState({ status: 'ready', product, ...(shop !== undefined ? { shop } : {}) })
        loadExtras(product.id, shop !== undefined, product.hotProduct === true)
        // Preselect the first SKU that can be bought.
        const first = product.skus.find((sku) => sku.stock > 0) ?? product.skus[0]
        if (first !== undefined) setSelection(Object.fromEntries(first.specs.map((spec) => [spec.name, spec.value])))
      })
      .catch(() => setState({ status: 'error' }))
  })

  useDidShow(() => {
    applyChromeTexts(locale, 'product.title')
    setInCart(cartCount(loadCart()))
  })

  const product = state.status === 'ready' ? state.product : undefined
  const shop = state.status === 'ready' ? state.shop : undefined
  const dimensions = useMemo(() => (product === undefined ? [] : specDimensions(product.skus)), [product])
  const chosenSku =
    product !== undefined && dimensions.every((dimension) => selection[dimension.name] !== undefined)
      ? product.skus.find((sku) => matches(sku, selection))
      : undefined
  const available = chosenSku !== undefined && chosenSku.stock > 0
  const maxQuantity = chosenSku === undefined ? 1 : clampQuantity(chosenSku.stock, chosenSku.stock)

  function choose(name: string, value: string, enabled: boolean): void {
    if (!enabled) return
    const next = { ...selection, [name]: value }
    setSelection(next)
    const sku = product?.skus.find((candidate) => matches(candidate, next))
    if (sku !== undefined) setQuantity((current) => clampQuantity(current, Math.max(1, sku.stock)))
  }

  function cartLine(): Omit<CartLine, 'selected'> | undefined {
    if (product === undefined || chosenSku === undefined || !available) {
      void Taro.showToast({ title: t(chosenSku === undefined ? 'product.chooseFirst' : 'product.soldOut'), icon: 'none' })
      return undefined
    }
    return {
      skuId: chosenSku.id,
      productId: product.id,
      title: product.title,
      specsText: specsText(chosenSku),
      priceFen: chosenSku.priceFen,
      quantity: clampQuantity(quantity, chosenSku.stock),
      stock: chosenSku.stock,
      ...(shop !== undefined ? { merchantId: shop.merchantId } : {}),
      ...(shop?.name !== undefined && shop.name !== null ? { merchantName: shop.name } : {}),
    }
  }

  function openShop(merchantId: string): void {
    void Taro.navigateTo({ url: `/pages/storefront/index?merchantId=${encodeURIComponent(merchantId)}` })
  }

  function onAddToCart(): void {
    const line = cartLine()
    if (line === undefined) return
    setInCart(cartCount(addToCart(line)))
    void Taro.showToast({ title: t('product.added'), icon: 'success', duration: 1200 })
  }

  function onBuyNow(): void {
    const line = cartLine()
    if (line === undefined) return
    saveCheckoutDraft({
      source: 'buyNow',
      lines: [{ ...line, selected: true }],
      ...(line.merchantId !== undefined ? { merchantId: line.merchantId } : {}),
      ...(line.merchantName !== undefined ? { merchantName: line.merchantName } : {}),
    })
    void Taro.navigateTo({ url: '/pages/checkout/index' })
  }

  if (state.status === 'notInStore') {
    const { merchantId } = state.shop
    return (
      <View className="page-root product-page--missing">
        <Text className="state-text" id="product-state">
          {t('product.notInStore')}
        </Text>
        <View className="pill pill--ghost product-missing__shop" onClick={() => openShop(merchantId)}>
          {t('product.visitStore')}
        </View>
      </View>
    )
  }

  if (state.status !== 'ready') {
    return (
      <View className="page-root">
        <Text className="state-text" id="product-state">
          {state.status === 'loading' ? t('common.loading') : t('product.notFound')}
        </Text>
      </View>
    )
  }

  const { product: item } = state
  const lowestPrice = Math.min(...item.skus.map((sku) => sku.priceFen))
  // The running flash-sale offer for the chosen SKU (or, before a choice, for any SKU of the product).
  const flashOffer = flashSales
    .filter((sale) => sale.merchantId === null && Date.parse(sale.startsAt) <= now && Date.parse(sale.endsAt) > now)
    .flatMap((sale) => sale.items.filter((entry) => entry.productId === item.id && entry.remaining > 0).map((entry) => ({ sale, entry })))
    .find(({ entry }) => chosenSku === undefined || entry.skuId === chosenSku.id)
  const groupOffer = groupBuys.find((activity) => activity.productId === item.id && activity.merchantId === null)

  return (
    <View className="page-root product-page with-action-bar" data-product-id={item.id}>
      {item.imageUrls.length > 0 ? (
        <Swiper className="product-gallery" indicatorDots={item.imageUrls.length > 1} circular>
          {item.imageUrls.map((url) => (
            <SwiperItem key={url}>
              <Image className="product-gallery__image" src={assetUrl(url)} mode="aspectFill" />
            </SwiperItem>
          ))}
        </Swiper>
      ) : (
        <View className="product-gallery product-gallery--placeholder" style={{ backgroundColor: placeholderColor(item.id) }}>
          <Text className="product-gallery__letter">{item.title.slice(0, 1)}</Text>
        </View>
      )}

      <View className="card product-summary">
        {flashOffer !== undefined && (
          <View className="product-flash" id="product-flash" data-flash-sale-id={flashOffer.sale.id}>
            <View>
              <Text className="product-flash__label">{t('product.flashPrice')}</Text>
              <Text className="product-flash__price" id="product-flash-price">
                {formatFen(flashOffer.entry.flashPriceFen)}
              </Text>
            </View>
            <Text className="product-flash__clock">
              {t('product.flashEndsIn', { time: formatCountdown(Date.parse(flashOffer.sale.endsAt) - now, locale) })}
            </Text>
          </View>
        )}
        <Text className={`price product-summary__price${flashOffer !== undefined ? ' product-summary__price--struck' : ''}`} id="product-price">
          {formatFen(chosenSku?.priceFen ?? lowestPrice)}
        </Text>
        <Text className="product-summary__title" id="product-title">
          {item.title}
        </Text>
        {item.subtitle !== '' && <Text className="product-summary__subtitle">{item.subtitle}</Text>}
        {item.hotProduct === true && (
          <View className="product-hot" id="product-hot">
            <Text className="tag product-hot__badge">{t('growth.hotBadge')}</Text>
            {hotLevel !== undefined && (
              <Text className="product-hot__level" id="product-hot-level">
                {hotLevel === null ? t('growth.hotNoLevel') : t('growth.hotLevel', { level: locale === 'en' ? hotLevel.nameEn : hotLevel.nameZh })}
              </Text>
            )}
          </View>
        )}
        {item.origin !== null && item.origin !== '' && (
          <Text className="muted product-summary__origin" id="product-origin">
            {t('product.origin')}: {item.origin}
          </Text>
        )}
      </View>

      {shop !== undefined && (
        <View className="card product-shop" id="product-shop" data-merchant-id={shop.merchantId} onClick={() => openShop(shop.merchantId)}>
          <Text className="tag product-shop__label">{t('product.storeLabel')}</Text>
          <Text className="product-shop__name" id="product-shop-name">
            {shop.name ?? t('storefront.unnamed')}
          </Text>
          <Text className="product-shop__visit">{t('product.visitStore')} ›</Text>
        </View>
      )}

      <View className="card" id="product-skus">
        {dimensions.map((dimension) => (
          <View key={dimension.name} className="sku-dimension">
            <Text className="sku-dimension__name">{dimension.name}</Text>
            <View className="sku-dimension__options">
              {dimension.values.map((value) => {
                const candidate = { ...selection, [dimension.name]: value }
                const enabled = item.skus.some((sku) => sku.stock > 0 && matches(sku, candidate))
                const active = selection[dimension.name] === value
                const classes = ['sku-option', active ? 'sku-option--active' : '', enabled ? '' : 'sku-option--disabled']
                return (
                  <View
                    key={value}
                    className={classes.filter((name) => name !== '').join(' ')}
                    data-value={value}
                    data-disabled={enabled ? undefined : 'true'}
                    onClick={() => choose(dimension.name, value, enabled)}
                  >
                    <Text>{value}</Text>
                    {!enabled && <Text className="sku-option__soldout">{t('product.soldOut')}</Text>}
                  </View>
                )
              })}
            </View>
          </View>
        ))}
        <View className="row product-quantity">
          <View>
            <Text>{t('product.quantity')}</Text>
            {chosenSku !== undefined && (
              <Text className="muted product-quantity__stock" id="product-stock">
                {chosenSku.stock > 0 ? t('product.stock', { n: chosenSku.stock }) : t('product.soldOut')}
              </Text>
            )}
          </View>
          <QuantityStepper value={quantity} max={maxQuantity} onChange={setQuantity} idPrefix="product-qty" />
        </View>
      </View>

      {groupOffer !== undefined && (
        <View
          className="card row product-group"
          id="product-group-buy"
          data-activity-id={groupOffer.id}
          onClick={() => void Taro.navigateTo({ url: `/pages/group-buy/index?productId=${encodeURIComponent(item.id)}` })}
        >
          <View>
            <Text className="tag">{t('product.groupBuyPrice', { n: groupOffer.groupSize })}</Text>
            <Text className="price product-group__price">{formatFen(groupOffer.groupPriceFen)}</Text>
          </View>
          <Text className="product-group__go">{t('product.groupBuyGo')} ›</Text>
        </View>
      )}

      <View className="card product-reviews" id="product-reviews">
        <View className="row">
          <Text className="card__title product-reviews__title">
            {t('product.reviews')}
            {reviews !== undefined && reviews.summary.count > 0 ? ` (${reviews.summary.count})` : ''}
          </Text>
          {reviews !== undefined && reviews.summary.averageRating !== null && (
            <Text className="price" id="product-rating">
              {t('product.ratingScore', { rating: reviews.summary.averageRating.toFixed(1) })}
            </Text>
          )}
        </View>
        {reviews === undefined || reviews.items.length === 0 ? (
          <Text className="muted">{t('product.reviewsNone')}</Text>
        ) : (
          <View>
            {reviews.items.map((review) => (
              <ReviewItem key={review.id} review={review} />
            ))}
            <Text
              className="product-reviews__more"
              id="product-reviews-more"
              onClick={() => void Taro.navigateTo({ url: `/pages/reviews/index?productId=${encodeURIComponent(item.id)}` })}
            >
              {t('product.reviewsMore')} ›
            </Text>
          </View>
        )}
      </View>

      {item.description !== '' && (
        <View className="card product-description">
          <RichText nodes={item.description} />
        </View>
      )}

      <View className="action-bar product-actions">
        <View className="product-actions__cart" id="product-cart" onClick={() => void Taro.switchTab({ url: '/pages/cart/index' })}>
          <Text className="product-actions__cart-label">{t('product.cartEntry')}</Text>
          {inCart > 0 && (
            <Text className="product-actions__badge" id="product-cart-count">
              {inCart > 99 ? '99+' : inCart}
            </Text>
          )}
        </View>
        <View
          id="product-add-to-cart"
          className={`pill pill--secondary product-actions__button${available ? '' : ' pill--disabled'}`}
          onClick={onAddToCart}
        >
          {t('product.addToCart')}
        </View>
        {flashOffer !== undefined ? (
          <View
            id="product-flash-buy"
            className="pill product-actions__button"
            onClick={() => checkoutWithPromotion(item, flashOffer.entry.skuId, flashOffer.entry.flashPriceFen, { kind: 'flashSale', flashSaleId: flashOffer.sale.id })}
          >
            {t('product.flashBuy')}
          </View>
        ) : (
          <View
            id="product-buy-now"
            className={`pill product-actions__button${available ? '' : ' pill--disabled'}`}
            onClick={onBuyNow}
          >
            {t('product.buyNow')}
          </View>
        )}
      </View>
    </View>
  )
}
