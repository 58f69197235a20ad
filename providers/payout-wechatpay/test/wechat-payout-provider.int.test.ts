import { createPrivateKey, createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { err, ok } from '@linkmall/kernel';
import { newMerchant } from '../../payment-wechatpay/test/fake-wechatpay-server.ts';
import { createWechatPayoutProvider, outBatchNo, type SignedWechatPayCall } from '../src/index.ts';
import { startFakeTransferServer, type FakeTransferServer } from './fake-transfer-server.ts';

/**
 * The 商家转账到零钱 client against a local server speaking the v3 transfer protocol. The signing call
 * here is a small independent one (providers do not import each other); the API test runs the same
 * provider through the real WeChat Pay signing client.
 */
const merchant = newMerchant();
let server: FakeTransferServer;

function signedCall(baseUrl: string, privateKeyPem = merchant.merchantPrivateKeyPem): SignedWechatPayCall {
  const key = createPrivateKey(privateKeyPem);
  return async (method, path, payload) => {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const timestamp = Math.floor(Date.now() / 1000);
    const nonce = randomBytes(16).toString('hex');
    const signature = createSign('RSA-SHA256').update(`${method}\n${path}\n${timestamp}\n${nonce}\n${body}\n`).sign(key, 'base64');
    const authorization = `WECHATPAY2-SHA256-RSA2048 mchid="${merchant.merchantId}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${merchant.merchantSerialNo}"`;
    try {
      const response = await fetch(new URL(path, baseUrl), { method, headers: { Authorization: authorization, Accept: 'application/json', ...(method === 'POST' ? { 'Content-Type': 'application/json' } : {}) }, ...(method === 'POST' ? { body } : {}) });
      if (response.status === 401) return err('payment_provider_auth_failed');
      if (response.status >= 500) return err('payment_provider_unavailable');
      return ok({ status: response.status, json: (await response.json()) as Record<string, unknown> });
    } catch {
      return err('payment_provider_unavailable');
    }
  };
}

const transfer = (withdrawalId: string, amountFen = 12_345n) => ({ withdrawalId, amountFen, openId: 'o-member-openid-1', remark: '佣金提现' });

beforeAll(async () => {
  server = await startFakeTransferServer(merchant);
});
afterAll(() => server?.close());

describe('WeChat transfer provider (商家转账到零钱)', () => {
  it('creates one signed batch per withdrawal with integer fen and letters-and-digits batch numbers', async () => {
    const provider = createWechatPayoutProvider({ appId: merchant.appId, call: signedCall(server.baseUrl) });
    const answer = await provider.pay(transfer('wdr_01JTESTPAYOUT0000000000001'));
    expect(answer).toMatchObject({ ok: true, value: { status: 'accepted', providerReference: expect.any(String) } });
    const request = server.seen.at(-1)!;
    expect(request).toMatchObject({ method: 'POST', url: '/v3/transfer/batches', authorized: true });
    expect(request.body).toMatchObject({
      appid: merchant.appId,
      out_batch_no: 'wdr01JTESTPAYOUT0000000000001',
      total_amount: 12_345,
      total_num: 1,
      transfer_detail_list: [{ out_detail_no: 'wdr01JTESTPAYOUT0000000000001', transfer_amount: 12_345, openid: 'o-member-openid-1', transfer_remark: '佣金提现' }],
    });
  });

  it('reports a processing transfer as accepted, then paid or failed once WeChat settles it', async () => {
    const provider = createWechatPayoutProvider({ appId: merchant.appId, call: signedCall(server.baseUrl) });
    for (const id of ['wdr_01JTESTPAYOUT0000000000002', 'wdr_01JTESTPAYOUT0000000000003']) expect((await provider.pay(transfer(id))).ok).toBe(true);
    expect(await provider.query('wdr_01JTESTPAYOUT0000000000002')).toMatchObject({ ok: true, value: { status: 'accepted' } });
    server.settle(outBatchNo('wdr_01JTESTPAYOUT0000000000002'), 'SUCCESS');
    server.settle(outBatchNo('wdr_01JTESTPAYOUT0000000000003'), 'FAIL', 'OPENID_INVALID');
    const paid = await provider.query('wdr_01JTESTPAYOUT0000000000002');
    expect(paid).toMatchObject({ ok: true, value: { status: 'paid', providerReference: server.details.get('wdr01JTESTPAYOUT0000000000002/wdr01JTESTPAYOUT0000000000002')!.detailId } });
    expect(await provider.query('wdr_01JTESTPAYOUT0000000000003')).toMatchObject({ ok: true, value: { status: 'failed', reason: 'OPENID_INVALID' } });
    expect(server.seen.every((request) => request.authorized)).toBe(true);
  });

  it('answers a repeated batch (ALREADY_EXISTS) with how the first one went, moving no money twice', async () => {
    const provider = createWechatPayoutProvider({ appId: merchant.appId, call: signedCall(server.baseUrl) });
    const id = 'wdr_01JTESTPAYOUT0000000000004';
    await provider.pay(transfer(id));
    server.settle(outBatchNo(id), 'SUCCESS');
    const details = server.details.size;
    expect(await provider.pay(transfer(id))).toMatchObject({ ok: true, value: { status: 'paid' } });
    expect(server.details.size).toBe(details);
  });

  it('turns a business refusal (NOT_ENOUGH) into a failed transfer, so the money can return to the member', async () => {
    const provider = createWechatPayoutProvider({ appId: merchant.appId, call: signedCall(server.baseUrl) });
    server.setBalance(100);
    const answer = await provider.pay(transfer('wdr_01JTESTPAYOUT0000000000005'));
    server.setBalance(100_000_000);
    expect(answer).toMatchObject({ ok: true, value: { status: 'failed', reason: expect.stringContaining('NOT_ENOUGH') } });
  });

  it('says "not found" for a batch WeChat never received, so the sync job can hand it over again', async () => {
    const provider = createWechatPayoutProvider({ appId: merchant.appId, call: signedCall(server.baseUrl) });
    expect(await provider.query('wdr_01JTESTPAYOUT0000000000099')).toMatchObject({ ok: false, code: 'payout_provider_rejected', details: { notFound: true } });
  });

  it('reports an unreachable or failing server as unavailable, with nothing decided', async () => {
    const down = createWechatPayoutProvider({ appId: merchant.appId, call: signedCall('http://127.0.0.1:9') });
    expect(await down.pay(transfer('wdr_01JTESTPAYOUT0000000000006'))).toMatchObject({ ok: false, code: 'payout_provider_unavailable' });
    server.setMode('server_error');
    const failing = createWechatPayoutProvider({ appId: merchant.appId, call: signedCall(server.baseUrl) });
    const answer = await failing.pay(transfer('wdr_01JTESTPAYOUT0000000000007'));
    server.setMode('normal');
    expect(answer).toMatchObject({ ok: false, code: 'payout_provider_unavailable' });
  });

  it('retries transient refusals (FREQUENCY_LIMITED, SYSTEM_ERROR) with backoff, under the same batch number', async () => {
    const pauses: number[] = [];
    const provider = createWechatPayoutProvider({ appId: merchant.appId, call: signedCall(server.baseUrl), retry: { delaysMs: [10, 40], sleep: async (ms) => void pauses.push(ms) } });
    const id = 'wdr_01JTESTPAYOUT0000000000009';
    server.refuseNext({ status: 429, code: 'FREQUENCY_LIMITED' }, { status: 500, code: 'SYSTEM_ERROR' });
    expect(await provider.pay(transfer(id))).toMatchObject({ ok: true, value: { status: 'accepted' } });
    expect(pauses).toEqual([10, 40]);
    const posts = server.seen.filter((request) => request.method === 'POST' && request.body?.out_batch_no === outBatchNo(id));
    expect(posts).toHaveLength(3);
    expect([...server.details.values()].filter((detail) => detail.outBatchNo === outBatchNo(id))).toHaveLength(1);
  });

  it('reports a refusal that stays transient as unavailable (nothing decided, the money stays in flight), also when sent as a 4xx', async () => {
    const provider = createWechatPayoutProvider({ appId: merchant.appId, call: signedCall(server.baseUrl), retry: { delaysMs: [1, 1], sleep: async () => {} } });
    const id = 'wdr_01JTESTPAYOUT0000000000010';
    server.refuseNext({ status: 403, code: 'FREQUENCY_LIMITED' }, { status: 429, code: 'FREQUENCY_LIMITED' }, { status: 400, code: 'SYSTEM_ERROR' });
    expect(await provider.pay(transfer(id))).toMatchObject({ ok: false, code: 'payout_provider_unavailable', details: { providerCode: 'SYSTEM_ERROR' } });
    expect(server.pendingRefusals).toBe(0);
    expect([...server.details.values()].some((detail) => detail.outBatchNo === outBatchNo(id))).toBe(false);
    // Asking about it while WeChat is still busy is not "not found" (which would hand it over again).
    server.refuseNext({ status: 429, code: 'FREQUENCY_LIMITED' }, { status: 429, code: 'FREQUENCY_LIMITED' }, { status: 429, code: 'FREQUENCY_LIMITED' });
    expect(await provider.query(id)).toMatchObject({ ok: false, code: 'payout_provider_unavailable' });
    expect(await provider.query(id)).toMatchObject({ ok: false, code: 'payout_provider_rejected', details: { notFound: true } });
  });

  it('does not retry a final refusal (INVALID_REQUEST): the transfer fails at once and the money can return', async () => {
    const provider = createWechatPayoutProvider({ appId: merchant.appId, call: signedCall(server.baseUrl), retry: { delaysMs: [1, 1], sleep: async () => {} } });
    const id = 'wdr_01JTESTPAYOUT0000000000011';
    const before = server.seen.length;
    server.refuseNext({ status: 400, code: 'INVALID_REQUEST' });
    expect(await provider.pay(transfer(id))).toMatchObject({ ok: true, value: { status: 'failed', reason: expect.stringContaining('INVALID_REQUEST') } });
    expect(server.seen.length - before).toBe(1);
  });

  it('is refused by the server when signed with a key that is not the merchant’s', async () => {
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const provider = createWechatPayoutProvider({ appId: merchant.appId, call: signedCall(server.baseUrl, stranger) });
    const details = server.details.size;
    expect(await provider.pay(transfer('wdr_01JTESTPAYOUT0000000000008'))).toMatchObject({ ok: false, code: 'payout_provider_rejected' });
    expect(server.seen.at(-1)!.authorized).toBe(false);
    expect(server.details.size).toBe(details);
  });
});
