import { defineErrors } from '@linkmall/kernel';

export const storefrontErrors = defineErrors({
  price_outside_band: {
    status: 422,
    'zh-CN': '零售价须在 ¥{minRetailPrice} 至 ¥{maxRetailPrice} 之间（供应商设定的价格区间）',
    en: 'The retail price must be between ¥{minRetailPrice} and ¥{maxRetailPrice} (the supplier’s price band)',
  },
  price_fixed_by_platform: {
    status: 422,
    'zh-CN': '平台已为该商品规格固定零售价 ¥{fixedRetailPrice}，不能设置其他价格',
    en: 'The platform fixed the retail price of this SKU at ¥{fixedRetailPrice}; no other price can be set',
  },
  storefront_item_not_found: { status: 404, 'zh-CN': '店铺中没有该商品规格', en: 'This SKU is not in the storefront' },
  merchant_required: { status: 403, 'zh-CN': '仅商户可以管理店铺', en: 'Only a merchant can manage a storefront' },
  storefront_products_not_sold: {
    status: 422,
    'zh-CN': '以下商品不在本店铺的在售商品中，不能用于推荐或店铺分类：{productIds}',
    en: 'These products are not sold in this storefront, so they cannot be featured or grouped: {productIds}',
  },
  storefront_category_name_duplicate: {
    status: 422,
    'zh-CN': '店铺分类名称“{name}”重复',
    en: 'The storefront category name “{name}” appears twice',
  },
  storefront_not_found: { status: 404, 'zh-CN': '店铺不存在', en: 'The storefront does not exist' },
});
export type StorefrontErrorCode = keyof typeof storefrontErrors;
