export { createPaddleOcrEngine, type PaddleOcrOptions } from './paddle-ocr-engine.ts';
