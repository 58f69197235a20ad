import { describe, expect, it } from 'vitest';
import { decodeImageUpload, detectImageFormat } from './image-upload.ts';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);

describe('detectImageFormat', () => {
  it('knows PNG and JPEG by their first bytes, nothing else', () => {
    expect(detectImageFormat(PNG)).toBe('png');
    expect(detectImageFormat(JPEG)).toBe('jpeg');
    expect(detectImageFormat(Buffer.from('GIF89a'))).toBeNull();
    expect(detectImageFormat(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(detectImageFormat(Buffer.alloc(0))).toBeNull();
  });
});

describe('decodeImageUpload', () => {
  it('accepts plain base64 and data URLs', () => {
    expect(decodeImageUpload(PNG.toString('base64'), 100)).toMatchObject({ ok: true, value: { format: 'png' } });
    expect(decodeImageUpload(`data:image/jpeg;base64,${JPEG.toString('base64')}`, 100)).toMatchObject({ ok: true, value: { format: 'jpeg' } });
  });

  it('rejects what is not base64, too large, or not a PNG/JPEG whatever its data URL claims', () => {
    expect(decodeImageUpload('not base64!', 100)).toMatchObject({ ok: false, code: 'image_not_base64' });
    expect(decodeImageUpload(Buffer.concat([PNG, Buffer.alloc(200)]).toString('base64'), 100)).toMatchObject({ ok: false, code: 'image_too_large' });
    expect(decodeImageUpload(`data:image/png;base64,${Buffer.from('GIF89a....').toString('base64')}`, 100)).toMatchObject({ ok: false, code: 'image_format_unsupported' });
  });
});
