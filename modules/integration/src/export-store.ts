import { countRows, pageWindow, type Db, type Kysely, type PageRequest, type Selectable } from '@linkmall/db';
import type { ExportRunTable, ExportScheduleTable, IntegrationTables } from './integration-tables.ts';

export type ScheduleRow = Selectable<ExportScheduleTable>;
export type RunRow = Selectable<ExportRunTable>;
export type RunSummaryRow = Omit<RunRow, 'content'> & { byte_size: number };

const t = (db: Db) => db as Kysely<IntegrationTables>;

const RUN_SUMMARY = ['id', 'schedule_id', 'report', 'format', 'period_start', 'period_end', 'row_count', 'file_name', 'created_at'] as const;

/** The only file touching the export tables. */
export const exportStore = {
  async insertSchedule(db: Db, row: ScheduleRow): Promise<ScheduleRow> {
    return t(db).insertInto('integration_export_schedules').values(row).returningAll().executeTakeFirstOrThrow();
  },
  async findSchedule(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<ScheduleRow | null> {
    let query = t(db).selectFrom('integration_export_schedules').selectAll().where('id', '=', id).where('deleted_at', 'is', null);
    if (options.forUpdate) query = query.forUpdate();
    return (await query.executeTakeFirst()) ?? null;
  },
  async listSchedules(db: Db, page: PageRequest): Promise<{ items: ScheduleRow[]; total: number }> {
    const query = t(db).selectFrom('integration_export_schedules').selectAll().where('deleted_at', 'is', null);
    const { limit, offset } = pageWindow(page);
    const [items, total] = await Promise.all([query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(), countRows(query)]);
    return { items, total };
  },
  async enabledSchedules(db: Db): Promise<ScheduleRow[]> {
    return t(db).selectFrom('integration_export_schedules').selectAll().where('enabled', '=', true).where('deleted_at', 'is', null).orderBy('id').execute();
  },
  async updateSchedule(db: Db, id: string, patch: Partial<Omit<ScheduleRow, 'id' | 'created_at' | 'created_by'>>): Promise<ScheduleRow> {
    return t(db).updateTable('integration_export_schedules').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  },

  /** The periods a schedule already has a file for, among those asked about. */
  async producedPeriods(db: Db, scheduleId: string, starts: readonly Date[]): Promise<Set<number>> {
    if (starts.length === 0) return new Set();
    const rows = await t(db).selectFrom('integration_export_runs').select('period_start').where('schedule_id', '=', scheduleId).where('period_start', 'in', [...starts]).execute();
    return new Set(rows.map((row) => row.period_start.getTime()));
  },
  /** Inserts a run unless the schedule already has one for the period; returns null when it had. */
  async insertRun(db: Db, row: RunRow): Promise<RunRow | null> {
    const inserted = await t(db)
      .insertInto('integration_export_runs')
      .values(row)
      .onConflict((conflict) => conflict.columns(['schedule_id', 'period_start']).doNothing())
      .returningAll()
      .executeTakeFirst();
    return inserted ?? null;
  },
  async findRunSummary(db: Db, scheduleId: string, periodStart: Date): Promise<RunSummaryRow | null> {
    return (
      (await t(db)
        .selectFrom('integration_export_runs')
        .select([...RUN_SUMMARY, (eb) => eb.fn<number>('octet_length', ['content']).as('byte_size')])
        .where('schedule_id', '=', scheduleId)
        .where('period_start', '=', periodStart)
        .executeTakeFirst()) ?? null
    );
  },
  async listRuns(db: Db, scheduleId: string | undefined, page: PageRequest): Promise<{ items: RunSummaryRow[]; total: number }> {
    let query = t(db).selectFrom('integration_export_runs').select([...RUN_SUMMARY, (eb) => eb.fn<number>('octet_length', ['content']).as('byte_size')]);
    if (scheduleId) query = query.where('schedule_id', '=', scheduleId);
    const { limit, offset } = pageWindow(page);
    const [items, total] = await Promise.all([query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(), countRows(query)]);
    return { items, total };
  },
  async findRun(db: Db, id: string): Promise<RunRow | null> {
    return (await t(db).selectFrom('integration_export_runs').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  },
};
