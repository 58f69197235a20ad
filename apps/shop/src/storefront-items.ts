import type { ProductSku, StorefrontItem } from './api-types'

/** A product as a storefront lists it: its SKUs there collapsed into one card with a price range. */
export interface StorefrontProduct {
  productId: string
  title: string
  minPriceFen: number
  maxPriceFen: number
  featured: boolean
  skuCount: number
}

/**
 * Groups the storefront's SKUs by product, keeping the storefront's own order (featured first),
 * so a product picked in three sizes shows once with its lowest price.
 */
export function storefrontProducts(items: readonly StorefrontItem[]): StorefrontProduct[] {
  const products = new Map<string, StorefrontProduct>()
  for (const item of items) {
    const priceFen = Number(item.retailPriceFen)
    const known = products.get(item.productId)
    if (known === undefined) {
      products.set(item.productId, {
        productId: item.productId,
        title: item.title,
        minPriceFen: priceFen,
        maxPriceFen: priceFen,
        featured: item.featured,
        skuCount: 1,
      })
    } else {
      known.minPriceFen = Math.min(known.minPriceFen, priceFen)
      known.maxPriceFen = Math.max(known.maxPriceFen, priceFen)
      known.featured = known.featured || item.featured
      known.skuCount += 1
    }
  }
  return [...products.values()]
}

/**
 * A product's SKUs as sold through a storefront: only those the merchant picked, each at the
 * merchant's price, because checkout through the storefront refuses any other SKU.
 */
export function skusInStorefront(skus: readonly ProductSku[], items: readonly StorefrontItem[]): ProductSku[] {
  const prices = new Map(items.map((item) => [item.skuId, Number(item.retailPriceFen)]))
  return skus.filter((sku) => prices.has(sku.id)).map((sku) => ({ ...sku, priceFen: prices.get(sku.id) ?? sku.priceFen }))
}

/** Where cart lines were bought: the catalog (no merchant) or one merchant's storefront. */
export interface LineShop {
  merchantId?: string
  merchantName?: string
}

/**
 * The one shop the lines come from, or 'mixed': one order is priced by one storefront, so lines
 * from different storefronts (or the catalog) are checked out separately.
 */
export function shopOfLines(lines: readonly LineShop[]): LineShop | 'mixed' {
  const ids = new Set(lines.map((line) => line.merchantId ?? ''))
  if (ids.size > 1) return 'mixed'
  const first = lines[0]
  if (first?.merchantId === undefined) return {}
  return first.merchantName === undefined ? { merchantId: first.merchantId } : { merchantId: first.merchantId, merchantName: first.merchantName }
}
