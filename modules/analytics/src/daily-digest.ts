import { inTransaction, sql, type Db } from '@linkmall/db';
import { formatYuan, type Localized, type RequestContext } from '@linkmall/kernel';
import type { DirectoryStore } from './directory-store.ts';
import { addDays, beijingDay } from './domain/period.ts';
import { basisPoints } from './domain/ratios.ts';
import { storedScopeId, type ScopeRef } from './domain/scope.ts';
import { big } from './rollup-sql.ts';

/** A staff notification written in the caller's transaction (the radar's in-app notices plus WeChat). */
export interface DigestNotifier {
  record(tx: Db, ctx: RequestContext, userId: string, notification: { kind: string; title: Localized; body: Localized; link: string | null }): Promise<void>;
}

interface DayNumbers {
  readonly gmvFen: bigint;
  readonly orders: bigint;
  readonly newBuyers: bigint;
  readonly afterSales: bigint;
  readonly spendFen: bigint | null;
}

async function numbersOf(tx: Db, scope: ScopeRef, day: string): Promise<DayNumbers> {
  const row = (await sql<Record<string, unknown>>`select coalesce(sum(gmv_fen), 0) as gmv, coalesce(sum(orders), 0) as orders, coalesce(sum(new_buyers), 0) as new_buyers,
      coalesce(sum(after_sales), 0) as after_sales
    from analytics_daily where scope_kind = ${scope.kind} and scope_id = ${storedScopeId(scope)} and day = ${day}::date`.execute(tx)).rows[0]!;
  const spend = scope.kind === 'platform' ? big((await sql<{ spend: unknown }>`select coalesce(sum(amount_fen), 0) as spend from analytics_spend where day = ${day}::date`.execute(tx)).rows[0]!.spend) : null;
  return { gmvFen: big(row.gmv), orders: big(row.orders), newBuyers: big(row.new_buyers), afterSales: big(row.after_sales), spendFen: spend };
}

const change = (now: bigint, before: bigint): { zh: string; en: string } => {
  if (before === 0n) return { zh: now === 0n ? '持平' : '前日为 0', en: now === 0n ? 'flat' : 'none the day before' };
  const bps = basisPoints(now - before, before)!;
  const text = `${bps >= 0 ? '+' : ''}${(bps / 100).toFixed(1)}%`;
  return { zh: `较前日 ${text}`, en: `${text} on the day before` };
};

/** The digest text for one scope and day: GMV, orders, AOV, new buyers, after-sales rate, and spend for platform readers. */
export function digestText(day: string, today: DayNumbers, before: DayNumbers, scopeName: Localized): { title: Localized; body: Localized } {
  const aov = today.orders > 0n ? formatYuan((today.gmvFen + today.orders / 2n) / today.orders) : '-';
  const afterSalesRate = basisPoints(today.afterSales, today.orders);
  const rate = afterSalesRate === null ? '-' : `${(afterSalesRate / 100).toFixed(2)}%`;
  const gmvChange = change(today.gmvFen, before.gmvFen);
  const orderChange = change(today.orders, before.orders);
  const spend = today.spendFen === null ? null : formatYuan(today.spendFen);
  return {
    title: { 'zh-CN': `${scopeName['zh-CN']} ${day} 经营日报`, en: `${scopeName.en} daily digest for ${day}` },
    body: {
      'zh-CN': `GMV ¥${formatYuan(today.gmvFen)}（${gmvChange.zh}），订单 ${today.orders} 笔（${orderChange.zh}），客单价 ¥${aov}，新客 ${today.newBuyers} 人，售后率 ${rate}${spend === null ? '' : `，营销费用 ¥${spend}`}。`,
      en: `GMV ¥${formatYuan(today.gmvFen)} (${gmvChange.en}), ${today.orders} orders (${orderChange.en}), AOV ¥${aov}, ${today.newBuyers} new buyers, after-sales rate ${rate}${spend === null ? '' : `, marketing spend ¥${spend}`}.`,
    },
  };
}

/**
 * The `analytics.daily-digest` job: yesterday's numbers (Beijing day) to every operations and finance
 * user (platform) and every merchant admin (their merchant). A delivery row per day and recipient is
 * written with the notification in one transaction, so a rerun sends nobody anything twice.
 */
export function createDailyDigest(deps: { db: Db; directory: DirectoryStore; notifier: DigestNotifier }) {
  return async (ctx: RequestContext): Promise<{ sent: number; day: string }> => {
    const day = addDays(beijingDay(ctx.clock.now()), -1);
    const recipients = await deps.directory.digestRecipients();
    const merchantNames = await deps.directory.organizationNames([...new Set(recipients.flatMap((recipient) => (recipient.merchantId ? [recipient.merchantId] : [])))]);
    let sent = 0;
    for (const recipient of recipients) {
      const scope: ScopeRef = recipient.merchantId ? { kind: 'merchant', id: recipient.merchantId } : { kind: 'platform', id: null };
      const fresh = await inTransaction(deps.db, async (tx) => {
        const claimed = await sql`insert into analytics_digest_deliveries (day, recipient_user_id, sent_at) values (${day}::date, ${recipient.userId}, ${ctx.clock.now()})
          on conflict do nothing returning recipient_user_id`.execute(tx);
        if (claimed.rows.length === 0) return false;
        const name = recipient.merchantId ? merchantNames.get(recipient.merchantId) ?? recipient.merchantId : null;
        const text = digestText(day, await numbersOf(tx, scope, day), await numbersOf(tx, scope, addDays(day, -1)), name ? { 'zh-CN': name, en: name } : { 'zh-CN': '平台', en: 'Platform' });
        await deps.notifier.record(tx, ctx, recipient.userId, { kind: 'analytics_digest', ...text, link: '/console/analytics' });
        return true;
      });
      if (fresh) sent += 1;
    }
    return { sent, day };
  };
}
