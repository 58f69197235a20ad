import { sql, type Db } from '@linkmall/db';
import type { Localized, Locale } from '@linkmall/kernel';
import { suggestBudget, type BudgetSuggestion } from './domain/budget-allocation.ts';
import type { AnalyticsFilter } from './domain/scope.ts';
import { breakdownRows, spendScope } from './report-queries.ts';
import { big } from './rollup-sql.ts';

export type BudgetDimension = 'region' | 'team' | 'channel';

export interface BudgetReport {
  readonly totalFen: bigint;
  readonly rows: BudgetSuggestion[];
  readonly summary: Localized;
}

/**
 * Budget suggestions over the scope's breakdown: every region (province), team or channel with
 * spend in the period, ranked and given a share of the same total (or of `totalFen`).
 */
export async function budgetReport(
  db: Db,
  filter: AnalyticsFilter,
  dimension: BudgetDimension,
  totalFen: bigint | undefined,
  labelOf: (keys: readonly string[], locale: Locale) => Promise<Map<string, string>>,
  locale: Locale,
): Promise<BudgetReport> {
  const rows = (await breakdownRows(db, filter, dimension === 'region' ? 'province' : dimension, 'gmv', { limit: 10_000, offset: 0 })).items;
  const labels = await labelOf(rows.map((row) => row.key), locale);
  const recorded = big((await sql<{ spend: unknown }>`select coalesce(sum(amount_fen), 0) as spend from analytics_spend
    where day between ${filter.from}::date and ${filter.to}::date and ${spendScope(filter.scope)}`.execute(db)).rows[0]!.spend);
  const total = totalFen ?? recorded;
  const suggestions = suggestBudget(
    rows.map((row) => ({ key: row.key, label: labels.get(row.key) ?? row.key, spendFen: row.spendFen ?? 0n, gmvFen: row.gmvFen, fissionActions: row.shares + row.referrals })),
    total,
  );
  const best = suggestions[0];
  const summary: Localized =
    suggestions.length === 0
      ? { 'zh-CN': '所选区间内没有录入营销费用，无法计算投入产出。', en: 'No marketing spend was recorded for the range, so there is no return on spend to compare.' }
      : {
          'zh-CN': `共 ${suggestions.length} 项有投入。按投入产出比（70%）与裂变效率（30%）排序，${best!.label} 综合最佳；建议一半预算维持原比例、一半按得分重新分配。`,
          en: `${suggestions.length} items have spend. Ranked by return on spend (70%) and fission efficiency (30%), ${best!.label} scores best; half of the budget keeps its current split and half follows the scores.`,
        };
  return { totalFen: total, rows: suggestions, summary };
}
