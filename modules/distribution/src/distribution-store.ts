import { randomBytes } from 'node:crypto';
import { sql, type Db, type Kysely } from '@linkmall/db';
import type { DistributionDelta } from './domain/lookup.ts';
import type { CappedExcess, LineKind, MemberFlag, MemberState, OrderRecord, RewardLine } from './domain/model.ts';
import type { DistributionTables, DistributionMemberTable, DistributionOrderTable, DistributionRewardLineTable } from './distribution-tables.ts';
import type { Compilable, QueryCreator, Selectable } from 'kysely';

/** The only file that touches the distribution tables. */
const t = (db: Db) => db as Kysely<DistributionTables>;

type MemberRow = Selectable<DistributionMemberTable>;
type OrderRow = Selectable<DistributionOrderTable>;
type LineRow = Selectable<DistributionRewardLineTable>;

const jsonArray = (value: unknown): string[] => (Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? (JSON.parse(value) as string[]) : []);

export function toMemberState(row: MemberRow): MemberState {
  return {
    id: row.member_id,
    role: row.role,
    referrerId: row.referrer_id,
    teamBossId: row.team_boss_id,
    peerUplineId: row.peer_upline_id,
    leftTeamBossId: row.left_team_boss_id,
    contributionSlots: jsonArray(row.contribution_slots),
    packageOrderId: row.package_order_id,
    upgradeOrderId: row.upgrade_order_id,
    activeReferralCount: row.active_referral_count,
    flags: jsonArray(row.flags) as MemberFlag[],
  };
}

function toOrderRecord(row: OrderRow): OrderRecord {
  return {
    id: row.order_id,
    kind: row.kind,
    buyerId: row.buyer_id,
    amountFen: BigInt(row.amount_fen),
    paidAtMs: Number(row.paid_at_ms),
    paidDay: row.paid_day,
    status: row.status,
    refundedFen: BigInt(row.refunded_fen),
    refundKeys: jsonArray(row.refund_keys),
    payeePositions: row.payee_positions,
    creditedFen: BigInt(row.credited_fen),
    profileId: row.profile_id,
    profileVersion: row.profile_version,
  };
}

export function toRewardLine(row: LineRow): RewardLine {
  return {
    id: row.id,
    orderId: row.order_id,
    payeeId: row.payee_id,
    kind: row.kind as LineKind,
    amountFen: BigInt(row.amount_fen),
    status: row.status,
    sourceUserId: row.source_user_id,
    profileId: row.profile_id,
    profileVersion: row.profile_version,
    createdAtMs: Number(row.created_at_ms),
    createdDay: row.created_day,
    orderPaidDay: row.order_paid_day,
    reversesLineId: row.reverses_line_id,
    basisLineIds: jsonArray(row.basis_line_ids),
  };
}

const INVITE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** 8 characters without look-alikes (no 0/O, 1/I): easy to read out and type from a poster. */
export function newInviteCode(): string {
  const bytes = randomBytes(8);
  let code = '';
  for (const byte of bytes) code += INVITE_ALPHABET[byte % INVITE_ALPHABET.length];
  return code;
}

export interface SettleSelection {
  /** Lines of orders whose freeze counts from this day or earlier. */
  readonly dueDay: number;
  readonly limit: number;
}

export const distributionStore = {
  async members(db: Db, ids: readonly string[]): Promise<MemberState[]> {
    if (ids.length === 0) return [];
    return (await t(db).selectFrom('distribution_members').selectAll().where('member_id', 'in', [...ids]).execute()).map(toMemberState);
  },

  /**
   * The members with the given ids and every referral ancestor of theirs, in one recursive query: the
   * binding checks walk the referrer chain (no cycles) and the depth cap counts generations.
   */
  async membersWithAncestors(db: Db, ids: readonly string[], maxDepth = 10_000): Promise<MemberState[]> {
    if (ids.length === 0) return [];
    const rows = await sql<MemberRow>`
      with ${referralChain(ids, maxDepth)}
      select m.* from distribution_members m where m.member_id in (select member_id from chain)`.execute(db);
    return rows.rows.map(toMemberState);
  },

  /**
   * {@link membersWithAncestors} and an order's record and rejection code in one round trip: the order
   * rides along on every member row (as JSON; on one row of nulls when no member exists yet), and so
   * does each member's income in `incomePeriods`, which the payout caps will ask for.
   */
  async membersWithAncestorsAndOrder(db: Db, ids: readonly string[], orderId: string, incomePeriods: readonly string[]): Promise<{ members: MemberState[]; order: OrderRecord | null; rejection: string | null; income: Map<string, bigint> }> {
    const rows = await sql<MemberRow & { order_row: OrderRow | null; rejection_code: string | null; income: Record<string, string> | null }>`
      with ${referralChain(ids)},
      extra as (
        select to_jsonb(o) as order_row, (select r.code from distribution_rejections r where r.order_id = ${orderId}) as rejection_code
        from (select 1) as one left join distribution_orders o on o.order_id = ${orderId})
      select m.*, extra.order_row, extra.rejection_code,
             (select jsonb_object_agg(i.period, i.amount_fen::text) from distribution_income i where i.payee_id = m.member_id and i.period = any(${[...incomePeriods]}::text[])) as income
      from extra left join distribution_members m on m.member_id in (select member_id from chain)`.execute(db);
    const first = rows.rows[0]!;
    const members = rows.rows.filter((row) => row.member_id !== null);
    // Every member's income in the periods asked for, counted against the caps (absent = nothing yet).
    const income = new Map(members.flatMap((row) => incomePeriods.map((period) => [`${row.member_id}|${period}`, BigInt(row.income?.[period] ?? 0)] as const)));
    return { members: members.map(toMemberState), order: first.order_row ? toOrderRecord(first.order_row) : null, rejection: first.rejection_code, income };
  },

  async memberByInviteCode(db: Db, code: string): Promise<MemberState | null> {
    const row = await t(db).selectFrom('distribution_members').selectAll().where('invite_code', '=', code).executeTakeFirst();
    return row ? toMemberState(row) : null;
  },

  async inviteCodeOf(db: Db, memberId: string): Promise<string | null> {
    const row = await t(db).selectFrom('distribution_members').select('invite_code').where('member_id', '=', memberId).executeTakeFirst();
    return row?.invite_code ?? null;
  },

  async orders(db: Db, ids: readonly string[]): Promise<OrderRecord[]> {
    if (ids.length === 0) return [];
    return (await t(db).selectFrom('distribution_orders').selectAll().where('order_id', 'in', [...ids]).execute()).map(toOrderRecord);
  },

  async linesOfOrders(db: Db, orderIds: readonly string[]): Promise<RewardLine[]> {
    if (orderIds.length === 0) return [];
    return (await t(db).selectFrom('distribution_reward_lines').selectAll().where('order_id', 'in', [...orderIds]).orderBy('sequence').execute()).map(toRewardLine);
  },

  async linesOfPayee(db: Db, payeeId: string): Promise<RewardLine[]> {
    return (await t(db).selectFrom('distribution_reward_lines').selectAll().where('payee_id', '=', payeeId).orderBy('sequence').execute()).map(toRewardLine);
  },

  /** Pending lines of orders whose freeze started on `dueDay` or earlier, oldest first, at most `limit`. */
  async pendingLinesDue(db: Db, selection: SettleSelection): Promise<RewardLine[]> {
    const rows = await t(db)
      .selectFrom('distribution_reward_lines as line')
      .innerJoin('distribution_orders as o', 'o.order_id', 'line.order_id')
      .selectAll('line')
      .where('line.status', '=', 'PENDING')
      .where('o.settle_basis_day', 'is not', null)
      .where('o.settle_basis_day', '<=', selection.dueDay)
      .orderBy('line.sequence')
      .limit(selection.limit)
      .execute();
    return rows.map(toRewardLine);
  },

  /** Adds cash paid outside the engine (a growth campaign) to a payee's income in the periods given. */
  async addIncome(db: Db, payeeId: string, periods: readonly string[], amountFen: bigint): Promise<void> {
    if (periods.length === 0 || amountFen === 0n) return;
    await t(db)
      .insertInto('distribution_income')
      .values(periods.map((period) => ({ payee_id: payeeId, period, amount_fen: amountFen })))
      .onConflict((conflict) => conflict.columns(['payee_id', 'period']).doUpdateSet((eb) => ({ amount_fen: sql<bigint>`${eb.ref('distribution_income.amount_fen')} + ${eb.ref('excluded.amount_fen')}` })))
      .execute();
  },

  async income(db: Db, keys: readonly { payeeId: string; period: string }[]): Promise<Map<string, bigint>> {
    const found = new Map<string, bigint>();
    if (keys.length === 0) return found;
    const payees = [...new Set(keys.map((key) => key.payeeId))];
    const periods = [...new Set(keys.map((key) => key.period))];
    const rows = await t(db).selectFrom('distribution_income').selectAll().where('payee_id', 'in', payees).where('period', 'in', periods).execute();
    for (const row of rows) found.set(`${row.payee_id}|${row.period}`, BigInt(row.amount_fen));
    return found;
  },

  async rejections(db: Db, orderIds: readonly string[]): Promise<Map<string, string>> {
    if (orderIds.length === 0) return new Map();
    const rows = await t(db).selectFrom('distribution_rejections').selectAll().where('order_id', 'in', [...orderIds]).execute();
    return new Map(rows.map((row) => [row.order_id, row.code]));
  },

  /**
   * Writes one event's delta. Line status moves are guarded by their expected old status, so a
   * change that raced another transaction fails loudly instead of overwriting it.
   */
  async applyDelta(db: Db, delta: DistributionDelta, now: Date, options: { settleBasisDay: (order: OrderRecord) => number | null }): Promise<void> {
    for (const change of delta.lineChanges) {
      const updated = await t(db)
        .updateTable('distribution_reward_lines')
        .set({ status: change.to, updated_at: now })
        .where('id', '=', change.lineId)
        .where('status', '=', change.from)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw new Error(`reward line ${change.lineId} was not ${change.from}: changed concurrently`);
    }
    // Every insert of the delta in ONE statement (data-modifying CTEs): each table appears once, and
    // the foreign keys between them are checked at the end of the statement.
    const writes: Write[] = [];
    if (delta.members.length > 0) {
      writes.push((q) =>
        q
          .insertInto('distribution_members')
          .values(
            delta.members.map((member) => ({
              member_id: member.id,
              role: member.role,
              referrer_id: member.referrerId,
              team_boss_id: member.teamBossId,
              peer_upline_id: member.peerUplineId,
              left_team_boss_id: member.leftTeamBossId,
              contribution_slots: JSON.stringify(member.contributionSlots),
              package_order_id: member.packageOrderId,
              upgrade_order_id: member.upgradeOrderId,
              active_referral_count: member.activeReferralCount,
              flags: JSON.stringify(member.flags),
              invite_code: newInviteCode(),
              referrer_bound_at: member.referrerId ? now : null,
              created_at: now,
              updated_at: now,
            })),
          )
          .onConflict((conflict) =>
            conflict.column('member_id').doUpdateSet((eb) => ({
              role: eb.ref('excluded.role'),
              referrer_id: eb.ref('excluded.referrer_id'),
              team_boss_id: eb.ref('excluded.team_boss_id'),
              peer_upline_id: eb.ref('excluded.peer_upline_id'),
              left_team_boss_id: eb.ref('excluded.left_team_boss_id'),
              contribution_slots: eb.ref('excluded.contribution_slots'),
              package_order_id: eb.ref('excluded.package_order_id'),
              upgrade_order_id: eb.ref('excluded.upgrade_order_id'),
              active_referral_count: eb.ref('excluded.active_referral_count'),
              flags: eb.ref('excluded.flags'),
              // The first binding's instant stays (the referrer itself never changes once bound).
              referrer_bound_at: sql<Date | null>`coalesce(${eb.ref('distribution_members.referrer_bound_at')}, ${eb.ref('excluded.referrer_bound_at')})`,
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
      );
    }
    if (delta.orders.length > 0) {
      writes.push((q) =>
        q
          .insertInto('distribution_orders')
          .values(
            delta.orders.map((order) => ({
              order_id: order.id,
              kind: order.kind,
              buyer_id: order.buyerId,
              amount_fen: order.amountFen,
              paid_at_ms: BigInt(order.paidAtMs),
              paid_day: order.paidDay,
              status: order.status,
              refunded_fen: order.refundedFen,
              refund_keys: JSON.stringify(order.refundKeys),
              payee_positions: order.payeePositions,
              credited_fen: order.creditedFen,
              profile_id: order.profileId,
              profile_version: order.profileVersion,
              settle_basis_day: options.settleBasisDay(order),
              created_at: now,
            })),
          )
          .onConflict((conflict) =>
            conflict.column('order_id').doUpdateSet((eb) => ({
              status: eb.ref('excluded.status'),
              refunded_fen: eb.ref('excluded.refunded_fen'),
              refund_keys: eb.ref('excluded.refund_keys'),
              payee_positions: eb.ref('excluded.payee_positions'),
              credited_fen: eb.ref('excluded.credited_fen'),
            })),
          )
      );
    }
    if (delta.newLines.length > 0) {
      writes.push((q) =>
        q
          .insertInto('distribution_reward_lines')
          .values(
            delta.newLines.map((line) => ({
              id: line.id,
              order_id: line.orderId,
              payee_id: line.payeeId,
              kind: line.kind,
              amount_fen: line.amountFen,
              status: line.status,
              source_user_id: line.sourceUserId,
              profile_id: line.profileId,
              profile_version: line.profileVersion,
              created_at_ms: BigInt(line.createdAtMs),
              created_day: line.createdDay,
              order_paid_day: line.orderPaidDay,
              reverses_line_id: line.reversesLineId,
              basis_line_ids: JSON.stringify(line.basisLineIds),
              updated_at: now,
            })),
          )
      );
    }
    if (delta.incomeIncrements.length > 0) {
      writes.push((q) =>
        q
          .insertInto('distribution_income')
          .values(delta.incomeIncrements.map((increment) => ({ payee_id: increment.payeeId, period: increment.period, amount_fen: increment.amountFen })))
          .onConflict((conflict) => conflict.columns(['payee_id', 'period']).doUpdateSet((eb) => ({ amount_fen: sql<bigint>`${eb.ref('distribution_income.amount_fen')} + ${eb.ref('excluded.amount_fen')}` })))
      );
    }
    if (delta.capped.length > 0) writes.push((q) => insertCapped(q, delta.capped, now));
    if (delta.rejections.length > 0) {
      writes.push((q) =>
        q
          .insertInto('distribution_rejections')
          .values(delta.rejections.map((rejection) => ({ order_id: rejection.orderId, code: rejection.code, created_at: now })))
          .onConflict((conflict) => conflict.column('order_id').doNothing())
      );
    }
    const flags = delta.effects.flatMap((effect) => (effect.type === 'distribution.member_flagged' ? [{ member_id: effect.memberId, reason: effect.reason, order_id: effect.orderId, created_at: now }] : []));
    if (flags.length > 0) {
      writes.push((q) => q.insertInto('distribution_review_flags').values(flags).onConflict((conflict) => conflict.columns(['member_id', 'reason', 'order_id']).doNothing()));
    }
    await writeAll(db, writes);
  },

  /** Starts the freeze of an order's rewards (its after-sales window closed on `day`); the first close wins. */
  async startFreeze(db: Db, orderId: string, day: number): Promise<boolean> {
    const updated = await t(db).updateTable('distribution_orders').set({ settle_basis_day: day }).where('order_id', '=', orderId).where('settle_basis_day', 'is', null).executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  },

  /** Records a commerce event as handled; false when it already was (a redelivery). */
  async markProcessed(db: Db, entry: { key: string; type: string; orderId: string | null; outcome: string }, now: Date): Promise<boolean> {
    const inserted = await t(db)
      .insertInto('distribution_processed_events')
      .values({ event_key: entry.key, event_type: entry.type, order_id: entry.orderId, outcome: entry.outcome, processed_at: now })
      .onConflict((conflict) => conflict.column('event_key').doNothing())
      .returning('event_key')
      .executeTakeFirst();
    return inserted !== undefined;
  },

  async isProcessed(db: Db, key: string): Promise<boolean> {
    return (await t(db).selectFrom('distribution_processed_events').select('event_key').where('event_key', '=', key).executeTakeFirst()) !== undefined;
  },

  /**
   * Transaction-scoped advisory locks, taken in the order given (callers sort them), in one statement:
   * a function scan of unnest yields the keys in array order and each row's lock is taken before the
   * next row is read.
   */
  async lockKeys(db: Db, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await sql`select pg_advisory_xact_lock(hashtextextended('distribution:' || key, 0)) from unnest(${[...keys]}::text[]) as key`.execute(db);
  },

  /**
   * Whether an event key was processed, which of an order's products are packages, and the active
   * profile's id, definition and version, in one round trip.
   */
  async paidOrderFacts(db: Db, key: string, productIds: readonly string[]): Promise<{ processed: boolean; packageProductIds: Set<string>; activeProfile: { id: string; definition: unknown; version: string } | null }> {
    const result = await sql<{ processed: boolean; packages: string[]; active_profile: { id: string; definition: unknown; version: string } | null }>`
      select exists (select 1 from distribution_processed_events where event_key = ${key}) as processed,
             array(select product_id from distribution_package_products where product_id = any(${[...productIds]}::text[])) as packages,
             (select jsonb_build_object('id', p.id, 'definition', p.definition, 'version', p.version) from distribution_profiles p where p.status = 'active') as active_profile`.execute(db);
    const row = result.rows[0]!;
    return { processed: row.processed, packageProductIds: new Set(row.packages), activeProfile: row.active_profile };
  },

};

function insertCapped(q: QueryCreator<DistributionTables>, capped: readonly CappedExcess[], now: Date) {
  return q
    .insertInto('distribution_capped_excess')
    .values(
      capped.map((record) => ({
        id: record.id,
        order_id: record.orderId,
        payee_id: record.payeeId,
        kind: record.kind,
        amount_fen: record.amountFen,
        reason: record.reason,
        day: record.day,
        profile_id: record.profileId,
        profile_version: record.profileVersion,
        created_at: now,
      })),
    )
    .onConflict((conflict) => conflict.column('id').doNothing());
}

/** `recursive chain(member_id, referrer_id, depth)`: the members and their referrers up to `maxDepth` levels. */
function referralChain(ids: readonly string[], maxDepth = 10_000) {
  return sql`recursive chain(member_id, referrer_id, depth) as (
        select member_id, referrer_id, 0 from distribution_members where member_id = any(${[...ids]}::text[])
        union
        select m.member_id, m.referrer_id, c.depth + 1 from distribution_members m join chain c on m.member_id = c.referrer_id where c.depth < ${maxDepth}
      )`;
}

/** One insert of a delta, built on a query creator that may carry the earlier ones as CTEs. */
type Write = (q: QueryCreator<DistributionTables>) => Compilable & { execute(): Promise<unknown> };

/** Runs the writes as one statement: all but the last as data-modifying CTEs of the last. */
async function writeAll(db: Db, writes: readonly Write[]): Promise<void> {
  if (writes.length === 0) return;
  let creator: QueryCreator<DistributionTables> = t(db);
  for (const [index, write] of writes.slice(0, -1).entries()) {
    creator = creator.with(`write_${index}`, (q) => write(q) as never) as unknown as QueryCreator<DistributionTables>;
  }
  await writes[writes.length - 1]!(creator).execute();
}
