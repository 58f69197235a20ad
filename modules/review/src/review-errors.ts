import { defineErrors } from '@linkmall/kernel';

export const reviewErrors = defineErrors({
  review_not_found: { status: 404, 'zh-CN': '评价不存在', en: 'The review does not exist' },
  review_line_not_in_order: { status: 422, 'zh-CN': '订单中没有该商品行', en: 'This line is not part of the order' },
  review_not_received: { status: 409, 'zh-CN': '确认收货后才能评价', en: 'You can review once you have received the parcel' },
  review_exists: { status: 409, 'zh-CN': '该商品已评价过', en: 'This item has already been reviewed' },
  review_duplicate_line: { status: 422, 'zh-CN': '同一商品行只能评价一次', en: 'Each line may appear only once' },
  review_already_replied: { status: 409, 'zh-CN': '该评价已回复过', en: 'This review already has a reply' },
  review_reply_forbidden: { status: 403, 'zh-CN': '只有售出该商品的商户或供应商可以回复评价', en: 'Only the merchant or supplier who sold the item may reply' },
  review_already_hidden: { status: 409, 'zh-CN': '该评价已被隐藏', en: 'This review is already hidden' },
});
export type ReviewErrorCode = keyof typeof reviewErrors;
