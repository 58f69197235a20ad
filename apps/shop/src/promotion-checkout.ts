import Taro from '@tarojs/taro'
import type { ProductDetail } from './api-types'
import { saveCheckoutDraft, type CheckoutPromotion } from './cart'

/** Product details for a set of promotion items, fetched once per product; missing ones are left out. */
export async function productsById(productIds: readonly string[], load: (id: string) => Promise<ProductDetail>): Promise<Map<string, ProductDetail>> {
  const unique = [...new Set(productIds)]
  const settled = await Promise.allSettled(unique.map((id) => load(id)))
  const products = new Map<string, ProductDetail>()
  settled.forEach((result, index) => {
    if (result.status === 'fulfilled') products.set(unique[index]!, result.value)
  })
  return products
}

/** "规格: 500ml" as the cart and checkout show it. */
export function skuSpecsText(product: ProductDetail, skuId: string): string {
  const sku = product.skus.find((candidate) => candidate.id === skuId)
  return sku === undefined ? '' : sku.specs.map((spec) => `${spec.name}: ${spec.value}`).join('; ')
}

/** The catalog price of a SKU (what the flash or group price is compared with). */
export function skuPriceFen(product: ProductDetail, skuId: string): number | undefined {
  return product.skus.find((candidate) => candidate.id === skuId)?.priceFen
}

/** Buy one of a SKU now under a promotion: the checkout page places it with the promotion attached. */
export function checkoutWithPromotion(product: ProductDetail, skuId: string, priceFen: number, promotion: CheckoutPromotion): void {
  const sku = product.skus.find((candidate) => candidate.id === skuId)
  saveCheckoutDraft({
    source: 'buyNow',
    lines: [
      {
        skuId,
        productId: product.id,
        title: product.title,
        specsText: skuSpecsText(product, skuId),
        priceFen,
        quantity: 1,
        selected: true,
        ...(sku !== undefined ? { stock: sku.stock } : {}),
      },
    ],
    promotion,
  })
  void Taro.navigateTo({ url: '/pages/checkout/index' })
}
