import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordProblem } from '@linkmall/identity';
import { startTestPlatform, tableCounts, type TestPlatform } from './harness.ts';

/**
 * ASVS V2 (passwords) and V3 (sessions) beyond what identity.int.test.ts covers (expiry, logout,
 * lockout, revocation by an admin): token entropy and storage, a new token per sign-in, common
 * passwords, the stored hash format. See docs/security.md.
 */
let t: TestPlatform;
const sql = async <T = any>(text: string, params: unknown[] = []) => (await t.database.executeSql(text, params)).rows as T[];

beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t?.close());

describe('session tokens', () => {
  it('carry 256 random bits and only their SHA-256 is stored', async () => {
    const token = await t.login('13500000001', 'shop');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const hash = createHash('sha256').update(token).digest('hex');
    expect(await sql('select 1 from sessions where token_hash = $1', [hash])).toHaveLength(1);
    expect(await sql('select 1 from sessions s where s::text like $1', [`%${token}%`])).toHaveLength(0);
  });

  it('are new on every sign-in, and a signed-out token stays dead while the other works', async () => {
    const first = await t.login('13500000002', 'shop');
    const second = await t.login('13500000002', 'shop');
    expect(second).not.toBe(first);
    expect((await t.request('POST', '/shop/auth/logout', { token: first })).status).toBe(204);
    expect((await t.request('GET', '/shop/me', { token: first })).status).toBe(401);
    expect((await t.request('GET', '/shop/me', { token: second })).status).toBe(200);
  });

  it('are refused when malformed or unknown', async () => {
    for (const token of ['x', 'a'.repeat(500), 'not a token at all but long enough']) {
      const response = await t.json('GET', '/shop/me', { token });
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('unauthenticated');
    }
  });

  it('are not accepted from a cookie or a query string (bearer header only, so no CSRF)', async () => {
    const token = await t.login('13500000003', 'shop');
    expect((await t.request('GET', '/shop/me', { headers: { cookie: `token=${token}; session=${token}` } })).status).toBe(401);
    expect((await t.request('GET', `/shop/me?token=${token}&access_token=${token}`)).status).toBe(401);
  });
});

describe('password policy', () => {
  it('rejects short, letter-only and well-known breached passwords, case-insensitively', () => {
    expect(passwordProblem('abc1234')).toBe('too_short');
    expect(passwordProblem('abcdefghij')).toBe('too_simple');
    expect(passwordProblem('Password123')).toBe('too_common');
    expect(passwordProblem('1QAZ2WSX')).toBe('too_common');
    expect(passwordProblem('woaini1314')).toBe('too_common');
    expect(passwordProblem('青花瓷2026Tea')).toBeNull();
  });

  it('refuses a common password when an admin creates a user, writing nothing', async () => {
    const admin = await t.login('13800000001');
    const before = await tableCounts(t);
    const response = await t.json('POST', '/admin/users', {
      token: admin,
      headers: { 'accept-language': 'en' },
      body: { phone: '13811112222', displayName: '弱密码', password: 'qwerty123', roles: ['consumer'] },
    });
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ code: 'weak_password', details: { reason: 'too_common' } });
    expect(response.body.error.message).toMatch(/common password/);
    expect(await tableCounts(t)).toEqual(before);
  });

  it('stores scrypt hashes with a per-user salt, never the password', async () => {
    const rows = await sql<{ password_hash: string }>('select password_hash from users where password_hash is not null limit 3');
    for (const { password_hash } of rows) expect(password_hash).toMatch(/^scrypt\$32768\$8\$3\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(new Set(rows.map((row) => row.password_hash)).size).toBe(rows.length);
    expect(await sql("select 1 from users u where u::text like '%demo1234%'")).toHaveLength(0);
  });
});
