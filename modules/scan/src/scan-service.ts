import { err, ok, type RequestContext, type Result } from '@linkmall/kernel';
import { extractCardFields, type CardFields } from './domain/card-fields.ts';
import { decodeImageUpload } from './domain/image-upload.ts';
import type { OcrLine } from './domain/ocr-line.ts';
import type { OcrEngine } from './scan-ports.ts';
import type { ScanErrorCode } from './scan-errors.ts';

/** Uploads above this are refused before OCR: a phone photo of a card fits well within it. */
export const MAX_SCAN_IMAGE_BYTES = 4 * 1024 * 1024;

export interface ScannedCard {
  readonly engine: string;
  readonly fields: CardFields;
  /** What the engine read, line by line, so the screen can show the source of each field. */
  readonly lines: OcrLine[];
}

export interface ScanService {
  readonly engineName: string;
  /** Reads a paper business card from a PNG or JPEG (base64 or a data URL) into fields with confidences. */
  scanBusinessCard(ctx: RequestContext, input: { readonly image: string }): Promise<Result<ScannedCard, ScanErrorCode>>;
}

export function createScanService(deps: { readonly engine: OcrEngine; readonly maxImageBytes?: number }): ScanService {
  const maxImageBytes = deps.maxImageBytes ?? MAX_SCAN_IMAGE_BYTES;
  return {
    engineName: deps.engine.name,
    async scanBusinessCard(_ctx, input) {
      // Say that OCR is off before judging the upload: the answer is the same for every image.
      if (deps.engine.name === 'none') return err('ocr_unavailable');
      const upload = decodeImageUpload(input.image, maxImageBytes);
      if (!upload.ok) return upload;
      const lines = await deps.engine.recognize(upload.value.bytes);
      if (!lines.ok) return lines;
      return ok({ engine: deps.engine.name, fields: extractCardFields(lines.value), lines: lines.value });
    },
  };
}
