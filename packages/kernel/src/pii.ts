import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encrypts personal data (phone numbers, ID numbers) at rest with AES-256-GCM and derives a keyed
 * hash for exact-match search, both from one 32-byte master key that comes from the environment.
 * Ciphertexts carry a key version (`v1.`) so the key can be rotated later.
 */
export interface PiiCipher {
  encrypt(plaintext: string): string;
  decrypt(ciphertext: string): string;
  /** Deterministic HMAC-SHA256 (hex): equal inputs give equal hashes, but the hash reveals nothing without the key. */
  searchHash(normalized: string): string;
}

export function createPiiCipher(masterKey: Buffer): PiiCipher {
  if (masterKey.length !== 32) throw new Error('PII_ENCRYPTION_KEY must be 32 bytes (base64 of 32 random bytes)');
  const encryptionKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'linkmall pii encryption v1', 32));
  const hashKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'linkmall pii search hash v1', 32));
  return {
    encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    decrypt(ciphertext) {
      if (!ciphertext.startsWith('v1.')) throw new Error('Unknown PII ciphertext version');
      const raw = Buffer.from(ciphertext.slice(3), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    searchHash(normalized) {
      return createHmac('sha256', hashKey).update(normalized, 'utf8').digest('hex');
    },
  };
}

/** Parses the base64 master key from the environment; undefined when it is not set. */
export function piiKeyFromEnv(value: string | undefined): Buffer | undefined {
  if (!value) return undefined;
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32) throw new Error('PII_ENCRYPTION_KEY must be base64 of exactly 32 bytes (openssl rand -base64 32)');
  return key;
}

/** 13812345678 → 138****5678: what lists and cards show before a visitor is allowed the full number. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}
