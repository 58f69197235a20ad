import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineWechatAuth } from '@linkmall/identity';
import { createCode2SessionClient } from '@linkmall/provider-wechat';
import { startTestPlatform, type TestPlatform } from './harness.ts';

let server: Server;
let t: TestPlatform;
beforeAll(async () => {
  // jscode2session as WeChat answers it: each code names one mini-program user.
  server = createServer((request, response) => {
    const code = new URL(request.url ?? '/', 'http://localhost').searchParams.get('js_code') ?? '';
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(code.startsWith('user-') ? { openid: `o-${code.split('-')[1]}`, session_key: 'k' } : { errcode: 40029, errmsg: 'invalid code' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t = await startTestPlatform({ wechatAuth: createCode2SessionClient({ appId: 'wx-app', appSecret: 'secret', baseUrl }) });
});
afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('mini-program sign-in', () => {
  it('registers a consumer on the first code and finds the same user on the next', async () => {
    const first = await t.json('POST', '/shop/auth/wechat', { body: { code: 'user-alice-1' } });
    expect(first.status).toBe(200);
    expect(first.body.created).toBe(true);
    expect(first.body.user.roles).toEqual(['consumer']);
    const second = await t.json('POST', '/shop/auth/wechat', { body: { code: 'user-alice-2' } });
    expect(second.body.created).toBe(false);
    expect(second.body.user.id).toBe(first.body.user.id);
    expect((await t.json('GET', '/shop/me', { token: second.body.token })).body.id).toBe(first.body.user.id);
  });

  it('binds one user even when two first logins race', async () => {
    const [a, b] = await Promise.all([
      t.json('POST', '/shop/auth/wechat', { body: { code: 'user-bob-1' } }),
      t.json('POST', '/shop/auth/wechat', { body: { code: 'user-bob-2' } }),
    ]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a.body.user.id).toBe(b.body.user.id);
  });

  it('rejects an invalid code with a clear error', async () => {
    const response = await t.json('POST', '/shop/auth/wechat', { body: { code: 'garbage' }, headers: { 'accept-language': 'en' } });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('wechat_code_invalid');
    expect(response.body.error.message).toMatch(/WeChat/);
  });

  it('has a working offline implementation for development', async () => {
    const offline = createOfflineWechatAuth();
    const one = await offline.code2Session('dev-user');
    const again = await offline.code2Session('dev-user');
    const other = await offline.code2Session('dev-user-2');
    expect(one.ok && again.ok && other.ok).toBe(true);
    if (one.ok && again.ok && other.ok) {
      expect(one.value.openId).toBe(again.value.openId);
      expect(one.value.openId).not.toBe(other.value.openId);
    }
    expect((await offline.code2Session('bad code!')).ok).toBe(false);
  });
});
