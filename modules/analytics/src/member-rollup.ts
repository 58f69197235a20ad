import { sql, type Db } from '@linkmall/db';
import { addToDaily, addToDimensions, type Filter } from './rollup-sql.ts';

/**
 * Distribution members as analytics sees them (analytics_members), and referrals (members bound to a
 * referrer) in the platform and team scopes on the day they were bound.
 */

const MEMBER_COLUMNS = sql.raw('member_id, referrer_id, team_id, bound_day, agent_day, boss_day');

/** Adds `sign` × the referrals of the analytics_members rows `m` in the filter. */
async function addReferrals(tx: Db, filter: Filter, sign: 1 | -1): Promise<void> {
  await sql`insert into analytics_daily as d (scope_kind, scope_id, day, referrals)
    select s.kind, s.id, m.bound_day, count(*) * ${sign}
    from analytics_members m cross join lateral (values ('platform', ''), ('team', m.team_id)) as s (kind, id)
    where s.id is not null and m.bound_day is not null and ${filter}
    group by 1, 2, 3 ${addToDaily}`.execute(tx);
  await sql`insert into analytics_daily_dimensions as d (scope_kind, scope_id, dimension, key, day, referrals)
    select s.kind, s.id, x.dimension, x.key, m.bound_day, count(*) * ${sign}
    from analytics_members m cross join lateral (values ('platform', ''), ('team', m.team_id)) as s (kind, id)
    cross join lateral (values ('team', m.team_id), ('channel', 'distribution')) as x (dimension, key)
    where s.id is not null and x.key is not null and m.bound_day is not null and ${filter}
    group by 1, 2, 3, 4, 5 ${addToDimensions}`.execute(tx);
}

/**
 * Brings one member up to date from the distribution tables: the row is replaced, and when its
 * referral moved (bound now, or to another team) the old one is taken out and the new one counted.
 * Idempotent: a member already up to date changes nothing.
 */
export async function applyMember(tx: Db, memberId: string): Promise<void> {
  const only = sql`m.member_id = ${memberId}`;
  const before = (await sql<{ team_id: string | null; bound_day: string | null }>`select team_id, bound_day::text as bound_day from analytics_members where member_id = ${memberId} for update`.execute(tx)).rows[0];
  const after = (await sql<{ team_id: string | null; bound_day: string | null }>`select team_id, bound_day::text as bound_day from analytics_member_source where member_id = ${memberId}`.execute(tx)).rows[0];
  const moved = (before?.bound_day ?? null) !== (after?.bound_day ?? null) || (before?.team_id ?? null) !== (after?.team_id ?? null);
  if (before && moved) await addReferrals(tx, only, -1);
  await sql`delete from analytics_members where member_id = ${memberId}`.execute(tx);
  await sql`insert into analytics_members (${MEMBER_COLUMNS}) select ${MEMBER_COLUMNS} from analytics_member_source where member_id = ${memberId}`.execute(tx);
  if (after && moved) await addReferrals(tx, only, 1);
}

/** The rebuild's half: every member again, and the referrals bound on the days of `boundFilter` (on `m`). */
export async function rebuildMembers(tx: Db, boundFilter: Filter): Promise<void> {
  await sql`delete from analytics_members`.execute(tx);
  await sql`insert into analytics_members (${MEMBER_COLUMNS}) select ${MEMBER_COLUMNS} from analytics_member_source`.execute(tx);
  await addReferrals(tx, boundFilter, 1);
}
