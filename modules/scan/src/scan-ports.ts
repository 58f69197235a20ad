import { err, type Result } from '@linkmall/kernel';
import type { OcrLine } from './domain/ocr-line.ts';

export type OcrEngineErrorCode = 'image_unreadable' | 'ocr_busy' | 'ocr_unavailable';

/**
 * The OCR port: read the lines of text in an image (PNG or JPEG bytes). Implementations run fully
 * offline (providers/ocr-paddle); `image_unreadable` means the bytes did not decode as an image,
 * `ocr_busy` that too many scans are already waiting.
 */
export interface OcrEngine {
  readonly name: string;
  recognize(image: Buffer): Promise<Result<OcrLine[], OcrEngineErrorCode>>;
}

/** OCR_ENGINE=none: every scan answers that OCR is not available on this installation. */
export const unavailableOcrEngine: OcrEngine = {
  name: 'none',
  async recognize() {
    return err('ocr_unavailable');
  },
};
