import { defineRoute, ErrorBodySchema, jsonResponse, OpenAPIHono, requires, unwrap, type AppEnv } from '@linkmall/http';
import { ScanBusinessCardSchema, ScannedCardSchema } from './scan-schemas.ts';
import type { ScanService } from './scan-service.ts';

/** Card owners' staff (导购, sales, merchant admins) scan the paper cards they are handed. */
export const SCAN_ACCESS = requires('lead.read');

/** POST /shop/scan/business-card: OCR only, nothing is stored. */
export function scanShopRoutes(scan: ScanService) {
  return new OpenAPIHono<AppEnv>().openapi(
    defineRoute(SCAN_ACCESS, {
      method: 'post',
      path: '/scan/business-card',
      tags: ['Business card scan'],
      summary: 'Read a photographed paper business card (PNG/JPEG, ≤ 4 MB) into name, title, company, phones, e-mails, address and website, each with a confidence; fully offline',
      request: { body: { content: { 'application/json': { schema: ScanBusinessCardSchema } }, required: true } },
      responses: {
        200: jsonResponse(ScannedCardSchema, 'The fields read from the card, and the OCR lines'),
        413: jsonResponse(ErrorBodySchema, 'The image is over 4 MB'),
        415: jsonResponse(ErrorBodySchema, 'The bytes are not a PNG or JPEG'),
        422: jsonResponse(ErrorBodySchema, 'The image cannot be decoded'),
        501: jsonResponse(ErrorBodySchema, 'OCR is turned off (OCR_ENGINE=none)'),
        503: jsonResponse(ErrorBodySchema, 'Too many scans waiting'),
      },
    }),
    async (c) => c.json(unwrap(await scan.scanBusinessCard(c.var.ctx, c.req.valid('json'))), 200),
  );
}
