import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, tableCounts, type TestPlatform } from './harness.ts';

/** A member sees their own sign-ins and ends one, or all the others (ASVS 3.3.4), on either surface. */
let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t?.close());

async function signIn(phone: string, surface: 'admin' | 'shop', userAgent: string): Promise<string> {
  const response = await t.json('POST', `/${surface}/auth/login`, { body: { phone, password: 'demo1234' }, headers: { 'user-agent': userAgent } });
  expect(response.status).toBe(200);
  return response.body.token as string;
}
const sessionsOf = async (surface: 'admin' | 'shop', token: string) => (await t.json('GET', `/${surface}/me/sessions`, { token })).body.items as Array<{ id: string; current: boolean; userAgent: string | null; ip: string | null }>;

describe('my sign-ins', () => {
  it('lists the member’s live sessions with the current one marked, and only theirs', async () => {
    const phone = await signIn('13500000001', 'shop', 'Mozilla/5.0 (iPhone) MicroMessenger/8.0');
    const laptop = await signIn('13500000001', 'shop', 'Mozilla/5.0 (Macintosh) Chrome/140');
    const items = await sessionsOf('shop', laptop);
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.find((item) => item.current)).toMatchObject({ userAgent: 'Mozilla/5.0 (Macintosh) Chrome/140' });
    expect(items.filter((item) => item.current)).toHaveLength(1);
    expect(items.some((item) => item.userAgent === 'Mozilla/5.0 (iPhone) MicroMessenger/8.0' && !item.current)).toBe(true);
    // Another member's list never shows these.
    const other = await signIn('13500000002', 'shop', 'other');
    const ids = new Set(items.map((item) => item.id));
    expect((await sessionsOf('shop', other)).some((item) => ids.has(item.id))).toBe(false);
    await t.json('POST', '/shop/auth/logout', { token: phone });
    expect((await sessionsOf('shop', laptop)).some((item) => item.userAgent?.includes('iPhone'))).toBe(false);
  });

  it('ends one other device: its token stops working at once, and the change is audited', async () => {
    const lost = await signIn('13500000003', 'shop', 'lost phone');
    const kept = await signIn('13500000003', 'shop', 'new phone');
    const target = (await sessionsOf('shop', kept)).find((item) => item.userAgent === 'lost phone')!;
    const ended = await t.json('POST', `/shop/me/sessions/${target.id}/end`, { token: kept });
    expect(ended.status).toBe(200);
    expect(ended.body).toEqual({ revoked: 1 });
    expect((await t.json('GET', '/shop/me', { token: lost })).status).toBe(401);
    expect((await t.json('GET', '/shop/me', { token: kept })).status).toBe(200);
    const audit = await t.database.executeSql("select after from audit_log where action = 'user.own_sessions_ended' order by id desc limit 1");
    expect((audit.rows[0] as { after: { sessionIds: string[] } }).after.sessionIds).toEqual([target.id]);
    // Ending it again, ending the current one, or ending someone else's: not found, nothing written.
    const stranger = await signIn('13500000004', 'shop', 'stranger');
    const strangers = (await sessionsOf('shop', stranger))[0]!.id;
    const current = (await sessionsOf('shop', kept)).find((item) => item.current)!.id;
    const before = await tableCounts(t);
    for (const id of [target.id, current, strangers]) {
      const refused = await t.json('POST', `/shop/me/sessions/${id}/end`, { token: kept, headers: { 'accept-language': 'zh-CN' } });
      expect(refused.status).toBe(404);
      expect(refused.body.error).toMatchObject({ code: 'session_not_found', message: '该登录设备不存在或已退出' });
    }
    const english = await t.json('POST', `/shop/me/sessions/${strangers}/end`, { token: kept, headers: { 'accept-language': 'en' } });
    expect(english.body.error.message).toBe('This sign-in does not exist or has already ended');
    expect(await tableCounts(t)).toEqual(before);
    expect((await t.json('GET', '/shop/me', { token: stranger })).status).toBe(200);
    expect((await t.json('POST', '/shop/me/sessions/not-an-id/end', { token: kept })).status).toBe(400);
  });

  it('signs out every other device on the console, keeping this one; with nothing to end it answers 0', async () => {
    const first = await signIn('13800000003', 'admin', 'office PC');
    const second = await signIn('13800000003', 'admin', 'home PC');
    const here = await signIn('13800000003', 'admin', 'this PC');
    const ended = await t.json('POST', '/admin/me/sessions/end-others', { token: here });
    expect(ended.status).toBe(200);
    expect(ended.body.revoked).toBeGreaterThanOrEqual(2);
    for (const token of [first, second]) expect((await t.json('GET', '/admin/me', { token })).status).toBe(401);
    expect(await sessionsOf('admin', here)).toEqual([expect.objectContaining({ current: true, userAgent: 'this PC' })]);
    const again = await t.json('POST', '/admin/me/sessions/end-others', { token: here });
    expect(again.body).toEqual({ revoked: 0 });
  });

  it('needs a session', async () => {
    expect((await t.json('GET', '/shop/me/sessions')).status).toBe(401);
    expect((await t.json('POST', '/admin/me/sessions/end-others')).status).toBe(401);
  });
});
