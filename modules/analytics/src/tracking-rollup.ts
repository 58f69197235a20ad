import { inTransaction, sql, type Db } from '@linkmall/db';
import type { Clock } from '@linkmall/kernel';
import { addToDaily, addToDimensions, big, lockRollups, teamOf, type Filter } from './rollup-sql.ts';

/**
 * Card tracking in the roll-ups. The radar writes radar_events by the thousand through its batch
 * function and publishes no outbox event per view, so a watermark job reads the rows added since the
 * last run instead, by their identity id.
 */

const INTERACTION_KINDS = sql`('module_view', 'product_click', 'coupon_claim', 'contact_form', 'call', 'add_to_cart')`;

/** Tracking rows `e` in the filter, per card, owner, organisation and Beijing day. */
const perCardDay = (filter: Filter) => sql`(select e.card_id, e.owner_user_id, e.organization_id, analytics_beijing_day(e.occurred_at) as day,
    count(*) filter (where e.kind = 'view') as views,
    count(*) filter (where e.kind in ${INTERACTION_KINDS}) as interactions,
    count(*) filter (where e.kind in ('share', 'forward')) as shares
  from radar_events e where ${filter} group by 1, 2, 3, 4)`;

const TRACKING_SCOPES = sql`left join distribution_members m on m.member_id = t.owner_user_id
  cross join lateral (values ('platform', ''), ('merchant', t.organization_id), ('team', ${teamOf('m')}), ('guide', t.owner_user_id), ('card', t.card_id)) as s (kind, id)`;

/** Adds the tracking rows in `filter` (on radar_events `e`) to the daily and dimension roll-ups. */
export async function applyTracking(tx: Db, filter: Filter): Promise<void> {
  await sql`insert into analytics_daily as d (scope_kind, scope_id, day, views, interactions, shares)
    select s.kind, s.id, t.day, sum(t.views), sum(t.interactions), sum(t.shares)
    from ${perCardDay(filter)} t ${TRACKING_SCOPES}
    where s.id is not null
    group by 1, 2, 3 having sum(t.views) + sum(t.interactions) + sum(t.shares) > 0 ${addToDaily}`.execute(tx);
  await sql`insert into analytics_daily_dimensions as d (scope_kind, scope_id, dimension, key, day, views, shares)
    select s.kind, s.id, x.dimension, x.key, t.day, sum(t.views), sum(t.shares)
    from ${perCardDay(filter)} t ${TRACKING_SCOPES}
    cross join lateral (values ('channel', 'card'), ('team', ${teamOf('m')})) as x (dimension, key)
    where s.id is not null and x.key is not null
    group by 1, 2, 3, 4, 5 having sum(t.views) + sum(t.shares) > 0 ${addToDimensions}`.execute(tx);
  await sql`insert into analytics_daily_dimensions as d (scope_kind, scope_id, dimension, key, day, views)
    select s.kind, s.id, 'product', t.product_id, t.day, sum(t.clicks)
    from (select e.card_id, e.owner_user_id, e.organization_id, analytics_beijing_day(e.occurred_at) as day, e.product_id, count(*) as clicks
          from radar_events e where e.kind = 'product_click' and e.product_id is not null and ${filter} group by 1, 2, 3, 4, 5) t ${TRACKING_SCOPES}
    where s.id is not null
    group by 1, 2, 3, 4, 5 ${addToDimensions}`.execute(tx);
}

const WATERMARK = 'radar_events';

interface Horizon {
  readonly appliedThrough: bigint;
  /** Every row with an id up to here is committed or will never be. */
  readonly settled: bigint;
  readonly high: bigint;
  readonly writers: string[];
}

/**
 * How far tracking rows are final. Identity ids are taken before commit, so a row with a smaller id
 * can become visible after a larger one. A transaction that took an id still holds its write lock on
 * radar_events, so: read the highest visible id, then the transactions holding that lock. With none,
 * every id up to the high mark is final. Otherwise the previous run's high mark is final once all
 * the writers seen with it have ended (at most one run of delay, and no lock taken on the radar).
 */
export async function trackingHorizon(tx: Db, now: Date): Promise<Horizon> {
  const high = big((await sql<{ high: unknown }>`select coalesce(max(id), 0) as high from radar_events`.execute(tx)).rows[0]!.high);
  const writers = (
    await sql<{ writer: string }>`select distinct virtualtransaction as writer from pg_locks
      where locktype = 'relation' and relation = 'radar_events'::regclass and mode = 'RowExclusiveLock' and granted and pid <> pg_backend_pid()`.execute(tx)
  ).rows.map((row) => row.writer);
  await sql`insert into analytics_watermarks (name, applied_through, updated_at) values (${WATERMARK}, 0, ${now}) on conflict (name) do nothing`.execute(tx);
  const mark = (
    await sql<{ applied_through: unknown; candidate_high: unknown; candidate_writers: string[] | null }>`select applied_through, candidate_high, candidate_writers
      from analytics_watermarks where name = ${WATERMARK} for update`.execute(tx)
  ).rows[0]!;
  const appliedThrough = big(mark.applied_through);
  let settled = appliedThrough;
  if (writers.length === 0) settled = high;
  else if (mark.candidate_high !== null && (mark.candidate_writers ?? []).every((writer) => !writers.includes(writer))) settled = big(mark.candidate_high);
  return { appliedThrough, settled: settled > appliedThrough ? settled : appliedThrough, high, writers };
}

async function saveHorizon(tx: Db, horizon: Horizon, appliedThrough: bigint, now: Date): Promise<void> {
  await sql`update analytics_watermarks set applied_through = ${appliedThrough.toString()}::bigint, candidate_high = ${horizon.high.toString()}::bigint,
      candidate_writers = ${horizon.writers}::text[], updated_at = ${now} where name = ${WATERMARK}`.execute(tx);
}

export interface TrackingRollupReport {
  readonly fromId: string;
  readonly throughId: string;
}

/** The watermark job: rolls up the tracking rows that became final since the last run. */
export async function rollUpTracking(db: Db, clock: Clock): Promise<TrackingRollupReport> {
  return inTransaction(db, async (tx) => {
    const horizon = await trackingHorizon(tx, clock.now());
    await lockRollups(tx);
    // Read again under the lock: a rebuild or another run may have moved it while this one waited.
    const current = big((await sql<{ applied_through: unknown }>`select applied_through from analytics_watermarks where name = ${WATERMARK}`.execute(tx)).rows[0]!.applied_through);
    const through = horizon.settled > current ? horizon.settled : current;
    if (through > current) await applyTracking(tx, sql`e.id > ${current.toString()}::bigint and e.id <= ${through.toString()}::bigint`);
    await saveHorizon(tx, horizon, through, clock.now());
    return { fromId: current.toString(), throughId: through.toString() };
  });
}

/** How far the watermark job has rolled up radar_events: rows up to this id may be purged without losing aggregates. */
export async function trackingAppliedThrough(db: Db): Promise<bigint> {
  const row = (await sql<{ applied_through: unknown }>`select applied_through from analytics_watermarks where name = ${WATERMARK}`.execute(db)).rows[0];
  return row ? big(row.applied_through) : 0n;
}

export { saveHorizon, WATERMARK };
