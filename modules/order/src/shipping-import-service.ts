import { err, newId, ok, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import { fulfilmentStore } from './fulfilment-store.ts';
import type { FulfilmentService } from './fulfilment-service.ts';
import { findCarrier, type Carrier } from './logistics-carriers.ts';
import type { LogisticsErrorCode } from './logistics-errors.ts';
import type { OrderErrorCode } from './order-errors.ts';
import { parseCsv } from './shipping-import-csv.ts';
import { describeShippingIssue, type ShippingImportIssue } from './shipping-import-issues.ts';

export const MAX_SHIPPING_ROWS = 2_000;
/** The most problems one answer lists; `errorCount` always has the total. */
export const MAX_REPORTED_SHIPPING_ISSUES = 500;

const COLUMNS = ['subOrderId', 'carrierCode', 'trackingNumber'] as const;
type Column = (typeof COLUMNS)[number];

/** Header spellings people use; case, spaces and brackets are ignored when matching. */
const HEADER_NAMES: Record<string, Column> = {
  suborderid: 'subOrderId',
  子订单号: 'subOrderId',
  子订单id: 'subOrderId',
  carriercode: 'carrierCode',
  carrier: 'carrierCode',
  快递公司编码: 'carrierCode',
  快递公司: 'carrierCode',
  trackingnumber: 'trackingNumber',
  运单号: 'trackingNumber',
  快递单号: 'trackingNumber',
};
const headerKey = (text: string) => text.trim().toLowerCase().replace(/[\s()（）[\]【】_-]/g, '');

const SUB_ORDER_ID = /^sub_[0-9a-z]{26}$/;
const TRACKING_NUMBER = /^[A-Za-z0-9-]{6,40}$/;

interface ShippingRow {
  readonly line: number;
  readonly subOrderId: string;
  readonly carrier: Carrier;
  readonly trackingNumber: string;
}

export interface ShippingImportInput {
  readonly content: string;
  /** Check everything, lock nothing in, write nothing: the answer says what a real run would ship. */
  readonly dryRun?: boolean;
}

export interface ShippingImportReport {
  importId: string | null;
  dryRun: boolean;
  rowCount: number;
  shipped: Array<{ line: number; subOrderId: string; orderId: string; carrierCode: string; carrierName: string; trackingNumber: string }>;
}

/** Reads the file into rows; every cell problem becomes an issue with its line and column. */
function readRows(content: string, issues: ShippingImportIssue[]): ShippingRow[] {
  const { records, problem } = parseCsv(content);
  if (problem) {
    issues.push({ line: problem.line, column: null, code: problem.code, params: { line: problem.line } });
    return [];
  }
  const [header, ...data] = records;
  if (!header) {
    issues.push({ line: 0, column: null, code: 'no_rows' });
    return [];
  }
  const positions = new Map<Column, number>();
  header.fields.forEach((name, position) => {
    const column = HEADER_NAMES[headerKey(name)];
    if (!column) issues.push({ line: header.line, column: name.trim(), code: 'unknown_column', params: { column: name.trim() } });
    else if (positions.has(column)) issues.push({ line: header.line, column, code: 'duplicate_column', params: { column } });
    else positions.set(column, position);
  });
  for (const column of COLUMNS) if (!positions.has(column)) issues.push({ line: header.line, column, code: 'missing_column', params: { column } });
  if (issues.length > 0) return [];
  if (data.length === 0) issues.push({ line: header.line, column: null, code: 'no_rows' });

  const rows: ShippingRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (const record of data) {
    if (record.fields.length > header.fields.length) {
      issues.push({ line: record.line, column: null, code: 'extra_fields', params: { count: record.fields.length, expected: header.fields.length } });
      continue;
    }
    const cell = (column: Column) => (record.fields[positions.get(column)!] ?? '').trim();
    const before = issues.length;
    const subOrderId = cell('subOrderId');
    const carrierText = cell('carrierCode');
    const trackingNumber = cell('trackingNumber');
    if (!subOrderId) issues.push({ line: record.line, column: 'subOrderId', code: 'required' });
    else if (!SUB_ORDER_ID.test(subOrderId)) issues.push({ line: record.line, column: 'subOrderId', code: 'invalid_sub_order_id' });
    else if (firstLineOf.has(subOrderId)) issues.push({ line: record.line, column: 'subOrderId', code: 'duplicate_sub_order', params: { firstLine: firstLineOf.get(subOrderId)! } });
    else firstLineOf.set(subOrderId, record.line);
    const carrier = carrierText ? findCarrier(carrierText) : undefined;
    if (!carrierText) issues.push({ line: record.line, column: 'carrierCode', code: 'required' });
    else if (!carrier) issues.push({ line: record.line, column: 'carrierCode', code: 'carrier_unknown', params: { carrier: carrierText } });
    if (!trackingNumber) issues.push({ line: record.line, column: 'trackingNumber', code: 'required' });
    else if (!TRACKING_NUMBER.test(trackingNumber)) issues.push({ line: record.line, column: 'trackingNumber', code: 'invalid_tracking_number' });
    if (issues.length === before) rows.push({ line: record.line, subOrderId, carrier: carrier!, trackingNumber });
  }
  return rows;
}

class Rollback extends Error {}

/**
 * Ships many sub-orders from one CSV (sub-order id, carrier code, tracking number). Every row is
 * checked first — cells, duplicates, that the caller may ship the sub-order and that it is paid and
 * not shipped yet — and any problem answers with all of them and ships nothing. A clean file ships
 * every row through the fulfilment service's own ship operation in one transaction, so each sub-order
 * gets the same history, audit entry and `order.shipped` event as when shipped by hand.
 */
export function createShippingImportService(db: Db, fulfilment: FulfilmentService) {
  return {
    async run(ctx: RequestContext, input: ShippingImportInput): Promise<Result<ShippingImportReport, LogisticsErrorCode | OrderErrorCode>> {
      const issues: ShippingImportIssue[] = [];
      const rows = readRows(input.content, issues);
      if (rows.length > MAX_SHIPPING_ROWS) return err('shipping_import_too_large', { maxRows: MAX_SHIPPING_ROWS });
      const invalid = () => {
        const sorted = [...issues].sort((a, b) => a.line - b.line || COLUMNS.indexOf(a.column as Column) - COLUMNS.indexOf(b.column as Column));
        return err('shipping_import_invalid', {
          errorCount: sorted.length,
          errors: sorted.slice(0, MAX_REPORTED_SHIPPING_ISSUES).map((issue) => describeShippingIssue(issue, ctx.locale)),
        });
      };
      if (issues.length > 0) return invalid();

      let outcome: Result<ShippingImportReport, LogisticsErrorCode | OrderErrorCode> | undefined;
      try {
        await inTransaction(db, async (tx) => {
          const orderIds = new Map<string, string>();
          for (const row of rows) {
            // Locked in file order, so two imports touching the same sub-orders queue rather than deadlock on each other's half.
            const subOrder = await fulfilmentStore.findSubOrder(tx, row.subOrderId, ctx.actor!.scope, { forUpdate: true });
            if (!subOrder) issues.push({ line: row.line, column: 'subOrderId', code: 'sub_order_not_found' });
            else if (subOrder.shipped_at) issues.push({ line: row.line, column: 'subOrderId', code: 'already_shipped', params: { carrier: subOrder.carrier ?? '', trackingNumber: subOrder.tracking_number ?? '' } });
            else if (subOrder.status !== 'paid') issues.push({ line: row.line, column: 'subOrderId', code: 'not_shippable', params: { status: subOrder.status } });
            else orderIds.set(row.subOrderId, subOrder.order_id);
          }
          if (issues.length > 0) {
            outcome = invalid();
            throw new Rollback();
          }
          const shipped: ShippingImportReport['shipped'] = rows.map((row) => ({
            line: row.line,
            subOrderId: row.subOrderId,
            orderId: orderIds.get(row.subOrderId)!,
            carrierCode: row.carrier.code,
            carrierName: row.carrier.name[ctx.locale],
            trackingNumber: row.trackingNumber,
          }));
          if (input.dryRun) {
            outcome = ok({ importId: null, dryRun: true, rowCount: rows.length, shipped });
            throw new Rollback();
          }
          for (const row of rows) {
            const result = await fulfilment.shipWithin(tx, ctx, row.subOrderId, { carrier: row.carrier.name['zh-CN'], carrierCode: row.carrier.code, trackingNumber: row.trackingNumber });
            // Checked above under lock, so a failure here is a bug; still, nothing of the file stays written.
            if (!result.ok) {
              outcome = result;
              throw new Rollback();
            }
          }
          const importId = newId('shp', ctx.clock.now().getTime());
          await recordAudit(tx, ctx, {
            action: 'shipments.imported',
            entityType: 'shipping_import',
            entityId: importId,
            organizationId: ctx.actor!.organizationId,
            before: null,
            after: { rowCount: rows.length, subOrderIds: rows.map((row) => row.subOrderId) },
          });
          outcome = ok({ importId, dryRun: false, rowCount: rows.length, shipped });
        });
      } catch (error) {
        if (!(error instanceof Rollback)) throw error;
      }
      return outcome!;
    },
  };
}
export type ShippingImportService = ReturnType<typeof createShippingImportService>;
