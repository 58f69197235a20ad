import { defineErrors } from '@linkmall/kernel';

export const replenishmentErrors = defineErrors({
  replenishment_sku_not_found: { status: 404, 'zh-CN': 'SKU 不存在或不在您的供应商范围内', en: 'The SKU does not exist or is outside your supplier scope' },
  replenishment_supplier_not_found: { status: 404, 'zh-CN': '供应商不存在或不在您的数据范围内', en: 'The supplier does not exist or is outside your data scope' },
});
export type ReplenishmentErrorCode = keyof typeof replenishmentErrors;
