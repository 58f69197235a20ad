import { createScanService, unavailableOcrEngine, type OcrEngine } from '@linkmall/scan';
import { createPaddleOcrEngine } from '@linkmall/provider-ocr-paddle';
import { createScanSaveFlow, type ScanCardDrafts, type ScanContactSink } from '@linkmall/flows';
import type { PlatformConfig } from './config.ts';

/** OCR_ENGINE=paddle (default): PaddleOCR from npm, loaded on the first scan; none: scans answer 501. */
export function ocrEngineFor(config: PlatformConfig['ocr'] | undefined): OcrEngine {
  return config?.engine === 'none' ? unavailableOcrEngine : createPaddleOcrEngine();
}

/**
 * Business-card scanning: the OCR service, and the flow that saves a scan as a lead (the CRM's
 * contacts.upsert) or as a draft of the owner's card (the card module's createDraft).
 */
export function wireScan(config: PlatformConfig['ocr'] | undefined, sinks: { readonly contacts: ScanContactSink; readonly cardDrafts: ScanCardDrafts }) {
  const service = createScanService({ engine: ocrEngineFor(config) });
  return { service, save: createScanSaveFlow({ scan: service, ...sinks }) };
}
