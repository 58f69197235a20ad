import { z } from '@linkmall/http';
import { MAX_SCAN_IMAGE_BYTES } from './scan-service.ts';

/** Base64 grows bytes by 4/3; the limit leaves room for a data-URL prefix and the JSON around it. */
export const MAX_SCAN_IMAGE_BASE64_CHARS = Math.ceil((MAX_SCAN_IMAGE_BYTES * 4) / 3) + 1024;
/** The HTTP body limit for the scan routes (the app's default of 1 MB is too small for a photo). */
export const SCAN_BODY_LIMIT_BYTES = MAX_SCAN_IMAGE_BASE64_CHARS + 64 * 1024;
export const SCAN_PATH_PREFIX = '/shop/scan/';

export const ScanImageSchema = z
  .string()
  .min(1)
  .max(MAX_SCAN_IMAGE_BASE64_CHARS)
  .openapi({ description: 'A PNG or JPEG of the card, base64 or a data URL (data:image/jpeg;base64,…), at most 4 MB decoded' });

export const ScanBusinessCardSchema = z.object({ image: ScanImageSchema }).strict().openapi('BusinessCardScanRequest');

const FieldSchema = z
  .object({
    value: z.string(),
    confidence: z.number().min(0).max(1).openapi({ description: 'OCR line confidence × rule strength' }),
    lines: z.array(z.number().int()).openapi({ description: 'Indexes of the OCR lines the value came from' }),
  })
  .openapi('ScannedField');
const PhoneSchema = FieldSchema.extend({ kind: z.enum(['mobile', 'landline', 'other']) }).openapi('ScannedPhone');

export const CardFieldsSchema = z
  .object({
    name: FieldSchema.nullable(),
    title: FieldSchema.nullable(),
    company: FieldSchema.nullable(),
    address: FieldSchema.nullable(),
    website: FieldSchema.nullable(),
    phones: z.array(PhoneSchema),
    emails: z.array(FieldSchema),
  })
  .openapi('ScannedCardFields');

export const ScannedCardSchema = z
  .object({
    engine: z.string(),
    fields: CardFieldsSchema,
    lines: z.array(
      z.object({
        text: z.string(),
        confidence: z.number(),
        box: z.object({ left: z.number(), top: z.number(), width: z.number(), height: z.number() }),
      }),
    ),
  })
  .openapi('ScannedBusinessCard');

/** The fields as the person checked and corrected them on the screen, before saving. */
export const CardDetailsSchema = z
  .object({
    name: z.string().trim().max(60).optional(),
    title: z.string().trim().max(60).optional(),
    company: z.string().trim().max(100).optional(),
    phones: z.array(z.string().trim().min(3).max(30)).max(5).optional(),
    emails: z.array(z.string().trim().email().max(120)).max(5).optional(),
    address: z.string().trim().max(200).optional(),
    website: z.string().trim().max(200).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .openapi('BusinessCardDetails');
export type CardDetails = z.infer<typeof CardDetailsSchema>;

/** Save either the checked fields, or a card image to scan and save in one step. */
export const SaveScannedCardSchema = z
  .object({ details: CardDetailsSchema.optional(), image: ScanImageSchema.optional() })
  .strict()
  .refine((body) => (body.details === undefined) !== (body.image === undefined), { message: 'Send either details or image' })
  .openapi('BusinessCardSaveRequest');
