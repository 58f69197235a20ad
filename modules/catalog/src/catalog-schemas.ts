import { FenSchema, IsoDateTimeSchema, PageQuerySchema, z } from '@linkmall/http';
import { MAX_STOCK, MAX_WEIGHT_GRAMS, TEXT_LIMITS } from './domain/import-rows.ts';
import { PRODUCT_STATUSES } from './domain/product-status.ts';
import { MAX_SPECS_PER_SKU, SKU_CODE_PATTERN } from './domain/sku-set.ts';
import { SUPPLIER_STATUSES } from './domain/supplier-status.ts';
import { isHttpUrl } from './domain/urls.ts';

export const CodeSchema = z.string().trim().regex(SKU_CODE_PATTERN).openapi({ example: 'LJ-250G' });
export const OrganizationIdSchema = z.string().regex(/^org_[0-9a-z]{26}$/).openapi({ example: 'org_01jd3x7k9q2w8e5r4t6y1u3i0o' });
const HttpUrlSchema = z.string().trim().max(500).refine(isHttpUrl, { message: 'Must be an http(s) URL' }).openapi({ example: 'https://img.example.com/longjing.jpg' });
export const StockSchema = z.number().int().min(0).max(MAX_STOCK).openapi({ example: 120 });
const OptionalText = (max: number) => z.string().trim().max(max).nullable().optional();
export const ProductStatusSchema = z.enum(PRODUCT_STATUSES);

const SpecSchema = z
  .object({ name: z.string().trim().min(1).max(20).openapi({ example: '规格' }), value: z.string().trim().min(1).max(50).openapi({ example: '250g' }) })
  .strict()
  .openapi('SkuSpec');

const SkuInputSchema = z
  .object({
    skuCode: CodeSchema,
    specs: z.array(SpecSchema).max(MAX_SPECS_PER_SKU).default([]),
    supplyPriceFen: FenSchema,
    minRetailPriceFen: FenSchema,
    suggestedRetailPriceFen: FenSchema,
    maxRetailPriceFen: FenSchema,
    stock: StockSchema,
    weightGrams: z.number().int().min(0).max(MAX_WEIGHT_GRAMS).default(0),
    // Read-only: a SKU read back from the API may be sent as is; only the platform's fixed-prices route sets it.
    fixedRetailPriceFen: FenSchema.nullable().optional().openapi({ description: 'Ignored: the platform fixes prices through PUT /admin/products/{id}/fixed-prices' }),
  })
  .strict()
  .openapi('SkuInput');

const QualitySchema = z
  .object({
    batchNumber: OptionalText(TEXT_LIMITS.batchNumber),
    origin: OptionalText(TEXT_LIMITS.origin),
    inspectionReportUrl: HttpUrlSchema.nullable().optional(),
  })
  .strict()
  .openapi('ProductQuality');

export const CategoryIdSchema = z.string().regex(/^cat_[0-9a-z]{26}$/).openapi({ example: 'cat_01jd3x7k9q2w8e5r4t6y1u3i0o' });

const contentShape = {
  title: z.string().trim().min(1).max(TEXT_LIMITS.title),
  subtitle: z.string().trim().max(TEXT_LIMITS.subtitle).optional(),
  category: z
    .string()
    .trim()
    .min(1)
    .max(TEXT_LIMITS.category)
    .optional()
    .openapi({ description: 'A second-level category name (Chinese or English) files the product under it; other text is kept as is' }),
  categoryId: CategoryIdSchema.optional().openapi({ description: 'A second-level category; wins over `category`' }),
  description: z.string().max(TEXT_LIMITS.description).optional().openapi({ description: 'HTML; scripts, event handlers and javascript: URLs are removed' }),
  imageUrls: z.array(HttpUrlSchema).max(20).optional(),
  shippingTemplateId: z.string().trim().min(1).max(TEXT_LIMITS.shippingTemplateId).nullable().optional(),
  quality: QualitySchema.optional(),
};

export const NewProductSchema = z
  .object({
    supplierId: OrganizationIdSchema.optional().openapi({ description: 'Required for platform staff; ignored for a supplier, who creates its own' }),
    spuCode: CodeSchema.optional(),
    ...contentShape,
    skus: z.array(SkuInputSchema).min(1).max(100),
  })
  .strict()
  .refine((product) => product.category !== undefined || product.categoryId !== undefined, { path: ['categoryId'], message: 'Give categoryId or category' })
  .openapi('NewProduct');

export const ProductPatchSchema = z
  .object({
    title: contentShape.title.optional(),
    subtitle: contentShape.subtitle,
    category: contentShape.category,
    categoryId: contentShape.categoryId,
    description: contentShape.description,
    imageUrls: contentShape.imageUrls,
    shippingTemplateId: contentShape.shippingTemplateId,
    quality: contentShape.quality,
    skus: z.array(SkuInputSchema).min(1).max(100).optional().openapi({ description: 'The whole SKU set: matched by code, missing SKUs are removed' }),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Nothing to change' })
  .openapi('ProductPatch');

export const ReviewSchema = z
  .object({ decision: z.enum(['approve', 'reject']), reason: z.string().trim().min(1).max(500).optional() })
  .strict()
  .refine((review) => review.decision === 'approve' || review.reason !== undefined, { path: ['reason'], message: 'A rejection needs a reason' })
  .openapi('ReviewDecision');

export const ProductQuerySchema = PageQuerySchema.extend({
  status: ProductStatusSchema.optional(),
  supplierId: z.string().max(40).optional(),
  q: z.string().trim().max(50).optional(),
});

const SkuSchema = z
  .object({
    id: z.string(),
    skuCode: z.string(),
    specs: z.array(z.object({ name: z.string(), value: z.string() })),
    supplyPriceFen: FenSchema,
    minRetailPriceFen: FenSchema,
    suggestedRetailPriceFen: FenSchema,
    maxRetailPriceFen: FenSchema,
    fixedRetailPriceFen: FenSchema.nullable().openapi({ description: 'A retail price the platform fixed: storefronts sell the SKU at exactly this' }),
    stock: z.number().int(),
    weightGrams: z.number().int(),
  })
  .openapi('Sku');

export const ProductSchema = z
  .object({
    id: z.string(),
    supplierId: z.string(),
    supplierName: z.string().nullable(),
    spuCode: z.string(),
    title: z.string(),
    subtitle: z.string(),
    category: z.string(),
    categoryId: z.string().nullable(),
    imageUrl: z.string().nullable(),
    supplyPriceFen: FenSchema.openapi({ description: 'The lowest supply price of the SKUs' }),
    retailPriceFen: FenSchema.openapi({ description: 'The lowest suggested retail price of the SKUs' }),
    status: ProductStatusSchema,
    skuCount: z.number().int(),
    totalStock: z.number().int(),
    hasFixedPrice: z.boolean().openapi({ description: 'The platform fixed the retail price of at least one SKU' }),
    hotProduct: z.boolean().openapi({ description: '爆品专享: only members whose level grants hot-product access may buy it' }),
    updatedAt: IsoDateTimeSchema,
  })
  .openapi('Product');

export const ProductDetailSchema = ProductSchema.extend({
  description: z.string(),
  imageUrls: z.array(z.string()),
  shippingTemplateId: z.string().nullable(),
  quality: z.object({ batchNumber: z.string().nullable(), origin: z.string().nullable(), inspectionReportUrl: z.string().nullable() }),
  rejectionReason: z.string().nullable(),
  submittedAt: IsoDateTimeSchema.nullable(),
  reviewedAt: IsoDateTimeSchema.nullable(),
  createdAt: IsoDateTimeSchema,
  skus: z.array(SkuSchema),
}).openapi('ProductDetail');

/** Mobile (13800000001) or landline with area code (0571-88886666, extension allowed). */
const ContactPhoneSchema = z
  .string()
  .trim()
  .transform((value) => value.replace(/[\s()（）]/g, '').replace(/^\+?86-?/, ''))
  .pipe(z.string().regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/))
  .openapi({ type: 'string', example: '0571-88886666' });

export const SupplierProfileInputSchema = z
  .object({
    companyName: z.string().trim().min(1).max(100).openapi({ example: '杭州绿源农产品有限公司' }),
    creditCode: z.string().trim().min(1).max(30).openapi({ description: '统一社会信用代码 (18 characters, check character verified)', example: '91350100M000100Y43' }),
    contactName: z.string().trim().min(1).max(50),
    contactPhone: ContactPhoneSchema,
    bankName: z.string().trim().min(1).max(100).openapi({ example: '中国工商银行杭州分行' }),
    bankAccountName: z.string().trim().min(1).max(100),
    bankAccountNumber: z
      .string()
      .transform((value) => value.replace(/\s+/g, ''))
      .pipe(z.string().regex(/^\d{8,32}$/))
      .openapi({ type: 'string', example: '6222021234567890123' }),
  })
  .strict()
  .openapi('SupplierProfileInput');

export const SupplierProfileSchema = z
  .object({
    organizationId: z.string(),
    companyName: z.string(),
    creditCode: z.string(),
    contactName: z.string(),
    contactPhone: z.string(),
    settlementAccount: z.object({ bankName: z.string(), accountName: z.string(), accountNumberMasked: z.string().openapi({ example: '****0123' }) }),
    status: z.enum(SUPPLIER_STATUSES),
    rejectionReason: z.string().nullable(),
    submittedAt: IsoDateTimeSchema,
    reviewedAt: IsoDateTimeSchema.nullable(),
    updatedAt: IsoDateTimeSchema,
  })
  .openapi('SupplierProfile');

export const SupplierQuerySchema = PageQuerySchema.extend({ status: z.enum(SUPPLIER_STATUSES).optional() });

const CategoryNameZh = z.string().trim().min(1).max(20).openapi({ example: '绿茶' });
const CategoryNameEn = z.string().trim().min(1).max(50).openapi({ example: 'Green tea' });

export const NewCategorySchema = z
  .object({
    parentId: CategoryIdSchema.nullable().optional().openapi({ description: 'A top-level category; omit for a new top-level one' }),
    nameZh: CategoryNameZh,
    nameEn: CategoryNameEn,
    sortOrder: z.number().int().min(0).max(10_000).optional(),
    iconUrl: HttpUrlSchema.nullable().optional(),
  })
  .strict()
  .openapi('NewCategory');

export const CategoryPatchSchema = z
  .object({
    parentId: CategoryIdSchema.nullable().optional(),
    nameZh: CategoryNameZh.optional(),
    nameEn: CategoryNameEn.optional(),
    sortOrder: z.number().int().min(0).max(10_000).optional(),
    iconUrl: HttpUrlSchema.nullable().optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Nothing to change' })
  .openapi('CategoryPatch');

export const CategorySchema = z
  .object({ id: z.string(), parentId: z.string().nullable(), nameZh: z.string(), nameEn: z.string(), sortOrder: z.number().int(), iconUrl: z.string().nullable() })
  .openapi('Category');

export const CategoryTreeSchema = z.array(CategorySchema.extend({ children: z.array(CategorySchema) })).openapi('CategoryTree');

export const FixedPricesSchema = z
  .object({
    skus: z
      .array(
        z
          .object({
            skuId: z.string().regex(/^sku_[0-9a-z]{26}$/),
            fixedRetailPriceFen: FenSchema.min(1).nullable().openapi({ description: 'The price to fix; null releases it' }),
          })
          .strict(),
      )
      .min(1)
      .max(100)
      .refine((skus) => new Set(skus.map((sku) => sku.skuId)).size === skus.length, { message: 'Each SKU once' }),
  })
  .strict()
  .openapi('FixedPrices');

export const ShopListItemSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    subtitle: z.string(),
    category: z.string(),
    categoryId: z.string().nullable(),
    imageUrl: z.string().nullable(),
    origin: z.string().nullable(),
    hotProduct: z.boolean().openapi({ description: '爆品专享: checkout sells it only to members whose level grants hot-product access' }),
    retailPriceFen: FenSchema.openapi({ description: 'The lowest price of its SKUs (the storefront’s prices within a storefront)' }),
  })
  .openapi('ShopListItem');
