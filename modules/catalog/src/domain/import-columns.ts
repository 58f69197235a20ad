/**
 * The columns of a catalog import, one row per SKU: product columns repeat on every row of the same
 * `spuCode`. Names are the JSON keys; CSV headers may use them or the Chinese names below.
 */
export const IMPORT_COLUMNS = [
  'spuCode', 'title', 'subtitle', 'category', 'description', 'imageUrls', 'shippingTemplateId', 'batchNumber', 'origin', 'inspectionReportUrl',
  'skuCode', 'specs', 'supplyPriceFen', 'minRetailPriceFen', 'suggestedRetailPriceFen', 'maxRetailPriceFen', 'stock', 'weightGrams',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

export const REQUIRED_COLUMNS: readonly ImportColumn[] = [
  'spuCode', 'title', 'category', 'skuCode', 'supplyPriceFen', 'minRetailPriceFen', 'suggestedRetailPriceFen', 'maxRetailPriceFen', 'stock',
];

/** Columns that describe the product rather than the SKU: they must agree on every row of one SPU. */
export const PRODUCT_COLUMNS: readonly ImportColumn[] = [
  'title', 'subtitle', 'category', 'description', 'imageUrls', 'shippingTemplateId', 'batchNumber', 'origin', 'inspectionReportUrl',
];

export const CHINESE_HEADERS: Readonly<Record<string, ImportColumn>> = {
  SPU编码: 'spuCode',
  商品名称: 'title',
  副标题: 'subtitle',
  类目: 'category',
  商品详情: 'description',
  图片: 'imageUrls',
  运费模板: 'shippingTemplateId',
  批次号: 'batchNumber',
  产地: 'origin',
  质检报告: 'inspectionReportUrl',
  SKU编码: 'skuCode',
  规格: 'specs',
  供货价分: 'supplyPriceFen',
  最低零售价分: 'minRetailPriceFen',
  建议零售价分: 'suggestedRetailPriceFen',
  最高零售价分: 'maxRetailPriceFen',
  库存: 'stock',
  重量克: 'weightGrams',
};

const byLowerCase = new Map(IMPORT_COLUMNS.map((column) => [column.toLowerCase(), column]));

/** The column a header names: exact key, any letter case, or the Chinese name (brackets and spaces ignored, 供货价(分) = 供货价分). */
export function columnOfHeader(header: string): ImportColumn | null {
  const trimmed = header.trim();
  const english = byLowerCase.get(trimmed.toLowerCase());
  if (english) return english;
  const chinese = trimmed.replace(/[\s()（）]/g, '');
  return CHINESE_HEADERS[chinese] ?? CHINESE_HEADERS[chinese.toUpperCase()] ?? null;
}
