import { defineErrors } from '@linkmall/kernel';

/**
 * Expected failures of a payment provider. Notification codes are kept apart from call codes because
 * the notification route answers the provider (acknowledge) rather than a person.
 */
export const paymentErrors = defineErrors({
  payment_amount_invalid: {
    status: 422,
    'zh-CN': '支付金额必须为正整数（分）且在允许范围内',
    en: 'The payment amount must be a positive whole number of fen within the allowed range',
  },
  payment_payer_required: {
    status: 422,
    'zh-CN': '小程序支付需要付款人的 openid',
    en: 'A mini-program payment needs the payer’s openid',
  },
  payment_already_paid: { status: 409, 'zh-CN': '该支付单已支付', en: 'This payment has already been paid' },
  payment_not_found: { status: 404, 'zh-CN': '支付渠道中不存在该支付单', en: 'The payment provider has no such payment' },
  refund_amount_invalid: {
    status: 422,
    'zh-CN': '退款金额必须大于 0 且不超过原支付金额',
    en: 'The refund amount must be greater than 0 and at most the amount paid',
  },
  refund_failed: {
    status: 502,
    'zh-CN': '支付渠道未能受理退款，请在商户平台核查',
    en: 'The payment provider could not process the refund; check the merchant platform',
  },
  payment_provider_rejected: {
    status: 502,
    'zh-CN': '支付渠道拒绝了该请求',
    en: 'The payment provider rejected the request',
  },
  payment_provider_auth_failed: {
    status: 502,
    'zh-CN': '支付渠道拒绝了商户签名，请检查商户号、证书序列号和私钥配置',
    en: 'The payment provider rejected the merchant signature; check the merchant id, serial number and private key',
  },
  payment_provider_unavailable: {
    status: 503,
    'zh-CN': '支付渠道暂时不可用，请稍后再试',
    en: 'The payment provider is temporarily unavailable; try again later',
  },
  payment_response_invalid: {
    status: 502,
    'zh-CN': '支付渠道的应答签名无效、已过期或格式错误，已拒绝',
    en: 'The payment provider’s answer had an invalid or expired signature or an unexpected shape and was refused',
  },
  notification_signature_invalid: {
    status: 401,
    'zh-CN': '支付通知签名无效',
    en: 'The payment notification signature is invalid',
  },
  notification_serial_unknown: {
    status: 401,
    'zh-CN': '支付通知使用了未知的平台证书序列号',
    en: 'The payment notification was signed with an unknown platform serial number',
  },
  notification_timestamp_stale: {
    status: 401,
    'zh-CN': '支付通知时间戳超出允许范围（5 分钟）',
    en: 'The payment notification timestamp is outside the allowed 5-minute window',
  },
  notification_merchant_mismatch: {
    status: 401,
    'zh-CN': '支付通知的商户号或应用号与本商户不符',
    en: 'The payment notification is for another merchant or app id',
  },
  notification_decrypt_failed: {
    status: 400,
    'zh-CN': '支付通知内容无法解密',
    en: 'The payment notification content could not be decrypted',
  },
  notification_malformed: { status: 400, 'zh-CN': '支付通知格式错误', en: 'The payment notification is malformed' },
  notification_unsupported: {
    status: 400,
    'zh-CN': '不支持的支付通知类型',
    en: 'This kind of payment notification is not supported',
  },
});
export type PaymentErrorCode = keyof typeof paymentErrors;
