import { scrypt, randomBytes, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** At least 8 characters with a letter and a digit; at most 128 so hashing cost stays bounded. */
export function passwordProblem(password: string): 'too_short' | 'too_long' | 'too_simple' | null {
  if (password.length < 8) return 'too_short';
  if (password.length > 128) return 'too_long';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return 'too_simple';
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
