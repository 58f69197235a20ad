import { defineRoute, idParam, jsonResponse, OpenAPIHono, publicAccess, unwrap, z, type AppEnv } from '@linkmall/http';
import type { CardModule } from './card-service.ts';
import { ForwardBodySchema, PosterQuerySchema, PublicCardSchema, PublicVcardQuerySchema, RevealBodySchema, ShareSchema } from './card-schemas.ts';

const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const cardParam = { params: z.object({ cardId: idParam('crd') }) };

/** The public card page's calls: no login (a signed-in shopper is recognised when a token is sent). */
export function cardPublicRoutes(cards: CardModule) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(publicAccess, {
        method: 'get',
        path: '/cards/{cardId}',
        tags: ['Cards'],
        summary: 'A public card: fields (phone masked), modules and featured products with storefront prices',
        request: cardParam,
        responses: { 200: jsonResponse(PublicCardSchema, 'The card') },
      }),
      async (c) => c.json(unwrap(await cards.publicCard(c.req.valid('param').cardId)), 200),
    )
    .openapi(
      defineRoute(publicAccess, {
        method: 'post',
        path: '/cards/{cardId}/forwards',
        tags: ['Cards'],
        summary: 'A visitor forwards the card: a new share whose parent is the share they came through',
        request: { ...cardParam, ...body(ForwardBodySchema) },
        responses: { 201: jsonResponse(ShareSchema, 'The forward’s share link') },
      }),
      async (c) => c.json(unwrap(await cards.shares.forward(c.var.ctx, c.req.valid('param').cardId, c.req.valid('json'))), 201),
    )
    .openapi(
      defineRoute(publicAccess, {
        method: 'post',
        path: '/cards/{cardId}/phone',
        tags: ['Cards'],
        summary: 'Reveal the full phone number to a visitor who asked; every reveal is recorded',
        request: { ...cardParam, ...body(RevealBodySchema) },
        responses: { 200: jsonResponse(z.object({ phone: z.string() }), 'The phone number') },
      }),
      async (c) => c.json(unwrap(await cards.shares.revealPhone(c.var.ctx, c.req.valid('param').cardId, c.req.valid('json'))), 200),
    )
    .openapi(
      defineRoute(publicAccess, {
        method: 'get',
        path: '/cards/{cardId}/vcard',
        tags: ['Cards'],
        summary: 'The card as a vCard 4.0 file; with a visitorId it carries the phone (recorded as a reveal)',
        request: { ...cardParam, query: PublicVcardQuerySchema },
        responses: { 200: { description: 'vCard', content: { 'text/vcard': { schema: z.string() } } } },
      }),
      async (c) => {
        const query = c.req.valid('query');
        const text = unwrap(await cards.vcards.public(c.var.ctx, c.req.valid('param').cardId, { visitorId: query.visitorId, shareToken: query.share }));
        return c.body(text, 200, { 'content-type': 'text/vcard; charset=utf-8', 'content-disposition': 'attachment; filename="card.vcf"' });
      },
    )
    .openapi(
      defineRoute(publicAccess, {
        method: 'get',
        path: '/cards/{cardId}/poster',
        tags: ['Cards'],
        summary: 'A share poster (PNG or SVG): the card, an optional featured product and the share link’s QR code',
        request: { ...cardParam, query: PosterQuerySchema },
        responses: { 200: { description: 'The poster image', content: { 'image/png': { schema: z.string() }, 'image/svg+xml': { schema: z.string() } } } },
      }),
      async (c) => {
        const poster = unwrap(await cards.posters.poster(c.var.ctx, c.req.valid('param').cardId, c.req.valid('query')));
        return c.body(poster.body as never, 200, { 'content-type': poster.contentType, 'cache-control': 'public, max-age=300' });
      },
    );
}
