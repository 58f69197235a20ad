import { createDecipheriv, createSign, createVerify, randomBytes, type KeyObject } from 'node:crypto';

/** The only scheme API v3 accepts in `Authorization`. */
export const WECHATPAY_AUTH_SCHEME = 'WECHATPAY2-SHA256-RSA2048';
/** WeChat Pay (and its official SDKs) refuse messages whose timestamp is 5 minutes or more away from now. */
export const WECHATPAY_MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/** SHA256withRSA (PKCS#1 v1.5), base64: used for request signatures and for the wx.requestPayment paySign. */
export function signWithMerchantKey(privateKey: KeyObject, message: string): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKey, 'base64');
}

/** 32 upper-case hex characters, the shape WeChat's own examples use for nonce_str. */
export function newNonce(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

export interface RequestSignatureInput {
  readonly merchantId: string;
  readonly merchantSerialNo: string;
  readonly privateKey: KeyObject;
  readonly method: string;
  /** The path plus `?query` exactly as sent, without scheme and host. */
  readonly pathWithQuery: string;
  readonly body: string;
  readonly timestampSeconds: number;
  readonly nonce: string;
}

/**
 * The `Authorization` header value: the signature covers `METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n`
 * (every line, the last one too, ends with \n; a GET has an empty body line).
 */
export function buildAuthorization(input: RequestSignatureInput): string {
  const message = `${input.method}\n${input.pathWithQuery}\n${input.timestampSeconds}\n${input.nonce}\n${input.body}\n`;
  const signature = signWithMerchantKey(input.privateKey, message);
  return (
    `${WECHATPAY_AUTH_SCHEME} mchid="${input.merchantId}",nonce_str="${input.nonce}",` +
    `signature="${signature}",timestamp="${input.timestampSeconds}",serial_no="${input.merchantSerialNo}"`
  );
}

export type SignatureProblem = 'missing_headers' | 'unknown_serial' | 'bad_signature' | 'stale_timestamp';

export interface PlatformVerifier {
  readonly platformPublicKey: KeyObject;
  readonly platformSerialNo: string;
}

/** Header names lower-cased, because node:http, fetch and Hono each spell them differently. */
export function lowerCaseHeaders(headers: Record<string, string> | Headers): Record<string, string> {
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  return Object.fromEntries(entries.map(([name, value]) => [name.toLowerCase(), value]));
}

/**
 * Verifies a WeChat Pay response or notification: the `Wechatpay-Signature` over
 * `TIMESTAMP\nNONCE\nBODY\n` with the platform key named by `Wechatpay-Serial`, then the timestamp window.
 * The signature is checked first so a forged message is reported as forged, not as late.
 */
export function verifyPlatformSignature(
  verifier: PlatformVerifier,
  headers: Record<string, string>,
  body: string,
  nowMs: number,
): SignatureProblem | null {
  const timestamp = headers['wechatpay-timestamp'];
  const nonce = headers['wechatpay-nonce'];
  const signature = headers['wechatpay-signature'];
  const serial = headers['wechatpay-serial'];
  if (!timestamp || !nonce || !signature || !serial) return 'missing_headers';
  if (serial !== verifier.platformSerialNo) return 'unknown_serial';
  const verified = createVerify('RSA-SHA256').update(`${timestamp}\n${nonce}\n${body}\n`, 'utf8').verify(verifier.platformPublicKey, signature, 'base64');
  if (!verified) return 'bad_signature';
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(Number(timestamp) - Math.floor(nowMs / 1000)) >= WECHATPAY_MAX_CLOCK_SKEW_SECONDS) {
    return 'stale_timestamp';
  }
  return null;
}

export interface EncryptedResource {
  readonly algorithm: string;
  readonly ciphertext: string;
  readonly nonce: string;
  readonly associated_data?: string;
  readonly original_type?: string;
}

const GCM_TAG_BYTES = 16;

/**
 * AEAD_AES_256_GCM as WeChat Pay uses it: key = the APIv3 key's 32 bytes, IV = the resource nonce's
 * bytes, AAD = associated_data, and the base64 ciphertext ends with the 16-byte tag. Null when the
 * tag does not verify (wrong key or altered ciphertext).
 */
export function decryptResource(apiV3Key: Buffer, resource: EncryptedResource): string | null {
  if (resource.algorithm !== 'AEAD_AES_256_GCM') return null;
  const sealed = Buffer.from(resource.ciphertext, 'base64');
  if (sealed.length <= GCM_TAG_BYTES || !resource.nonce) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', apiV3Key, Buffer.from(resource.nonce, 'utf8'), { authTagLength: GCM_TAG_BYTES });
    decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
    decipher.setAuthTag(sealed.subarray(sealed.length - GCM_TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - GCM_TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
