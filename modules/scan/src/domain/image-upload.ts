import { err, ok, type Result } from '@linkmall/kernel';

export type ImageFormat = 'png' | 'jpeg';
export type ImageUploadRejection = 'image_not_base64' | 'image_too_large' | 'image_format_unsupported';

/** What the first bytes of a file say it is: PNG's 8-byte signature, or JPEG's SOI marker FF D8 FF. */
export function detectImageFormat(bytes: Uint8Array): ImageFormat | null {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= png.length && png.every((byte, index) => bytes[index] === byte)) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return null;
}

/**
 * Decodes an uploaded image sent as base64 (optionally a `data:image/...;base64,` URL, as browsers
 * read files) and checks its size and that its bytes really are a PNG or JPEG, whatever it claims.
 */
export function decodeImageUpload(text: string, maxBytes: number): Result<{ bytes: Buffer; format: ImageFormat }, ImageUploadRejection> {
  const base64 = text.replace(/^data:[\w/+.-]+;base64,/, '').replace(/\s+/g, '');
  if (base64.length === 0 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(base64)) return err('image_not_base64');
  // Four characters carry three bytes: reject an oversized upload before decoding it.
  const approximateBytes = Math.floor((base64.length * 3) / 4);
  if (approximateBytes - 2 > maxBytes) return err('image_too_large', { maxBytes });
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > maxBytes) return err('image_too_large', { maxBytes });
  const format = detectImageFormat(bytes);
  if (!format) return err('image_format_unsupported');
  return ok({ bytes, format });
}
