import { newId, type DataScope, type RequestContext } from '@linkmall/kernel';
import { countRows, pageWindow, type Db } from '@linkmall/db';
import type { Kysely } from 'kysely';
import type { AuditTables } from './audit-tables.ts';

export interface AuditEntry {
  /** What happened, as `entity.verb`: `user.created`, `user.roles_changed`. */
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  /** The organisation that owns the entity, so its admins can read the entry. */
  readonly organizationId: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

const table = (db: Db) => db as Kysely<AuditTables>;

/** Writes one audit row; call it in the transaction that makes the change so both commit or neither. */
export async function recordAudit(tx: Db, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  const now = ctx.clock.now();
  await table(tx)
    .insertInto('audit_log')
    .values({
      id: newId('aud', now.getTime()),
      occurred_at: now,
      actor_user_id: ctx.actor?.userId ?? null,
      actor_name: ctx.actor?.displayName ?? null,
      actor_roles: [...(ctx.actor?.roles ?? ['system'])],
      organization_id: entry.organizationId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      before: entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
      after: entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
      request_id: ctx.requestId,
      ip: ctx.ip ?? null,
    })
    .execute();
}

export interface AuditQuery {
  readonly page: number;
  readonly pageSize: number;
  readonly entityType?: string;
  readonly entityId?: string;
  readonly action?: string;
  readonly actorUserId?: string;
}

export interface AuditRecord {
  readonly id: string;
  readonly occurredAt: Date;
  readonly actorUserId: string | null;
  readonly actorName: string | null;
  readonly actorRoles: readonly string[];
  readonly organizationId: string | null;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly requestId: string;
}

/** Newest first, limited to the scope: platform staff see all, an organisation's admin only its own. */
export async function listAudit(
  db: Db,
  scope: DataScope,
  query: AuditQuery,
): Promise<{ items: AuditRecord[]; total: number }> {
  let base = scopedAudit(db, scope);
  if (query.entityType) base = base.where('entity_type', '=', query.entityType);
  if (query.entityId) base = base.where('entity_id', '=', query.entityId);
  if (query.action) base = base.where('action', '=', query.action);
  if (query.actorUserId) base = base.where('actor_user_id', '=', query.actorUserId);
  const { limit, offset } = pageWindow(query);
  const [rows, total] = await Promise.all([base.selectAll().orderBy('sequence', 'desc').limit(limit).offset(offset).execute(), countRows(base)]);
  return {
    total,
    items: rows.map((row) => ({
      id: row.id,
      occurredAt: row.occurred_at,
      actorUserId: row.actor_user_id,
      actorName: row.actor_name,
      actorRoles: row.actor_roles,
      organizationId: row.organization_id,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      before: row.before,
      after: row.after,
      requestId: row.request_id,
    })),
  };
}

export async function countAudit(db: Db, scope: DataScope): Promise<number> {
  return countRows(scopedAudit(db, scope));
}

/** Platform staff read every entry; an organisation's admins its own; anyone else only their own actions. */
function scopedAudit(db: Db, scope: DataScope) {
  const query = table(db).selectFrom('audit_log');
  if (scope.kind === 'supplier') return query.where('organization_id', '=', scope.supplierId);
  if (scope.kind === 'merchant') return query.where('organization_id', '=', scope.merchantId);
  if (scope.kind === 'self') return query.where('actor_user_id', '=', scope.userId);
  return query;
}
