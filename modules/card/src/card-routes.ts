import { defineRoute, idParam, jsonResponse, OpenAPIHono, pageOf, PageQuerySchema, requires, unwrap, z, type AppEnv } from '@linkmall/http';
import type { CardModule } from './card-service.ts';
import {
  CardContentSchema,
  DraftSchema,
  OwnerCardSchema,
  ShareListItemSchema,
  ShareSchema,
  TeamCardSchema,
  TemplateInputSchema,
  TemplateSchema,
  toCardContent,
  VcardImportResultSchema,
  VcardImportSchema,
} from './card-schemas.ts';

const OWN = requires('card.own');
const MANAGE = requires('card.manage');
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const VCARD_TYPE = 'text/vcard; charset=utf-8';

/** Console: company templates and the team's cards (a manager sees their company's; platform staff all). */
export function cardAdminRoutes(cards: CardModule) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(MANAGE, {
        method: 'post',
        path: '/card-templates',
        tags: ['Cards'],
        summary: 'Create a company card template: default values, locked fields, company-wide modules, theme',
        request: body(TemplateInputSchema),
        responses: { 201: jsonResponse(TemplateSchema, 'The template') },
      }),
      async (c) => c.json(unwrap(await cards.templates.createTemplate(c.var.ctx, c.req.valid('json'))), 201),
    )
    .openapi(
      defineRoute(MANAGE, {
        method: 'get',
        path: '/card-templates',
        tags: ['Cards'],
        summary: 'Card templates of the caller’s company (platform: all), newest first',
        request: { query: PageQuerySchema },
        responses: { 200: jsonResponse(pageOf(TemplateSchema, 'CardTemplatePage'), 'A page of templates') },
      }),
      async (c) => {
        const query = c.req.valid('query');
        return c.json({ ...(await cards.templates.listTemplates(c.var.ctx, query)), page: query.page, pageSize: query.pageSize }, 200);
      },
    )
    .openapi(
      defineRoute(MANAGE, {
        method: 'put',
        path: '/card-templates/{id}',
        tags: ['Cards'],
        summary: 'Change a template; the cards that follow it take its locked values and modules at once',
        request: { params: z.object({ id: idParam('ctp') }), ...body(TemplateInputSchema) },
        responses: { 200: jsonResponse(TemplateSchema, 'The template') },
      }),
      async (c) => c.json(unwrap(await cards.templates.updateTemplate(c.var.ctx, c.req.valid('param').id, c.req.valid('json'))), 200),
    )
    .openapi(
      defineRoute(MANAGE, {
        method: 'get',
        path: '/cards',
        tags: ['Cards'],
        summary: 'Team cards: the cards of the caller’s company (platform: all), phones masked',
        request: { query: PageQuerySchema.extend({ q: z.string().trim().max(30).optional() }) },
        responses: { 200: jsonResponse(pageOf(TeamCardSchema, 'TeamCardPage'), 'A page of cards') },
      }),
      async (c) => {
        const query = c.req.valid('query');
        return c.json({ ...(await cards.templates.listCards(c.var.ctx, query)), page: query.page, pageSize: query.pageSize }, 200);
      },
    )
    .openapi(
      defineRoute(MANAGE, {
        method: 'put',
        path: '/cards/{id}/status',
        tags: ['Cards'],
        summary: 'Hide a team card from the public (or show it again)',
        request: { params: z.object({ id: idParam('crd') }), ...body(z.object({ status: z.enum(['active', 'hidden']) }).strict()) },
        responses: { 200: jsonResponse(TeamCardSchema, 'The card') },
      }),
      async (c) => c.json(unwrap(await cards.templates.setCardStatus(c.var.ctx, c.req.valid('param').id, c.req.valid('json').status)), 200),
    )
    .openapi(
      defineRoute(MANAGE, {
        method: 'put',
        path: '/cards/{id}/template',
        tags: ['Cards'],
        summary: 'Put a team card under one of its company’s templates (or none)',
        request: { params: z.object({ id: idParam('crd') }), ...body(z.object({ templateId: z.string().regex(/^ctp_[0-9a-z]{26}$/).nullable() }).strict()) },
        responses: { 200: jsonResponse(TeamCardSchema, 'The card') },
      }),
      async (c) => c.json(unwrap(await cards.templates.assignTemplate(c.var.ctx, c.req.valid('param').id, c.req.valid('json').templateId)), 200),
    );
}

/** Shop: the owner's own card, its drafts, shares and vCard, and importing vCards into contacts. */
export function cardShopRoutes(cards: CardModule) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(OWN, {
        method: 'get',
        path: '/cards/me',
        tags: ['Cards'],
        summary: 'My card (created on first use from my company’s default template), with the full phone',
        responses: { 200: jsonResponse(OwnerCardSchema, 'My card') },
      }),
      async (c) => c.json(await cards.owners.mine(c.var.ctx), 200),
    )
    .openapi(
      defineRoute(OWN, {
        method: 'put',
        path: '/cards/me',
        tags: ['Cards'],
        summary: 'Save my card: fields and the ordered modules; locked template fields must keep their values',
        request: body(CardContentSchema),
        responses: { 200: jsonResponse(OwnerCardSchema, 'My card') },
      }),
      async (c) => c.json(unwrap(await cards.owners.save(c.var.ctx, toCardContent(c.req.valid('json')))), 200),
    )
    .openapi(
      defineRoute(OWN, {
        method: 'get',
        path: '/cards/me/drafts',
        tags: ['Cards'],
        summary: 'Drafts of my card not yet applied (from scanned paper cards)',
        responses: { 200: jsonResponse(z.object({ items: z.array(DraftSchema) }), 'Drafts') },
      }),
      async (c) => c.json({ items: await cards.owners.drafts(c.var.ctx) }, 200),
    )
    .openapi(
      defineRoute(OWN, {
        method: 'post',
        path: '/cards/me/drafts/{id}/apply',
        tags: ['Cards'],
        summary: 'Copy a draft’s fields onto my card (fields the template locks stay as they are)',
        request: { params: z.object({ id: idParam('cdr') }) },
        responses: { 200: jsonResponse(OwnerCardSchema, 'My card') },
      }),
      async (c) => c.json(unwrap(await cards.owners.applyDraft(c.var.ctx, c.req.valid('param').id)), 200),
    )
    .openapi(
      defineRoute(OWN, {
        method: 'get',
        path: '/cards/me/shares',
        tags: ['Cards'],
        summary: 'My shares and the forwards made from them, newest first',
        request: { query: PageQuerySchema },
        responses: { 200: jsonResponse(pageOf(ShareListItemSchema, 'CardSharePage'), 'A page of shares') },
      }),
      async (c) => {
        const query = c.req.valid('query');
        return c.json({ ...unwrap(await cards.shares.sharesOfMine(c.var.ctx, query)), page: query.page, pageSize: query.pageSize }, 200);
      },
    )
    .openapi(
      defineRoute(OWN, {
        method: 'post',
        path: '/cards/{id}/shares',
        tags: ['Cards'],
        summary: 'Share my card: a new root share link with an unforgeable token',
        request: { params: z.object({ id: idParam('crd') }) },
        responses: { 201: jsonResponse(ShareSchema, 'The share link') },
      }),
      async (c) => c.json(unwrap(await cards.shares.share(c.var.ctx, c.req.valid('param').id)), 201),
    )
    .openapi(
      defineRoute(OWN, {
        method: 'get',
        path: '/cards/{id}/vcard',
        tags: ['Cards'],
        summary: 'My card as a vCard 4.0 (RFC 6350) file',
        request: { params: z.object({ id: idParam('crd') }) },
        responses: { 200: { description: 'vCard', content: { 'text/vcard': { schema: z.string() } } } },
      }),
      async (c) => c.body(unwrap(await cards.vcards.own(c.var.ctx, c.req.valid('param').id)), 200, { 'content-type': VCARD_TYPE, 'content-disposition': 'attachment; filename="card.vcf"' }),
    )
    .openapi(
      defineRoute(OWN, {
        method: 'post',
        path: '/contacts/vcard',
        tags: ['Cards'],
        summary: 'Import a .vcf text (one or more vCards) into my contacts; a file that does not parse imports nothing',
        request: body(VcardImportSchema),
        responses: { 200: jsonResponse(VcardImportResultSchema, 'What was imported') },
      }),
      async (c) => c.json(unwrap(await cards.vcards.import(c.var.ctx, c.req.valid('json').vcf)), 200),
    );
}
