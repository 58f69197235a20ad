import { defineErrors } from '@linkmall/kernel';

export const orderErrors = defineErrors({
  order_not_found: { status: 404, 'zh-CN': '订单不存在', en: 'The order does not exist' },
  shipping_held: { status: 409, 'zh-CN': '拼团尚未成团，暂不能发货', en: 'This group-buy order cannot ship until its group succeeds' },
  invalid_order_transition: { status: 409, 'zh-CN': '订单当前状态不允许此操作', en: 'The order’s current status does not allow this' },
  out_of_stock: { status: 409, 'zh-CN': '商品库存不足，请减少数量或稍后再试', en: 'Not enough stock; reduce the quantity or try later' },
  sku_not_available: { status: 422, 'zh-CN': '商品已下架或不存在', en: 'The product is no longer on sale or does not exist' },
  duplicate_cart_line: { status: 422, 'zh-CN': '同一规格请合并为一行', en: 'List each SKU only once' },
  pickup_store_not_found: { status: 422, 'zh-CN': '自提门店不存在或已关闭', en: 'The pickup store does not exist or is closed' },
  after_sales_window_closed: { status: 409, 'zh-CN': '已超过售后期限', en: 'The after-sales window has closed' },
  after_sales_quantity_invalid: { status: 422, 'zh-CN': '售后数量不正确或超过可退数量', en: 'The after-sales quantity is invalid or more than can be refunded' },
  after_sales_already_open: { status: 409, 'zh-CN': '该包裹已有处理中的售后申请', en: 'This parcel already has an open after-sales request' },
  after_sales_not_found: { status: 404, 'zh-CN': '售后申请不存在', en: 'The after-sales request does not exist' },
  after_sales_already_decided: { status: 409, 'zh-CN': '该售后申请已处理', en: 'This after-sales request was already decided' },
  pickup_code_invalid: { status: 404, 'zh-CN': '提货码无效，或订单已提货', en: 'The pickup code is invalid or the order was already collected' },
  refund_not_submitted: { status: 502, 'zh-CN': '退款未能提交到支付渠道，请稍后重试', en: 'The refund could not be submitted to the payment provider; try again later' },
});
export type OrderErrorCode = keyof typeof orderErrors;
