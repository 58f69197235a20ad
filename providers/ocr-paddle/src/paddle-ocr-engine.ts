import Ocr from '@gutenye/ocr-node';
import sharp from 'sharp';
import { err, ok, type Result } from '@linkmall/kernel';
import type { OcrEngine, OcrEngineErrorCode, OcrLine } from '@linkmall/scan';

export interface PaddleOcrOptions {
  /** Scans waiting behind the one running; more are refused as `ocr_busy` (default 4). */
  readonly maxWaiting?: number;
  /** Photos are scaled down so their longer side is at most this (default 1600 px): detection time grows with area. */
  readonly maxSidePx?: number;
}

interface RawLine {
  readonly text: string;
  readonly mean: number;
  readonly box?: number[][];
}
interface Recognizer {
  detect(image: Buffer): Promise<RawLine[]>;
}

/**
 * PaddleOCR PP-OCRv4 through ONNX Runtime on the CPU (@gutenye/ocr-node). The models ship inside the
 * npm package, so nothing is downloaded. They are loaded once, on the first scan, and reused; scans
 * run one at a time because each already uses every core.
 */
export function createPaddleOcrEngine(options: PaddleOcrOptions = {}): OcrEngine {
  const maxWaiting = options.maxWaiting ?? 4;
  const maxSidePx = options.maxSidePx ?? 1600;
  let recognizer: Promise<Recognizer> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let waiting = 0;

  const load = () => {
    // ocr-node reads images with sharp, which also takes a Buffer where its types say a path.
    recognizer ??= (Ocr.create() as Promise<{ detect(image: unknown): Promise<RawLine[]> }>).catch((error: unknown) => {
      recognizer = null;
      throw error;
    });
    return recognizer;
  };

  async function run(image: Buffer): Promise<Result<OcrLine[], OcrEngineErrorCode>> {
    const prepared = await prepareImage(image, maxSidePx);
    if (!prepared) return err('image_unreadable');
    const lines = await (await load()).detect(prepared);
    return ok(lines.filter((line) => line.text.trim().length > 0).map(toOcrLine));
  }

  return {
    name: 'paddle',
    async recognize(image) {
      if (waiting >= maxWaiting + 1) return err('ocr_busy');
      waiting++;
      const turn = queue.then(() => run(image));
      queue = turn.catch(() => undefined);
      try {
        return await turn;
      } finally {
        waiting--;
      }
    },
  };
}

/** Upright (EXIF), flattened on white, at most maxSidePx; null when the bytes do not decode. */
async function prepareImage(image: Buffer, maxSidePx: number): Promise<Buffer | null> {
  try {
    return await sharp(image, { limitInputPixels: 40_000_000 })
      .rotate()
      .resize({ width: maxSidePx, height: maxSidePx, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .png()
      .toBuffer();
  } catch {
    return null;
  }
}

function toOcrLine(line: RawLine): OcrLine {
  const xs = (line.box ?? []).map((point) => point[0] ?? 0);
  const ys = (line.box ?? []).map((point) => point[1] ?? 0);
  const left = xs.length ? Math.min(...xs) : 0;
  const top = ys.length ? Math.min(...ys) : 0;
  return {
    text: line.text,
    confidence: Math.round(line.mean * 10_000) / 10_000,
    box: { left, top, width: (xs.length ? Math.max(...xs) : 0) - left, height: (ys.length ? Math.max(...ys) : 0) - top },
  };
}
