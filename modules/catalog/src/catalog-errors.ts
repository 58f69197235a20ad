import { defineErrors } from '@linkmall/kernel';

export const catalogErrors = defineErrors({
  product_not_found: { status: 404, 'zh-CN': '商品不存在', en: 'The product does not exist' },
  sku_not_found: { status: 404, 'zh-CN': 'SKU 不存在：{skuCodes}', en: 'No such SKU: {skuCodes}' },
  supplier_not_found: { status: 404, 'zh-CN': '供应商不存在', en: 'The supplier does not exist' },
  supplier_required: {
    status: 422,
    'zh-CN': '请指定供应商（supplierId）',
    en: 'Name the supplier (supplierId)',
  },
  supplier_not_onboarded: {
    status: 409,
    'zh-CN': '该供应商尚未提交入驻资料',
    en: 'This supplier has not submitted its company profile yet',
  },
  supplier_not_approved: {
    status: 409,
    'zh-CN': '供应商资料审核通过后才能提交商品审核',
    en: 'Products can be submitted for review once the supplier is approved',
  },
  supplier_status_conflict: {
    status: 409,
    'zh-CN': '供应商资料当前为“{status}”状态，不能执行此操作',
    en: 'The supplier profile is {status}; this cannot be done now',
  },
  credit_code_invalid: {
    status: 422,
    'zh-CN': '统一社会信用代码无效（应为 18 位，且校验位正确）',
    en: 'The unified social credit code is invalid (18 characters with a correct check character)',
  },
  credit_code_taken: { status: 409, 'zh-CN': '该统一社会信用代码已被其他供应商使用', en: 'Another supplier already uses this credit code' },
  product_status_conflict: {
    status: 409,
    'zh-CN': '商品当前为“{status}”状态，不能执行此操作',
    en: 'The product is {status}; this cannot be done now',
  },
  product_not_editable: {
    status: 409,
    'zh-CN': '商品为“{status}”状态，只能修改库存；请先下架或等待审核完成',
    en: 'The product is {status}; only its stock can change (take it off sale or wait for the review first)',
  },
  price_band_invalid: {
    status: 422,
    'zh-CN': 'SKU {skuCode} 的价格须满足 供货价 ≤ 最低零售价 ≤ 建议零售价 ≤ 最高零售价',
    en: 'The prices of SKU {skuCode} must satisfy supply ≤ minimum retail ≤ suggested retail ≤ maximum retail',
  },
  sku_specs_invalid: {
    status: 422,
    'zh-CN': 'SKU {skuCode} 的规格无效：同一商品的 SKU 须使用相同的规格名称且组合不重复',
    en: 'The specs of SKU {skuCode} are invalid: all SKUs use the same spec names and no two are the same combination',
  },
  sku_code_duplicate: { status: 422, 'zh-CN': 'SKU 编码 {skuCode} 重复', en: 'The SKU code {skuCode} appears twice' },
  sku_code_taken: { status: 409, 'zh-CN': 'SKU 编码已被该供应商的其他商品使用：{skuCodes}', en: 'Another product of this supplier uses the SKU code: {skuCodes}' },
  spu_code_taken: { status: 409, 'zh-CN': 'SPU 编码 {spuCode} 已存在', en: 'The SPU code {spuCode} exists already' },
  rejection_reason_required: { status: 422, 'zh-CN': '驳回时须填写原因', en: 'A rejection needs a reason' },
  import_too_large: {
    status: 413,
    'zh-CN': '导入文件过大：最多 {maxRows} 行、{maxMegabytes} MB',
    en: 'The import is too large: at most {maxRows} rows and {maxMegabytes} MB',
  },
  category_not_found: { status: 404, 'zh-CN': '类目不存在', en: 'The category does not exist' },
  category_required: { status: 422, 'zh-CN': '请选择商品类目', en: 'Choose a category for the product' },
  category_not_leaf: {
    status: 422,
    'zh-CN': '“{name}”是一级类目，商品只能放在二级类目下',
    en: '“{name}” is a top-level category; products go into a second-level category',
  },
  category_parent_not_found: { status: 422, 'zh-CN': '上级类目不存在', en: 'The parent category does not exist' },
  category_parent_not_root: {
    status: 422,
    'zh-CN': '类目最多两级：上级类目必须是一级类目',
    en: 'Categories have two levels: the parent must be a top-level category',
  },
  category_level_fixed: {
    status: 422,
    'zh-CN': '一级类目不能改为二级类目，二级类目也不能改为一级类目',
    en: 'A top-level category stays top-level and a second-level category stays second-level',
  },
  category_name_taken: { status: 409, 'zh-CN': '类目名称“{name}”已存在', en: 'A category named “{name}” exists already' },
  category_in_use: {
    status: 409,
    'zh-CN': '类目下还有 {childCount} 个子类目、{productCount} 个商品，不能删除',
    en: 'The category still has {childCount} subcategories and {productCount} products; it cannot be deleted',
  },
  platform_only: { status: 403, 'zh-CN': '仅平台可以执行此操作', en: 'Only the platform can do this' },
  fixed_price_outside_band: {
    status: 422,
    'zh-CN': 'SKU {skuCode} 的固定价须在 ¥{minRetailPrice} 至 ¥{maxRetailPrice} 之间（供应商设定的价格区间）',
    en: 'The fixed price of SKU {skuCode} must be between ¥{minRetailPrice} and ¥{maxRetailPrice} (the supplier’s price band)',
  },
  fixed_price_sku_not_in_product: {
    status: 422,
    'zh-CN': 'SKU {skuId} 不属于该商品',
    en: 'SKU {skuId} does not belong to this product',
  },
  import_invalid: {
    status: 422,
    'zh-CN': '导入数据有 {errorCount} 处错误，未写入任何数据',
    en: 'The import has {errorCount} errors; nothing was written',
  },
});
export type CatalogErrorCode = keyof typeof catalogErrors;
