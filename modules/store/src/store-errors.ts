import { defineErrors } from '@linkmall/kernel';

export const storeErrors = defineErrors({
  store_not_found: { status: 404, 'zh-CN': '门店不存在', en: 'The store does not exist' },
});
export type StoreErrorCode = keyof typeof storeErrors;
