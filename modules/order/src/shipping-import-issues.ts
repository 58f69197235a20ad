import { interpolate, type Locale, type Localized } from '@linkmall/kernel';

/** Problems of one shipping file, each with its message in both languages. */
export const SHIPPING_IMPORT_ISSUES = {
  no_rows: { 'zh-CN': '没有可发货的数据行', en: 'There are no rows to ship' },
  unterminated_quote: { 'zh-CN': '引号未闭合（第 {line} 行开始）', en: 'A quoted field is not closed (starting on line {line})' },
  text_after_quote: { 'zh-CN': '右引号后还有多余字符', en: 'Unexpected text after a closing quote' },
  missing_column: { 'zh-CN': '缺少必填列 {column}', en: 'The required column {column} is missing' },
  unknown_column: { 'zh-CN': '无法识别的列 {column}', en: 'Unknown column {column}' },
  duplicate_column: { 'zh-CN': '列 {column} 出现了两次', en: 'The column {column} appears twice' },
  extra_fields: { 'zh-CN': '该行有 {count} 个字段，多于表头的 {expected} 列', en: 'This row has {count} fields, more than the {expected} header columns' },
  required: { 'zh-CN': '必填', en: 'Required' },
  invalid_sub_order_id: { 'zh-CN': '子订单号格式不正确（应形如 sub_01jd…）', en: 'Not a sub-order id (they look like sub_01jd…)' },
  carrier_unknown: { 'zh-CN': '不支持的快递公司“{carrier}”，请使用快递公司列表中的编码', en: 'Unknown carrier "{carrier}"; use a code from the carrier list' },
  invalid_tracking_number: { 'zh-CN': '运单号须为 6–40 位字母、数字或连字符', en: 'Tracking numbers have 6–40 letters, digits or hyphens' },
  duplicate_sub_order: { 'zh-CN': '该子订单已在第 {firstLine} 行出现', en: 'This sub-order is already on line {firstLine}' },
  sub_order_not_found: { 'zh-CN': '子订单不存在，或不属于您', en: 'The sub-order does not exist or is not yours' },
  already_shipped: { 'zh-CN': '该子订单已发货（{carrier} {trackingNumber}）', en: 'This sub-order has already shipped ({carrier} {trackingNumber})' },
  not_shippable: { 'zh-CN': '子订单状态为“{status}”，只有已付款的子订单可以发货', en: 'The sub-order is {status}; only paid sub-orders can ship' },
} as const satisfies Record<string, Localized>;

export type ShippingImportIssueCode = keyof typeof SHIPPING_IMPORT_ISSUES;

export interface ShippingImportIssue {
  /** The file line the row starts on: 1 is the header, 2 the first data row (spreadsheet row numbers). */
  readonly line: number;
  readonly column: string | null;
  readonly code: ShippingImportIssueCode;
  readonly params?: Readonly<Record<string, string | number>>;
}

export function describeShippingIssue(issue: ShippingImportIssue, locale: Locale) {
  return { line: issue.line, column: issue.column, code: issue.code, message: interpolate(SHIPPING_IMPORT_ISSUES[issue.code][locale], issue.params ?? {}) };
}
