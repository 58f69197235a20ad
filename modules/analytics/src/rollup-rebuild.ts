import { inTransaction, sql, type Db } from '@linkmall/db';
import { systemClock, type Clock } from '@linkmall/kernel';
import { applyCases, applyRefunds, applyShipments, forgetFacts } from './fact-rollup.ts';
import { rebuildMembers } from './member-rollup.ts';
import { rebuildBuyers, rebuildOrders } from './order-rollup.ts';
import { lockRollups, TRUE } from './rollup-sql.ts';
import { applyTracking, saveHorizon, trackingHorizon, WATERMARK } from './tracking-rollup.ts';

export interface RebuildRange {
  readonly from: string;
  readonly to: string;
}

/**
 * Recomputes the roll-ups from the source tables, set-wise, in one transaction that holds the
 * roll-up lock (incremental work waits). Without a range everything is recomputed; with one, the
 * days of the range (orders, tracking rows, shipments, refunds, cases and referrals of those days;
 * every buyer's first order and every member again, as they span days). Tracking rows are counted up
 * to the settled watermark, so the watermark job goes on from where the rebuild stopped.
 */
export async function rebuildRollups(db: Db, range?: RebuildRange, clock: Clock = systemClock): Promise<void> {
  await inTransaction(db, async (tx) => {
    const horizon = await trackingHorizon(tx, clock.now());
    await lockRollups(tx);
    const day = (column: string) => (range ? sql`${sql.raw(column)} between ${range.from}::date and ${range.to}::date` : TRUE);
    if (range) {
      await sql`delete from analytics_daily where day between ${range.from}::date and ${range.to}::date`.execute(tx);
      await sql`delete from analytics_daily_dimensions where day between ${range.from}::date and ${range.to}::date`.execute(tx);
      await sql`delete from analytics_orders where day between ${range.from}::date and ${range.to}::date`.execute(tx);
      await forgetFacts(tx, range.from, range.to);
      const applied = (await sql<{ applied_through: string }>`select applied_through::text from analytics_watermarks where name = ${WATERMARK}`.execute(tx)).rows[0]!.applied_through;
      await applyTracking(tx, sql`e.id <= ${applied}::bigint and ${day('analytics_beijing_day(e.occurred_at)')}`);
    } else {
      await sql`truncate analytics_daily, analytics_daily_dimensions, analytics_order_products, analytics_orders, analytics_buyers, analytics_buyer_months, analytics_members, analytics_applied_facts`.execute(tx);
      await applyTracking(tx, sql`e.id <= ${horizon.settled.toString()}::bigint`);
      await saveHorizon(tx, horizon, horizon.settled, clock.now());
    }
    await rebuildOrders(tx, day('src.day'), day('o.day'));
    await rebuildBuyers(tx, day('o.day'), day('b.first_day'));
    await applyShipments(tx, day('analytics_beijing_day(x.shipped_at)'));
    await applyRefunds(tx, day('analytics_beijing_day(x.at)'));
    await applyCases(tx, day('analytics_beijing_day(x.at)'));
    await rebuildMembers(tx, day('m.bound_day'));
  });
}
