import { scrypt, randomBytes, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Passwords that pass the letter-and-digit rule yet top the breached-password lists (the public
 * SecLists and Chinese site-leak top lists). Offline on purpose: no password ever leaves the server
 * for a breach-check service. Compared case-insensitively.
 */
const COMMON_PASSWORDS = new Set([
  'password1', 'password12', 'password123', 'passw0rd', 'p@ssw0rd', 'p@ssword1', 'abc12345', 'abc123456', 'abcd1234', 'a1234567', 'a12345678',
  'a123456789', 'aa123456', 'aa12345678', 'a1b2c3d4', '12345abc', '123456abc', '123456a', '1234qwer', 'qwer1234', 'qwerty12', 'qwerty123',
  'qwerty1234', 'qwe12345', 'qwe123456', '123qwe123', '123qweasd', 'qweasd123', 'q1w2e3r4', 'q1w2e3r4t5', '1q2w3e4r', '1q2w3e4r5t', '1qaz2wsx',
  '1qaz2wsx3edc', 'qazwsx123', 'zxc12345', 'zxcv1234', 'asd12345', 'asdf1234', 'admin123', 'admin1234', 'admin12345', 'root1234', 'test1234',
  'test12345', 'welcome1', 'welcome123', 'letmein1', 'trustno1', 'iloveyou1', 'master12', 'dragon12', 'monkey12', 'woaini1314', 'woaini520',
  '5201314a', 'a5201314', 'wang1234', 'zhang123', 'li123456', 'aaaa1111', 'a11111111', 'abcdefg1', 'abcdefg123', '147258369a', 'changeme1',
]);

/** At least 8 characters with a letter and a digit, not a well-known breached password; at most 128 so hashing cost stays bounded. */
export function passwordProblem(password: string): 'too_short' | 'too_long' | 'too_simple' | 'too_common' | null {
  if (password.length < 8) return 'too_short';
  if (password.length > 128) return 'too_long';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return 'too_simple';
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return 'too_common';
  return null;
}

// N=2^15, r=8, p=3 is one of OWASP's equivalent minimum scrypt settings (Password Storage Cheat Sheet);
// it needs 32 MiB per hash rather than the 128 MiB of N=2^17, p=1, which matters on 2-core machines.
const PARAMS = { N: 32768, r: 8, p: 3, maxmem: 64 * 1024 * 1024 } satisfies ScryptOptions;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, params: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, params, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$hash`, so the cost can be raised later without breaking stored hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: PARAMS.maxmem,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let dummyHash: Promise<string> | undefined;
/** A hash to check against when the phone is unknown, so response time does not reveal which phones exist. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('dummy-password-0');
  return dummyHash;
}
