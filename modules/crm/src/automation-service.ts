import { err, newId, ok, type Clock, type Locale, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import type { AutomationParams, AutomationTrigger } from './domain/automation-rules.ts';
import { automationStore as store, type AutomationRow } from './automation-store.ts';
import type { CrmErrorCode } from './crm-errors.ts';
import type { OwnerNotifier } from './crm-ports.ts';

export interface AutomationView {
  id: string;
  organizationId: string | null;
  name: string;
  trigger: AutomationTrigger;
  params: AutomationParams;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface AutomationInput {
  readonly name: string;
  readonly params: AutomationParams;
  readonly enabled: boolean;
}

export const paramsOf = (row: AutomationRow): AutomationParams => ({ ...(row.params as object), trigger: row.trigger }) as AutomationParams;

export const toAutomationView = (row: AutomationRow): AutomationView => ({
  id: row.id,
  organizationId: row.organization_id,
  name: row.name,
  trigger: row.trigger,
  params: paramsOf(row),
  enabled: row.enabled,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const storedParams = (params: AutomationParams) => {
  const { trigger: _trigger, ...rest } = params;
  return rest;
};

/** Platform staff manage platform automations (over every lead); a merchant's managers their organisation's. */
const organizationOf = (ctx: RequestContext): string | null => {
  const scope = ctx.actor!.scope;
  return scope.kind === 'merchant' ? scope.merchantId : scope.kind === 'supplier' ? scope.supplierId : null;
};

type Outcome<T> = Promise<Result<T, CrmErrorCode>>;

export function createAutomationService(db: Db) {
  async function change(ctx: RequestContext, id: string, action: string, patch: (row: AutomationRow) => Parameters<typeof store.update>[2]): Outcome<AutomationView> {
    return inTransaction(db, async (tx) => {
      const before = await store.find(tx, organizationOf(ctx), id, true);
      if (!before) return err('crm_automation_not_found');
      const after = await store.update(tx, id, { ...patch(before), updated_at: ctx.clock.now() });
      await recordAudit(tx, ctx, { action, entityType: 'crm_automation', entityId: id, organizationId: after.organization_id, before: toAutomationView(before), after: action === 'crm_automation.deleted' ? null : toAutomationView(after) });
      return ok(toAutomationView(after));
    });
  }

  return {
    async list(ctx: RequestContext): Promise<AutomationView[]> {
      return (await store.list(db, organizationOf(ctx))).map(toAutomationView);
    },

    async create(ctx: RequestContext, input: AutomationInput): Promise<AutomationView> {
      const now = ctx.clock.now();
      return inTransaction(db, async (tx) => {
        const row = await store.insert(tx, {
          id: newId('aut', now.getTime()),
          organization_id: organizationOf(ctx),
          name: input.name,
          trigger: input.params.trigger,
          params: storedParams(input.params),
          enabled: input.enabled,
          created_by: ctx.actor!.userId,
          created_at: now,
          updated_at: now,
          deleted_at: null,
        });
        await recordAudit(tx, ctx, { action: 'crm_automation.created', entityType: 'crm_automation', entityId: row.id, organizationId: row.organization_id, before: null, after: toAutomationView(row) });
        return toAutomationView(row);
      });
    },

    async update(ctx: RequestContext, id: string, patch: Partial<AutomationInput>): Outcome<AutomationView> {
      return change(ctx, id, 'crm_automation.updated', () => ({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
        ...(patch.params ? { trigger: patch.params.trigger, params: storedParams(patch.params) } : {}),
      }));
    },

    /** Deleted automations stop firing; their past runs stay as the record of what they did. */
    async remove(ctx: RequestContext, id: string): Outcome<AutomationView> {
      return change(ctx, id, 'crm_automation.deleted', () => ({ deleted_at: ctx.clock.now(), enabled: false }));
    },
  };
}
export type AutomationService = ReturnType<typeof createAutomationService>;

/**
 * The in-module owner notifier: records each notification in the CRM's inbox table. Used until the
 * composition root wires the radar's notifier (live stream + WeChat subscribe message).
 */
export function createRecordingOwnerNotifier(db: Db, clock: Clock): OwnerNotifier & { inbox(ownerUserId: string, locale: Locale, limit?: number): Promise<{ kind: string; title: string; body: string; link: string | null; createdAt: string }[]> } {
  return {
    async notify(ownerUserId, notification) {
      const now = clock.now();
      const { title, body } = notification;
      await store.insertNotification(db, { id: newId('lnf', now.getTime()), owner_user_id: ownerUserId, kind: notification.kind, title: title['zh-CN'], title_en: title.en, body: body['zh-CN'], body_en: body.en, link: notification.link, created_at: now });
    },
    async inbox(ownerUserId, locale, limit = 50) {
      const rows = await store.notificationsOf(db, ownerUserId, limit);
      const en = locale === 'en';
      return rows.map((row) => ({ kind: row.kind, title: en ? row.title_en : row.title, body: en ? row.body_en : row.body, link: row.link, createdAt: row.created_at.toISOString() }));
    },
  };
}
