import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { assetUrl } from '../api'
import type { HomeProduct } from '../api-types'
import { formatFen } from '../money'
import { HotBadge } from './hot-badge'
import './product-card.css'

const PLACEHOLDER_COLORS = ['#f4a261', '#2a9d8f', '#e76f51', '#8ab17d', '#6d87c4', '#c77dba'] as const

/** A stable colour per product so the grid does not flicker between renders. */
export function placeholderColor(id: string): string {
  let hash = 0
  for (let index = 0; index < id.length; index += 1) hash = (hash * 31 + id.charCodeAt(index)) >>> 0
  return PLACEHOLDER_COLORS[hash % PLACEHOLDER_COLORS.length] ?? PLACEHOLDER_COLORS[0]
}

interface ProductCardProps {
  product: HomeProduct
  /** Opened from this merchant's storefront: the product page then sells at the merchant's prices. */
  merchantId?: string
  /** The storefront's name as shown there, for the product page's store bar. */
  shopName?: string
  /** Replaces the plain price, e.g. "¥59.00 起" for a range. */
  priceLabel?: string
  badge?: string
}

export function ProductCard({ product, merchantId, shopName, priceLabel, badge }: ProductCardProps) {
  const url =
    `/pages/product/index?id=${encodeURIComponent(product.id)}` +
    (merchantId === undefined ? '' : `&merchantId=${encodeURIComponent(merchantId)}`) +
    (merchantId === undefined || shopName === undefined ? '' : `&shop=${encodeURIComponent(shopName)}`)
  return (
    <View className="product-card" data-product-id={product.id} onClick={() => void Taro.navigateTo({ url })}>
      {badge !== undefined && <Text className="product-card__badge">{badge}</Text>}
      {product.imageUrl !== null && product.imageUrl !== '' ? (
        <Image className="product-card__image" src={assetUrl(product.imageUrl)} mode="aspectFill" lazyLoad />
      ) : (
        <View className="product-card__image product-card__placeholder" style={{ backgroundColor: placeholderColor(product.id) }}>
          <Text className="product-card__placeholder-text">{product.title.slice(0, 1)}</Text>
        </View>
      )}
      <View className="product-card__body">
        <Text className="product-card__title">
          <HotBadge hot={product.hotProduct} />
          {product.title}
        </Text>
        {product.subtitle !== null && product.subtitle !== '' && (
          <Text className="product-card__subtitle">{product.subtitle}</Text>
        )}
        <Text className="product-card__price">{priceLabel ?? formatFen(product.retailPriceFen)}</Text>
      </View>
    </View>
  )
}
