import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKuaidi100Tracker, kuaidi100ConfigFromEnv, kuaidi100Sign } from '../src/index.ts';
import { startFakeKuaidi100 } from './fake-kuaidi100-server.ts';

const account = { customer: 'C0FFEE0123456789ABCDEF0123456789', key: 'testAuthKey2026' };
let server: Awaited<ReturnType<typeof startFakeKuaidi100>>;

beforeAll(async () => {
  server = await startFakeKuaidi100(account);
  server.addParcel({
    com: 'yuantong',
    num: 'YT7000000001',
    state: '0',
    data: [
      { time: '2026-11-23 08:12:40', context: '【杭州转运中心】已发出，下一站【成都转运中心】', location: '杭州市', status: '在途' },
      { time: '2026-11-22 18:30:02', context: '【杭州市余杭区公司】已揽收', location: '杭州市', status: '揽收' },
    ],
  });
  server.addParcel({
    com: 'shunfeng',
    num: 'SF1400000001',
    phoneTail: '0333',
    state: '3',
    data: [
      { time: '2026-11-24 10:01:00', context: '已签收，签收人：本人', status: '签收' },
      { time: '2026-11-24 07:40:00', context: '快件交给张师傅，正在派送途中', status: '派件' },
    ],
  });
});
afterAll(() => server?.close());

describe('the Kuaidi100 real-time query client', () => {
  it('signs as the protocol says and maps the answer to checkpoints, newest first, in Beijing time', async () => {
    const tracker = createKuaidi100Tracker({ ...account, baseUrl: server.baseUrl });
    const result = await tracker.query('yuantong', 'YT7000000001');
    expect(result).toEqual({
      ok: true,
      value: {
        status: 'in_transit',
        checkpoints: [
          { time: '2026-11-23T08:12:40+08:00', location: '杭州市', description: '【杭州转运中心】已发出，下一站【成都转运中心】', status: 'in_transit' },
          { time: '2026-11-22T18:30:02+08:00', location: '杭州市', description: '【杭州市余杭区公司】已揽收', status: 'picked_up' },
        ],
      },
    });
    const request = server.seen.at(-1)!;
    expect(request.signatureValid).toBe(true);
    expect(request.param).toMatchObject({ com: 'yuantong', num: 'YT7000000001' });
    expect(request.param).not.toHaveProperty('phone');
  });

  it('sends the phone tail for carriers that need it and reads a delivered parcel', async () => {
    const tracker = createKuaidi100Tracker({ ...account, baseUrl: server.baseUrl });
    expect(await tracker.query('shunfeng', 'SF1400000001')).toMatchObject({ ok: false, code: 'logistics_no_result' });
    const result = await tracker.query('shunfeng', 'SF1400000001', '0333');
    expect(result.ok && result.value.status).toBe('delivered');
    expect(result.ok && result.value.checkpoints.map((checkpoint) => checkpoint.status)).toEqual(['delivered', 'out_for_delivery']);
  });

  it('reports a wrong key as the protocol’s signature error (503), not as an outage', async () => {
    const tracker = createKuaidi100Tracker({ ...account, key: 'not-the-key', baseUrl: server.baseUrl });
    const result = await tracker.query('yuantong', 'YT7000000001');
    expect(result).toMatchObject({ ok: false, code: 'logistics_provider_rejected', details: { providerCode: '503', message: '验证签名失败' } });
    expect(server.seen.at(-1)!.signatureValid).toBe(false);
    const stranger = createKuaidi100Tracker({ customer: 'SOMEBODY', key: account.key, baseUrl: server.baseUrl });
    expect(await stranger.query('yuantong', 'YT7000000001')).toMatchObject({ ok: false, code: 'logistics_provider_rejected', details: { providerCode: '400' } });
  });

  it('answers "no result yet" for a number the carrier does not know', async () => {
    const tracker = createKuaidi100Tracker({ ...account, baseUrl: server.baseUrl });
    expect(await tracker.query('zhongtong', 'ZT0000000000')).toMatchObject({ ok: false, code: 'logistics_no_result', details: { providerCode: '500' } });
  });

  it('gives up after its timeout when the server hangs, and treats busy or garbled answers as unavailable', async () => {
    const tracker = createKuaidi100Tracker({ ...account, baseUrl: server.baseUrl, timeoutMs: 300 });
    server.setMode('hang');
    const started = Date.now();
    try {
      expect(await tracker.query('yuantong', 'YT7000000001')).toEqual({ ok: false, code: 'logistics_provider_unavailable', details: { reason: 'timeout' } });
      expect(Date.now() - started).toBeLessThan(5_000);
      server.setMode('busy');
      expect(await tracker.query('yuantong', 'YT7000000001')).toMatchObject({ ok: false, code: 'logistics_provider_unavailable', details: { providerCode: '502' } });
      server.setMode('garbage');
      expect(await tracker.query('yuantong', 'YT7000000001')).toMatchObject({ ok: false, code: 'logistics_provider_unavailable', details: { reason: 'malformed_body' } });
    } finally {
      server.setMode('normal');
    }
    const unreachable = createKuaidi100Tracker({ ...account, baseUrl: 'http://127.0.0.1:9', timeoutMs: 2_000 });
    expect(await unreachable.query('yuantong', 'YT7000000001')).toMatchObject({ ok: false, code: 'logistics_provider_unavailable', details: { reason: 'network' } });
  });

  it('computes the documented signature and reads its configuration from the environment', () => {
    // MD5 of the concatenation, upper-case hex, computed independently of the client.
    expect(kuaidi100Sign('{"com":"yunda","num":"1"}', 'k', 'c')).toMatch(/^[0-9A-F]{32}$/);
    expect(kuaidi100Sign('a', 'b', 'c')).toBe('900150983CD24FB0D6963F7D28E17F72'); // md5("abc")
    expect(kuaidi100ConfigFromEnv({})).toBeNull();
    expect(kuaidi100ConfigFromEnv({ KUAIDI100_CUSTOMER: 'C', KUAIDI100_KEY: 'K' })).toEqual({ customer: 'C', key: 'K' });
    expect(() => kuaidi100ConfigFromEnv({ KUAIDI100_CUSTOMER: 'C' })).toThrow(/KUAIDI100_KEY/);
  });
});
