import { FenSchema, IsoDateTimeSchema, PageQuerySchema, z } from '@linkmall/http';
import { FUNNEL_STEPS } from './domain/funnel.ts';
import { KPI_KEYS } from './domain/kpis.ts';
import { isDay } from './domain/period.ts';
import { SCOPE_KINDS } from './domain/scope.ts';
import { SPEND_CHANNELS } from './spend-service.ts';

export const DaySchema = z.string().refine(isDay, { message: 'a calendar day YYYY-MM-DD' }).openapi({ example: '2026-11-22' });
const LocalizedSchema = z.object({ 'zh-CN': z.string(), en: z.string() }).openapi('LocalizedText');
const IdSchema = z.string().min(1).max(64).regex(/^[\w-]+$/);

export const AnalyticsQuerySchema = z.object({
  scope: z.enum(SCOPE_KINDS).optional().openapi({ description: 'Default: platform for platform roles, merchant for merchant admins, guide for shop guides' }),
  scopeId: IdSchema.optional().openapi({ description: 'Merchant id, team boss user id, guide user id or card id' }),
  from: DaySchema.optional().openapi({ description: 'First Beijing day (default: 29 days before to)' }),
  to: DaySchema.optional().openapi({ description: 'Last Beijing day, included (default: today)' }),
});

const Head = {
  scope: z.enum(SCOPE_KINDS),
  scopeId: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  previousFrom: z.string(),
  previousTo: z.string(),
};

export const StepParamSchema = z.object({ step: z.enum(FUNNEL_STEPS).openapi({ param: { in: 'path', required: true } }) });

export const FunnelSchema = z
  .object({
    ...Head,
    steps: z.array(
      z.object({
        step: z.enum(FUNNEL_STEPS),
        label: LocalizedSchema,
        definition: LocalizedSchema,
        count: z.number().int(),
        previousCount: z.number().int(),
        conversionBps: z.number().int().nullable(),
        previousConversionBps: z.number().int().nullable(),
      }),
    ),
  })
  .openapi('AnalyticsFunnel');

export const PeoplePageSchema = z
  .object({
    items: z.array(
      z.object({
        personId: z.string(),
        kind: z.enum(['visitor', 'member']),
        maskedName: z.string(),
        count: z.number().int(),
        lastAt: IsoDateTimeSchema,
        orderCount: z.number().int(),
        orders: z.array(z.object({ orderId: z.string(), amountFen: FenSchema, paidAt: IsoDateTimeSchema })),
      }),
    ),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('AnalyticsPeoplePage');

export const KpisSchema = z
  .object({
    ...Head,
    kpis: z.array(
      z.object({
        key: z.enum(KPI_KEYS),
        label: LocalizedSchema,
        value: z.number().nullable(),
        previousValue: z.number().nullable(),
        unit: z.enum(['fen', 'count', 'bps', 'hours', 'days', 'ratio']),
        definition: LocalizedSchema,
      }),
    ),
  })
  .openapi('AnalyticsKpis');

export const BreakdownQuerySchema = AnalyticsQuerySchema.extend(PageQuerySchema.shape).extend({
  dimension: z.enum(['region', 'team', 'channel', 'product']),
  regionLevel: z.enum(['province', 'city']).optional(),
  sort: z.enum(['gmv', 'orders', 'visitors', 'roi']).optional(),
});

export const BreakdownPageSchema = z
  .object({
    dimension: z.enum(['region', 'team', 'channel', 'product']),
    from: z.string(),
    to: z.string(),
    items: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        gmvFen: z.number().int(),
        orders: z.number().int(),
        aovFen: z.number().int().nullable(),
        visitors: z.number().int(),
        conversionBps: z.number().int().nullable(),
        spendFen: z.number().int().nullable(),
        roiBps: z.number().int().nullable(),
      }),
    ),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('AnalyticsBreakdownPage');

export const TrendQuerySchema = AnalyticsQuerySchema.extend({ metric: z.enum(['gmv', 'orders', 'visitors', 'conversion']), granularity: z.enum(['day', 'week']).optional() });
const PointSchema = z.object({ period: z.string(), value: z.number().nullable() });
export const TrendSchema = z
  .object({
    metric: z.enum(['gmv', 'orders', 'visitors', 'conversion']),
    granularity: z.enum(['day', 'week']),
    unit: z.enum(['fen', 'count', 'bps']),
    from: z.string(),
    to: z.string(),
    previousFrom: z.string(),
    previousTo: z.string(),
    current: z.array(PointSchema),
    previous: z.array(PointSchema),
  })
  .openapi('AnalyticsTrend');

export const CohortsSchema = z
  .object({
    months: z.array(z.string()),
    rows: z.array(z.object({ cohort: z.string(), buyers: z.number().int(), retained: z.array(z.number().int()), retainedBps: z.array(z.number().int()) })),
  })
  .openapi('AnalyticsCohorts');

export const ExportQuerySchema = AnalyticsQuerySchema.extend({
  report: z.enum(['kpis', 'breakdown', 'trend', 'funnel-people', 'cohorts', 'budget']),
  format: z.enum(['csv', 'xlsx']),
  dimension: z.enum(['region', 'team', 'channel', 'product']).optional(),
  /** For the budget report: the total to reallocate in fen (default: the spend recorded in the range). */
  totalFen: z.coerce.number().int().min(0).max(1e13).optional(),
  regionLevel: z.enum(['province', 'city']).optional(),
  sort: z.enum(['gmv', 'orders', 'visitors', 'roi']).optional(),
  metric: z.enum(['gmv', 'orders', 'visitors', 'conversion']).optional(),
  granularity: z.enum(['day', 'week']).optional(),
  step: z.enum(FUNNEL_STEPS).optional(),
});

const RegionText = z.string().trim().min(1).max(20).regex(/^[^<>]*$/);
export const NewSpendSchema = z
  .object({
    day: DaySchema,
    channel: z.enum(SPEND_CHANNELS),
    amountFen: z.number().int().min(1).max(1_000_000_000_000),
    province: RegionText.optional(),
    city: RegionText.optional(),
    teamId: IdSchema.optional(),
    merchantId: IdSchema.optional(),
    campaign: z.string().trim().min(1).max(64).regex(/^[^<>]*$/).optional(),
    note: z.string().trim().min(1).max(200).optional(),
  })
  .refine((input) => input.city === undefined || input.province !== undefined, { path: ['city'], message: 'a city needs its province' })
  .openapi('NewMarketingSpend');

export const SpendEntrySchema = z
  .object({
    id: z.string(),
    kind: z.enum(['entry', 'reversal']),
    day: z.string(),
    channel: z.enum(SPEND_CHANNELS),
    amountFen: z.number().int(),
    province: z.string().nullable(),
    city: z.string().nullable(),
    teamId: z.string().nullable(),
    merchantId: z.string().nullable(),
    campaign: z.string().nullable(),
    note: z.string().nullable(),
    reversesId: z.string().nullable(),
    reversedById: z.string().nullable(),
    createdBy: z.string(),
    createdAt: IsoDateTimeSchema,
  })
  .openapi('MarketingSpend');

export const SpendQuerySchema = PageQuerySchema.extend({
  from: DaySchema.optional(),
  to: DaySchema.optional(),
  channel: z.enum(SPEND_CHANNELS).optional(),
  campaign: z.string().trim().min(1).max(64).optional(),
});

export const ReverseSpendSchema = z.object({ reason: z.string().trim().min(1).max(200) }).openapi('ReverseMarketingSpend');

export const BudgetQuerySchema = AnalyticsQuerySchema.extend({
  dimension: z.enum(['region', 'team', 'channel']),
  totalFen: z.coerce.number().int().min(0).max(1_000_000_000_000).optional(),
});

export const BudgetSchema = z
  .object({
    dimension: z.enum(['region', 'team', 'channel']),
    from: z.string(),
    to: z.string(),
    totalFen: z.number().int(),
    rows: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        rank: z.number().int(),
        spendFen: z.number().int(),
        gmvFen: z.number().int(),
        roiBps: z.number().int().nullable(),
        fissionPer10kFen: z.number().nullable(),
        score: z.number(),
        currentFen: z.number().int(),
        suggestedFen: z.number().int(),
        changeFen: z.number().int(),
        reasoning: LocalizedSchema,
      }),
    ),
    summary: LocalizedSchema,
  })
  .openapi('AnalyticsBudgetSuggestions');

export const ChoicesQuerySchema = PageQuerySchema.extend({ kind: z.enum(['merchant', 'team', 'guide', 'card']), q: z.string().trim().max(40).optional() });
export const ChoicesSchema = z
  .object({ items: z.array(z.object({ id: z.string(), label: z.string() })), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .openapi('AnalyticsScopeChoices');
