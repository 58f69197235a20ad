import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@linkmall/kernel';
import { createHash } from 'node:crypto';
import { startTestPlatform, tableCounts, type TestPlatform } from './harness.ts';
import { purgeIdempotencyKeys } from '../src/idempotency.ts';

const clock = fixedClock(new Date('2026-11-22T08:00:00Z'));
let t: TestPlatform;
let admin: string;

beforeAll(async () => {
  t = await startTestPlatform({ clock, loginPolicy: { maxFailuresPerPhone: 3, maxFailuresPerIp: 1000, windowMs: 15 * 60_000 } });
  admin = await t.login('13800000001');
});
afterAll(() => t?.close());

describe('sign-in', () => {
  it('signs in with phone and password and returns the user with permissions', async () => {
    const { status, body } = await t.json('POST', '/admin/auth/login', { body: { phone: '138 0000 0002', password: 'demo1234' } });
    expect(status).toBe(200);
    expect(body.user).toMatchObject({ displayName: '李娜', roles: ['operations'], roleNames: ['运营'], scope: 'all', phoneMasked: '138****0002' });
    expect(body.user.permissions).toContain('visitor.read');
    expect(body.user.permissions).not.toContain('commission.read');
  });

  it('rejects a wrong password without saying whether the phone exists', async () => {
    const wrong = await t.json('POST', '/admin/auth/login', { body: { phone: '13800000002', password: 'wrong1234' } });
    const unknown = await t.json('POST', '/admin/auth/login', { body: { phone: '13888888888', password: 'wrong1234' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.message).toBe('手机号或密码错误');
  });

  it('locks a phone after repeated failures, in the caller’s language, and unlocks after the window', async () => {
    const phone = '13800000004';
    for (let i = 0; i < 3; i++) expect((await t.json('POST', '/admin/auth/login', { body: { phone, password: 'bad-pass1' } })).status).toBe(401);
    const locked = await t.json('POST', '/admin/auth/login', { body: { phone, password: 'demo1234' }, headers: { 'accept-language': 'en' } });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('login_locked');
    expect(locked.body.error.message).toMatch(/try again in 15 minutes/);
    clock.advance(16 * 60_000);
    expect((await t.json('POST', '/admin/auth/login', { body: { phone, password: 'demo1234' } })).status).toBe(200);
  });

  it('keeps consumers out of the console but lets them into the shop', async () => {
    const console = await t.json('POST', '/admin/auth/login', { body: { phone: '13500000001', password: 'demo1234' } });
    expect(console.status).toBe(403);
    expect(console.body.error.code).toBe('console_access_denied');
    const shopToken = await t.login('13500000001', 'shop');
    expect((await t.json('GET', '/shop/me', { token: shopToken })).body.displayName).toBe('林小雨');
    expect((await t.json('GET', '/admin/me', { token: shopToken })).status).toBe(401);
  });
});

describe('sessions', () => {
  it('expire after their lifetime', async () => {
    const token = await t.login('13800000002');
    expect((await t.json('GET', '/admin/me', { token })).status).toBe(200);
    clock.advance(12 * 3_600_000 + 1);
    expect((await t.json('GET', '/admin/me', { token })).status).toBe(401);
    admin = await t.login('13800000001');
  });

  it('end on logout', async () => {
    const token = await t.login('13800000002');
    expect((await t.request('POST', '/admin/auth/logout', { token })).status).toBe(204);
    expect((await t.json('GET', '/admin/me', { token })).status).toBe(401);
  });

  it('can be revoked by an admin, which is audited', async () => {
    const token = await t.login('13800000002');
    const target = (await t.json('GET', '/admin/me', { token })).body.id;
    const revoked = await t.json('POST', `/admin/users/${target}/revoke-sessions`, { token: admin });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revoked).toBeGreaterThanOrEqual(1);
    expect((await t.json('GET', '/admin/me', { token })).status).toBe(401);
    const audit = await t.json('GET', `/admin/audit-log?entityId=${target}&action=user.sessions_revoked`, { token: admin });
    expect(audit.body.total).toBe(1);
    expect(audit.body.items[0].actorName).toBe('张伟');
  });
});

describe('user management', () => {
  it('creates a user with an audit entry holding before/after but no secrets', async () => {
    const created = await t.json('POST', '/admin/users', {
      token: admin,
      body: { displayName: '新运营', phone: '13812340001', password: 'secret123', roles: ['operations'], organizationId: (await t.json('GET', '/admin/me', { token: admin })).body.organizationId },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ displayName: '新运营', roles: ['operations'], phoneMasked: '138****0001', status: 'active' });
    const audit = (await t.json('GET', `/admin/audit-log?entityId=${created.body.id}`, { token: admin })).body.items;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'user.created', entityType: 'user', before: null, actorName: '张伟' });
    expect(audit[0].after).toMatchObject({ displayName: '新运营', roles: ['operations'], phoneMasked: '138****0001' });
    expect(JSON.stringify(audit[0])).not.toMatch(/13812340001|secret123|scrypt/);
    expect((await t.json('POST', '/admin/auth/login', { body: { phone: '13812340001', password: 'secret123' } })).status).toBe(200);
  });

  it('refuses a duplicate phone and a weak password, writing nothing', async () => {
    const before = await tableCounts(t);
    const organizationId = (await t.json('GET', '/admin/me', { token: admin })).body.organizationId;
    const duplicate = await t.json('POST', '/admin/users', { token: admin, body: { displayName: '重复', phone: '13800000002', password: 'secret123', roles: ['sales'], organizationId } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('phone_taken');
    const weak = await t.json('POST', '/admin/users', { token: admin, body: { displayName: '弱', phone: '13812340002', password: 'password', roles: ['sales'], organizationId } });
    expect(weak.status).toBe(422);
    expect(weak.body.error.code).toBe('weak_password');
    expect(await tableCounts(t)).toEqual(before);
  });

  it('changes roles with before/after in the audit log', async () => {
    const target = (await t.json('GET', '/admin/users?role=sales', { token: admin })).body.items[0];
    const updated = await t.json('PATCH', `/admin/users/${target.id}`, { token: admin, body: { roles: ['sales', 'finance'] } });
    expect(updated.status).toBe(200);
    expect(updated.body.permissions).toEqual(expect.arrayContaining(['lead.read', 'commission.read']));
    const entry = (await t.json('GET', `/admin/audit-log?entityId=${target.id}&action=user.updated`, { token: admin })).body.items[0];
    expect(entry.before.roles).toEqual(['sales']);
    expect(entry.after.roles).toEqual(['sales', 'finance']);
  });

  it('disabling a user ends their sessions and blocks sign-in', async () => {
    const token = await t.login('13600000002');
    const id = (await t.json('GET', '/admin/me', { token })).body.id;
    expect((await t.json('PATCH', `/admin/users/${id}`, { token: admin, body: { status: 'disabled' } })).status).toBe(200);
    expect((await t.json('GET', '/admin/me', { token })).status).toBe(401);
    const again = await t.json('POST', '/admin/auth/login', { body: { phone: '13600000002', password: 'demo1234' } });
    expect(again.status).toBe(403);
    expect(again.body.error.code).toBe('account_disabled');
  });

  it('does not let an admin disable themselves', async () => {
    const me = (await t.json('GET', '/admin/me', { token: admin })).body.id;
    const response = await t.json('PATCH', `/admin/users/${me}`, { token: admin, body: { status: 'disabled' } });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('cannot_change_self');
  });

  it('replays a retried create with the same Idempotency-Key instead of acting twice', async () => {
    const organizationId = (await t.json('GET', '/admin/me', { token: admin })).body.organizationId;
    const body = { displayName: '幂等', phone: '13812340003', password: 'secret123', roles: ['sales'], organizationId };
    const headers = { 'idempotency-key': 'create-user-42' };
    const first = await t.json('POST', '/admin/users', { token: admin, body, headers });
    const before = await tableCounts(t);
    const second = await t.request('POST', '/admin/users', { token: admin, body, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(((await second.json()) as any).id).toBe(first.body.id);
    expect(await tableCounts(t)).toEqual(before);
    const conflict = await t.json('POST', '/admin/users', { token: admin, body: { ...body, displayName: '别的' }, headers });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('idempotency_conflict');
  });

  it('forgets keys after a day, which also frees a key whose request was cut off before it answered', async () => {
    const organizationId = (await t.json('GET', '/admin/me', { token: admin })).body.organizationId;
    const body = { displayName: '中断', phone: '13812340004', password: 'secret123', roles: ['sales'], organizationId };
    const headers = { 'idempotency-key': 'create-user-cut-off' };
    // What a kill -9 between recording the key and answering leaves behind: a key with no answer.
    const me = (await t.json('GET', '/admin/me', { token: admin })).body.id;
    const oldAt = new Date(Date.now() - 25 * 3_600_000);
    await t.database.executeSql("insert into idempotency_keys (scope, key, request_hash, status_code, response_body, created_at) values ($1, 'create-user-cut-off', $2, null, null, $3)", [
      `${me}:POST:/admin/users`,
      createHash('sha256').update(JSON.stringify(body)).digest('hex'),
      oldAt,
    ]);
    await t.database.executeSql("insert into idempotency_keys (scope, key, request_hash, status_code, response_body, created_at) values ('someone:POST:/admin/x', 'fresh', 'h', 201, null, now())", []);
    const stuck = await t.json('POST', '/admin/users', { token: admin, body, headers });
    expect([stuck.status, stuck.body.error.code]).toEqual([409, 'idempotency_in_progress']);

    expect(await purgeIdempotencyKeys(t.platform.db, new Date(), 1)).toBe(1);
    const keys = await t.database.executeSql("select key from idempotency_keys where key in ('create-user-cut-off', 'fresh')", []);
    expect(keys.rows).toEqual([{ key: 'fresh' }]);
    expect((await t.json('POST', '/admin/users', { token: admin, body, headers })).status).toBe(201);
  });

  it('lists users with pagination and search', async () => {
    const page = (await t.json('GET', '/admin/users?page=2&pageSize=5', { token: admin })).body;
    expect(page.page).toBe(2);
    expect(page.items).toHaveLength(5);
    expect(page.total).toBeGreaterThan(15);
    const byName = (await t.json('GET', `/admin/users?q=${encodeURIComponent('陈静')}`, { token: admin })).body;
    expect(byName.items.map((user: any) => user.displayName)).toEqual(['陈静']);
    const byPhone = (await t.json('GET', '/admin/users?q=13900000002', { token: admin })).body;
    expect(byPhone.items.map((user: any) => user.displayName)).toEqual(['杨磊']);
    expect((await t.json('GET', '/admin/users?pageSize=1000', { token: admin })).status).toBe(400);
  });

  it('lists roles with localized names and permissions', async () => {
    const en = (await t.json('GET', '/admin/roles', { token: admin, headers: { 'accept-language': 'en' } })).body.items;
    const finance = en.find((role: any) => role.role === 'finance');
    expect(finance.name).toBe('Finance');
    expect(finance.permissions.map((p: any) => p.key)).toContain('commission.read');
  });
});
