export { recordAudit, listAudit, countAudit, type AuditEntry, type AuditRecord, type AuditQuery } from './audit-log.ts';
export { auditAdminRoutes } from './audit-routes.ts';
export type { AuditTables } from './audit-tables.ts';
