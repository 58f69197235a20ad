import { defineErrors } from '@linkmall/kernel';

export const storefrontErrors = defineErrors({
  price_outside_band: {
    status: 422,
    'zh-CN': '零售价须在 ¥{minRetailPrice} 至 ¥{maxRetailPrice} 之间（供应商设定的价格区间）',
    en: 'The retail price must be between ¥{minRetailPrice} and ¥{maxRetailPrice} (the supplier’s price band)',
  },
  storefront_item_not_found: { status: 404, 'zh-CN': '店铺中没有该商品规格', en: 'This SKU is not in the storefront' },
  merchant_required: { status: 403, 'zh-CN': '仅商户可以管理店铺', en: 'Only a merchant can manage a storefront' },
});
export type StorefrontErrorCode = keyof typeof storefrontErrors;
