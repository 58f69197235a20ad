import { tableToCsv, tableToXlsx, type ExportColumn, type Locale } from '@linkmall/kernel';
import type { ForecastMethod } from './domain/forecaster.ts';
import type { SuggestionStatus } from './domain/suggestion.ts';
import type { SuggestionView } from './replenishment-view.ts';

const STATUS_LABELS: Record<SuggestionStatus, Record<Locale, string>> = {
  order_now: { 'zh-CN': '立即下单', en: 'Order now' },
  order_at_review: { 'zh-CN': '下个周期下单', en: 'Order at next review' },
  sufficient: { 'zh-CN': '库存充足', en: 'Sufficient' },
};

const METHOD_LABELS: Record<ForecastMethod, Record<Locale, string>> = {
  holt_winters: { 'zh-CN': 'Holt-Winters', en: 'Holt-Winters' },
  simple_smoothing: { 'zh-CN': '简单指数平滑', en: 'Simple smoothing' },
  mean: { 'zh-CN': '历史均值', en: 'Mean' },
  none: { 'zh-CN': '无销售历史', en: 'No history' },
};

function columns(locale: Locale): ExportColumn<SuggestionView>[] {
  const zh = locale === 'zh-CN';
  const column = (zhHeader: string, enHeader: string, value: ExportColumn<SuggestionView>['value']): ExportColumn<SuggestionView> => ({ header: zh ? zhHeader : enHeader, value });
  return [
    column('SKU 编码', 'SKU code', (row) => row.skuCode),
    column('商品', 'Product', (row) => row.title),
    column('规格', 'Specs', (row) => row.specs),
    column('供应商', 'Supplier', (row) => row.supplierName),
    column('建议', 'Advice', (row) => STATUS_LABELS[row.status][locale]),
    column('建议采购量', 'Suggested quantity', (row) => row.suggestedQuantity),
    column('现有库存', 'On hand', (row) => row.onHand),
    column('在途', 'On order', (row) => row.onOrder),
    column('再订货点', 'Reorder point', (row) => row.reorderPoint),
    column('目标库存', 'Target stock', (row) => row.targetStock),
    column('安全库存', 'Safety stock', (row) => row.safetyStock),
    column('日均预测', 'Forecast per day', (row) => row.averageDailyDemand),
    column('交货期需求', 'Lead-time demand', (row) => row.leadTimeDemand),
    column('交货期（天）', 'Lead time (days)', (row) => row.leadTimeDays),
    column('补货周期（天）', 'Review period (days)', (row) => row.reviewPeriodDays),
    column('服务水平', 'Service level', (row) => `${row.serviceLevelBps / 100}%`),
    column('预测模型', 'Model', (row) => METHOD_LABELS[row.method][locale]),
    column('历史天数', 'History (days)', (row) => row.historyDays),
  ];
}

/** The suggestion table as a download: CSV (UTF-8 with BOM) or an Excel workbook. */
export function suggestionsFile(rows: readonly SuggestionView[], format: 'csv' | 'xlsx', locale: Locale): { body: string | Uint8Array; contentType: string; fileName: string } {
  if (format === 'xlsx') {
    return { body: tableToXlsx(locale === 'zh-CN' ? '补货建议' : 'Replenishment', columns(locale), rows), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: 'replenishment-suggestions.xlsx' };
  }
  return { body: tableToCsv(columns(locale), rows), contentType: 'text/csv; charset=utf-8', fileName: 'replenishment-suggestions.csv' };
}
