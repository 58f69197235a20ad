import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCode2SessionClient } from '../src/index.ts';

/**
 * A local server that speaks the jscode2session protocol: GET /sns/jscode2session with appid, secret,
 * js_code and grant_type=authorization_code; JSON with openid/session_key/unionid or errcode/errmsg.
 */
let server: Server;
let baseUrl: string;
const seen: URLSearchParams[] = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    seen.push(url.searchParams);
    const reply = (status: number, body: object) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (url.pathname !== '/sns/jscode2session' || request.method !== 'GET') return reply(404, {});
    const params = url.searchParams;
    if (params.get('appid') !== 'wx-test-app' || params.get('secret') !== 'test-secret') return reply(200, { errcode: 40125, errmsg: 'invalid appsecret' });
    if (params.get('grant_type') !== 'authorization_code') return reply(200, { errcode: 40002, errmsg: 'invalid grant_type' });
    const code = params.get('js_code');
    if (code === 'good-code') return reply(200, { openid: 'oUser123', session_key: 'c2Vzc2lvbg==', unionid: 'uUnion9' });
    if (code === 'down') return reply(502, {});
    return reply(200, { errcode: 40029, errmsg: 'invalid code' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('code2Session client', () => {
  it('exchanges a code for the openid with the right parameters', async () => {
    const client = createCode2SessionClient({ appId: 'wx-test-app', appSecret: 'test-secret', baseUrl });
    const result = await client.code2Session('good-code');
    expect(result).toEqual({ ok: true, value: { openId: 'oUser123', unionId: 'uUnion9' } });
    expect(Object.fromEntries(seen.at(-1)!)).toEqual({ appid: 'wx-test-app', secret: 'test-secret', js_code: 'good-code', grant_type: 'authorization_code' });
  });
  it('maps an invalid code to wechat_code_invalid', async () => {
    const client = createCode2SessionClient({ appId: 'wx-test-app', appSecret: 'test-secret', baseUrl });
    expect(await client.code2Session('used-code')).toEqual({ ok: false, code: 'wechat_code_invalid' });
  });
  it('maps a wrong secret, an HTTP failure and an unreachable server to wechat_unavailable', async () => {
    expect(await createCode2SessionClient({ appId: 'wx-test-app', appSecret: 'nope', baseUrl }).code2Session('good-code')).toEqual({ ok: false, code: 'wechat_unavailable' });
    expect(await createCode2SessionClient({ appId: 'wx-test-app', appSecret: 'test-secret', baseUrl }).code2Session('down')).toEqual({ ok: false, code: 'wechat_unavailable' });
    expect(
      await createCode2SessionClient({ appId: 'wx-test-app', appSecret: 'test-secret', baseUrl: 'http://127.0.0.1:9', timeoutMs: 500 }).code2Session('good-code'),
    ).toEqual({ ok: false, code: 'wechat_unavailable' });
  });
});
