import { IsoDateTimeSchema, PageQuerySchema, z } from '@linkmall/http';
import { SETTING_LIMITS, SUGGESTION_STATUSES } from './domain/suggestion.ts';

const METHODS = ['holt_winters', 'simple_smoothing', 'mean', 'none'] as const;
const SOURCES = ['sku', 'supplier', 'platform'] as const;
const STATUSES = SUGGESTION_STATUSES as unknown as readonly ['order_now', 'order_at_review', 'sufficient'];

const whole = (limits: { readonly min: number; readonly max: number }) => z.number().int().min(limits.min).max(limits.max);
const DaySchema = z.string().openapi({ format: 'date', example: '2026-11-22' });

const SuggestionFilterSchema = z.object({
  status: z.enum(STATUSES).optional(),
  q: z.string().trim().min(1).max(50).optional().openapi({ description: 'Part of a SKU code or product title' }),
  supplierId: z.string().regex(/^org_[0-9a-z]{26}$/).optional().openapi({ description: 'Platform staff: one supplier only' }),
});

export const SuggestionQuerySchema = PageQuerySchema.extend(SuggestionFilterSchema.shape);
export const SuggestionExportQuerySchema = SuggestionFilterSchema.extend({ format: z.enum(['csv', 'xlsx']).default('csv') });

export const SuggestionSchema = z
  .object({
    skuId: z.string(),
    skuCode: z.string(),
    productId: z.string(),
    title: z.string(),
    specs: z.string(),
    supplierId: z.string(),
    supplierName: z.string(),
    onHand: z.number().int(),
    onOrder: z.number().int(),
    inventoryPosition: z.number().int(),
    leadTimeDays: z.number().int(),
    reviewPeriodDays: z.number().int(),
    serviceLevelBps: z.number().int(),
    method: z.enum(METHODS),
    historyDays: z.number().int(),
    averageDailyDemand: z.number(),
    leadTimeDemand: z.number(),
    coverDemand: z.number(),
    safetyStock: z.number(),
    reorderPoint: z.number().int(),
    targetStock: z.number().int(),
    suggestedQuantity: z.number().int(),
    status: z.enum(STATUSES),
    reasoning: z.array(z.string()).openapi({ description: 'The arithmetic step by step, in the Accept-Language locale' }),
    computedAt: IsoDateTimeSchema.nullable(),
  })
  .openapi('ReplenishmentSuggestion');

export const ForecastQuerySchema = z.object({
  historyDays: z.coerce.number().int().min(7).max(364).default(91),
  horizonDays: z.coerce.number().int().min(1).max(180).default(28),
});

const ErrorsSchema = z.object({ mapePercent: z.number().nullable(), smapePercent: z.number().nullable(), wapePercent: z.number().nullable(), points: z.number().int(), nonZeroPoints: z.number().int() });
const SourcesSchema = z.object({ leadTimeDays: z.enum(SOURCES), reviewPeriodDays: z.enum(SOURCES), serviceLevelBps: z.enum(SOURCES) });

export const ForecastDetailSchema = z
  .object({
    sku: z.object({ skuId: z.string(), skuCode: z.string(), title: z.string(), specs: z.string(), supplierId: z.string(), supplierName: z.string(), onHand: z.number().int(), onOrder: z.number().int() }),
    model: z.object({ method: z.enum(METHODS), alpha: z.number().nullable(), beta: z.number().nullable(), gamma: z.number().nullable(), historyDays: z.number().int(), sigmaDaily: z.number(), historyEnd: DaySchema }),
    history: z.array(z.object({ day: DaySchema, quantity: z.number().int(), fitted: z.number().nullable() })),
    forecast: z.array(z.object({ day: DaySchema, quantity: z.number(), lower80: z.number(), upper80: z.number(), lower95: z.number(), upper95: z.number() })),
    settings: z.object({ leadTimeDays: z.number().int(), reviewPeriodDays: z.number().int(), serviceLevelBps: z.number().int(), onOrderQuantity: z.number().int(), sources: SourcesSchema }),
    suggestion: z.object({
      leadTimeDemand: z.number(),
      coverDemand: z.number(),
      safetyFactor: z.number(),
      safetyStock: z.number(),
      reorderPoint: z.number().int(),
      targetStock: z.number().int(),
      inventoryPosition: z.number().int(),
      suggestedQuantity: z.number().int(),
      status: z.enum(STATUSES),
      reasoning: z.array(z.string()),
    }),
    backtest: z.object({ origins: z.number().int(), holtWinters: ErrorsSchema, seasonalNaive: ErrorsSchema }).nullable(),
  })
  .openapi('ReplenishmentForecast');

export const SupplierSettingsBodySchema = z
  .object({ leadTimeDays: whole(SETTING_LIMITS.leadTimeDays), reviewPeriodDays: whole(SETTING_LIMITS.reviewPeriodDays), serviceLevelBps: whole(SETTING_LIMITS.serviceLevelBps).openapi({ example: 9500 }) })
  .strict()
  .openapi('ReplenishmentSupplierSettingsInput');

export const SupplierSettingsSchema = z
  .object({
    supplierId: z.string(),
    supplierName: z.string(),
    leadTimeDays: z.number().int(),
    reviewPeriodDays: z.number().int(),
    serviceLevelBps: z.number().int(),
    source: z.enum(['supplier', 'platform']),
    updatedAt: IsoDateTimeSchema.nullable(),
  })
  .openapi('ReplenishmentSupplierSettings');

export const SkuSettingsBodySchema = z
  .object({
    leadTimeDays: whole(SETTING_LIMITS.leadTimeDays).nullable().optional().openapi({ description: 'null or left out: the supplier’s default' }),
    reviewPeriodDays: whole(SETTING_LIMITS.reviewPeriodDays).nullable().optional(),
    serviceLevelBps: whole(SETTING_LIMITS.serviceLevelBps).nullable().optional(),
    onOrderQuantity: z.number().int().min(0).max(100_000_000).openapi({ description: 'Units ordered from the factory and not yet in stock' }),
  })
  .strict()
  .openapi('ReplenishmentSkuSettingsInput');

export const SkuSettingsSchema = z
  .object({
    skuId: z.string(),
    supplierId: z.string(),
    leadTimeDays: z.number().int().nullable(),
    reviewPeriodDays: z.number().int().nullable(),
    serviceLevelBps: z.number().int().nullable(),
    onOrderQuantity: z.number().int(),
    effective: z.object({ leadTimeDays: z.number().int(), reviewPeriodDays: z.number().int(), serviceLevelBps: z.number().int(), sources: SourcesSchema }),
    updatedAt: IsoDateTimeSchema.nullable(),
  })
  .openapi('ReplenishmentSkuSettings');
