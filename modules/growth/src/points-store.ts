import { countRows, pageWindow, sql, type Db, type Kysely, type PageRequest } from '@linkmall/db';
import type { Selectable } from 'kysely';
import type { GrowthPointLineTable, GrowthPointRuleTable, GrowthTables, PointLineAction } from './growth-tables.ts';
import type { PointAction, PointsRule } from './domain/points.ts';

/** The only code touching the points tables: rules, lines, balances, daily counters and seen orders. */
const t = (db: Db) => db as Kysely<GrowthTables>;

export type PointLineRow = Selectable<GrowthPointLineTable>;

export const toRule = (row: Selectable<GrowthPointRuleTable>): PointsRule => ({ action: row.action, enabled: row.enabled, points: row.points, pointsPerYuan: row.points_per_yuan, dailyCap: row.daily_cap });

export interface PointLineFilter {
  readonly memberId?: string;
  readonly action?: PointLineAction;
}

export const pointsStore = {
  async rules(db: Db): Promise<Selectable<GrowthPointRuleTable>[]> {
    return t(db).selectFrom('growth_point_rules').selectAll().orderBy('action').execute();
  },
  async rule(db: Db, action: PointAction, lock = false): Promise<Selectable<GrowthPointRuleTable> | null> {
    let query = t(db).selectFrom('growth_point_rules').selectAll().where('action', '=', action);
    if (lock) query = query.forUpdate();
    return (await query.executeTakeFirst()) ?? null;
  },
  async updateRule(db: Db, rule: PointsRule, actorId: string | null, now: Date): Promise<Selectable<GrowthPointRuleTable>> {
    return t(db)
      .updateTable('growth_point_rules')
      .set({ enabled: rule.enabled, points: rule.points, points_per_yuan: rule.pointsPerYuan, daily_cap: rule.dailyCap, updated_by: actorId, updated_at: now })
      .where('action', '=', rule.action)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  /** The member's row, created on first use and locked: every change to a member's points or invites goes through it. */
  async lockMember(db: Db, memberId: string, now: Date): Promise<{ points_balance: bigint; qualified_invites: number }> {
    await t(db).insertInto('growth_members').values({ member_id: memberId, points_balance: 0n, qualified_invites: 0, updated_at: now }).onConflict((conflict) => conflict.column('member_id').doNothing()).execute();
    return t(db).selectFrom('growth_members').select(['points_balance', 'qualified_invites']).where('member_id', '=', memberId).forUpdate().executeTakeFirstOrThrow();
  },
  async member(db: Db, memberId: string): Promise<{ points_balance: bigint; qualified_invites: number } | null> {
    return (await t(db).selectFrom('growth_members').select(['points_balance', 'qualified_invites']).where('member_id', '=', memberId).executeTakeFirst()) ?? null;
  },
  async addToMember(db: Db, memberId: string, change: { points?: bigint; invites?: number }, now: Date): Promise<void> {
    await t(db)
      .updateTable('growth_members')
      .set((eb) => ({ points_balance: eb('points_balance', '+', change.points ?? 0n), qualified_invites: eb('qualified_invites', '+', change.invites ?? 0), updated_at: now }))
      .where('member_id', '=', memberId)
      .execute();
  },

  async lineByCause(db: Db, causeId: string): Promise<PointLineRow | null> {
    return (await t(db).selectFrom('growth_point_lines').selectAll().where('cause_id', '=', causeId).executeTakeFirst()) ?? null;
  },
  async reversalsOf(db: Db, lineId: string): Promise<bigint> {
    const row = await t(db).selectFrom('growth_point_lines').select((eb) => eb.fn.sum<string | null>('points').as('total')).where('reverses_line_id', '=', lineId).executeTakeFirst();
    return -BigInt(row?.total ?? 0);
  },
  async insertLine(db: Db, line: PointLineRow): Promise<void> {
    await t(db).insertInto('growth_point_lines').values(line).execute();
  },
  async lines(db: Db, filter: PointLineFilter, page: PageRequest): Promise<{ items: PointLineRow[]; total: number }> {
    let query = t(db).selectFrom('growth_point_lines').selectAll();
    if (filter.memberId) query = query.where('member_id', '=', filter.memberId);
    if (filter.action) query = query.where('action', '=', filter.action);
    const { limit, offset } = pageWindow(page);
    const [items, total] = await Promise.all([query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(), countRows(query)]);
    return { items, total };
  },

  async earnedToday(db: Db, memberId: string, action: PointAction, day: number): Promise<bigint> {
    const row = await t(db).selectFrom('growth_points_daily').select('points').where('member_id', '=', memberId).where('action', '=', action).where('day', '=', day).executeTakeFirst();
    return row?.points ?? 0n;
  },
  async addEarnedToday(db: Db, memberId: string, action: PointAction, day: number, points: bigint): Promise<void> {
    await t(db)
      .insertInto('growth_points_daily')
      .values({ member_id: memberId, action, day, points })
      .onConflict((conflict) => conflict.columns(['member_id', 'action', 'day']).doUpdateSet((eb) => ({ points: eb('growth_points_daily.points', '+', eb.ref('excluded.points')) })))
      .execute();
  },

  /** Records a paid order once; false when it was already recorded (a redelivery). */
  async recordOrder(db: Db, order: { orderId: string; buyerId: string; payableFen: bigint; paidAt: Date }): Promise<boolean> {
    const inserted = await t(db)
      .insertInto('growth_orders')
      .values({ order_id: order.orderId, buyer_id: order.buyerId, payable_fen: order.payableFen, refunded_fen: 0n, refund_keys: [], paid_at: order.paidAt })
      .onConflict((conflict) => conflict.column('order_id').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0;
  },
  async order(db: Db, orderId: string, lock = false): Promise<{ buyer_id: string; payable_fen: bigint; refunded_fen: bigint; refund_keys: string[] } | null> {
    let query = t(db).selectFrom('growth_orders').select(['buyer_id', 'payable_fen', 'refunded_fen', 'refund_keys']).where('order_id', '=', orderId);
    if (lock) query = query.forUpdate();
    return (await query.executeTakeFirst()) ?? null;
  },
  async addRefund(db: Db, orderId: string, refundKey: string, refundFen: bigint): Promise<void> {
    await t(db)
      .updateTable('growth_orders')
      .set((eb) => ({ refunded_fen: eb('refunded_fen', '+', refundFen), refund_keys: sql<string[]>`array_append(refund_keys, ${refundKey})` }))
      .where('order_id', '=', orderId)
      .execute();
  },
};
