import { defineRoute, jsonResponse, OpenAPIHono, pageOf, PageQuerySchema, requires, unwrap, z, type AppEnv } from '@linkmall/http';
import type { AnalyticsService } from './analytics-service.ts';
import {
  AnalyticsQuerySchema,
  BreakdownPageSchema,
  BreakdownQuerySchema,
  BudgetQuerySchema,
  BudgetSchema,
  ChoicesQuerySchema,
  ChoicesSchema,
  CohortsSchema,
  ExportQuerySchema,
  FunnelSchema,
  KpisSchema,
  NewSpendSchema,
  PeoplePageSchema,
  ReverseSpendSchema,
  SpendEntrySchema,
  SpendQuerySchema,
  StepParamSchema,
  TrendQuerySchema,
  TrendSchema,
} from './analytics-schemas.ts';
import type { createExportService } from './export-service.ts';

const TAGS = ['Analytics'];
const read = requires('analytics.read');
const spend = requires('analytics.spend');
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const SpendParams = z.object({ id: z.string().regex(/^spd_[0-9a-z]{26}$/).openapi({ param: { in: 'path', required: true }, example: 'spd_01jd3x7k9q2w8e5r4t6y1u3i0o' }) });

/** JSON for the wire: integer fen and counts as numbers (all safe integers), instants as ISO strings. */
function plain<T>(value: T): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, plain(entry)]));
  return value;
}
const json = <T>(value: T) => plain(value) as never;

/** The console's marketing analytics (mounted at /admin). */
export function analyticsAdminRoutes(analytics: AnalyticsService, exportReport: ReturnType<typeof createExportService>) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(read, { method: 'get', path: '/analytics/funnel', tags: TAGS, summary: 'Full funnel 曝光→互动→裂变→转化→复购 for a scope and range, with the previous period', request: { query: AnalyticsQuerySchema }, responses: { 200: jsonResponse(FunnelSchema, 'The funnel') } }),
      async (c) => c.json(json(unwrap(await analytics.funnel(c.var.ctx, c.req.valid('query')))), 200),
    )
    .openapi(
      defineRoute(read, {
        method: 'get',
        path: '/analytics/funnel/{step}/people',
        tags: TAGS,
        summary: 'Drill-down: the people (masked) and orders behind a funnel step; visitor steps need visitor.read',
        request: { params: StepParamSchema, query: AnalyticsQuerySchema.extend(PageQuerySchema.shape) },
        responses: { 200: jsonResponse(PeoplePageSchema, 'A page of people') },
      }),
      async (c) => {
        const query = c.req.valid('query');
        const page = unwrap(await analytics.people(c.var.ctx, c.req.valid('param').step, query));
        return c.json(json({ ...page, page: query.page, pageSize: query.pageSize }), 200);
      },
    )
    .openapi(
      defineRoute(read, { method: 'get', path: '/analytics/kpis', tags: TAGS, summary: 'KPIs with their definitions, this period and the previous one', request: { query: AnalyticsQuerySchema }, responses: { 200: jsonResponse(KpisSchema, 'The KPIs') } }),
      async (c) => c.json(json(unwrap(await analytics.kpis(c.var.ctx, c.req.valid('query')))), 200),
    )
    .openapi(
      defineRoute(read, { method: 'get', path: '/analytics/breakdown', tags: TAGS, summary: 'Ranked rows by region, team, channel or product, with spend and return where recorded', request: { query: BreakdownQuerySchema }, responses: { 200: jsonResponse(BreakdownPageSchema, 'A page of rows') } }),
      async (c) => {
        const query = c.req.valid('query');
        return c.json(json({ ...unwrap(await analytics.breakdown(c.var.ctx, query)), page: query.page, pageSize: query.pageSize }), 200);
      },
    )
    .openapi(
      defineRoute(read, { method: 'get', path: '/analytics/trend', tags: TAGS, summary: 'A metric per day or week, with the previous period for comparison', request: { query: TrendQuerySchema }, responses: { 200: jsonResponse(TrendSchema, 'The series') } }),
      async (c) => c.json(json(unwrap(await analytics.trend(c.var.ctx, c.req.valid('query')))), 200),
    )
    .openapi(
      defineRoute(read, { method: 'get', path: '/analytics/cohorts', tags: TAGS, summary: 'Monthly retention cohorts of buyers', request: { query: AnalyticsQuerySchema }, responses: { 200: jsonResponse(CohortsSchema, 'The cohort matrix') } }),
      async (c) => c.json(json(unwrap(await analytics.cohorts(c.var.ctx, c.req.valid('query')))), 200),
    )
    .openapi(
      defineRoute(read, {
        method: 'get',
        path: '/analytics/export',
        tags: TAGS,
        summary: 'A report table as a CSV or Excel file (headers in the request’s language, at most 10 000 rows)',
        request: { query: ExportQuerySchema },
        responses: { 200: { description: 'The file', content: { 'text/csv': { schema: z.string() }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) } } } },
      }),
      async (c) => {
        const file = unwrap(await exportReport(c.var.ctx, c.req.valid('query')));
        return c.body(Buffer.from(file.body) as never, 200, { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.fileName}"` });
      },
    )
    .openapi(
      defineRoute(spend, { method: 'post', path: '/analytics/spend', tags: TAGS, summary: 'Record marketing spend for a day, channel and optionally region, team, merchant and campaign (audited, idempotent with Idempotency-Key)', request: body(NewSpendSchema), responses: { 201: jsonResponse(SpendEntrySchema, 'The entry') } }),
      async (c) => {
        const input = c.req.valid('json');
        return c.json(json(unwrap(await analytics.spend.record(c.var.ctx, { ...input, amountFen: BigInt(input.amountFen) }))), 201);
      },
    )
    .openapi(
      defineRoute(spend, { method: 'get', path: '/analytics/spend', tags: TAGS, summary: 'Recorded marketing spend, newest day first', request: { query: SpendQuerySchema }, responses: { 200: jsonResponse(pageOf(SpendEntrySchema, 'MarketingSpendPage'), 'A page of entries') } }),
      async (c) => {
        const query = c.req.valid('query');
        return c.json(json({ ...(await analytics.spend.list(c.var.ctx, query)), page: query.page, pageSize: query.pageSize }), 200);
      },
    )
    .openapi(
      defineRoute(spend, { method: 'post', path: '/analytics/spend/{id}/reverse', tags: TAGS, summary: 'Reverse a spend entry with a linked negative entry (audited; once per entry)', request: { params: SpendParams, ...body(ReverseSpendSchema) }, responses: { 201: jsonResponse(SpendEntrySchema, 'The reversal') } }),
      async (c) => c.json(json(unwrap(await analytics.spend.reverse(c.var.ctx, c.req.valid('param').id, c.req.valid('json').reason))), 201),
    )
    .openapi(
      defineRoute(read, { method: 'get', path: '/analytics/budget-suggestions', tags: TAGS, summary: 'Regions, teams or channels ranked by return on spend and fission efficiency, with a reallocation of the same budget and the reasoning', request: { query: BudgetQuerySchema }, responses: { 200: jsonResponse(BudgetSchema, 'The suggestions') } }),
      async (c) => {
        const query = c.req.valid('query');
        return c.json(json(unwrap(await analytics.budgetSuggestions(c.var.ctx, { ...query, totalFen: query.totalFen === undefined ? undefined : BigInt(query.totalFen) }))), 200);
      },
    )
    .openapi(
      defineRoute(read, { method: 'get', path: '/analytics/scopes', tags: TAGS, summary: 'What the caller may pick for a scope: merchants, teams, guides or cards', request: { query: ChoicesQuerySchema }, responses: { 200: jsonResponse(ChoicesSchema, 'A page of choices') } }),
      async (c) => {
        const query = c.req.valid('query');
        return c.json({ ...(await analytics.choices(c.var.ctx, query)), page: query.page, pageSize: query.pageSize }, 200);
      },
    );
}
