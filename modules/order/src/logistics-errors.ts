import { defineErrors } from '@linkmall/kernel';

export const logisticsErrors = defineErrors({
  carrier_unknown: { status: 422, 'zh-CN': '不支持的快递公司编码：{carrierCode}', en: 'Unknown carrier code: {carrierCode}' },
  logistics_not_shipped: { status: 404, 'zh-CN': '该订单尚未发货，暂无物流信息', en: 'Nothing of this order has shipped yet' },
  logistics_provider_unavailable: { status: 502, 'zh-CN': '物流查询服务暂时不可用，请稍后再试', en: 'The tracking service is unavailable; try again later' },
  logistics_provider_rejected: { status: 502, 'zh-CN': '物流查询服务拒绝了请求（{providerCode}）', en: 'The tracking service refused the query ({providerCode})' },
  logistics_no_result: { status: 404, 'zh-CN': '暂未查到该运单的物流信息', en: 'The carrier has no tracking information for this number yet' },
  shipping_import_invalid: { status: 422, 'zh-CN': '发货文件有 {errorCount} 处错误，未发货任何订单', en: 'The shipping file has {errorCount} problem(s); nothing was shipped' },
  shipping_import_too_large: { status: 413, 'zh-CN': '发货文件过大：最多 {maxRows} 行', en: 'The shipping file is too large: at most {maxRows} rows' },
});
export type LogisticsErrorCode = keyof typeof logisticsErrors;
