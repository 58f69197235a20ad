import { parseCsv } from './csv.ts';
import { columnOfHeader, IMPORT_COLUMNS, REQUIRED_COLUMNS, type ImportColumn } from './import-columns.ts';
import type { ImportIssue } from './import-issues.ts';
import { priceBandProblem } from './price-band.ts';
import type { ProductContent } from './product-change.ts';
import { sanitizeRichText } from './rich-text.ts';
import { MAX_SPECS_PER_SKU, parseSpecsText, SKU_CODE_PATTERN, type SkuDraft, type SpecValue } from './sku-set.ts';
import { isHttpUrl } from './urls.ts';

export const MAX_IMAGES = 20;
export const MAX_STOCK = 1_000_000_000;
export const MAX_WEIGHT_GRAMS = 1_000_000;
export const TEXT_LIMITS = {
  title: 100, subtitle: 200, category: 50, description: 20_000, shippingTemplateId: 64, batchNumber: 64, origin: 100, inspectionReportUrl: 500,
} as const;

/** One row as read from the file, before any checks: CSV cells are strings, JSON values anything. */
export interface RawImportRow {
  readonly row: number;
  readonly values: Readonly<Partial<Record<ImportColumn, unknown>>>;
}

export interface ImportRow {
  readonly row: number;
  readonly spuCode: string;
  readonly content: ProductContent;
  readonly sku: SkuDraft;
  /** The columns the row has (a CSV's header, a JSON object's keys): on update, absent columns keep their values. */
  readonly present: ReadonlySet<ImportColumn>;
}

/** Reads a CSV or JSON file into raw rows; structural problems (bad JSON, unknown headers) come back as issues. */
export function decodeImport(format: 'csv' | 'json', content: string): { rows: RawImportRow[]; issues: ImportIssue[] } {
  const binary = binaryKind(content);
  if (binary) return { rows: [], issues: [{ row: 0, column: null, code: 'binary_content', params: { kind: binary } }] };
  return format === 'csv' ? decodeCsv(content) : decodeJson(content);
}

/**
 * The declared format is checked against the content: a spreadsheet or other binary file pasted in
 * as "CSV" is named by its magic bytes instead of producing a page of unknown-column errors.
 */
const MAGIC: ReadonlyArray<readonly [string, string]> = [
  ['PK\u0003\u0004', 'xlsx/zip'],
  ['\u00d0\u00cf\u0011\u00e0', 'xls'],
  ['\ufffd\ufffd\u0011\ufffd', 'xls'],
  ['%PDF-', 'pdf'],
  ['\u0089PNG', 'png'],
  ['\ufffdPNG', 'png'],
];
export function binaryKind(content: string): string | null {
  const head = content.replace(/^\ufeff/, '').slice(0, 8);
  for (const [magic, kind] of MAGIC) if (head.startsWith(magic)) return kind;
  return content.slice(0, 65_536).includes('\u0000') ? 'binary' : null;
}

function decodeCsv(content: string): { rows: RawImportRow[]; issues: ImportIssue[] } {
  const { records, problems } = parseCsv(content);
  const issues: ImportIssue[] = problems.map((problem) => ({ row: problem.record, column: null, code: problem.code, params: { line: problem.line } }));
  const header = records[0]?.fields ?? [];
  const columns: (ImportColumn | null)[] = [];
  const seen = new Set<ImportColumn>();
  for (const cell of header) {
    const column = columnOfHeader(cell);
    if (cell.trim() === '') columns.push(null);
    else if (!column) {
      issues.push({ row: 0, column: cell.trim(), code: 'unknown_column', params: { column: cell.trim() } });
      columns.push(null);
    } else if (seen.has(column)) {
      issues.push({ row: 0, column, code: 'duplicate_column', params: { column } });
      columns.push(null);
    } else {
      seen.add(column);
      columns.push(column);
    }
  }
  for (const column of REQUIRED_COLUMNS) if (!seen.has(column)) issues.push({ row: 0, column, code: 'missing_column', params: { column } });
  const rows: RawImportRow[] = [];
  records.slice(1).forEach((record, index) => {
    const row = index + 1;
    if (record.fields.every((field) => field.trim() === '')) return;
    if (record.fields.length > header.length) {
      issues.push({ row, column: null, code: 'extra_fields', params: { count: record.fields.length, expected: header.length } });
    }
    const values: Partial<Record<ImportColumn, unknown>> = {};
    columns.forEach((column, position) => {
      if (column) values[column] = record.fields[position] ?? '';
    });
    rows.push({ row, values });
  });
  return { rows, issues };
}

function decodeJson(content: string): { rows: RawImportRow[]; issues: ImportIssue[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content.charCodeAt(0) === 0xfeff ? content.slice(1) : content);
  } catch (error) {
    return { rows: [], issues: [{ row: 0, column: null, code: 'invalid_json', params: { reason: (error as Error).message.slice(0, 200) } }] };
  }
  if (!Array.isArray(parsed)) return { rows: [], issues: [{ row: 0, column: null, code: 'not_an_array' }] };
  const rows: RawImportRow[] = [];
  const issues: ImportIssue[] = [];
  const known = new Set<string>(IMPORT_COLUMNS);
  parsed.forEach((item: unknown, index) => {
    const row = index + 1;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      issues.push({ row, column: null, code: 'not_an_object' });
      return;
    }
    for (const key of Object.keys(item)) if (!known.has(key)) issues.push({ row, column: key, code: 'unknown_column', params: { column: key } });
    rows.push({ row, values: item as Partial<Record<ImportColumn, unknown>> });
  });
  return { rows, issues };
}

type Parsed<T> = { ok: true; value: T } | { ok: false; issue: Omit<ImportIssue, 'row' | 'column'> };
const good = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (code: ImportIssue['code'], params?: Record<string, string | number>): Parsed<never> => ({ ok: false, issue: params ? { code, params } : { code } });

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

function text(value: unknown, max: number): Parsed<string> {
  if (typeof value !== 'string' && typeof value !== 'number') return bad('not_text');
  const trimmed = String(value).trim();
  return trimmed.length > max ? bad('too_long', { max }) : good(trimmed);
}

function code(value: unknown): Parsed<string> {
  const parsed = text(value, 64);
  return parsed.ok && SKU_CODE_PATTERN.test(parsed.value) ? parsed : bad('invalid_code');
}

function wholeNumber(value: unknown, max: number): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 && value <= max ? value : null;
  if (typeof value !== 'string' || !/^\d{1,16}$/.test(value.trim())) return null;
  const number = Number(value.trim());
  return number <= max ? number : null;
}

function fen(value: unknown): Parsed<bigint> {
  const number = wholeNumber(value, Number.MAX_SAFE_INTEGER);
  return number === null ? bad('invalid_fen') : good(BigInt(number));
}

function count(max: number) {
  return (value: unknown): Parsed<number> => {
    const number = wholeNumber(value, max);
    return number === null ? bad('invalid_count', { max }) : good(number);
  };
}

function url(max: number) {
  return (value: unknown): Parsed<string> => {
    const parsed = text(value, max);
    return !parsed.ok || isHttpUrl(parsed.value) ? parsed : bad('invalid_url');
  };
}

function urls(value: unknown): Parsed<string[]> {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[|\n]/) : null;
  if (!list) return bad('invalid_url');
  const cleaned = list.map((item) => (typeof item === 'string' ? item.trim() : item)).filter((item) => item !== '');
  if (cleaned.length > MAX_IMAGES) return bad('too_many_images', { max: MAX_IMAGES });
  for (const item of cleaned) if (typeof item !== 'string' || item.length > 500 || !isHttpUrl(item)) return bad('invalid_url');
  return good(cleaned as string[]);
}

function specs(value: unknown): Parsed<SpecValue[]> {
  let list: SpecValue[] | null = null;
  if (typeof value === 'string') list = parseSpecsText(value);
  else if (Array.isArray(value) && value.every((item) => typeof item?.name === 'string' && typeof item?.value === 'string')) {
    list = value.map((item: SpecValue) => ({ name: item.name.trim(), value: item.value.trim() }));
  }
  const valid = list && list.length <= MAX_SPECS_PER_SKU && list.every((spec) => spec.name !== '' && spec.value !== '' && spec.name.length <= 20 && spec.value.length <= 50);
  return valid ? good(list!) : bad('invalid_specs', { max: MAX_SPECS_PER_SKU });
}

const textOf = (max: number) => (value: unknown) => text(value, max);

/** Checks one row cell by cell; every problem is reported, not just the first. */
export function parseImportRow(raw: RawImportRow): { row: ImportRow | null; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  /** The cell's value; null when it is blank and optional; undefined when it has a problem (recorded). */
  function cell<T>(column: ImportColumn, parse: (value: unknown) => Parsed<T>, required = false): T | null | undefined {
    const value = raw.values[column];
    if (isBlank(value)) {
      if (required) issues.push({ row: raw.row, column, code: 'required' });
      return required ? undefined : null;
    }
    const parsed = parse(value);
    if (parsed.ok) return parsed.value;
    issues.push({ row: raw.row, column, ...parsed.issue });
    return undefined;
  }
  const spuCode = cell('spuCode', code, true);
  const title = cell('title', textOf(TEXT_LIMITS.title), true);
  const subtitle = cell('subtitle', textOf(TEXT_LIMITS.subtitle));
  const category = cell('category', textOf(TEXT_LIMITS.category), true);
  const description = cell('description', textOf(TEXT_LIMITS.description));
  const imageUrls = cell('imageUrls', urls);
  const shippingTemplateId = cell('shippingTemplateId', textOf(TEXT_LIMITS.shippingTemplateId));
  const batchNumber = cell('batchNumber', textOf(TEXT_LIMITS.batchNumber));
  const origin = cell('origin', textOf(TEXT_LIMITS.origin));
  const inspectionReportUrl = cell('inspectionReportUrl', url(TEXT_LIMITS.inspectionReportUrl));
  const skuCode = cell('skuCode', code, true);
  const skuSpecs = cell('specs', specs);
  const supplyPriceFen = cell('supplyPriceFen', fen, true);
  const minRetailPriceFen = cell('minRetailPriceFen', fen, true);
  const suggestedRetailPriceFen = cell('suggestedRetailPriceFen', fen, true);
  const maxRetailPriceFen = cell('maxRetailPriceFen', fen, true);
  const stock = cell('stock', count(MAX_STOCK), true);
  const weightGrams = cell('weightGrams', count(MAX_WEIGHT_GRAMS));
  if (typeof supplyPriceFen === 'bigint' && typeof minRetailPriceFen === 'bigint' && typeof suggestedRetailPriceFen === 'bigint' && typeof maxRetailPriceFen === 'bigint') {
    const field = priceBandProblem({ supplyPriceFen, minRetailPriceFen, suggestedRetailPriceFen, maxRetailPriceFen });
    if (field) issues.push({ row: raw.row, column: field, code: 'price_band_invalid' });
  }
  if (issues.length > 0) return { row: null, issues };
  const known = new Set<string>(IMPORT_COLUMNS);
  return {
    row: {
      row: raw.row,
      present: new Set(Object.keys(raw.values).filter((key): key is ImportColumn => known.has(key))),
      spuCode: spuCode!,
      content: {
        title: title!,
        subtitle: subtitle ?? '',
        category: category!,
        descriptionHtml: description ? sanitizeRichText(description) : '',
        imageUrls: imageUrls ?? [],
        shippingTemplateId: shippingTemplateId ?? null,
        batchNumber: batchNumber ?? null,
        origin: origin ?? null,
        inspectionReportUrl: inspectionReportUrl ?? null,
      },
      sku: {
        skuCode: skuCode!,
        specs: skuSpecs ?? [],
        supplyPriceFen: supplyPriceFen!,
        minRetailPriceFen: minRetailPriceFen!,
        suggestedRetailPriceFen: suggestedRetailPriceFen!,
        maxRetailPriceFen: maxRetailPriceFen!,
        stock: stock!,
        weightGrams: weightGrams ?? 0,
      },
    },
    issues,
  };
}
