import { defineRoute, ErrorBodySchema, jsonResponse, OpenAPIHono, requires, unwrap, z, type AppEnv } from '@linkmall/http';
import { CardDetailsSchema, SaveScannedCardSchema } from '@linkmall/scan';
import type { ScanSaveFlow } from './scan-save.ts';

const body = { body: { content: { 'application/json': { schema: SaveScannedCardSchema } }, required: true } };
const TAGS = ['Business card scan'];
const errors = {
  422: jsonResponse(ErrorBodySchema, 'Nothing to save was read, or the image cannot be decoded'),
  501: jsonResponse(ErrorBodySchema, 'OCR is turned off (OCR_ENGINE=none) and an image was sent'),
};

/** Turn a scanned paper card into a lead (the owner's CRM) or a draft of the owner's own card. */
export function scanSaveShopRoutes(flow: ScanSaveFlow) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(requires('lead.read'), {
        method: 'post',
        path: '/scan/business-card/contact',
        tags: TAGS,
        summary: 'Save a scanned card as a contact (lead source "ocr"), merged into my lead with the same phone if there is one',
        request: body,
        responses: {
          201: jsonResponse(z.object({ leadId: z.string(), created: z.boolean(), details: CardDetailsSchema }).openapi('ScannedContactSaved'), 'The lead'),
          ...errors,
        },
      }),
      async (c) => c.json(unwrap(await flow.saveContact(c.var.ctx, c.req.valid('json'))), 201),
    )
    .openapi(
      defineRoute(requires('card.own'), {
        method: 'post',
        path: '/scan/business-card/card-draft',
        tags: TAGS,
        summary: 'Start a draft of my own card from a scanned paper card (first phone and e-mail)',
        request: body,
        responses: {
          201: jsonResponse(z.object({ draftId: z.string(), cardId: z.string().nullable(), details: CardDetailsSchema }).openapi('ScannedCardDraftCreated'), 'The draft'),
          ...errors,
        },
      }),
      async (c) => c.json(unwrap(await flow.createCardDraft(c.var.ctx, c.req.valid('json'))), 201),
    );
}
