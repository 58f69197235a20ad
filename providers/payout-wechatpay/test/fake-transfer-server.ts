import { createSign, createVerify, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local server speaking the WeChat Pay v3 商家转账到零钱 protocol as documented, written apart from
 * the client so one shared mistake cannot hide: every request must carry a valid merchant signature
 * (401 SIGN_ERROR otherwise), every answer is signed with the platform key, and only the two endpoints
 * the payout provider uses exist. Details start PROCESSING; the test settles them, as WeChat would later.
 */
export interface TransferMerchant {
  readonly appId: string;
  readonly merchantId: string;
  readonly merchantSerialNo: string;
  readonly merchantPublicKey: KeyObject;
  readonly platformPrivateKey: KeyObject;
  readonly platformSerialNo: string;
}

export interface TransferDetail {
  readonly outBatchNo: string;
  readonly batchId: string;
  readonly outDetailNo: string;
  readonly detailId: string;
  readonly amount: number;
  readonly openid: string;
  readonly remark: string;
  status: 'PROCESSING' | 'SUCCESS' | 'FAIL';
  failReason?: string;
}

export type TransferServerMode = 'normal' | 'server_error';

const nowSeconds = () => Math.floor(Date.now() / 1000);
const rfc3339 = () => `${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
const ALPHANUMERIC = /^[A-Za-z0-9]{1,32}$/;

export async function startFakeTransferServer(merchant: TransferMerchant, options: { balanceFen?: number } = {}) {
  const details = new Map<string, TransferDetail>();
  const seen: { method: string; url: string; authorized: boolean; body: Record<string, any> | null }[] = [];
  const state = { mode: 'normal' as TransferServerMode, balanceFen: options.balanceFen ?? 100_000_000 };
  /** Scripted refusals, one per authorized request, before anything is recorded (FREQUENCY_LIMITED, …). */
  const refusals: { status: number; code: string }[] = [];

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
    if (signed) {
      const timestamp = String(nowSeconds());
      const nonce = randomBytes(16).toString('hex');
      headers['Wechatpay-Timestamp'] = timestamp;
      headers['Wechatpay-Nonce'] = nonce;
      headers['Wechatpay-Signature'] = createSign('RSA-SHA256').update(`${timestamp}\n${nonce}\n${body}\n`).sign(merchant.platformPrivateKey, 'base64');
      headers['Wechatpay-Serial'] = merchant.platformSerialNo;
    }
    response.writeHead(status, headers);
    response.end(body);
  }
  const businessError = (response: ServerResponse, status: number, code: string, message: string) => answer(response, status, { code, message });

  /** POST /v3/transfer/batches: validates the batch as documented and records its details PROCESSING. */
  function createBatch(response: ServerResponse, body: Record<string, any>) {
    if (body.appid !== merchant.appId) return businessError(response, 400, 'PARAM_ERROR', 'appid与商户号不匹配');
    const list: Record<string, any>[] = Array.isArray(body.transfer_detail_list) ? body.transfer_detail_list : [];
    if (!ALPHANUMERIC.test(String(body.out_batch_no ?? '')) || !body.batch_name || !body.batch_remark || list.length === 0) {
      return businessError(response, 400, 'PARAM_ERROR', '参数错误');
    }
    const sum = list.reduce((total, detail) => total + (Number.isInteger(detail.transfer_amount) && detail.transfer_amount > 0 ? detail.transfer_amount : Number.NaN), 0);
    if (body.total_num !== list.length || body.total_amount !== sum || list.some((detail) => !ALPHANUMERIC.test(String(detail.out_detail_no ?? '')) || !detail.openid || !detail.transfer_remark)) {
      return businessError(response, 400, 'PARAM_ERROR', '转账总金额或总笔数与明细不一致');
    }
    if ([...details.values()].some((detail) => detail.outBatchNo === body.out_batch_no)) return businessError(response, 400, 'ALREADY_EXISTS', '该批次已存在');
    if (sum > state.balanceFen) return businessError(response, 403, 'NOT_ENOUGH', '商户运营账户资金不足');
    state.balanceFen -= sum;
    const batchId = `1030000071100999991182020050700019480${randomBytes(4).toString('hex')}`;
    for (const detail of list) {
      details.set(`${body.out_batch_no}/${detail.out_detail_no}`, {
        outBatchNo: body.out_batch_no,
        batchId,
        outDetailNo: detail.out_detail_no,
        detailId: `1040000071100999991182020050700019500${randomBytes(4).toString('hex')}`,
        amount: detail.transfer_amount,
        openid: detail.openid,
        remark: detail.transfer_remark,
        status: 'PROCESSING',
      });
    }
    answer(response, 200, { out_batch_no: body.out_batch_no, batch_id: batchId, create_time: rfc3339(), batch_status: 'ACCEPTED' });
  }

  function detailView(detail: TransferDetail) {
    return {
      mchid: merchant.merchantId,
      out_batch_no: detail.outBatchNo,
      batch_id: detail.batchId,
      appid: merchant.appId,
      out_detail_no: detail.outDetailNo,
      detail_id: detail.detailId,
      detail_status: detail.status,
      transfer_amount: detail.amount,
      transfer_remark: detail.remark,
      openid: detail.openid,
      initiate_time: rfc3339(),
      update_time: rfc3339(),
      ...(detail.failReason ? { fail_reason: detail.failReason } : {}),
    };
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
    if (!ok) return answer(response, 401, { code: 'SIGN_ERROR', message: '签名错误' }, false);
    const refusal = refusals.shift();
    if (refusal) return businessError(response, refusal.status, refusal.code, '请稍后重试');
    if (state.mode === 'server_error') return businessError(response, 500, 'SYSTEM_ERROR', '系统错误，请稍后重试');
    if (request.method === 'POST' && url.pathname === '/v3/transfer/batches' && body) return createBatch(response, body);
    const query = /^\/v3\/transfer\/batches\/out-batch-no\/([^/]+)\/details\/out-detail-no\/([^/]+)$/.exec(url.pathname);
    if (request.method === 'GET' && query) {
      const detail = details.get(`${decodeURIComponent(query[1]!)}/${decodeURIComponent(query[2]!)}`);
      return detail ? answer(response, 200, detailView(detail)) : businessError(response, 404, 'NOT_FOUND', '记录不存在');
    }
    businessError(response, 404, 'NOT_FOUND', '接口不存在');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    seen,
    details,
    setMode(mode: TransferServerMode) {
      state.mode = mode;
    },
    /** The next requests are refused with these answers, in order (then the server answers normally). */
    refuseNext(...answers: { status: number; code: string }[]) {
      refusals.push(...answers);
    },
    get pendingRefusals() {
      return refusals.length;
    },
    setBalance(balanceFen: number) {
      state.balanceFen = balanceFen;
    },
    /** WeChat finishes a transfer: the detail of `outBatchNo` becomes SUCCESS, or FAIL with a reason. */
    settle(outBatchNo: string, outcome: 'SUCCESS' | 'FAIL', failReason = 'ACCOUNT_FROZEN') {
      const detail = [...details.values()].find((candidate) => candidate.outBatchNo === outBatchNo);
      if (!detail) throw new Error(`fake transfer server: no batch ${outBatchNo}`);
      detail.status = outcome;
      if (outcome === 'FAIL') detail.failReason = failReason;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
export type FakeTransferServer = Awaited<ReturnType<typeof startFakeTransferServer>>;
