import { formatYuan, tableToCsv, tableToXlsx, type ExportColumn } from '@linkmall/kernel';
import type { ExportPeriod } from './domain/export-periods.ts';
import type { ExportSources, Keyed } from './integration-ports.ts';
import type { ExportFormat, ExportReport } from './integration-tables.ts';
import type { PartnerLead, PartnerOrder, PartnerRewardLine } from './partner-schemas.ts';

/** A period with more rows than this is refused rather than written as a file nobody can open. */
export const MAX_EXPORT_ROWS = 200_000;
const PAGE_ROWS = 1_000;

// Headers carry both languages: the same file goes to a Chinese finance team and to an ERP importer.
const yuan = (fen: number) => formatYuan(BigInt(fen));
const ORDER_COLUMNS: ExportColumn<PartnerOrder>[] = [
  { header: '订单号 Order ID', value: (row) => row.orderId },
  { header: '下单时间 Created at', value: (row) => row.createdAt },
  { header: '支付状态 Payment status', value: (row) => row.paymentStatus },
  { header: '支付时间 Paid at', value: (row) => row.paidAt },
  { header: '买家 Buyer', value: (row) => row.buyerUserId },
  { header: '商家 Merchant', value: (row) => row.merchantId },
  { header: '配送方式 Delivery', value: (row) => row.deliveryMethod },
  { header: '商品金额(元) Goods', value: (row) => yuan(row.goodsFen) },
  { header: '优惠(元) Discount', value: (row) => yuan(row.discountFen) },
  { header: '运费(元) Shipping', value: (row) => yuan(row.shippingFen) },
  { header: '应付(元) Payable', value: (row) => yuan(row.payableFen) },
  { header: '已退款(元) Refunded', value: (row) => yuan(row.refundedFen) },
  { header: '子订单状态 Sub-order statuses', value: (row) => row.subOrders.map((subOrder) => `${subOrder.subOrderId}:${subOrder.status}`).join(' ') },
  { header: '件数 Items', value: (row) => row.lines.reduce((sum, line) => sum + line.quantity, 0) },
  { header: '省 Province', value: (row) => row.shippingRegion?.province ?? null },
  { header: '市 City', value: (row) => row.shippingRegion?.city ?? null },
];
const REWARD_LINE_COLUMNS: ExportColumn<PartnerRewardLine>[] = [
  { header: '明细号 Line ID', value: (row) => row.id },
  { header: '产生时间 Created at', value: (row) => row.createdAt },
  { header: '订单号 Order ID', value: (row) => row.orderId },
  { header: '收益人 Payee', value: (row) => row.payeeId },
  { header: '类型 Kind', value: (row) => row.kind },
  { header: '金额(元) Amount', value: (row) => yuan(row.amountFen) },
  { header: '状态 Status', value: (row) => row.status },
  { header: '来源买家 Source buyer', value: (row) => row.sourceUserId },
  { header: '冲正明细 Reverses', value: (row) => row.reversesLineId },
  { header: '规则版本 Profile version', value: (row) => row.profileVersion },
];
const LEAD_COLUMNS: ExportColumn<PartnerLead>[] = [
  { header: '线索号 Lead ID', value: (row) => row.leadId },
  { header: '创建时间 Created at', value: (row) => row.createdAt },
  { header: '姓名 Name', value: (row) => row.name },
  { header: '公司 Company', value: (row) => row.company },
  { header: '职位 Title', value: (row) => row.title },
  { header: '电话(脱敏) Phones (masked)', value: (row) => row.phonesMasked.join(' ') },
  { header: '邮箱 E-mails', value: (row) => row.emails.join(' ') },
  { header: '来源 Source', value: (row) => row.source },
  { header: '阶段 Stage', value: (row) => row.stage },
  { header: '意向分 Intent', value: (row) => row.intentScore },
  { header: '负责人 Owner', value: (row) => row.ownerUserId },
  { header: '组织 Organisation', value: (row) => row.organizationId },
];

export const REPORT_NAMES: Record<ExportReport, { file: string; sheet: string }> = {
  orders: { file: 'orders', sheet: '订单 Orders' },
  reward_lines: { file: 'reward-lines', sheet: '奖励明细 Reward lines' },
  leads: { file: 'leads', sheet: '线索 Leads' },
};

async function collect<T>(source: { page(period: { start: Date; end: Date }, after: readonly string[] | null, limit: number): Promise<Keyed<T>[]> }, period: ExportPeriod): Promise<T[] | null> {
  const rows: T[] = [];
  for (let after: readonly string[] | null = null; ; ) {
    const page = await source.page(period, after, PAGE_ROWS);
    rows.push(...page.map((entry) => entry.item));
    if (rows.length > MAX_EXPORT_ROWS) return null;
    if (page.length < PAGE_ROWS) return rows;
    after = page[page.length - 1]!.key;
  }
}

function render<T>(format: ExportFormat, sheet: string, columns: readonly ExportColumn<T>[], rows: readonly T[]): Uint8Array {
  return format === 'csv' ? Buffer.from(tableToCsv(columns, rows), 'utf8') : tableToXlsx(sheet, columns, rows);
}

/** The file of one report over one period; null when the period holds more than MAX_EXPORT_ROWS. */
export async function produceExport(sources: ExportSources, report: ExportReport, format: ExportFormat, period: ExportPeriod): Promise<{ content: Uint8Array; rowCount: number; fileName: string } | null> {
  const { file, sheet } = REPORT_NAMES[report];
  const fileName = `${file}-${period.label}.${format}`;
  if (report === 'orders') {
    const rows = await collect(sources.orders, period);
    return rows && { content: render(format, sheet, ORDER_COLUMNS, rows), rowCount: rows.length, fileName };
  }
  if (report === 'reward_lines') {
    const rows = await collect(sources.reward_lines, period);
    return rows && { content: render(format, sheet, REWARD_LINE_COLUMNS, rows), rowCount: rows.length, fileName };
  }
  const rows = await collect(sources.leads, period);
  return rows && { content: render(format, sheet, LEAD_COLUMNS, rows), rowCount: rows.length, fileName };
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
