import { defineRoute, idParam, jsonResponse, OpenAPIHono, pageOf, requires, unwrap, z, type AppEnv } from '@linkmall/http';
import type { CrmModule } from './crm-service.ts';
import { leadAccessOf } from './lead-access.ts';
import {
  LeadDetailSchema,
  LeadPatchSchema,
  LeadQuerySchema,
  LeadSchema,
  MergeSchema,
  NewLeadSchema,
  NewTaskSchema,
  NoteSchema,
  StageSchema,
  TagsSchema,
  TaskQuerySchema,
  TaskSchema,
  UpsertResultSchema,
  VcardImportResultSchema,
  VcardImportSchema,
} from './crm-schemas.ts';

export const LeadParams = z.object({ id: idParam('lead') });
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
export const TAGS = ['Leads'];
const read = requires('lead.read');

/** The card owner's own leads (guides and salespeople in the shop app): contacts, pipeline, notes, tasks. */
export function crmShopRoutes(crm: CrmModule) {
  const own = (c: { var: { ctx: Parameters<typeof leadAccessOf>[0] } }) => leadAccessOf(c.var.ctx, 'shop');
  return new OpenAPIHono<AppEnv>()
    .openapi(defineRoute(read, { method: 'get', path: '/leads', tags: TAGS, summary: 'My leads, newest activity first, filtered by stage, tag, name or intent', request: { query: LeadQuerySchema }, responses: { 200: jsonResponse(pageOf(LeadSchema, 'MyLeadPage'), 'A page of leads') } }), async (c) => {
      const { page, pageSize, ...filter } = c.req.valid('query');
      return c.json({ ...(await crm.leads.list(c.var.ctx, own(c), filter, { page, pageSize })), page, pageSize }, 200);
    })
    .openapi(defineRoute(read, { method: 'post', path: '/leads', tags: TAGS, summary: 'Add a contact by hand; merged into my lead with the same phone if there is one', request: jsonBody(NewLeadSchema), responses: { 201: jsonResponse(UpsertResultSchema, 'The lead') } }), async (c) =>
      c.json(unwrap(await crm.contacts.createManual(c.var.ctx, c.req.valid('json'))), 201),
    )
    .openapi(defineRoute(read, { method: 'post', path: '/leads/vcard-import', tags: TAGS, summary: 'Import vCards (4.0, 3.0, 2.1) into my leads', request: jsonBody(VcardImportSchema), responses: { 200: jsonResponse(VcardImportResultSchema, 'What was created and merged') } }), async (c) =>
      c.json(unwrap(await crm.contacts.importVcards(c.var.ctx, c.req.valid('json').vcard)), 200),
    )
    .openapi(defineRoute(read, { method: 'get', path: '/leads/{id}', tags: TAGS, summary: 'One of my leads with notes, tasks, intent (explained) and RFM-L segment', request: { params: LeadParams }, responses: { 200: jsonResponse(LeadDetailSchema, 'The lead') } }), async (c) =>
      c.json(unwrap(await crm.leads.detail(c.var.ctx, own(c), c.req.valid('param').id)), 200),
    )
    .openapi(defineRoute(read, { method: 'patch', path: '/leads/{id}', tags: TAGS, summary: 'Edit a lead’s contact fields', request: { params: LeadParams, ...jsonBody(LeadPatchSchema) }, responses: { 200: jsonResponse(LeadSchema, 'The lead') } }), async (c) =>
      c.json(unwrap(await crm.leads.update(c.var.ctx, own(c), c.req.valid('param').id, c.req.valid('json'))), 200),
    )
    .openapi(defineRoute(read, { method: 'post', path: '/leads/{id}/stage', tags: TAGS, summary: 'Move a lead along the pipeline', request: { params: LeadParams, ...jsonBody(StageSchema) }, responses: { 200: jsonResponse(LeadSchema, 'The lead') } }), async (c) =>
      c.json(unwrap(await crm.leads.changeStage(c.var.ctx, own(c), c.req.valid('param').id, c.req.valid('json').stage)), 200),
    )
    .openapi(defineRoute(read, { method: 'post', path: '/leads/{id}/notes', tags: TAGS, summary: 'Add a note', request: { params: LeadParams, ...jsonBody(NoteSchema) }, responses: { 200: jsonResponse(LeadSchema, 'The lead') } }), async (c) =>
      c.json(unwrap(await crm.leads.addNote(c.var.ctx, own(c), c.req.valid('param').id, c.req.valid('json').body)), 200),
    )
    .openapi(defineRoute(read, { method: 'put', path: '/leads/{id}/tags', tags: TAGS, summary: 'Replace the manual tags (interest tags are automatic)', request: { params: LeadParams, ...jsonBody(TagsSchema) }, responses: { 200: jsonResponse(LeadSchema, 'The lead') } }), async (c) =>
      c.json(unwrap(await crm.leads.setTags(c.var.ctx, own(c), c.req.valid('param').id, c.req.valid('json').tags)), 200),
    )
    .openapi(defineRoute(read, { method: 'post', path: '/leads/{id}/tasks', tags: TAGS, summary: 'Add a follow-up task', request: { params: LeadParams, ...jsonBody(NewTaskSchema) }, responses: { 201: jsonResponse(TaskSchema, 'The task') } }), async (c) => {
      const body = c.req.valid('json');
      return c.json(unwrap(await crm.leads.addTask(c.var.ctx, own(c), c.req.valid('param').id, { title: body.title, dueAt: new Date(body.dueAt) })), 201);
    })
    .openapi(defineRoute(read, { method: 'post', path: '/leads/{id}/merge', tags: TAGS, summary: 'Merge a duplicate of my lead into it (notes, tasks, tags kept; audited)', request: { params: LeadParams, ...jsonBody(MergeSchema) }, responses: { 200: jsonResponse(LeadSchema, 'The kept lead') } }), async (c) =>
      c.json(unwrap(await crm.merge(c.var.ctx, own(c), c.req.valid('param').id, c.req.valid('json').duplicateLeadId)), 200),
    )
    .openapi(defineRoute(read, { method: 'get', path: '/lead-tasks', tags: TAGS, summary: 'My follow-up tasks: open ones by due date, or done ones', request: { query: TaskQuerySchema }, responses: { 200: jsonResponse(pageOf(TaskSchema, 'LeadTaskPage'), 'A page of tasks') } }), async (c) => {
      const { status, page, pageSize } = c.req.valid('query');
      return c.json({ ...(await crm.leads.myTasks(c.var.ctx, status, { page, pageSize })), page, pageSize }, 200);
    })
    .openapi(defineRoute(read, { method: 'post', path: '/lead-tasks/{id}/done', tags: TAGS, summary: 'Mark my task done', request: { params: z.object({ id: idParam('ltk') }) }, responses: { 200: jsonResponse(TaskSchema, 'The task') } }), async (c) =>
      c.json(unwrap(await crm.leads.finishTask(c.var.ctx, c.req.valid('param').id)), 200),
    )
    .openapi(
      defineRoute(read, {
        method: 'get',
        path: '/lead-notifications',
        tags: TAGS,
        summary: 'Notifications the CRM sent me (high-intent visitors) while no live notifier is wired',
        responses: { 200: jsonResponse(z.object({ items: z.array(z.object({ kind: z.string(), title: z.string(), body: z.string(), link: z.string().nullable(), createdAt: z.string() })) }).openapi('LeadNotifications'), 'Newest first') },
      }),
      async (c) => c.json({ items: await crm.inbox.inbox(c.var.ctx.actor!.userId, c.var.ctx.locale) }, 200),
    );
}
