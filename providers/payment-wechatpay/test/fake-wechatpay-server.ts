import { createCipheriv, createSign, createVerify, generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NotificationRequest } from '@linkmall/payment';

/**
 * A local server that speaks WeChat Pay API v3 as documented, written independently of the client so
 * a shared mistake cannot hide: it checks the merchant's Authorization signature (401 SIGN_ERROR
 * otherwise), answers with platform-signed responses, and emits encrypted, platform-signed
 * notifications. Only the three endpoints the provider uses are implemented.
 */
export interface Merchant {
  readonly appId: string;
  readonly merchantId: string;
  readonly merchantSerialNo: string;
  readonly merchantPrivateKeyPem: string;
  readonly merchantPublicKey: KeyObject;
  readonly apiV3Key: string;
  readonly platformPublicKeyPem: string;
  readonly platformPrivateKey: KeyObject;
  readonly platformSerialNo: string;
}

/** Fresh keys each test file: nothing secret is checked in, and a stale fixture cannot mask a bug. */
export function newMerchant(): Merchant {
  const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    appId: 'wx8888888888888888',
    merchantId: '1900009191',
    merchantSerialNo: '3775B6A45ACD588826D15E583A95F5DD22ACE1FE',
    merchantPrivateKeyPem: merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    merchantPublicKey: merchant.publicKey,
    apiV3Key: randomBytes(16).toString('hex'), // 32 ASCII characters, as the merchant platform requires
    platformPublicKeyPem: platform.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    platformPrivateKey: platform.privateKey,
    platformSerialNo: 'PUB_KEY_ID_0119000091912025060100000000000001',
  };
}

export type AnswerMode = 'normal' | 'bad_signature' | 'unsigned' | 'wrong_serial' | 'stale' | 'server_error' | 'hang';

export interface Trade {
  outTradeNo: string;
  prepayId: string;
  total: number;
  openid: string;
  state: string;
  transactionId?: string;
  successTime?: string;
}

export interface Forgery {
  readonly timestampSeconds?: number;
  readonly serial?: string;
  readonly signingKey?: KeyObject;
  readonly apiV3Key?: string;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const rfc3339 = () => `${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
const sign = (key: KeyObject, message: string) => createSign('RSA-SHA256').update(message).sign(key, 'base64');

export async function startFakeWechatPay(merchant: Merchant) {
  const trades = new Map<string, Trade>();
  const refunds = new Map<string, Record<string, unknown>>();
  const seen: { method: string; url: string; authorized: boolean; body: Record<string, unknown> | null }[] = [];
  const state = { answerMode: 'normal' as AnswerMode };

  function authorized(request: IncomingMessage, body: string): boolean {
    const match = /^WECHATPAY2-SHA256-RSA2048 (.+)$/.exec(request.headers.authorization ?? '');
    if (!match) return false;
    const params = Object.fromEntries([...match[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (params.mchid !== merchant.merchantId || params.serial_no !== merchant.merchantSerialNo) return false;
    if (!params.timestamp || Math.abs(Number(params.timestamp) - nowSeconds()) >= 300 || !params.nonce_str || !params.signature) return false;
    const message = `${request.method}\n${request.url}\n${params.timestamp}\n${params.nonce_str}\n${body}\n`;
    return createVerify('RSA-SHA256').update(message).verify(merchant.merchantPublicKey, params.signature, 'base64');
  }

  function answer(response: ServerResponse, status: number, payload: object, signed = true) {
    const body = JSON.stringify(payload);
    const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8', 'Request-ID': randomUUID() };
    const mode = state.answerMode;
    if (signed && mode !== 'unsigned') {
      const timestamp = String(mode === 'stale' ? nowSeconds() - 400 : nowSeconds());
      const nonce = randomBytes(16).toString('hex');
      const signature = sign(merchant.platformPrivateKey, `${timestamp}\n${nonce}\n${body}\n`);
      headers['Wechatpay-Timestamp'] = timestamp;
      headers['Wechatpay-Nonce'] = nonce;
      headers['Wechatpay-Signature'] = mode === 'bad_signature' ? sign(merchant.platformPrivateKey, `${timestamp}\n${nonce}\n{}\n`) : signature;
      headers['Wechatpay-Serial'] = mode === 'wrong_serial' ? 'PUB_KEY_ID_SOMEONE_ELSE' : merchant.platformSerialNo;
    }
    response.writeHead(status, headers);
    response.end(body);
  }
  const businessError = (response: ServerResponse, status: number, code: string, message: string) => answer(response, status, { code, message });

  function transactionView(trade: Trade) {
    return {
      appid: merchant.appId,
      mchid: merchant.merchantId,
      out_trade_no: trade.outTradeNo,
      trade_type: 'JSAPI',
      trade_state: trade.state,
      trade_state_desc: trade.state,
      payer: { openid: trade.openid },
      amount: { total: trade.total, payer_total: trade.total, currency: 'CNY', payer_currency: 'CNY' },
      ...(trade.transactionId ? { transaction_id: trade.transactionId, success_time: trade.successTime, bank_type: 'OTHERS' } : {}),
    };
  }

  function jsapi(response: ServerResponse, body: Record<string, any>) {
    const total = body.amount?.total;
    if (body.appid !== merchant.appId || body.mchid !== merchant.merchantId) return businessError(response, 400, 'PARAM_ERROR', 'appid和mch_id不匹配');
    if (!Number.isInteger(total) || total <= 0 || body.amount.currency !== 'CNY' || !body.payer?.openid || !body.notify_url || !body.description) {
      return businessError(response, 400, 'PARAM_ERROR', '参数错误');
    }
    const existing = trades.get(body.out_trade_no);
    if (existing?.state === 'SUCCESS') return businessError(response, 400, 'ORDERPAID', '该订单已支付');
    const trade = existing ?? { outTradeNo: body.out_trade_no, prepayId: `wx${randomBytes(15).toString('hex')}`, total, openid: body.payer.openid, state: 'NOTPAY' };
    trades.set(trade.outTradeNo, trade);
    answer(response, 200, { prepay_id: trade.prepayId });
  }

  function refund(response: ServerResponse, body: Record<string, any>) {
    const trade = [...trades.values()].find((t) => (body.transaction_id ? t.transactionId === body.transaction_id : t.outTradeNo === body.out_trade_no));
    if (!trade || trade.state !== 'SUCCESS') return businessError(response, 404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    const { refund: refundTotal, total, currency } = body.amount ?? {};
    if (total !== trade.total || !Number.isInteger(refundTotal) || refundTotal <= 0 || refundTotal > total || currency !== 'CNY' || !body.out_refund_no) {
      return businessError(response, 400, 'PARAM_ERROR', '退款金额或订单金额错误');
    }
    const view = refunds.get(body.out_refund_no) ?? {
      refund_id: `50${randomBytes(14).toString('hex')}`,
      out_refund_no: body.out_refund_no,
      transaction_id: trade.transactionId,
      out_trade_no: trade.outTradeNo,
      channel: 'ORIGINAL',
      user_received_account: '支付用户零钱',
      create_time: rfc3339(),
      status: 'PROCESSING',
      amount: { total, refund: refundTotal, payer_total: total, payer_refund: refundTotal, settlement_refund: refundTotal, settlement_total: total, discount_refund: 0, currency: 'CNY' },
    };
    refunds.set(body.out_refund_no, view);
    answer(response, 200, view);
  }

  const server = createServer(async (request, response) => {
    let raw = '';
    for await (const chunk of request) raw += chunk;
    const url = new URL(request.url ?? '/', 'http://localhost');
    let body: Record<string, any> | null = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = null;
    }
    const ok = authorized(request, raw);
    seen.push({ method: request.method ?? '', url: request.url ?? '', authorized: ok, body });
    if (state.answerMode === 'hang') return; // never answers: the client's timeout must fire
    if (!ok) return answer(response, 401, { code: 'SIGN_ERROR', message: '签名错误' }, false);
    if (state.answerMode === 'server_error') return businessError(response, 500, 'SYSTEM_ERROR', '系统错误');
    if (request.method === 'POST' && url.pathname === '/v3/pay/transactions/jsapi' && body) return jsapi(response, body);
    if (request.method === 'POST' && url.pathname === '/v3/refund/domestic/refunds' && body) return refund(response, body);
    const query = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(url.pathname);
    if (request.method === 'GET' && query) {
      if (url.searchParams.get('mchid') !== merchant.merchantId) return businessError(response, 400, 'PARAM_ERROR', 'mchid不匹配');
      const trade = trades.get(decodeURIComponent(query[1]!));
      return trade ? answer(response, 200, transactionView(trade)) : businessError(response, 404, 'ORDER_NOT_EXIST', '订单不存在');
    }
    businessError(response, 404, 'NOT_FOUND', '接口不存在');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** A notification as WeChat Pay posts it: resource encrypted with the APIv3 key, body signed by the platform. */
  function notification(eventType: string, originalType: string, content: object, forgery: Forgery = {}): NotificationRequest {
    const nonce = randomBytes(6).toString('hex');
    const associatedData = originalType;
    const cipher = createCipheriv('aes-256-gcm', Buffer.from(forgery.apiV3Key ?? merchant.apiV3Key), Buffer.from(nonce));
    cipher.setAAD(Buffer.from(associatedData));
    const sealed = Buffer.concat([cipher.update(JSON.stringify(content)), cipher.final(), cipher.getAuthTag()]);
    const body = JSON.stringify({
      id: randomUUID(),
      create_time: rfc3339(),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary: eventType.startsWith('REFUND') ? '退款成功' : '支付成功',
      resource: { original_type: originalType, algorithm: 'AEAD_AES_256_GCM', ciphertext: sealed.toString('base64'), associated_data: associatedData, nonce },
    });
    const timestamp = String(forgery.timestampSeconds ?? nowSeconds());
    const signatureNonce = randomBytes(16).toString('hex');
    return {
      headers: {
        'Content-Type': 'application/json',
        'Wechatpay-Timestamp': timestamp,
        'Wechatpay-Nonce': signatureNonce,
        'Wechatpay-Signature': sign(forgery.signingKey ?? merchant.platformPrivateKey, `${timestamp}\n${signatureNonce}\n${body}\n`),
        'Wechatpay-Serial': forgery.serial ?? merchant.platformSerialNo,
        'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
      },
      body,
    };
  }

  return {
    baseUrl,
    seen,
    trades,
    setAnswerMode(mode: AnswerMode) {
      state.answerMode = mode;
    },
    /** The payer pays: the trade becomes SUCCESS and WeChat notifies (paidTotal lets a test lie about the amount). */
    pay(outTradeNo: string, options: { paidTotal?: number; mchid?: string } & Forgery = {}): NotificationRequest {
      const trade = trades.get(outTradeNo);
      if (!trade) throw new Error(`fake WeChat Pay: no trade ${outTradeNo}`);
      Object.assign(trade, { state: 'SUCCESS', transactionId: trade.transactionId ?? `42000${randomBytes(12).toString('hex')}`, successTime: rfc3339() });
      const content = { ...transactionView(trade), mchid: options.mchid ?? merchant.merchantId, amount: { total: options.paidTotal ?? trade.total, payer_total: options.paidTotal ?? trade.total, currency: 'CNY', payer_currency: 'CNY' } };
      return notification('TRANSACTION.SUCCESS', 'transaction', content, options);
    },
    /** The refund completes: WeChat notifies REFUND.SUCCESS. */
    completeRefund(outRefundNo: string): NotificationRequest {
      const view = refunds.get(outRefundNo) as Record<string, any> | undefined;
      if (!view) throw new Error(`fake WeChat Pay: no refund ${outRefundNo}`);
      Object.assign(view, { status: 'SUCCESS', success_time: rfc3339() });
      const { refund_id, out_refund_no, transaction_id, out_trade_no, user_received_account, success_time, amount } = view;
      const content = { mchid: merchant.merchantId, out_trade_no, transaction_id, out_refund_no, refund_id, refund_status: 'SUCCESS', success_time, user_received_account, amount: { total: amount.total, refund: amount.refund, payer_total: amount.payer_total, payer_refund: amount.payer_refund } };
      return notification('REFUND.SUCCESS', 'refund', content);
    },
    notification,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // a 'hang' request would otherwise keep close() waiting
      }),
  };
}
export type FakeWechatPay = Awaited<ReturnType<typeof startFakeWechatPay>>;
