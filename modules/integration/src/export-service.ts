import { err, newId, ok, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db, type PageRequest } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import { EXPORT_READY_EVENT_TYPE } from './domain/event-catalog.ts';
import { duePeriods, lastCompletePeriod, type ExportFrequency, type ExportPeriod } from './domain/export-periods.ts';
import { webhookBody } from './domain/webhook-signature.ts';
import { CONTENT_TYPES, MAX_EXPORT_ROWS, produceExport } from './export-reports.ts';
import { exportStore as store, type RunSummaryRow, type ScheduleRow } from './export-store.ts';
import { hasPlatformScope } from './integration-access.ts';
import type { IntegrationErrorCode } from './integration-errors.ts';
import type { ExportSources } from './integration-ports.ts';
import type { ExportFormat, ExportReport } from './integration-tables.ts';
import { webhookStore } from './webhook-store.ts';

export interface ScheduleInput {
  readonly name: string;
  readonly report: ExportReport;
  readonly frequency: ExportFrequency;
  readonly format: ExportFormat;
  readonly webhookEndpointId: string | null;
  readonly enabled: boolean;
}

export interface ExportScheduleView {
  id: string;
  name: string;
  report: ExportReport;
  frequency: ExportFrequency;
  format: ExportFormat;
  webhookEndpointId: string | null;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ExportRunView {
  id: string;
  scheduleId: string;
  report: ExportReport;
  format: ExportFormat;
  periodStart: string;
  periodEnd: string;
  rowCount: number;
  fileName: string;
  byteSize: number;
  createdAt: string;
}

export interface ExportFile {
  readonly report: ExportReport;
  readonly fileName: string;
  readonly contentType: string;
  readonly content: Uint8Array;
}

type Outcome<T> = Promise<Result<T, IntegrationErrorCode>>;

const toScheduleView = (row: ScheduleRow): ExportScheduleView => ({
  id: row.id,
  name: row.name,
  report: row.report,
  frequency: row.frequency,
  format: row.format,
  webhookEndpointId: row.webhook_endpoint_id,
  enabled: row.enabled,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});
const toRunView = (row: RunSummaryRow): ExportRunView => ({
  id: row.id,
  scheduleId: row.schedule_id,
  report: row.report,
  format: row.format,
  periodStart: row.period_start.toISOString(),
  periodEnd: row.period_end.toISOString(),
  rowCount: row.row_count,
  fileName: row.file_name,
  byteSize: Number(row.byte_size),
  createdAt: row.created_at.toISOString(),
});
const snapshot = (row: ScheduleRow) => ({ name: row.name, report: row.report, frequency: row.frequency, format: row.format, webhookEndpointId: row.webhook_endpoint_id, enabled: row.enabled });

/** A worker that was down catches up at most this many periods of a schedule. */
const CATCH_UP_PERIODS = 31;

/** Scheduled exports of orders, reward lines and leads: schedules, the job that produces each period once, and the files. */
export function createExportService(dependencies: { db: Db; sources: ExportSources }) {
  const { db, sources } = dependencies;

  async function endpointMissing(id: string | null | undefined): Promise<boolean> {
    return id ? !(await webhookStore.findEndpoint(db, id)) : false;
  }

  /**
   * Produces one period's file unless it exists. The file is built before the transaction (it can
   * take a while), and the insert is keyed on (schedule, period): of two workers racing, one writes
   * and the other finds its file. The notice to the schedule's endpoint is enqueued with the insert.
   */
  async function produce(ctx: RequestContext, schedule: ScheduleRow, period: ExportPeriod, audited: boolean): Outcome<{ run: RunSummaryRow; created: boolean }> {
    const existing = await store.findRunSummary(db, schedule.id, period.start);
    if (existing) return ok({ run: existing, created: false });
    const file = await produceExport(sources, schedule.report, schedule.format, period);
    if (!file) return err('export_too_large', { limit: MAX_EXPORT_ROWS });
    const now = ctx.clock.now();
    const id = newId('exr', now.getTime());
    const created = await inTransaction(db, async (tx) => {
      const run = await store.insertRun(tx, { id, schedule_id: schedule.id, report: schedule.report, format: schedule.format, period_start: period.start, period_end: period.end, row_count: file.rowCount, file_name: file.fileName, content: file.content, created_at: now });
      if (!run) return false;
      const endpoint = schedule.webhook_endpoint_id ? await webhookStore.findEndpoint(tx, schedule.webhook_endpoint_id) : null;
      if (endpoint?.enabled) {
        const data = { runId: id, scheduleId: schedule.id, report: schedule.report, format: schedule.format, periodStart: period.start.toISOString(), periodEnd: period.end.toISOString(), rowCount: file.rowCount, fileName: file.fileName, downloadPath: `/open/v1/export-runs/${id}/file` };
        await webhookStore.enqueue(tx, [
          { id: newId('whd', now.getTime()), endpoint_id: endpoint.id, event_id: id, event_type: EXPORT_READY_EVENT_TYPE, body: webhookBody({ id, type: EXPORT_READY_EVENT_TYPE, occurredAt: now, data }), status: 'pending', attempts: 0, next_attempt_at: now, last_status_code: null, last_error: null, redelivery_of: null, created_at: now, finished_at: null },
        ]);
      }
      if (audited) await recordAudit(tx, ctx, { action: 'export_run.created', entityType: 'export_run', entityId: id, organizationId: null, before: null, after: { scheduleId: schedule.id, period: period.label, rowCount: file.rowCount } });
      return true;
    });
    return ok({ run: (await store.findRunSummary(db, schedule.id, period.start))!, created });
  }

  async function change(ctx: RequestContext, id: string, action: string, patch: (row: ScheduleRow) => Parameters<typeof store.updateSchedule>[2]): Outcome<ExportScheduleView> {
    return inTransaction(db, async (tx) => {
      const before = await store.findSchedule(tx, id, { forUpdate: true });
      if (!before) return err('export_schedule_not_found');
      const after = await store.updateSchedule(tx, id, { ...patch(before), updated_at: ctx.clock.now() });
      await recordAudit(tx, ctx, { action, entityType: 'export_schedule', entityId: id, organizationId: null, before: snapshot(before), after: action === 'export_schedule.deleted' ? null : snapshot(after) });
      return ok(toScheduleView(after));
    });
  }

  return {
    async list(ctx: RequestContext, page: PageRequest): Outcome<{ items: ExportScheduleView[]; total: number }> {
      if (!hasPlatformScope(ctx)) return err('integration_scope_forbidden');
      const { items, total } = await store.listSchedules(db, page);
      return ok({ items: items.map(toScheduleView), total });
    },

    async create(ctx: RequestContext, input: ScheduleInput): Outcome<ExportScheduleView> {
      if (!hasPlatformScope(ctx)) return err('integration_scope_forbidden');
      if (await endpointMissing(input.webhookEndpointId)) return err('export_webhook_not_found');
      const now = ctx.clock.now();
      return inTransaction(db, async (tx) => {
        const row = await store.insertSchedule(tx, { id: newId('exs', now.getTime()), name: input.name, report: input.report, frequency: input.frequency, format: input.format, webhook_endpoint_id: input.webhookEndpointId, enabled: input.enabled, created_by: ctx.actor!.userId, created_at: now, updated_at: now, deleted_at: null });
        await recordAudit(tx, ctx, { action: 'export_schedule.created', entityType: 'export_schedule', entityId: row.id, organizationId: null, before: null, after: snapshot(row) });
        return ok(toScheduleView(row));
      });
    },

    async update(ctx: RequestContext, id: string, patch: Partial<ScheduleInput>): Outcome<ExportScheduleView> {
      if (!hasPlatformScope(ctx)) return err('integration_scope_forbidden');
      if (await endpointMissing(patch.webhookEndpointId)) return err('export_webhook_not_found');
      return change(ctx, id, 'export_schedule.updated', () => ({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.report !== undefined ? { report: patch.report } : {}),
        ...(patch.frequency !== undefined ? { frequency: patch.frequency } : {}),
        ...(patch.format !== undefined ? { format: patch.format } : {}),
        ...(patch.webhookEndpointId !== undefined ? { webhook_endpoint_id: patch.webhookEndpointId } : {}),
        ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
      }));
    },

    /** Deleted schedules stop producing; their files stay downloadable. */
    async remove(ctx: RequestContext, id: string): Outcome<ExportScheduleView> {
      if (!hasPlatformScope(ctx)) return err('integration_scope_forbidden');
      return change(ctx, id, 'export_schedule.deleted', () => ({ deleted_at: ctx.clock.now(), enabled: false }));
    },

    /** The last complete period's file, now (the same file the job makes: produced once either way). */
    async runNow(ctx: RequestContext, id: string): Outcome<ExportRunView> {
      if (!hasPlatformScope(ctx)) return err('integration_scope_forbidden');
      const schedule = await store.findSchedule(db, id);
      if (!schedule) return err('export_schedule_not_found');
      const produced = await produce(ctx, schedule, lastCompletePeriod(schedule.frequency, ctx.clock.now()), true);
      return produced.ok ? ok(toRunView(produced.value.run)) : produced;
    },

    async runs(ctx: RequestContext, scheduleId: string | undefined, page: PageRequest): Outcome<{ items: ExportRunView[]; total: number }> {
      if (!hasPlatformScope(ctx)) return err('integration_scope_forbidden');
      const { items, total } = await store.listRuns(db, scheduleId, page);
      return ok({ items: items.map(toRunView), total });
    },

    async file(ctx: RequestContext, runId: string): Outcome<ExportFile> {
      if (!hasPlatformScope(ctx)) return err('integration_scope_forbidden');
      const run = await store.findRun(db, runId);
      return run ? ok({ report: run.report, fileName: run.file_name, contentType: CONTENT_TYPES[run.format], content: run.content }) : err('export_run_not_found');
    },

    /** A file for a partner key; the caller checks the key's scope against `report`. */
    async partnerFile(runId: string): Promise<ExportFile | null> {
      const run = await store.findRun(db, runId);
      return run ? { report: run.report, fileName: run.file_name, contentType: CONTENT_TYPES[run.format], content: run.content } : null;
    },

    /** The job: every enabled schedule's due periods without a file get one, oldest first. */
    async runDue(ctx: RequestContext): Promise<{ produced: number; failed: { scheduleId: string; code: string }[] }> {
      let produced = 0;
      const failed: { scheduleId: string; code: string }[] = [];
      const now = ctx.clock.now();
      for (const schedule of await store.enabledSchedules(db)) {
        const periods = duePeriods(schedule.frequency, schedule.created_at, now, CATCH_UP_PERIODS);
        const done = await store.producedPeriods(db, schedule.id, periods.map((period) => period.start));
        for (const period of periods.filter((candidate) => !done.has(candidate.start.getTime()))) {
          const outcome = await produce(ctx, schedule, period, false);
          if (!outcome.ok) {
            failed.push({ scheduleId: schedule.id, code: outcome.code });
            break;
          }
          if (outcome.value.created) produced++;
        }
      }
      return { produced, failed };
    },
  };
}
export type ExportService = ReturnType<typeof createExportService>;
