import { formatYuan, tableToCsv, tableToXlsx, type ExportColumn, type Locale } from '@linkmall/kernel';
import type { KpiEntry } from './report-views.ts';

/** Tables of the reports as CSV or Excel files, headers in the reader's language. */

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportFile {
  readonly fileName: string;
  readonly contentType: string;
  readonly body: Uint8Array;
}

const percent = (bps: number | null) => (bps === null ? '' : `${(bps / 100).toFixed(2)}%`);
const yuan = (fen: number | bigint | null) => (fen === null ? '' : formatYuan(BigInt(fen)));

/** A KPI value as a person reads it: yuan, a percentage, or the number. */
export function kpiCell(unit: KpiEntry['unit'], value: number | null): string | number | null {
  if (value === null) return null;
  if (unit === 'fen') return yuan(value);
  if (unit === 'bps') return percent(value);
  return value;
}

export { percent, yuan };

export function toFile<Row>(format: ExportFormat, name: string, sheet: string, columns: readonly ExportColumn<Row>[], rows: readonly Row[]): ExportFile {
  if (format === 'csv') return { fileName: `${name}.csv`, contentType: 'text/csv; charset=utf-8', body: Buffer.from(tableToCsv(columns, rows), 'utf8') };
  return { fileName: `${name}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: tableToXlsx(sheet, columns, rows) };
}

/** Two-language headers: the column's zh-CN and en names. */
export const header = (locale: Locale, zh: string, en: string) => (locale === 'zh-CN' ? zh : en);
