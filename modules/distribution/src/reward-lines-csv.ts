import { beijingDate, formatYuan } from '@linkmall/kernel';
import type { RewardLine } from './domain/model.ts';
import type { PersonName } from './member-names.ts';

const KIND_NAMES: Record<string, string> = {
  DIRECT: '直推奖',
  TEAM: '团队奖',
  PEER: '平级奖',
  REPURCHASE_DIRECT: '复购直推奖',
  REPURCHASE_TEAM: '复购团队奖',
};
const STATUS_NAMES: Record<string, string> = { PENDING: '待结算', SETTLED: '已结算', REVERSED: '已冲销' };

/** A name a user chose is data, never a spreadsheet formula (=, +, -, @ would be evaluated by Excel). */
const asText = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

const kindName = (kind: string) => (kind.startsWith('CLAWBACK_') ? `追回-${KIND_NAMES[kind.slice('CLAWBACK_'.length)] ?? kind}` : (KIND_NAMES[kind] ?? kind));

/**
 * 佣金明细导出: reward lines as CSV for the finance system, UTF-8 with a BOM so Excel shows the
 * Chinese headers, amounts in yuan with two decimals (clawbacks negative).
 */
export function rewardLinesCsv(lines: readonly RewardLine[], names: ReadonlyMap<string, PersonName> = new Map()): string {
  const header = ['明细ID', '订单号', '收益人ID', '收益人', '来源买家ID', '来源买家', '类型', '金额(元)', '状态', '方案', '方案版本', '入账日期', '冲销/追回原明细'];
  const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const rows = lines.map((line) =>
    [
      line.id,
      line.orderId,
      line.payeeId,
      asText(names.get(line.payeeId)?.displayName ?? ''),
      line.sourceUserId,
      asText(names.get(line.sourceUserId)?.displayName ?? ''),
      kindName(line.kind),
      formatYuan(line.amountFen),
      STATUS_NAMES[line.status] ?? line.status,
      line.profileId,
      line.profileVersion,
      beijingDate(new Date(line.createdAtMs)),
      line.reversesLineId ?? '',
    ]
      .map(quote)
      .join(','),
  );
  return `\uFEFF${[header.join(','), ...rows].join('\r\n')}\r\n`;
}
