import { createHash } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local server that speaks Kuaidi100's real-time query protocol as documented, written apart from
 * the client so a shared mistake cannot hide: a form POST to /poll/query.do with customer, param and
 * sign, the signature checked as upper-case MD5(param + key + customer), and the protocol's answers
 * (`result: false` with returnCode 400/500/503 on failure, `status: "200"` with data on success).
 */
export interface FakeParcel {
  readonly com: string;
  readonly num: string;
  /** When set, the query must carry these last four phone digits (as SF Express requires). */
  readonly phoneTail?: string;
  readonly state: string;
  /** Newest first, as `order: desc` asks. */
  readonly data: ReadonlyArray<{ time: string; context: string; location?: string; status?: string }>;
}

export type FakeMode = 'normal' | 'hang' | 'busy' | 'garbage';

export async function startFakeKuaidi100(account: { customer: string; key: string }) {
  const parcels = new Map<string, FakeParcel>();
  const seen: { customer: string; param: Record<string, unknown>; signatureValid: boolean }[] = [];
  const state = { mode: 'normal' as FakeMode };

  const answer = (response: ServerResponse, payload: object, status = 200) => {
    response.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
    response.end(JSON.stringify(payload));
  };

  const server = createServer((request, response) => {
    let raw = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (raw += chunk));
    request.on('end', () => {
      if (state.mode === 'hang') return; // never answers; the client's timeout must fire
      if (state.mode === 'busy') return answer(response, { result: false, returnCode: '502', message: '服务器繁忙' });
      if (state.mode === 'garbage') {
        response.writeHead(200, { 'content-type': 'text/html' });
        return response.end('<html>maintenance</html>');
      }
      if (request.method !== 'POST' || request.url !== '/poll/query.do') return answer(response, { result: false, returnCode: '500', message: '表示查询失败，或没有POST提交' });
      const form = new URLSearchParams(raw);
      const customer = form.get('customer') ?? '';
      const paramText = form.get('param') ?? '';
      const sign = form.get('sign') ?? '';
      if (!customer || !paramText || !sign) return answer(response, { result: false, returnCode: '400', message: '提交的数据不完整' });
      if (customer !== account.customer) return answer(response, { result: false, returnCode: '400', message: '贵公司没授权' });
      const expected = createHash('md5').update(paramText + account.key + customer, 'utf8').digest('hex').toUpperCase();
      let param: Record<string, unknown>;
      try {
        param = JSON.parse(paramText) as Record<string, unknown>;
      } catch {
        return answer(response, { result: false, returnCode: '400', message: 'param 不是有效的 JSON' });
      }
      seen.push({ customer, param, signatureValid: sign === expected });
      if (sign !== expected) return answer(response, { result: false, returnCode: '503', message: '验证签名失败' });
      const parcel = parcels.get(`${param.com}|${param.num}`);
      if (!parcel || (parcel.phoneTail && param.phone !== parcel.phoneTail)) {
        return answer(response, { result: false, returnCode: '500', message: '查询无结果，请隔段时间再查' });
      }
      return answer(response, {
        message: 'ok',
        nu: parcel.num,
        ischeck: parcel.state === '3' ? '1' : '0',
        condition: 'F00',
        com: parcel.com,
        status: '200',
        state: parcel.state,
        data: parcel.data.map((item) => ({ time: item.time, ftime: item.time, context: item.context, ...(item.location ? { location: item.location } : {}), ...(item.status ? { status: item.status } : {}) })),
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    seen,
    setMode: (mode: FakeMode) => {
      state.mode = mode;
    },
    addParcel: (parcel: FakeParcel) => parcels.set(`${parcel.com}|${parcel.num}`, parcel),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
