import { defineRoute, IsoDateTimeSchema, OpenAPIHono, pageOf, PageQuerySchema, requires, z, type AppEnv } from '@linkmall/http';
import type { Db } from '@linkmall/db';
import { listAudit } from './audit-log.ts';

const AuditRecordSchema = z
  .object({
    id: z.string(),
    occurredAt: IsoDateTimeSchema,
    actorUserId: z.string().nullable(),
    actorName: z.string().nullable(),
    actorRoles: z.array(z.string()),
    organizationId: z.string().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    requestId: z.string(),
  })
  .openapi('AuditRecord');

const listRoute = defineRoute(requires('audit.read'), {
  method: 'get',
  path: '/audit-log',
  tags: ['Audit'],
  summary: 'Audit log of admin writes (newest first, scoped to the organisation of the caller)',
  request: {
    query: PageQuerySchema.extend({
      entityType: z.string().max(50).optional(),
      entityId: z.string().max(120).optional(),
      action: z.string().max(80).optional(),
      actorUserId: z.string().max(60).optional(),
    }),
  },
  responses: {
    200: { description: 'A page of audit records', content: { 'application/json': { schema: pageOf(AuditRecordSchema, 'AuditPage') } } },
  },
});

export function auditAdminRoutes(db: Db) {
  return new OpenAPIHono<AppEnv>().openapi(listRoute, async (c) => {
    const query = c.req.valid('query');
    const actor = c.var.ctx.actor!;
    const { items, total } = await listAudit(db, actor.scope, query);
    return c.json(
      {
        items: items.map((item) => ({ ...item, actorRoles: [...item.actorRoles], occurredAt: item.occurredAt.toISOString() })),
        total,
        page: query.page,
        pageSize: query.pageSize,
      },
      200,
    );
  });
}
