import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '@linkmall/kernel';
import type { OutgoingNotification } from '@linkmall/radar';
import { createWechatSubscribeNotifier, WechatUnavailable } from '../src/index.ts';

/**
 * A local server that speaks the two WeChat calls: POST /cgi-bin/stable_token
 * {grant_type, appid, secret, force_refresh} → {access_token, expires_in}, and
 * POST /cgi-bin/message/subscribe/send?access_token= → {errcode, errmsg, msgid}. Each openid scripts
 * an answer; tokens can be revoked to simulate expiry (40001).
 */
let server: Server;
let baseUrl: string;
const calls = { token: [] as Record<string, unknown>[], send: [] as { token: string; body: any }[] };
let issued = 0;
const valid = new Set<string>();
/** openid → the errcodes to answer, in order (then 0). */
const script = new Map<string, number[]>();

const readBody = (request: IncomingMessage) =>
  new Promise<any>((resolve) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => resolve(text ? JSON.parse(text) : {}));
  });

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const reply = (body: object, status = 200) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const body = await readBody(request);
    if (request.method !== 'POST') return reply({}, 405);
    if (url.pathname === '/cgi-bin/stable_token') {
      calls.token.push(body);
      if (body.appid !== 'wx-test-app' || body.secret !== 'test-secret' || body.grant_type !== 'client_credential') return reply({ errcode: 40125, errmsg: 'invalid appsecret' });
      const token = `token-${++issued}`;
      valid.add(token);
      return reply({ access_token: token, expires_in: 7200 });
    }
    if (url.pathname === '/cgi-bin/message/subscribe/send') {
      const token = url.searchParams.get('access_token') ?? '';
      calls.send.push({ token, body });
      if (!valid.has(token)) return reply({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
      if (body.touser === 'down') return reply({}, 502);
      const code = script.get(body.touser)?.shift() ?? 0;
      return reply(code === 0 ? { errcode: 0, errmsg: 'ok', msgid: 777 } : { errcode: code, errmsg: 'scripted' });
    }
    return reply({}, 404);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  calls.token.length = 0;
  calls.send.length = 0;
  script.clear();
});

const clock = fixedClock(new Date('2026-11-22T02:05:00Z'));
const openIds: Record<string, string | null> = { usr_a: 'oOwnerA', usr_refuses: 'oRefuses', usr_busy: 'oBusy', usr_stranger: 'oStranger', usr_none: null, usr_down: 'down', usr_bad: 'oBad' };
const notifier = (appSecret = 'test-secret') =>
  createWechatSubscribeNotifier({ appId: 'wx-test-app', appSecret, baseUrl, templateId: 'tmpl-radar', clock, openIdOf: async (userId) => openIds[userId] ?? null });
const notification = (userId: string): OutgoingNotification => ({
  notificationId: 'ntf_1',
  userId,
  kind: 'product_clicked',
  title: { 'zh-CN': '林小雨点击了商品「保湿面膜补水修护二十片装限时特惠组合」', en: 'x' },
  body: { 'zh-CN': '点击查看访客轨迹', en: 'x' },
  link: null,
  createdAt: clock.now(),
});

describe('WeChat subscribe messages', () => {
  it('sends the template with truncated keywords and Beijing time, reusing one cached token', async () => {
    const client = notifier();
    expect(await client.send(notification('usr_a'))).toBe('sent');
    expect(await client.send(notification('usr_a'))).toBe('sent');
    expect(calls.token).toEqual([{ grant_type: 'client_credential', appid: 'wx-test-app', secret: 'test-secret', force_refresh: false }]);
    expect(calls.send).toHaveLength(2);
    expect(calls.send[0]!.body).toEqual({
      touser: 'oOwnerA',
      template_id: 'tmpl-radar',
      page: 'pages/notifications/index?id=ntf_1',
      data: { thing1: { value: '林小雨点击了商品「保湿面膜补水修护二十…' }, thing2: { value: '点击查看访客轨迹' }, time3: { value: '2026-11-22 10:05' } },
      miniprogram_state: 'formal',
      lang: 'zh_CN',
    });
  });

  it('fetches a new token when the cached one is about to expire', async () => {
    const client = notifier();
    await client.send(notification('usr_a'));
    clock.advance(7200_000 - 4 * 60_000);
    await client.send(notification('usr_a'));
    expect(calls.token).toHaveLength(2);
  });

  it('refreshes an expired token once (40001) and sends again', async () => {
    const client = notifier();
    await client.send(notification('usr_a'));
    valid.clear();
    expect(await client.send(notification('usr_a'))).toBe('sent');
    expect(calls.token.map((call) => call.force_refresh)).toEqual([false, true]);
    expect(calls.send.map((call) => call.token)).toEqual(['token-' + (issued - 1), 'token-' + (issued - 1), 'token-' + issued]);
  });

  it('does not retry a refusal (43101) and reports it', async () => {
    script.set('oRefuses', [43101]);
    expect(await notifier().send(notification('usr_refuses'))).toBe('refused');
    expect(calls.send).toHaveLength(1);
  });

  it('throws on transient errors so the outbox retries, and fails for good on a bad template', async () => {
    script.set('oBusy', [-1]);
    await expect(notifier().send(notification('usr_busy'))).rejects.toBeInstanceOf(WechatUnavailable);
    script.set('oBad', [47003]);
    expect(await notifier().send(notification('usr_bad'))).toBe('failed');
    await expect(notifier().send(notification('usr_down'))).rejects.toThrow(/HTTP 502/);
    await expect(notifier('wrong-secret').send(notification('usr_a'))).rejects.toThrow(/40125/);
  });

  it('has no recipient without an openid, or with one WeChat does not know (40003)', async () => {
    expect(await notifier().send(notification('usr_none'))).toBe('no_recipient');
    expect(calls.token).toHaveLength(0);
    script.set('oStranger', [40003]);
    expect(await notifier().send(notification('usr_stranger'))).toBe('no_recipient');
  });
});
