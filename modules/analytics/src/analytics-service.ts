import type { Db, PageRequest } from '@linkmall/db';
import { err, ok, type Locale, type PiiCipher, type RequestContext, type Result } from '@linkmall/kernel';
import type { AnalyticsErrorCode } from './analytics-errors.ts';
import { budgetReport, type BudgetDimension } from './budget-service.ts';
import { CHANNEL_LABELS, directoryStore, type ChoiceKind } from './directory-store.ts';
import { VISITOR_STEPS, type FunnelStep } from './domain/funnel.ts';
import { maskName, visitorLabel } from './domain/masking.ts';
import { defaultPeriod, rangeProblem } from './domain/period.ts';
import { basisPoints, roundedQuotient } from './domain/ratios.ts';
import type { AnalyticsFilter, ScopeKind } from './domain/scope.ts';
import { stepPeople } from './people-queries.ts';
import { breakdownRows, cohortMatrix, trendSeries, type BreakdownDimension, type BreakdownSort, type TrendMetric } from './report-queries.ts';
import { reportHead } from './report-views.ts';
import { rollupAnalytics } from './rollup-queries.ts';
import { analyticsAccessOf, choiceLimitOf, resolveScope } from './scope-access.ts';
import { createSpendService } from './spend-service.ts';

export interface AnalyticsQuery {
  readonly scope?: ScopeKind | undefined;
  readonly scopeId?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

export interface AnalyticsDeps {
  readonly db: Db;
  /** Decrypts the names consented visitors chose to show, which drill-downs show masked. */
  readonly pii: PiiCipher;
}

export type BreakdownQuery = AnalyticsQuery & PageRequest & { dimension: 'region' | 'team' | 'channel' | 'product'; regionLevel?: 'province' | 'city' | undefined; sort?: BreakdownSort | undefined };

/**
 * The analytics service the routes call: every read resolves the caller's scope first (data scope),
 * then answers from the roll-ups; spend and budget suggestions on top.
 */
export function createAnalyticsService(deps: AnalyticsDeps) {
  const { db } = deps;
  const directory = directoryStore(db);
  const rollups = rollupAnalytics(db);
  const spend = createSpendService(db, directory);

  async function prepare(ctx: RequestContext, query: AnalyticsQuery): Promise<Result<AnalyticsFilter, AnalyticsErrorCode>> {
    const fallback = defaultPeriod(ctx.clock.now());
    const period = { from: query.from ?? (query.to && query.to < fallback.from ? query.to : fallback.from), to: query.to ?? fallback.to };
    if (rangeProblem(period)) return err('analytics_range_invalid', { from: period.from, to: period.to });
    const scope = await resolveScope(analyticsAccessOf(ctx.actor!), directory, query);
    return scope.ok ? ok({ scope: scope.value, ...period }) : scope;
  }

  async function labels(dimension: BreakdownDimension, keys: readonly string[], locale: Locale): Promise<Map<string, string>> {
    if (dimension === 'team') return directory.userNames(keys);
    if (dimension === 'product') return directory.productTitles(keys);
    if (dimension === 'channel') return new Map(keys.map((key) => [key, CHANNEL_LABELS[key]?.[locale] ?? key]));
    return new Map(keys.map((key) => [key, key.replace('/', ' ')]));
  }

  async function breakdown(ctx: RequestContext, query: BreakdownQuery, limit: number) {
    const filter = await prepare(ctx, query);
    if (!filter.ok) return filter;
    const dimension: BreakdownDimension = query.dimension === 'region' ? (query.regionLevel ?? 'province') : query.dimension;
    const { items, total } = await breakdownRows(db, filter.value, dimension, query.sort ?? 'gmv', { limit, offset: (query.page - 1) * query.pageSize });
    const names = await labels(dimension, items.map((row) => row.key), ctx.locale);
    return ok({
      dimension: query.dimension,
      from: filter.value.from,
      to: filter.value.to,
      total,
      items: items.map((row) => ({
        key: row.key,
        label: names.get(row.key) ?? row.key,
        gmvFen: row.gmvFen,
        orders: row.orders,
        aovFen: roundedQuotient(row.gmvFen, row.orders),
        visitors: row.visitors,
        conversionBps: basisPoints(row.orders, row.visitors),
        spendFen: row.spendFen,
        roiBps: row.spendFen ? basisPoints(row.gmvFen, row.spendFen) : null,
      })),
    });
  }

  async function people(ctx: RequestContext, step: FunnelStep, query: AnalyticsQuery & PageRequest) {
    if (VISITOR_STEPS.has(step) && !ctx.actor!.permissions.has('visitor.read')) return err('analytics_people_forbidden' as const);
    const filter = await prepare(ctx, query);
    if (!filter.ok) return filter;
    const { items, total } = await stepPeople(db, filter.value, step, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
    const memberIds = items.filter((row) => row.kind === 'member').map((row) => row.personId);
    const names = await directory.userNames(memberIds);
    const ciphers = await directory.visitorNameCiphers(items.filter((row) => row.kind === 'visitor').map((row) => row.personId));
    const nameOf = (row: (typeof items)[number]) => {
      if (row.kind === 'member') return maskName(names.get(row.personId) ?? row.personId);
      const cipher = ciphers.get(row.personId);
      return cipher ? maskName(deps.pii.decrypt(cipher)) : visitorLabel(row.personId, ctx.locale);
    };
    return ok({ items: items.map((row) => ({ ...row, maskedName: nameOf(row), lastAt: row.lastAt.toISOString() })), total });
  }

  return {
    prepare,
    breakdown: (ctx: RequestContext, query: BreakdownQuery) => breakdown(ctx, query, query.pageSize),
    /** Up to 10 000 rows of a breakdown in one go (exports). */
    breakdownAll: (ctx: RequestContext, query: BreakdownQuery) => breakdown(ctx, { ...query, page: 1, pageSize: 10_000 }, 10_000),
    people,

    async funnel(ctx: RequestContext, query: AnalyticsQuery) {
      const filter = await prepare(ctx, query);
      return filter.ok ? ok(await rollups.funnel(filter.value)) : filter;
    },

    async kpis(ctx: RequestContext, query: AnalyticsQuery) {
      const filter = await prepare(ctx, query);
      return filter.ok ? ok(await rollups.kpis(filter.value)) : filter;
    },

    async trend(ctx: RequestContext, query: AnalyticsQuery & { metric: TrendMetric; granularity?: 'day' | 'week' | undefined }) {
      const filter = await prepare(ctx, query);
      if (!filter.ok) return filter;
      const granularity = query.granularity ?? 'day';
      const series = await trendSeries(db, filter.value, query.metric, granularity);
      const head = reportHead(filter.value);
      const unit = query.metric === 'gmv' ? 'fen' : query.metric === 'conversion' ? 'bps' : 'count';
      return ok({ metric: query.metric, granularity, unit, from: head.from, to: head.to, previousFrom: head.previousFrom, previousTo: head.previousTo, current: series.current, previous: series.before });
    },

    async cohorts(ctx: RequestContext, query: AnalyticsQuery) {
      const filter = await prepare(ctx, query);
      return filter.ok ? ok(await cohortMatrix(db, filter.value)) : filter;
    },

    async budgetSuggestions(ctx: RequestContext, query: AnalyticsQuery & { dimension: BudgetDimension; totalFen?: bigint | undefined }) {
      const filter = await prepare(ctx, query);
      if (!filter.ok) return filter;
      const dimension: BreakdownDimension = query.dimension === 'region' ? 'province' : query.dimension;
      const report = await budgetReport(db, filter.value, query.dimension, query.totalFen, (keys, locale) => labels(dimension, keys, locale), ctx.locale);
      return ok({ dimension: query.dimension, from: filter.value.from, to: filter.value.to, ...report });
    },

    async choices(ctx: RequestContext, query: PageRequest & { kind: ChoiceKind; q?: string | undefined }) {
      const limit = choiceLimitOf(analyticsAccessOf(ctx.actor!));
      if (!limit || (query.kind === 'team' && (limit.organizationId || limit.userId)) || (query.kind === 'merchant' && limit.userId)) return { items: [], total: 0 };
      return directory.choices(query.kind, { ...(query.q ? { q: query.q } : {}), limit, offset: (query.page - 1) * query.pageSize, pageSize: query.pageSize });
    },

    spend,
    directory,
  };
}
export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
