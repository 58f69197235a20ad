import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ShopListItem } from '../api-types'
import { formatFen } from '../money'
import { HotBadge } from './hot-badge'
import { ProductThumb } from './product-thumb'
import './product-row.css'

interface ProductRowProps {
  product: ShopListItem
  /** Found inside this storefront: the product page then sells at the storefront's prices. */
  merchantId?: string
  shopName?: string
}

/** One product of a search result or category list: picture, title, subtitle and lowest price. */
export function ProductRow({ product, merchantId, shopName }: ProductRowProps) {
  const url =
    `/pages/product/index?id=${encodeURIComponent(product.id)}` +
    (merchantId === undefined ? '' : `&merchantId=${encodeURIComponent(merchantId)}`) +
    (merchantId === undefined || shopName === undefined ? '' : `&shop=${encodeURIComponent(shopName)}`)
  return (
    <View className="product-row" data-product-id={product.id} onClick={() => void Taro.navigateTo({ url })}>
      <ProductThumb id={product.id} title={product.title} imageUrl={product.imageUrl ?? undefined} />
      <View className="product-row__body">
        <Text className="product-row__title">
          <HotBadge hot={product.hotProduct} />
          {product.title}
        </Text>
        {product.subtitle !== '' && <Text className="product-row__subtitle">{product.subtitle}</Text>}
        {product.origin !== null && product.origin !== '' && <Text className="product-row__origin">{product.origin}</Text>}
        <Text className="product-row__price">{formatFen(product.retailPriceFen)}</Text>
      </View>
    </View>
  )
}
