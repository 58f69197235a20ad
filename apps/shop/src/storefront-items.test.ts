import { describe, expect, it } from 'vitest'
import type { ProductSku, StorefrontItem } from './api-types'
import { shopOfLines, skusInStorefront, storefrontProducts } from './storefront-items'

function item(overrides: Partial<StorefrontItem> & Pick<StorefrontItem, 'skuId' | 'productId'>): StorefrontItem {
  return { retailPriceFen: 1000, featured: false, position: 0, title: 'T', specs: '', ...overrides }
}

describe('storefrontProducts', () => {
  it('collapses SKUs of one product into one card with its price range, keeping the storefront order', () => {
    const products = storefrontProducts([
      item({ skuId: 'sku_a1', productId: 'prd_a', retailPriceFen: 5900, featured: true, title: '洗发露' }),
      item({ skuId: 'sku_b1', productId: 'prd_b', retailPriceFen: 19800, title: '龙井' }),
      item({ skuId: 'sku_a2', productId: 'prd_a', retailPriceFen: 4900, title: '洗发露' }),
    ])
    expect(products).toEqual([
      { productId: 'prd_a', title: '洗发露', minPriceFen: 4900, maxPriceFen: 5900, featured: true, skuCount: 2 },
      { productId: 'prd_b', title: '龙井', minPriceFen: 19800, maxPriceFen: 19800, featured: false, skuCount: 1 },
    ])
  })

  it('is empty for an empty storefront', () => {
    expect(storefrontProducts([])).toEqual([])
  })
})

describe('skusInStorefront', () => {
  const skus: ProductSku[] = [
    { id: 'sku_1', specs: [{ name: '规格', value: '250g' }], priceFen: 19800, stock: 5 },
    { id: 'sku_2', specs: [{ name: '规格', value: '500g' }], priceFen: 36800, stock: 0 },
  ]

  it('keeps only the SKUs the merchant sells, at the merchant’s price', () => {
    expect(skusInStorefront(skus, [item({ skuId: 'sku_2', productId: 'prd', retailPriceFen: 35000 })])).toEqual([
      { id: 'sku_2', specs: [{ name: '规格', value: '500g' }], priceFen: 35000, stock: 0 },
    ])
  })

  it('is empty when the storefront does not sell the product', () => {
    expect(skusInStorefront(skus, [item({ skuId: 'sku_other', productId: 'prd_other' })])).toEqual([])
  })
})

describe('shopOfLines', () => {
  it('names the one storefront all lines come from', () => {
    expect(shopOfLines([{ merchantId: 'org_1', merchantName: '悦享' }, { merchantId: 'org_1' }])).toEqual({ merchantId: 'org_1', merchantName: '悦享' })
  })

  it('is the catalog (no merchant) when no line came from a storefront', () => {
    expect(shopOfLines([{}, {}])).toEqual({})
  })

  it('refuses lines from different storefronts, or a storefront and the catalog', () => {
    expect(shopOfLines([{ merchantId: 'org_1' }, { merchantId: 'org_2' }])).toBe('mixed')
    expect(shopOfLines([{ merchantId: 'org_1' }, {}])).toBe('mixed')
  })
})
