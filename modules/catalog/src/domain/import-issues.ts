import { interpolate, type Locale, type Localized } from '@linkmall/kernel';

/** Row-level problems of a bulk import, each with a message in both languages. */
export const IMPORT_ISSUES = {
  no_rows: { 'zh-CN': '没有可导入的数据行', en: 'There are no rows to import' },
  binary_content: {
    'zh-CN': '文件内容不是文本（{kind}），请另存为 UTF-8 编码的 CSV 或 JSON 后再导入',
    en: 'The file is not text ({kind}); save it as UTF-8 CSV or JSON and import again',
  },
  invalid_json: { 'zh-CN': '不是有效的 JSON：{reason}', en: 'Not valid JSON: {reason}' },
  not_an_array: { 'zh-CN': 'JSON 须为对象数组', en: 'The JSON must be an array of objects' },
  not_an_object: { 'zh-CN': '该行须为 JSON 对象', en: 'This row must be a JSON object' },
  unterminated_quote: { 'zh-CN': '引号未闭合（第 {line} 行开始）', en: 'A quoted field is not closed (starting on line {line})' },
  text_after_quote: { 'zh-CN': '右引号后还有多余字符（第 {line} 行）', en: 'Unexpected text after a closing quote (line {line})' },
  extra_fields: { 'zh-CN': '该行有 {count} 个字段，多于表头的 {expected} 列', en: 'This row has {count} fields, more than the {expected} header columns' },
  missing_column: { 'zh-CN': '缺少必填列 {column}', en: 'The required column {column} is missing' },
  unknown_column: { 'zh-CN': '无法识别的列 {column}', en: 'Unknown column {column}' },
  duplicate_column: { 'zh-CN': '列 {column} 出现了两次', en: 'The column {column} appears twice' },
  required: { 'zh-CN': '必填', en: 'Required' },
  too_long: { 'zh-CN': '不能超过 {max} 个字符', en: 'At most {max} characters' },
  not_text: { 'zh-CN': '须为文本', en: 'Must be text' },
  invalid_code: {
    'zh-CN': '编码只能包含字母、数字、点、下划线和连字符，以字母或数字开头，最长 64 位',
    en: 'Codes use letters, digits, dots, underscores and hyphens, start with a letter or digit, and have at most 64 characters',
  },
  invalid_fen: { 'zh-CN': '须为以分为单位的非负整数（如 19.90 元写作 1990）', en: 'Must be a whole number of fen, 0 or more (¥19.90 is 1990)' },
  invalid_count: { 'zh-CN': '须为 0 到 {max} 之间的整数', en: 'Must be a whole number from 0 to {max}' },
  invalid_url: { 'zh-CN': '须为 http:// 或 https:// 开头的链接', en: 'Must be an http:// or https:// link' },
  too_many_images: { 'zh-CN': '最多 {max} 张图片', en: 'At most {max} images' },
  invalid_specs: {
    'zh-CN': '规格格式应为 名称:值;名称:值（最多 {max} 项，名称不超过 20 字，值不超过 50 字）',
    en: 'Specs are written name:value;name:value (at most {max}, names up to 20 and values up to 50 characters)',
  },
  price_band_invalid: {
    'zh-CN': '价格须满足 供货价 ≤ 最低零售价 ≤ 建议零售价 ≤ 最高零售价',
    en: 'Prices must satisfy supply ≤ minimum retail ≤ suggested retail ≤ maximum retail',
  },
  conflicting_value: {
    'zh-CN': '与同一 SPU 第 {firstRow} 行的值不一致',
    en: 'Differs from row {firstRow} of the same SPU',
  },
  duplicate_sku_code: { 'zh-CN': 'SKU 编码与第 {firstRow} 行重复', en: 'This SKU code is already used on row {firstRow}' },
  spec_name_repeated: { 'zh-CN': '规格名称“{name}”重复', en: 'The spec name "{name}" appears twice' },
  spec_names_differ: {
    'zh-CN': '同一商品的 SKU 须使用相同的规格名称及顺序（{expected}）',
    en: 'All SKUs of a product use the same spec names in the same order ({expected})',
  },
  spec_combination_duplicate: { 'zh-CN': '规格组合与 SKU {sameAs} 相同', en: 'The same specs as SKU {sameAs}' },
  spu_code_taken: { 'zh-CN': '该 SPU 编码已存在；更新已有商品请使用 upsert 模式', en: 'This SPU code exists already; use upsert mode to update it' },
  sku_code_taken: { 'zh-CN': '该 SKU 编码已被其他商品使用', en: 'This SKU code belongs to another product' },
  product_locked: {
    'zh-CN': '商品处于“{status}”状态，不能修改内容（库存除外）；请先下架或等待审核完成',
    en: 'The product is {status}; only its stock can change (take it off sale or wait for the review first)',
  },
} as const satisfies Record<string, Localized>;

export type ImportIssueCode = keyof typeof IMPORT_ISSUES;

export interface ImportIssue {
  /** 1 is the first data row (the line after a CSV header, or items[0] in JSON); 0 is the header or the file as a whole. */
  readonly row: number;
  readonly column: string | null;
  readonly code: ImportIssueCode;
  readonly params?: Readonly<Record<string, string | number>>;
}

export interface DescribedImportIssue {
  readonly row: number;
  readonly column: string | null;
  readonly code: ImportIssueCode;
  readonly message: string;
}

export function describeImportIssue(issue: ImportIssue, locale: Locale): DescribedImportIssue {
  return { row: issue.row, column: issue.column, code: issue.code, message: interpolate(IMPORT_ISSUES[issue.code][locale], issue.params ?? {}) };
}

/** Row order first, then column order as the file has them, so a reader can walk the list top-down. */
export function sortIssues(issues: readonly ImportIssue[], columnOrder: readonly string[]): ImportIssue[] {
  const rank = (column: string | null) => (column === null ? -1 : columnOrder.indexOf(column));
  return [...issues].sort((a, b) => a.row - b.row || rank(a.column) - rank(b.column));
}
