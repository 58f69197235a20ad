import { defineRoute, idParam, jsonResponse, OpenAPIHono, PageQuerySchema, pageOf, requires, unwrap, z, type AppEnv } from '@linkmall/http';
import type { ApiKeyService } from './api-key-service.ts';
import type { ExportService } from './export-service.ts';
import { ApiKeySchema, ApiKeyWithSecretSchema, NewApiKeySchema, NewScheduleSchema, RunQuerySchema, RunSchema, SchedulePatchSchema, ScheduleSchema } from './integration-schemas.ts';
import { INTEGRATION_MANAGE, jsonBody } from './webhook-routes.ts';

const manage = requires(INTEGRATION_MANAGE);
const KEY_TAGS = ['Integrations: API keys'];
const EXPORT_TAGS = ['Integrations: scheduled exports'];
const KeyParams = z.object({ id: idParam('pak') });
const ScheduleParams = z.object({ id: idParam('exs') });
const RunParams = z.object({ id: idParam('exr') });

/** The console's partner API keys (platform staff). */
export function apiKeyAdminRoutes(keys: ApiKeyService) {
  return new OpenAPIHono<AppEnv>()
    .openapi(defineRoute(manage, { method: 'get', path: '/integrations/api-keys', tags: KEY_TAGS, summary: 'Partner API keys for /open/*, newest first', request: { query: PageQuerySchema }, responses: { 200: jsonResponse(pageOf(ApiKeySchema, 'ApiKeyPage'), 'A page of keys') } }), async (c) => {
      const page = c.req.valid('query');
      return c.json({ ...unwrap(await keys.list(c.var.ctx, page)), ...page }, 200);
    })
    .openapi(
      defineRoute(manage, { method: 'post', path: '/integrations/api-keys', tags: KEY_TAGS, summary: 'Create a scoped key; its secret is in this answer only (audited)', request: jsonBody(NewApiKeySchema), responses: { 201: jsonResponse(ApiKeyWithSecretSchema, 'The key and its secret') } }),
      async (c) => c.json(unwrap(await keys.create(c.var.ctx, c.req.valid('json'))), 201, { 'cache-control': 'no-store' }),
    )
    .openapi(defineRoute(manage, { method: 'post', path: '/integrations/api-keys/{id}/revoke', tags: KEY_TAGS, summary: 'Revoke a key: its next call is refused (audited)', request: { params: KeyParams }, responses: { 200: jsonResponse(ApiKeySchema, 'The revoked key') } }), async (c) =>
      c.json(unwrap(await keys.revoke(c.var.ctx, c.req.valid('param').id)), 200),
    );
}

/** The console's scheduled exports and their files (platform staff). */
export function exportAdminRoutes(exports: ExportService) {
  return new OpenAPIHono<AppEnv>()
    .openapi(defineRoute(manage, { method: 'get', path: '/integrations/export-schedules', tags: EXPORT_TAGS, summary: 'Scheduled exports', request: { query: PageQuerySchema }, responses: { 200: jsonResponse(pageOf(ScheduleSchema, 'ExportSchedulePage'), 'A page of schedules') } }), async (c) => {
      const page = c.req.valid('query');
      return c.json({ ...unwrap(await exports.list(c.var.ctx, page)), ...page }, 200);
    })
    .openapi(
      defineRoute(manage, { method: 'post', path: '/integrations/export-schedules', tags: EXPORT_TAGS, summary: 'Schedule a daily or weekly export of orders, reward lines or leads as CSV or XLSX (audited)', request: jsonBody(NewScheduleSchema), responses: { 201: jsonResponse(ScheduleSchema, 'The schedule') } }),
      async (c) => c.json(unwrap(await exports.create(c.var.ctx, c.req.valid('json'))), 201),
    )
    .openapi(
      defineRoute(manage, { method: 'patch', path: '/integrations/export-schedules/{id}', tags: EXPORT_TAGS, summary: 'Change, enable or disable a schedule (audited)', request: { params: ScheduleParams, ...jsonBody(SchedulePatchSchema) }, responses: { 200: jsonResponse(ScheduleSchema, 'The schedule') } }),
      async (c) => c.json(unwrap(await exports.update(c.var.ctx, c.req.valid('param').id, c.req.valid('json'))), 200),
    )
    .openapi(defineRoute(manage, { method: 'delete', path: '/integrations/export-schedules/{id}', tags: EXPORT_TAGS, summary: 'Delete a schedule; its files stay (audited)', request: { params: ScheduleParams }, responses: { 200: jsonResponse(ScheduleSchema, 'The deleted schedule') } }), async (c) =>
      c.json(unwrap(await exports.remove(c.var.ctx, c.req.valid('param').id)), 200),
    )
    .openapi(
      defineRoute(manage, { method: 'post', path: '/integrations/export-schedules/{id}/run', tags: EXPORT_TAGS, summary: 'Produce the last complete period now; the job would produce the same file once (audited)', request: { params: ScheduleParams }, responses: { 200: jsonResponse(RunSchema, 'The file of the period') } }),
      async (c) => c.json(unwrap(await exports.runNow(c.var.ctx, c.req.valid('param').id)), 200),
    )
    .openapi(defineRoute(manage, { method: 'get', path: '/integrations/export-runs', tags: EXPORT_TAGS, summary: 'Produced export files, newest first', request: { query: RunQuerySchema }, responses: { 200: jsonResponse(pageOf(RunSchema, 'ExportRunPage'), 'A page of files') } }), async (c) => {
      const { scheduleId, page, pageSize } = c.req.valid('query');
      return c.json({ ...unwrap(await exports.runs(c.var.ctx, scheduleId, { page, pageSize })), page, pageSize }, 200);
    })
    .openapi(
      defineRoute(manage, {
        method: 'get',
        path: '/integrations/export-runs/{id}/file',
        tags: EXPORT_TAGS,
        summary: 'Download an export file (CSV with BOM, or XLSX)',
        request: { params: RunParams },
        responses: { 200: { description: 'The file', content: { 'text/csv': { schema: z.string() }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) } } } },
      }),
      async (c) => {
        const file = unwrap(await exports.file(c.var.ctx, c.req.valid('param').id));
        return c.body(Buffer.from(file.content) as never, 200, { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.fileName}"` });
      },
    );
}
