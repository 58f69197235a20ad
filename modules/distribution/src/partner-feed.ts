import { sql, type Db, type Kysely } from '@linkmall/db';
import type { DistributionTables } from './distribution-tables.ts';

const t = (db: Db) => db as Kysely<DistributionTables>;

/**
 * A position in a change feed: the row's `updated_at` to the microsecond (as text, because a JS Date
 * keeps only milliseconds and a truncated position would return the same row forever) and its id.
 */
export interface ChangePosition {
  readonly at: string;
  readonly id: string;
}

export interface ChangeFeedQuery {
  readonly after?: ChangePosition | null;
  /** Only rows last changed at or before this instant (a settle window for transactions still committing). */
  readonly changedUntil?: Date;
  readonly limit: number;
}

export interface RewardLineFeedItem {
  readonly id: string;
  readonly orderId: string;
  readonly payeeId: string;
  readonly kind: string;
  /** Positive for rewards, negative for clawbacks. */
  readonly amountFen: bigint;
  readonly status: 'PENDING' | 'SETTLED' | 'REVERSED';
  readonly sourceUserId: string;
  readonly profileVersion: string;
  readonly reversesLineId: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly position: ChangePosition;
}

export interface MemberFeedItem {
  readonly memberId: string;
  readonly role: 'MEMBER' | 'AGENT' | 'BOSS';
  readonly referrerId: string | null;
  readonly teamBossId: string | null;
  readonly activeReferralCount: number;
  readonly inviteCode: string;
  readonly joinedAt: Date;
  readonly updatedAt: Date;
  readonly position: ChangePosition;
}

const microseconds = (column: string) => sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Reward lines and members as partners read them: changes since a position, and lines created in a period (exports). */
export function createDistributionPartnerFeed(db: Db) {
  return {
    async rewardLineChanges(query: ChangeFeedQuery): Promise<RewardLineFeedItem[]> {
      let select = t(db).selectFrom('distribution_reward_lines').selectAll().select(microseconds('updated_at').as('position_at'));
      if (query.after) select = select.where(sql<boolean>`(updated_at, id) > (${query.after.at}::timestamptz, ${query.after.id})`);
      if (query.changedUntil) select = select.where('updated_at', '<=', query.changedUntil);
      const rows = await select.orderBy('updated_at').orderBy('id').limit(query.limit).execute();
      return rows.map((row) => ({ ...lineOf(row), position: { at: row.position_at, id: row.id } }));
    },

    /** Lines created in [from, to), in creation order after `afterSequence`. */
    async rewardLinesCreated(query: { from: Date; to: Date; afterSequence?: bigint | null; limit: number }): Promise<(Omit<RewardLineFeedItem, 'position'> & { sequence: bigint })[]> {
      let select = t(db)
        .selectFrom('distribution_reward_lines')
        .selectAll()
        .where('created_at_ms', '>=', BigInt(query.from.getTime()))
        .where('created_at_ms', '<', BigInt(query.to.getTime()));
      if (query.afterSequence !== undefined && query.afterSequence !== null) select = select.where('sequence', '>', query.afterSequence);
      const rows = await select.orderBy('sequence').limit(query.limit).execute();
      return rows.map((row) => ({ ...lineOf(row), sequence: BigInt(row.sequence) }));
    },

    async memberChanges(query: ChangeFeedQuery): Promise<MemberFeedItem[]> {
      let select = t(db).selectFrom('distribution_members').selectAll().select(microseconds('updated_at').as('position_at'));
      if (query.after) select = select.where(sql<boolean>`(updated_at, member_id) > (${query.after.at}::timestamptz, ${query.after.id})`);
      if (query.changedUntil) select = select.where('updated_at', '<=', query.changedUntil);
      const rows = await select.orderBy('updated_at').orderBy('member_id').limit(query.limit).execute();
      return rows.map((row) => ({
        memberId: row.member_id,
        role: row.role,
        referrerId: row.referrer_id,
        teamBossId: row.team_boss_id,
        activeReferralCount: row.active_referral_count,
        inviteCode: row.invite_code,
        joinedAt: row.created_at,
        updatedAt: row.updated_at,
        position: { at: row.position_at, id: row.member_id },
      }));
    },
  };
}
export type DistributionPartnerFeed = ReturnType<typeof createDistributionPartnerFeed>;

function lineOf(row: { id: string; order_id: string; payee_id: string; kind: string; amount_fen: bigint; status: RewardLineFeedItem['status']; source_user_id: string; profile_version: string; reverses_line_id: string | null; created_at_ms: bigint; updated_at: Date }) {
  return {
    id: row.id,
    orderId: row.order_id,
    payeeId: row.payee_id,
    kind: row.kind,
    amountFen: BigInt(row.amount_fen),
    status: row.status,
    sourceUserId: row.source_user_id,
    profileVersion: row.profile_version,
    reversesLineId: row.reverses_line_id,
    createdAt: new Date(Number(row.created_at_ms)),
    updatedAt: row.updated_at,
  };
}
