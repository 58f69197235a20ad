import { sql, type Database } from '@linkmall/db';
import { escapeLabel } from './metrics.ts';

/**
 * Figures read from the database on a scrape: the outbox backlog per subscriber, pg-boss queue depth
 * and the connection pool. The queries use the outbox's partial indexes (pending rows only) and are
 * cached for a few seconds, so several Prometheus servers, or a scrape storm, cost one set of queries.
 */

interface OutboxRow {
  subscriber: string;
  pending: number;
  oldest_age_seconds: number | null;
}
interface UndispatchedRow {
  events: number;
  oldest_age_seconds: number | null;
}
interface QueueRow {
  queue: string;
  state: string;
  jobs: number;
  oldest_waiting_seconds: number | null;
}

export interface DatabaseMetricsOptions {
  /** How long one collection is reused (default 5 s). */
  readonly cacheMs?: number;
  /** Per-query time limit on the server (default 2 s): a slow database must not make scrapes pile up. */
  readonly statementTimeoutMs?: number;
}

export interface DatabaseMetrics {
  /** Appends the lines; never throws (a failed collection sets linkmall_metrics_database_up to 0). */
  render(out: string[]): Promise<void>;
}

export function databaseMetrics(database: Database, options: DatabaseMetricsOptions = {}): DatabaseMetrics {
  const cacheMs = options.cacheMs ?? 5_000;
  const timeoutMs = options.statementTimeoutMs ?? 2_000;
  let cached: { at: number; lines: Promise<string[]> } | undefined;
  return {
    async render(out) {
      const now = Date.now();
      if (!cached || now - cached.at >= cacheMs) cached = { at: now, lines: collect(database, timeoutMs) };
      out.push(...(await cached.lines));
      // The pool changes from moment to moment and costs nothing to read, so it is never cached.
      renderPool(database, out);
    },
  };
}

async function collect(database: Database, timeoutMs: number): Promise<string[]> {
  const out: string[] = [];
  try {
    const { outbox, undispatched, queues } = await database.db.transaction().execute(async (tx) => {
      if (database.driver === 'postgres') await sql.raw(`set local statement_timeout = ${Math.max(1, Math.round(timeoutMs))}`).execute(tx);
      const outboxRows = await sql<OutboxRow>`
        select d.subscriber, d.pending, extract(epoch from (now() - e.occurred_at))::float8 as oldest_age_seconds
        from (
          select subscriber, count(*)::int as pending, min(event_position) as head
          from outbox_deliveries where status = 'pending' group by subscriber
        ) d
        left join outbox_events e on e.position = d.head
        order by d.subscriber`.execute(tx);
      const undispatchedRows = await sql<UndispatchedRow>`
        select count(*)::int as events, extract(epoch from (now() - min(occurred_at)))::float8 as oldest_age_seconds
        from outbox_events where dispatched_at is null`.execute(tx);
      // pg-boss creates its schema when a worker first starts; before that there are no queues to report.
      const hasQueues = await sql<{ present: boolean }>`select to_regclass('pgboss.job') is not null as present`.execute(tx);
      const queueRows = hasQueues.rows[0]?.present
        ? await sql<QueueRow>`
            select name as queue, state::text as state, count(*)::int as jobs,
              extract(epoch from (now() - min(start_after) filter (where state < 'active' and start_after <= now())))::float8 as oldest_waiting_seconds
            from pgboss.job
            where state < 'completed' or (state = 'failed' and completed_on > now() - interval '1 hour')
            group by name, state
            order by name, state`.execute(tx)
        : { rows: [] as QueueRow[] };
      return { outbox: outboxRows.rows, undispatched: undispatchedRows.rows[0], queues: queueRows.rows };
    });
    renderOutbox(out, outbox, undispatched);
    renderQueues(out, queues);
    out.push('# HELP linkmall_metrics_database_up Whether the last collection of database figures succeeded.');
    out.push('# TYPE linkmall_metrics_database_up gauge');
    out.push('linkmall_metrics_database_up 1');
  } catch {
    out.length = 0;
    out.push('# HELP linkmall_metrics_database_up Whether the last collection of database figures succeeded.');
    out.push('# TYPE linkmall_metrics_database_up gauge');
    out.push('linkmall_metrics_database_up 0');
  }
  return out;
}

function renderOutbox(out: string[], rows: readonly OutboxRow[], undispatched: UndispatchedRow | undefined): void {
  out.push('# HELP linkmall_outbox_pending_deliveries Deliveries waiting (or retrying) per subscriber.');
  out.push('# TYPE linkmall_outbox_pending_deliveries gauge');
  for (const row of rows) out.push(`linkmall_outbox_pending_deliveries{subscriber="${escapeLabel(row.subscriber)}"} ${row.pending}`);
  out.push('# HELP linkmall_outbox_oldest_pending_age_seconds Age of the oldest event a subscriber has not received yet.');
  out.push('# TYPE linkmall_outbox_oldest_pending_age_seconds gauge');
  for (const row of rows) out.push(`linkmall_outbox_oldest_pending_age_seconds{subscriber="${escapeLabel(row.subscriber)}"} ${Math.max(0, row.oldest_age_seconds ?? 0)}`);
  out.push('# HELP linkmall_outbox_undispatched_events Events not yet fanned out to their subscribers.');
  out.push('# TYPE linkmall_outbox_undispatched_events gauge');
  out.push(`linkmall_outbox_undispatched_events ${undispatched?.events ?? 0}`);
  out.push('# HELP linkmall_outbox_oldest_undispatched_age_seconds Age of the oldest event not yet fanned out (0 when none).');
  out.push('# TYPE linkmall_outbox_oldest_undispatched_age_seconds gauge');
  out.push(`linkmall_outbox_oldest_undispatched_age_seconds ${Math.max(0, undispatched?.oldest_age_seconds ?? 0)}`);
}

function renderQueues(out: string[], rows: readonly QueueRow[]): void {
  out.push('# HELP linkmall_job_queue_jobs pg-boss jobs by queue and state (created, retry, active; failed = failed in the last hour).');
  out.push('# TYPE linkmall_job_queue_jobs gauge');
  for (const row of rows) out.push(`linkmall_job_queue_jobs{queue="${escapeLabel(row.queue)}",state="${escapeLabel(row.state)}"} ${row.jobs}`);
  out.push('# HELP linkmall_job_queue_oldest_waiting_seconds How long the oldest due job of a queue has waited to start.');
  out.push('# TYPE linkmall_job_queue_oldest_waiting_seconds gauge');
  const waiting = new Map<string, number>();
  for (const row of rows) {
    if (row.oldest_waiting_seconds !== null) waiting.set(row.queue, Math.max(waiting.get(row.queue) ?? 0, row.oldest_waiting_seconds));
  }
  for (const [queue, seconds] of waiting) out.push(`linkmall_job_queue_oldest_waiting_seconds{queue="${escapeLabel(queue)}"} ${Math.max(0, seconds)}`);
}

function renderPool(database: Database, out: string[]): void {
  const pool = database.pool;
  if (!pool) return;
  out.push('# HELP linkmall_db_pool_connections Connections of this process\'s pool, by state.');
  out.push('# TYPE linkmall_db_pool_connections gauge');
  out.push(`linkmall_db_pool_connections{state="total"} ${pool.totalCount}`);
  out.push(`linkmall_db_pool_connections{state="idle"} ${pool.idleCount}`);
  out.push('# HELP linkmall_db_pool_waiting_requests Queries waiting for a free connection.');
  out.push('# TYPE linkmall_db_pool_waiting_requests gauge');
  out.push(`linkmall_db_pool_waiting_requests ${pool.waitingCount}`);
}
