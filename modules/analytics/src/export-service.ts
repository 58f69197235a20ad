import { ok, type RequestContext, type Result } from '@linkmall/kernel';
import type { AnalyticsErrorCode } from './analytics-errors.ts';
import type { AnalyticsQuery, AnalyticsService, BreakdownQuery } from './analytics-service.ts';
import type { FunnelStep } from './domain/funnel.ts';
import { header as h, kpiCell, percent, toFile, yuan, type ExportFile, type ExportFormat } from './export-report.ts';
import type { BreakdownSort, TrendMetric } from './report-queries.ts';

export type ExportReport = 'kpis' | 'breakdown' | 'trend' | 'funnel-people' | 'cohorts' | 'budget';

export type ExportQuery = AnalyticsQuery & {
  readonly report: ExportReport;
  readonly format: ExportFormat;
  readonly dimension?: BreakdownQuery['dimension'] | undefined;
  readonly regionLevel?: 'province' | 'city' | undefined;
  readonly sort?: BreakdownSort | undefined;
  readonly metric?: TrendMetric | undefined;
  readonly granularity?: 'day' | 'week' | undefined;
  readonly step?: FunnelStep | undefined;
  readonly totalFen?: number | undefined;
};

const MAX_ROWS = 10_000;

/** Every report table as a file (at most 10 000 rows), through the same checks as the screens. */
export function createExportService(analytics: AnalyticsService) {
  return async function exportReport(ctx: RequestContext, query: ExportQuery): Promise<Result<ExportFile, AnalyticsErrorCode>> {
    const locale = ctx.locale;
    const filter = await analytics.prepare(ctx, query);
    if (!filter.ok) return filter;
    const name = `analytics-${query.report}-${filter.value.from}-${filter.value.to}`;
    const scoped = { ...query, scope: filter.value.scope.kind, scopeId: filter.value.scope.id ?? undefined, from: filter.value.from, to: filter.value.to };
    switch (query.report) {
      case 'kpis': {
        const report = await analytics.kpis(ctx, scoped);
        if (!report.ok) return report;
        const rows = report.value.kpis;
        return ok(
          toFile(query.format, name, h(locale, '关键指标', 'KPIs'), [
            { header: h(locale, '指标', 'KPI'), value: (row) => row.label[locale] },
            { header: h(locale, '本期', 'This period'), value: (row) => kpiCell(row.unit, row.value) },
            { header: h(locale, '上期', 'Previous period'), value: (row) => kpiCell(row.unit, row.previousValue) },
            { header: h(locale, '单位', 'Unit'), value: (row) => row.unit },
            { header: h(locale, '定义', 'Definition'), value: (row) => row.definition[locale] },
          ], rows),
        );
      }
      case 'breakdown': {
        const report = await analytics.breakdownAll(ctx, { ...scoped, dimension: query.dimension ?? 'region', page: 1, pageSize: MAX_ROWS });
        if (!report.ok) return report;
        return ok(
          toFile(query.format, name, h(locale, '分维度', 'Breakdown'), [
            { header: h(locale, '名称', 'Name'), value: (row) => row.label },
            { header: h(locale, 'GMV（元）', 'GMV (CNY)'), value: (row) => yuan(row.gmvFen) },
            { header: h(locale, '订单数', 'Orders'), value: (row) => row.orders },
            { header: h(locale, '客单价（元）', 'AOV (CNY)'), value: (row) => yuan(row.aovFen) },
            { header: h(locale, '访问', 'Visitors'), value: (row) => row.visitors },
            { header: h(locale, '转化率', 'Conversion'), value: (row) => percent(row.conversionBps) },
            { header: h(locale, '费用（元）', 'Spend (CNY)'), value: (row) => yuan(row.spendFen) },
            { header: h(locale, '投入产出比', 'ROI'), value: (row) => percent(row.roiBps) },
          ], report.value.items),
        );
      }
      case 'trend': {
        const report = await analytics.trend(ctx, { ...scoped, metric: query.metric ?? 'gmv' });
        if (!report.ok) return report;
        const money = report.value.unit === 'fen';
        const cell = (value: number | null) => (money ? yuan(value) : report.value.unit === 'bps' ? percent(value) : value);
        const rows = report.value.current.map((point, index) => ({ point, before: report.value.previous[index]! }));
        return ok(
          toFile(query.format, name, h(locale, '趋势', 'Trend'), [
            { header: h(locale, '周期', 'Period'), value: (row) => row.point.period },
            { header: h(locale, '本期', 'This period'), value: (row) => cell(row.point.value) },
            { header: h(locale, '对比周期', 'Compared period'), value: (row) => row.before.period },
            { header: h(locale, '上期', 'Previous period'), value: (row) => cell(row.before.value) },
          ], rows),
        );
      }
      case 'funnel-people': {
        const report = await analytics.people(ctx, query.step ?? 'conversion', { ...scoped, page: 1, pageSize: MAX_ROWS });
        if (!report.ok) return report;
        return ok(
          toFile(query.format, name, h(locale, '漏斗明细', 'Funnel people'), [
            { header: h(locale, '姓名', 'Name'), value: (row) => row.maskedName },
            { header: h(locale, '类型', 'Kind'), value: (row) => (row.kind === 'visitor' ? h(locale, '访客', 'Visitor') : h(locale, '会员', 'Member')) },
            { header: h(locale, '次数', 'Count'), value: (row) => row.count },
            { header: h(locale, '最近时间', 'Last at'), value: (row) => row.lastAt },
            { header: h(locale, '订单数', 'Orders'), value: (row) => row.orderCount },
            { header: h(locale, '订单号', 'Order numbers'), value: (row) => row.orders.map((order) => order.orderId).join(' ') },
          ], report.value.items),
        );
      }
      case 'budget': {
        const dimension = query.dimension === 'product' || query.dimension === undefined ? 'region' : query.dimension;
        const report = await analytics.budgetSuggestions(ctx, { ...scoped, dimension, totalFen: query.totalFen === undefined ? undefined : BigInt(query.totalFen) });
        if (!report.ok) return report;
        return ok(
          toFile(query.format, name, h(locale, '预算建议', 'Budget suggestions'), [
            { header: h(locale, '排名', 'Rank'), value: (row) => row.rank },
            { header: h(locale, '名称', 'Name'), value: (row) => row.label },
            { header: h(locale, '费用（元）', 'Spend (CNY)'), value: (row) => yuan(row.spendFen) },
            { header: h(locale, 'GMV（元）', 'GMV (CNY)'), value: (row) => yuan(row.gmvFen) },
            { header: h(locale, '投入产出比', 'ROI'), value: (row) => percent(row.roiBps) },
            { header: h(locale, '当前预算（元）', 'Current budget (CNY)'), value: (row) => yuan(row.currentFen) },
            { header: h(locale, '建议预算（元）', 'Suggested budget (CNY)'), value: (row) => yuan(row.suggestedFen) },
            { header: h(locale, '调整（元）', 'Change (CNY)'), value: (row) => yuan(row.changeFen) },
            { header: h(locale, '理由', 'Reasoning'), value: (row) => row.reasoning[locale] },
          ], report.value.rows),
        );
      }
      case 'cohorts': {
        const report = await analytics.cohorts(ctx, scoped);
        if (!report.ok) return report;
        const width = Math.max(0, ...report.value.rows.map((row) => row.retained.length));
        return ok(
          toFile(query.format, name, h(locale, '留存', 'Cohorts'), [
            { header: h(locale, '首购月份', 'Cohort'), value: (row) => row.cohort },
            { header: h(locale, '买家数', 'Buyers'), value: (row) => row.buyers },
            ...Array.from({ length: width }, (_, offset) => ({ header: h(locale, `第 ${offset} 月`, `Month ${offset}`), value: (row: (typeof report.value.rows)[number]) => percent(row.retainedBps[offset] ?? null) })),
          ], report.value.rows),
        );
      }
    }
  };
}
