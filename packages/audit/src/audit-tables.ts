import type { Generated } from 'kysely';

/** One row per admin write: who did what to which entity, with the entity before and after. Append-only. */
export interface AuditLogTable {
  id: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_roles: string[];
  /** The organisation whose data changed; a supplier or merchant admin sees only its own rows. */
  organization_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown | null;
  after: unknown | null;
  request_id: string;
  ip: string | null;
  sequence: Generated<bigint>;
}

export interface AuditTables {
  audit_log: AuditLogTable;
}
