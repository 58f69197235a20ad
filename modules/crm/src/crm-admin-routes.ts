import { defineRoute, idParam, jsonResponse, OpenAPIHono, pageOf, requires, unwrap, z, type AppEnv } from '@linkmall/http';
import type { CrmModule } from './crm-service.ts';
import { jsonBody, LeadParams, TAGS } from './crm-routes.ts';
import { leadAccessOf, LEAD_MANAGE } from './lead-access.ts';
import { AutomationPatchSchema, AutomationSchema, LeadDetailSchema, LeadQuerySchema, LeadSchema, MergeSchema, NewAutomationSchema, NoteSchema, ReassignSchema, StageSchema } from './crm-schemas.ts';

const read = requires('lead.read');
const manage = requires(LEAD_MANAGE);
const AutomationParams = z.object({ id: idParam('aut') });
const AUTOMATION_TAGS = ['Lead automations'];

/** The console's leads pipeline: managers see their organisation's leads; other lead readers their own. */
export function crmAdminRoutes(crm: CrmModule) {
  const scoped = (c: { var: { ctx: Parameters<typeof leadAccessOf>[0] } }) => leadAccessOf(c.var.ctx, 'admin');
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(read, {
        method: 'get',
        path: '/leads',
        tags: TAGS,
        summary: 'The leads pipeline in my data scope, filtered by stage, owner, tag, name or intent',
        request: { query: LeadQuerySchema.extend({ ownerUserId: z.string().regex(/^usr_[0-9a-z]{26}$/).optional() }) },
        responses: { 200: jsonResponse(pageOf(LeadSchema, 'LeadPage'), 'A page of leads') },
      }),
      async (c) => {
        const { page, pageSize, ...filter } = c.req.valid('query');
        return c.json({ ...(await crm.leads.list(c.var.ctx, scoped(c), filter, { page, pageSize })), page, pageSize }, 200);
      },
    )
    .openapi(defineRoute(read, { method: 'get', path: '/leads/{id}', tags: TAGS, summary: 'One lead with notes, tasks, intent and segment (phones masked)', request: { params: LeadParams }, responses: { 200: jsonResponse(LeadDetailSchema, 'The lead') } }), async (c) =>
      c.json(unwrap(await crm.leads.detail(c.var.ctx, scoped(c), c.req.valid('param').id)), 200),
    )
    .openapi(defineRoute(manage, { method: 'post', path: '/leads/{id}/stage', tags: TAGS, summary: 'Move a lead along the pipeline (audited)', request: { params: LeadParams, ...jsonBody(StageSchema) }, responses: { 200: jsonResponse(LeadSchema, 'The lead') } }), async (c) =>
      c.json(unwrap(await crm.leads.changeStage(c.var.ctx, scoped(c), c.req.valid('param').id, c.req.valid('json').stage)), 200),
    )
    .openapi(defineRoute(manage, { method: 'post', path: '/leads/{id}/notes', tags: TAGS, summary: 'Add a manager’s note (audited)', request: { params: LeadParams, ...jsonBody(NoteSchema) }, responses: { 200: jsonResponse(LeadSchema, 'The lead') } }), async (c) =>
      c.json(unwrap(await crm.leads.addNote(c.var.ctx, scoped(c), c.req.valid('param').id, c.req.valid('json').body)), 200),
    )
    .openapi(defineRoute(manage, { method: 'post', path: '/leads/{id}/reassign', tags: TAGS, summary: 'Hand a lead and its open tasks to another member of the organisation (audited)', request: { params: LeadParams, ...jsonBody(ReassignSchema) }, responses: { 200: jsonResponse(LeadSchema, 'The lead') } }), async (c) =>
      c.json(unwrap(await crm.leads.reassign(c.var.ctx, scoped(c), c.req.valid('param').id, c.req.valid('json').ownerUserId)), 200),
    )
    .openapi(defineRoute(manage, { method: 'post', path: '/leads/{id}/merge', tags: TAGS, summary: 'Merge a duplicate lead of the same owner into this one (audited)', request: { params: LeadParams, ...jsonBody(MergeSchema) }, responses: { 200: jsonResponse(LeadSchema, 'The kept lead') } }), async (c) =>
      c.json(unwrap(await crm.merge(c.var.ctx, scoped(c), c.req.valid('param').id, c.req.valid('json').duplicateLeadId)), 200),
    )
    .openapi(defineRoute(manage, { method: 'get', path: '/crm/automations', tags: AUTOMATION_TAGS, summary: 'Lead automations of my organisation', responses: { 200: jsonResponse(z.object({ items: z.array(AutomationSchema) }).openapi('CrmAutomationList'), 'The automations') } }), async (c) =>
      c.json({ items: await crm.automations.list(c.var.ctx) }, 200),
    )
    .openapi(defineRoute(manage, { method: 'post', path: '/crm/automations', tags: AUTOMATION_TAGS, summary: 'Create an automation: inactivity warning (+ coupon), repurchase reminder or high-intent alert (audited)', request: jsonBody(NewAutomationSchema), responses: { 201: jsonResponse(AutomationSchema, 'The automation') } }), async (c) =>
      c.json(await crm.automations.create(c.var.ctx, c.req.valid('json')), 201),
    )
    .openapi(defineRoute(manage, { method: 'patch', path: '/crm/automations/{id}', tags: AUTOMATION_TAGS, summary: 'Rename, reconfigure, enable or disable an automation (audited)', request: { params: AutomationParams, ...jsonBody(AutomationPatchSchema) }, responses: { 200: jsonResponse(AutomationSchema, 'The automation') } }), async (c) =>
      c.json(unwrap(await crm.automations.update(c.var.ctx, c.req.valid('param').id, c.req.valid('json'))), 200),
    )
    .openapi(defineRoute(manage, { method: 'delete', path: '/crm/automations/{id}', tags: AUTOMATION_TAGS, summary: 'Delete an automation; its past runs stay (audited)', request: { params: AutomationParams }, responses: { 200: jsonResponse(AutomationSchema, 'The deleted automation') } }), async (c) =>
      c.json(unwrap(await crm.automations.remove(c.var.ctx, c.req.valid('param').id)), 200),
    );
}
