import { countRows, pageWindow, sql, type Db, type Kysely, type PageRequest } from '@linkmall/db';
import type { Selectable } from 'kysely';
import type { CappedExcess, MemberState, RewardLine } from './domain/model.ts';
import { toMemberState, toRewardLine } from './distribution-store.ts';
import type { DistributionProfileTable, DistributionTables } from './distribution-tables.ts';

/** Console and shop reads, and the profile and package rows (the store's companion for everything but the engine). */
const t = (db: Db) => db as Kysely<DistributionTables>;

export type ProfileRow = Selectable<DistributionProfileTable>;

export interface LineFilter {
  readonly memberId?: string;
  readonly orderId?: string;
  readonly kind?: string;
  readonly status?: 'PENDING' | 'SETTLED' | 'REVERSED';
  /** Business-day bounds on the line's creation (inclusive). */
  readonly fromDay?: number;
  readonly toDay?: number;
}

/** A member's referrer binding, as team health reads it. */
export interface ReferrerBinding {
  readonly memberId: string;
  readonly referrerId: string;
  readonly boundAt: Date;
}

/** A paid package order that upgraded its buyer. */
export interface PackageUpgrade {
  readonly memberId: string;
  readonly orderId: string;
  readonly upgradedAt: Date;
}

export const distributionReads = {
  async activeProfile(db: Db): Promise<ProfileRow | null> {
    return (await t(db).selectFrom('distribution_profiles').selectAll().where('status', '=', 'active').executeTakeFirst()) ?? null;
  },
  async profile(db: Db, id: string): Promise<ProfileRow | null> {
    return (await t(db).selectFrom('distribution_profiles').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  },
  async profiles(db: Db, page: PageRequest): Promise<{ items: ProfileRow[]; total: number }> {
    const query = t(db).selectFrom('distribution_profiles').selectAll();
    const { limit, offset } = pageWindow(page);
    const [items, total] = await Promise.all([query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(), countRows(query)]);
    return { items, total };
  },
  async maxProfileVersion(db: Db, key: string): Promise<number> {
    const rows = await t(db).selectFrom('distribution_profiles').select('version').where('profile_key', '=', key).execute();
    return rows.reduce((max, row) => Math.max(max, /^\d+$/.test(row.version) ? Number(row.version) : 0), 0);
  },
  async insertProfile(db: Db, row: Omit<ProfileRow, 'activated_at' | 'retired_at' | 'definition'> & { definition: string }): Promise<ProfileRow> {
    return t(db).insertInto('distribution_profiles').values({ ...row, activated_at: null, retired_at: null }).returningAll().executeTakeFirstOrThrow();
  },
  async setProfileStatus(db: Db, id: string, status: 'active' | 'retired', now: Date): Promise<ProfileRow> {
    return t(db)
      .updateTable('distribution_profiles')
      .set(status === 'active' ? { status, activated_at: now } : { status, retired_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  async children(db: Db, column: 'referrer_id' | 'team_boss_id' | 'peer_upline_id', memberId: string, page: PageRequest): Promise<{ items: MemberState[]; total: number }> {
    const query = t(db).selectFrom('distribution_members').selectAll().where(column, '=', memberId);
    const { limit, offset } = pageWindow(page);
    const [items, total] = await Promise.all([query.orderBy('created_at').orderBy('member_id').limit(limit).offset(offset).execute(), countRows(query)]);
    return { items: items.map(toMemberState), total };
  },
  async childCounts(db: Db, memberId: string): Promise<{ referrals: number; team: number; brokeAway: number }> {
    const row = await sql<{ referrals: string; team: string; broke_away: string }>`
      select (select count(*) from distribution_members where referrer_id = ${memberId}) as referrals,
             (select count(*) from distribution_members where team_boss_id = ${memberId}) as team,
             (select count(*) from distribution_members where peer_upline_id = ${memberId}) as broke_away`.execute(db);
    const first = row.rows[0]!;
    return { referrals: Number(first.referrals), team: Number(first.team), brokeAway: Number(first.broke_away) };
  },
  async reviewFlags(db: Db, memberId: string): Promise<{ reason: string; orderId: string | null; createdAt: string }[]> {
    const rows = await t(db).selectFrom('distribution_review_flags').selectAll().where('member_id', '=', memberId).orderBy('id').execute();
    return rows.map((row) => ({ reason: row.reason, orderId: row.order_id, createdAt: row.created_at.toISOString() }));
  },

  async lines(db: Db, filter: LineFilter, page: PageRequest): Promise<{ items: RewardLine[]; total: number }> {
    let query = t(db).selectFrom('distribution_reward_lines').selectAll();
    if (filter.memberId) query = query.where('payee_id', '=', filter.memberId);
    if (filter.orderId) query = query.where('order_id', '=', filter.orderId);
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.fromDay !== undefined) query = query.where('created_day', '>=', filter.fromDay);
    if (filter.toDay !== undefined) query = query.where('created_day', '<=', filter.toDay);
    const { limit, offset } = pageWindow(page);
    const [items, total] = await Promise.all([query.orderBy('sequence', 'desc').limit(limit).offset(offset).execute(), countRows(query)]);
    return { items: items.map(toRewardLine), total };
  },
  /** Sums of a member's lines by status (clawbacks net against settled), as the engine counts them. */
  async lineTotals(db: Db, memberId: string): Promise<{ pendingFen: bigint; settledFen: bigint; reversedFen: bigint }> {
    const rows = await t(db)
      .selectFrom('distribution_reward_lines')
      .select(['status', (eb) => eb.fn.sum<string>('amount_fen').as('total')])
      .where('payee_id', '=', memberId)
      .groupBy('status')
      .execute();
    const of = (status: string) => BigInt(rows.find((row) => row.status === status)?.total ?? 0);
    return { pendingFen: of('PENDING'), settledFen: of('SETTLED'), reversedFen: of('REVERSED') };
  },
  async capped(db: Db, memberId: string): Promise<CappedExcess[]> {
    const rows = await t(db).selectFrom('distribution_capped_excess').selectAll().where('payee_id', '=', memberId).orderBy('created_at').execute();
    return rows.map((row) => ({
      id: row.id,
      orderId: row.order_id,
      payeeId: row.payee_id,
      kind: row.kind as CappedExcess['kind'],
      amountFen: BigInt(row.amount_fen),
      reason: row.reason as CappedExcess['reason'],
      day: row.day,
      profileId: row.profile_id,
      profileVersion: row.profile_version,
    }));
  },

  // Team facts for team health (团队健康度), read-only.

  /** Referrers bound since an instant (锁粉), oldest first. */
  async bindingsSince(db: Db, since: Date, limit: number): Promise<ReferrerBinding[]> {
    const rows = await t(db)
      .selectFrom('distribution_members')
      .select(['member_id', 'referrer_id', 'referrer_bound_at'])
      .where('referrer_bound_at', '>=', since)
      .where('referrer_id', 'is not', null)
      .orderBy('referrer_bound_at')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ memberId: row.member_id, referrerId: row.referrer_id!, boundAt: row.referrer_bound_at! }));
  },
  /** Package orders paid since an instant: each made its buyer an agent (or boss) when paid. */
  async upgradesSince(db: Db, since: Date, limit: number): Promise<PackageUpgrade[]> {
    const rows = await t(db)
      .selectFrom('distribution_orders')
      .select(['order_id', 'buyer_id', 'paid_at_ms'])
      .where('kind', '=', 'PACKAGE')
      .where('paid_at_ms', '>=', BigInt(since.getTime()))
      .orderBy('paid_at_ms')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ memberId: row.buyer_id, orderId: row.order_id, upgradedAt: new Date(Number(row.paid_at_ms)) }));
  },
  /** Each member's referrer chain, nearest first, up to `depth` generations. */
  async uplines(db: Db, memberIds: readonly string[], depth: number): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>();
    if (memberIds.length === 0 || depth < 1) return found;
    const rows = await sql<{ start_id: string; ancestor_id: string; depth: number }>`
      with recursive chain(start_id, ancestor_id, depth) as (
        select member_id, referrer_id, 1 from distribution_members where member_id = any(${[...memberIds]}::text[]) and referrer_id is not null
        union all
        select c.start_id, m.referrer_id, c.depth + 1 from chain c join distribution_members m on m.member_id = c.ancestor_id
        where m.referrer_id is not null and c.depth < ${depth}
      )
      select start_id, ancestor_id, depth from chain order by start_id, depth`.execute(db);
    for (const row of rows.rows) found.set(row.start_id, [...(found.get(row.start_id) ?? []), row.ancestor_id]);
    return found;
  },

  async isPackage(db: Db, productId: string): Promise<boolean> {
    return (await t(db).selectFrom('distribution_package_products').select('product_id').where('product_id', '=', productId).executeTakeFirst()) !== undefined;
  },
  async setPackage(db: Db, productId: string, isPackage: boolean, actorId: string | null, now: Date): Promise<void> {
    if (isPackage) await t(db).insertInto('distribution_package_products').values({ product_id: productId, created_by: actorId, created_at: now }).onConflict((conflict) => conflict.column('product_id').doNothing()).execute();
    else await t(db).deleteFrom('distribution_package_products').where('product_id', '=', productId).execute();
  },
  async packageProducts(db: Db): Promise<string[]> {
    return (await t(db).selectFrom('distribution_package_products').select('product_id').orderBy('created_at').execute()).map((row) => row.product_id);
  },
};
