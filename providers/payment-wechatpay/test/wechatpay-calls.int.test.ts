import { createVerify } from 'node:crypto';
import type { CreatePaymentInput } from '@linkmall/payment';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWechatPayProvider, type WechatPayConfig } from '../src/index.ts';
import { newMerchant, startFakeWechatPay, type FakeWechatPay } from './fake-wechatpay-server.ts';

const merchant = newMerchant();
let server: FakeWechatPay;
let counter = 0;

beforeAll(async () => {
  server = await startFakeWechatPay(merchant);
});
afterAll(() => server.close());
beforeEach(() => server.setAnswerMode('normal'));

const providerWith = (overrides: Partial<WechatPayConfig> = {}) =>
  createWechatPayProvider({ ...merchant, baseUrl: server.baseUrl, timeoutMs: 2_000, ...overrides });
const paymentInput = (overrides: Partial<CreatePaymentInput> = {}): CreatePaymentInput => ({
  paymentId: `pay_calls_${Date.now()}_${++counter}`,
  orderId: 'ord_01jx0000000000000000000001',
  amountFen: 12_345n,
  description: '链动商城-测试商品',
  payerOpenId: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
  expiresAt: new Date('2030-06-01T04:30:00Z'),
  notifyUrl: 'https://shop.example.com/api/payments/wechatpay/notify',
  ...overrides,
});

describe('WeChat Pay calls against a server that checks signatures', () => {
  it('creates a JSAPI payment with a signed request, integer fen and a Beijing-time time_expire', async () => {
    const input = paymentInput();
    const created = await providerWith().createPayment(input);
    expect(created.ok).toBe(true);
    const request = server.seen.at(-1)!;
    expect(request).toMatchObject({ method: 'POST', url: '/v3/pay/transactions/jsapi', authorized: true });
    expect(request.body).toEqual({
      appid: merchant.appId,
      mchid: merchant.merchantId,
      description: input.description,
      out_trade_no: input.paymentId,
      time_expire: '2030-06-01T12:30:00+08:00',
      attach: input.orderId,
      notify_url: input.notifyUrl,
      amount: { total: 12345, currency: 'CNY' },
      payer: { openid: input.payerOpenId },
    });
    const prepayId = server.trades.get(input.paymentId)!.prepayId;
    expect(created.ok && created.value.providerPaymentId).toBe(prepayId);
  });

  it('returns wx.requestPayment params whose paySign verifies with the merchant public key', async () => {
    const created = await providerWith().createPayment(paymentInput());
    if (!created.ok) throw new Error(created.code);
    const { appId, timeStamp, nonceStr, package: packageValue, signType, paySign } = created.value.clientParams;
    expect({ appId, signType, packageValue }).toEqual({ appId: merchant.appId, signType: 'RSA', packageValue: `prepay_id=${created.value.providerPaymentId}` });
    expect(timeStamp).toMatch(/^\d{10}$/);
    expect(nonceStr).toMatch(/^[0-9A-F]{32}$/);
    const message = `${appId}\n${timeStamp}\n${nonceStr}\n${packageValue}\n`;
    expect(createVerify('RSA-SHA256').update(message).verify(merchant.merchantPublicKey, paySign!, 'base64')).toBe(true);
    expect(createVerify('RSA-SHA256').update(`${message}x`).verify(merchant.merchantPublicKey, paySign!, 'base64')).toBe(false);
  });

  it('is refused by the server (401 SIGN_ERROR) when unsigned, altered after signing, or signed with another key', async () => {
    const unsigned = await fetch(`${server.baseUrl}/v3/pay/transactions/jsapi`, { method: 'POST', body: '{}' });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toEqual({ code: 'SIGN_ERROR', message: '签名错误' });

    const alterBody: typeof fetch = (url, init) => fetch(url, { ...init, body: String(init?.body).replace('12345', '1') });
    const altered = await providerWith({ fetch: alterBody }).createPayment(paymentInput());
    expect(altered).toMatchObject({ ok: false, code: 'payment_provider_auth_failed', details: { providerCode: 'SIGN_ERROR' } });
    expect(server.seen.at(-1)).toMatchObject({ authorized: false, body: { amount: { total: 1 } } });

    const otherKey = newMerchant().merchantPrivateKeyPem;
    const impostor = await providerWith({ merchantPrivateKeyPem: otherKey }).createPayment(paymentInput());
    expect(impostor).toMatchObject({ ok: false, code: 'payment_provider_auth_failed' });
  });

  it('refuses answers with a bad signature, no signature, an unknown serial or a stale timestamp', async () => {
    const provider = providerWith();
    const input = paymentInput();
    expect((await provider.createPayment(input)).ok).toBe(true);
    const reasons = { bad_signature: 'bad_signature', unsigned: 'missing_headers', wrong_serial: 'unknown_serial', stale: 'stale_timestamp' } as const;
    for (const [mode, reason] of Object.entries(reasons)) {
      server.setAnswerMode(mode as keyof typeof reasons);
      expect(await provider.queryPayment(input.paymentId)).toMatchObject({ ok: false, code: 'payment_response_invalid', details: { reason } });
    }
    server.setAnswerMode('normal');
    expect(await provider.queryPayment(input.paymentId)).toEqual({ ok: true, value: { status: 'pending', amountFen: 12_345n } });
  });

  it('reports an unreachable server, a timeout and a 5xx as payment_provider_unavailable', async () => {
    const unreachable = await providerWith({ baseUrl: 'http://127.0.0.1:9' }).queryPayment('pay_x');
    expect(unreachable).toEqual({ ok: false, code: 'payment_provider_unavailable', details: { reason: 'network' } });
    server.setAnswerMode('hang');
    const slow = await providerWith({ timeoutMs: 200 }).queryPayment('pay_x');
    expect(slow).toEqual({ ok: false, code: 'payment_provider_unavailable', details: { reason: 'timeout' } });
    server.setAnswerMode('server_error');
    expect(await providerWith().queryPayment('pay_x')).toMatchObject({ ok: false, code: 'payment_provider_unavailable', details: { status: 500, providerCode: 'SYSTEM_ERROR' } });
  });

  it('maps trade states on query and ORDER_NOT_EXIST to payment_not_found', async () => {
    const provider = providerWith();
    const input = paymentInput();
    await provider.createPayment(input);
    const trade = server.trades.get(input.paymentId)!;
    const expected = { CLOSED: 'closed', REVOKED: 'closed', PAYERROR: 'failed', USERPAYING: 'pending', NOTPAY: 'pending' } as const;
    for (const [tradeState, status] of Object.entries(expected)) {
      trade.state = tradeState;
      expect(await provider.queryPayment(input.paymentId)).toEqual({ ok: true, value: { status, amountFen: 12_345n } });
    }
    server.pay(input.paymentId);
    trade.state = 'REFUND'; // paid, then a refund began: still a payment that happened
    expect(await provider.queryPayment(input.paymentId)).toEqual({ ok: true, value: { status: 'succeeded', amountFen: 12_345n, providerTransactionId: trade.transactionId } });
    expect(await provider.queryPayment('pay_never_created')).toMatchObject({ ok: false, code: 'payment_not_found', details: { providerCode: 'ORDER_NOT_EXIST' } });
    expect(server.seen.at(-1)!.url).toBe(`/v3/pay/transactions/out-trade-no/pay_never_created?mchid=${merchant.merchantId}`);
  });

  it('refuses to pay twice (ORDERPAID), a missing openid, and amounts JSON cannot carry exactly', async () => {
    const provider = providerWith();
    const input = paymentInput();
    await provider.createPayment(input);
    server.pay(input.paymentId);
    expect(await provider.createPayment(input)).toMatchObject({ ok: false, code: 'payment_already_paid', details: { providerCode: 'ORDERPAID' } });
    const requestsBefore = server.seen.length;
    expect(await provider.createPayment(paymentInput({ payerOpenId: undefined }))).toEqual({ ok: false, code: 'payment_payer_required' });
    expect(await provider.createPayment(paymentInput({ amountFen: 2n ** 53n }))).toEqual({ ok: false, code: 'payment_amount_invalid' });
    expect(server.seen.length).toBe(requestsBefore);
  });

  it('requests a refund by transaction id with refund and total in fen, and maps provider refusals', async () => {
    const provider = providerWith();
    const input = paymentInput({ amountFen: 20_000n });
    await provider.createPayment(input);
    server.pay(input.paymentId);
    const transactionId = server.trades.get(input.paymentId)!.transactionId!;
    const refund = { refundId: `rfd_calls_${counter}`, paymentId: input.paymentId, providerTransactionId: transactionId, refundFen: 5_000n, totalFen: 20_000n, reason: '买家申请退款', notifyUrl: input.notifyUrl };
    const accepted = await provider.refund(refund);
    expect(accepted).toMatchObject({ ok: true, value: { status: 'processing' } });
    expect(server.seen.at(-1)).toMatchObject({
      url: '/v3/refund/domestic/refunds',
      authorized: true,
      body: { transaction_id: transactionId, out_refund_no: refund.refundId, reason: refund.reason, notify_url: refund.notifyUrl, amount: { refund: 5000, total: 20000, currency: 'CNY' } },
    });
    expect(await provider.refund({ ...refund, refundId: 'rfd_wrong_total', totalFen: 19_999n })).toMatchObject({ ok: false, code: 'payment_provider_rejected', details: { providerCode: 'PARAM_ERROR' } });
    expect(await provider.refund({ ...refund, refundId: 'rfd_unknown', providerTransactionId: '4200000000000000000000000000' })).toMatchObject({ ok: false, code: 'payment_not_found' });
  });

  it('refuses to start with an APIv3 key that is not 32 bytes or an empty merchant id', () => {
    expect(() => providerWith({ apiV3Key: 'too-short' })).toThrow(/32 bytes/);
    expect(() => providerWith({ merchantId: ' ' })).toThrow(/merchantId/);
  });
});
