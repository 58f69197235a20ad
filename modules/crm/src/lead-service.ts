import { err, newId, ok, type PiiCipher, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db, type PageRequest } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import { publishEvent } from '@linkmall/events';
import { normalizeEmail, normalizeTag } from './domain/contact-fields.ts';
import { transitionStage, type LeadStage } from './domain/lead-stage.ts';
import type { CrmErrorCode } from './crm-errors.ts';
import { crmEvent } from './crm-events.ts';
import type { UserDirectory } from './crm-ports.ts';
import { crmStore as store, type LeadAccess, type LeadFilter, type LeadRow } from './crm-store.ts';
import type { CrmLeadTable } from './crm-tables.ts';
import { leadSnapshot, toLeadView, toNoteView, toTaskView, type LeadView, type NoteView, type TaskView } from './crm-view.ts';
import type { InsightService, IntentView, SegmentationView } from './insight-service.ts';
import type { Updateable } from 'kysely';

export interface LeadDetail extends LeadView {
  /** The full numbers, only for the lead's owner (who calls them); managers see the masked ones. */
  phoneNumbers: string[] | null;
  notes: NoteView[];
  tasks: TaskView[];
  intent: IntentView | null;
  segmentation: SegmentationView;
  mergedLeadIds: string[];
}

export interface LeadPatch {
  readonly name?: string | undefined;
  readonly title?: string | undefined;
  readonly company?: string | undefined;
  readonly emails?: readonly string[] | undefined;
  readonly address?: string | undefined;
  readonly website?: string | undefined;
}

type Outcome<T> = Promise<Result<T, CrmErrorCode>>;

export function createLeadService(deps: { db: Db; pii: PiiCipher; users: UserDirectory; insights: InsightService }) {
  const { db, pii } = deps;

  async function view(executor: Db, row: LeadRow, ctx: RequestContext): Promise<LeadView> {
    const [phones, tags] = await Promise.all([store.phonesOf(executor, [row.id]), store.tagsOf(executor, [row.id])]);
    return toLeadView(row, phones, tags, ctx.locale);
  }

  /** One write to one visible lead: lock, change, audit before and after, answer with the new view. */
  async function write(
    ctx: RequestContext,
    access: LeadAccess,
    id: string,
    action: string,
    apply: (tx: Db, lead: LeadRow) => Promise<Result<Updateable<CrmLeadTable> | null, CrmErrorCode>>,
  ): Outcome<LeadView> {
    return inTransaction(db, async (tx) => {
      const before = await store.lead(tx, access, id, { forUpdate: true });
      if (!before) return err('lead_not_found');
      const changes = await apply(tx, before);
      if (!changes.ok) return changes;
      const after = await store.updateLead(tx, id, { ...changes.value, updated_at: ctx.clock.now() });
      await recordAudit(tx, ctx, { action, entityType: 'lead', entityId: id, organizationId: after.organization_id, before: leadSnapshot(before), after: leadSnapshot(after) });
      return ok(await view(tx, after, ctx));
    });
  }

  return {
    async list(ctx: RequestContext, access: LeadAccess, filter: LeadFilter, page: PageRequest): Promise<{ items: LeadView[]; total: number }> {
      const { rows, total } = await store.listLeads(db, access, filter, page);
      const ids = rows.map((row) => row.id);
      const [phones, tags] = await Promise.all([store.phonesOf(db, ids), store.tagsOf(db, ids)]);
      return { items: rows.map((row) => toLeadView(row, phones, tags, ctx.locale)), total };
    },

    async detail(ctx: RequestContext, access: LeadAccess, id: string): Outcome<LeadDetail> {
      const lead = await store.lead(db, access, id);
      if (!lead) return err('lead_not_found');
      const [base, phones, notes, tasks, insights, mergedLeadIds] = await Promise.all([
        view(db, lead, ctx),
        store.phonesOf(db, [id]),
        store.notesOf(db, id),
        store.tasksOfLead(db, id),
        deps.insights.insightsOf(ctx, lead),
        store.mergedInto(db, id),
      ]);
      const isOwner = lead.owner_user_id === ctx.actor?.userId;
      return ok({
        ...base,
        phoneNumbers: isOwner ? phones.map((phone) => pii.decrypt(phone.phone_cipher)) : null,
        notes: notes.map(toNoteView),
        tasks: tasks.map((task) => toTaskView(task, ctx.locale)),
        ...insights,
        mergedLeadIds,
      });
    },

    async update(ctx: RequestContext, access: LeadAccess, id: string, patch: LeadPatch): Outcome<LeadView> {
      return write(ctx, access, id, 'lead.updated', async () => {
        const changes: Updateable<CrmLeadTable> = {};
        for (const key of ['name', 'title', 'company', 'address', 'website'] as const) if (patch[key] !== undefined) changes[key] = patch[key]!.trim() || null;
        if (patch.emails) changes.emails = [...new Set(patch.emails.map(normalizeEmail).filter((email): email is string => email !== null))];
        return ok(changes);
      });
    },

    async changeStage(ctx: RequestContext, access: LeadAccess, id: string, stage: LeadStage): Outcome<LeadView> {
      return write(ctx, access, id, 'lead.stage_changed', async (tx, lead) => {
        const next = transitionStage(lead.stage, stage);
        if (!next) return err('lead_stage_invalid', { from: lead.stage, to: stage });
        await publishEvent(tx, ctx, crmEvent('lead.stage_changed', id, { leadId: id, ownerUserId: lead.owner_user_id, from: lead.stage, to: next }));
        return ok({ stage: next });
      });
    },

    async addNote(ctx: RequestContext, access: LeadAccess, id: string, body: string): Outcome<LeadView> {
      return write(ctx, access, id, 'lead.note_added', async (tx) => {
        const now = ctx.clock.now();
        await store.insertNote(tx, { id: newId('lnt', now.getTime()), lead_id: id, author_user_id: ctx.actor!.userId, body, created_at: now });
        return ok({});
      });
    },

    /** Replaces the lead's manual tags; automatic (interest) tags are recomputed from behaviour. */
    async setTags(ctx: RequestContext, access: LeadAccess, id: string, tags: readonly string[]): Outcome<LeadView> {
      return write(ctx, access, id, 'lead.tags_changed', async (tx) => {
        const clean = [...new Set(tags.map(normalizeTag).filter((tag): tag is string => tag !== null))].slice(0, 20);
        await store.replaceTags(tx, id, 'manual', clean, ctx.clock.now());
        return ok({});
      });
    },

    /** A manager hands a lead to another member of the same organisation; open tasks move with it. */
    async reassign(ctx: RequestContext, access: LeadAccess, id: string, ownerUserId: string): Outcome<LeadView> {
      const target = await deps.users(ownerUserId);
      return write(ctx, access, id, 'lead.reassigned', async (tx, lead) => {
        if (!target || target.organizationId !== lead.organization_id) return err('lead_owner_invalid');
        await store.reassignOpenTasks(tx, id, ownerUserId);
        await publishEvent(tx, ctx, crmEvent('lead.reassigned', id, { leadId: id, fromUserId: lead.owner_user_id, toUserId: ownerUserId }));
        return ok({ owner_user_id: ownerUserId });
      });
    },

    async addTask(ctx: RequestContext, access: LeadAccess, id: string, input: { title: string; dueAt: Date }): Outcome<TaskView> {
      return inTransaction(db, async (tx) => {
        const lead = await store.lead(tx, access, id, { forUpdate: true });
        if (!lead) return err('lead_not_found');
        const now = ctx.clock.now();
        const task = await store.insertTask(tx, { id: newId('ltk', now.getTime()), lead_id: id, owner_user_id: lead.owner_user_id, title: input.title, title_en: null, due_at: input.dueAt, done_at: null, automation_id: null, created_at: now });
        await recordAudit(tx, ctx, { action: 'lead.task_added', entityType: 'lead', entityId: id, organizationId: lead.organization_id, before: null, after: toTaskView(task, 'zh-CN') });
        return ok(toTaskView(task, ctx.locale));
      });
    },

    async myTasks(ctx: RequestContext, status: 'open' | 'done', page: PageRequest): Promise<{ items: TaskView[]; total: number }> {
      const { rows, total } = await store.tasksOfOwner(db, ctx.actor!.userId, status, page);
      return { items: rows.map((row) => toTaskView(row, ctx.locale)), total };
    },

    async finishTask(ctx: RequestContext, taskId: string): Outcome<TaskView> {
      return inTransaction(db, async (tx) => {
        const task = await store.task(tx, taskId, ctx.actor!.userId);
        if (!task) return err('lead_task_not_found');
        const done = await store.finishTask(tx, taskId, ctx.clock.now());
        if (!done) return err('lead_task_already_done');
        await recordAudit(tx, ctx, { action: 'lead.task_done', entityType: 'lead_task', entityId: taskId, organizationId: ctx.actor!.organizationId, before: { doneAt: null }, after: { doneAt: done.done_at!.toISOString() } });
        return ok(toTaskView(done, ctx.locale));
      });
    },
  };
}
export type LeadService = ReturnType<typeof createLeadService>;
