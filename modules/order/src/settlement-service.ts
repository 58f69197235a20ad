import { beijingMonthRange as monthRange, formatYuan, type DataScope, type RequestContext } from '@linkmall/kernel';
import { sql, type Db } from '@linkmall/db';
import type { Kysely } from 'kysely';
import type { OrderTables } from './order-tables.ts';

const t = (db: Db) => db as Kysely<OrderTables>;

export type SettlementParty = 'supplier' | 'merchant';

export interface SettlementRow {
  partyId: string;
  partyName: string | null;
  subOrders: number;
  /** What buyers paid for the settled lines, net of refunds. */
  salesFen: number;
  /** Supply price of the units kept by buyers. */
  supplyCostFen: number;
  /** What the platform owes the party: the supply cost to a supplier, the margin to a merchant. */
  payableFen: number;
}

/** A calendar month in China time, e.g. 2026-11 → [2026-11-01T00:00+08:00, 2026-12-01T00:00+08:00). */
export { monthRange };

/**
 * Settlement statements: for sub-orders completed in a month (their after-sales window closed), what
 * the platform owes each supplier (supply price of the units buyers kept) and each merchant (what
 * buyers paid through its storefront, net of refunds, less that supply cost).
 */
export function createSettlementService(db: Db, organizationNames: (ids: readonly string[]) => Promise<Map<string, string>>) {
  return {
    async statement(ctx: RequestContext, input: { month: string; party: SettlementParty }): Promise<{ month: string; party: SettlementParty; rows: SettlementRow[]; totalPayableFen: number }> {
      const { from, to } = monthRange(input.month);
      const scope: DataScope = ctx.actor!.scope;
      const partyColumn = input.party === 'supplier' ? sql.ref('sub_orders.supplier_id') : sql.ref('orders.merchant_id');
      let query = t(db)
        .selectFrom('order_lines')
        .innerJoin('sub_orders', 'sub_orders.id', 'order_lines.sub_order_id')
        .innerJoin('orders', 'orders.id', 'order_lines.order_id')
        .where('sub_orders.status', '=', 'completed')
        .where('sub_orders.completed_at', '>=', from)
        .where('sub_orders.completed_at', '<', to)
        .where(sql<boolean>`${partyColumn} is not null`)
        .select([
          sql<string>`${partyColumn}`.as('party_id'),
          sql<bigint>`count(distinct sub_orders.id)`.as('sub_orders'),
          sql<bigint>`sum(order_lines.payable_fen - order_lines.refunded_fen)`.as('sales_fen'),
          sql<bigint>`sum(order_lines.supply_price_fen * (order_lines.quantity - order_lines.refunded_quantity))`.as('supply_cost_fen'),
        ])
        .groupBy(sql`1`)
        .orderBy(sql`1`);
      if (scope.kind === 'supplier') query = query.where('sub_orders.supplier_id', '=', scope.supplierId);
      else if (scope.kind === 'merchant') query = query.where('orders.merchant_id', '=', scope.merchantId);
      else if (scope.kind === 'self') return { month: input.month, party: input.party, rows: [], totalPayableFen: 0 };
      if (scope.kind === 'supplier' && input.party === 'merchant') return { month: input.month, party: input.party, rows: [], totalPayableFen: 0 };
      if (scope.kind === 'merchant' && input.party === 'supplier') return { month: input.month, party: input.party, rows: [], totalPayableFen: 0 };
      const raw = await query.execute();
      const names = await organizationNames(raw.map((row) => row.party_id));
      const rows = raw.map((row) => {
        const salesFen = Number(row.sales_fen);
        const supplyCostFen = Number(row.supply_cost_fen);
        return {
          partyId: row.party_id,
          partyName: names.get(row.party_id) ?? null,
          subOrders: Number(row.sub_orders),
          salesFen,
          supplyCostFen,
          payableFen: input.party === 'supplier' ? supplyCostFen : salesFen - supplyCostFen,
        };
      });
      return { month: input.month, party: input.party, rows, totalPayableFen: rows.reduce((sum, row) => sum + row.payableFen, 0) };
    },
  };
}
export type SettlementService = ReturnType<typeof createSettlementService>;

/** The statement as CSV for finance tools: UTF-8 with a BOM so Excel shows the Chinese headers, amounts in yuan. */
export function settlementCsv(statement: { month: string; party: SettlementParty; rows: SettlementRow[] }): string {
  const header = statement.party === 'supplier' ? ['月份', '供应商ID', '供应商', '子订单数', '销售额(元)', '供货成本(元)', '应付供应商(元)'] : ['月份', '商户ID', '商户', '子订单数', '销售额(元)', '供货成本(元)', '应付商户(元)'];
  const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const lines = statement.rows.map((row) =>
    [statement.month, row.partyId, row.partyName ?? '', String(row.subOrders), formatYuan(BigInt(row.salesFen)), formatYuan(BigInt(row.supplyCostFen)), formatYuan(BigInt(row.payableFen))].map(quote).join(','),
  );
  return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
