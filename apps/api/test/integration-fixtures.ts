import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { OutboxDispatcher, silentLogger } from '@linkmall/events';
import { systemContext, type Clock } from '@linkmall/kernel';
import { backgroundWork } from '../src/background.ts';
import { signPartnerRequest } from '../src/open-routes.ts';
import type { TestPlatform } from './harness.ts';

/** The wall clock moved by a test: sessions, backoffs, settle windows and export periods follow it. */
export function offsetClock(): Clock & { advance(ms: number): void; setOffset(ms: number): void } {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance: (ms) => {
      offsetMs += ms;
    },
    setOffset: (ms) => {
      offsetMs = ms;
    },
  };
}

export interface ReceivedRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export type Behaviour = 'ok' | 'fail' | 'hang';

/**
 * A webhook receiver on 127.0.0.1: records every request with its raw body. Each path answers from
 * its queue of behaviours (500, never answering, or 200) and with 200 once the queue is empty.
 */
export async function startReceiver(): Promise<{ baseUrl: string; received: ReceivedRequest[]; plan(path: string, behaviours: Behaviour[]): void; close(): Promise<void> }> {
  const received: ReceivedRequest[] = [];
  const plans = new Map<string, Behaviour[]>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const behaviour = plans.get(path)?.shift() ?? 'ok';
      if (behaviour === 'hang') return;
      response.writeHead(behaviour === 'ok' ? 200 : 500, { 'content-type': 'application/json' });
      response.end(behaviour === 'ok' ? '{"received":true}' : '{"error":"receiver is down"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    received,
    plan: (path, behaviours) => plans.set(path, [...behaviours]),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Delivers every outbox event to every subscriber of the platform (the worker's job, run now). */
export async function drainOutbox(t: TestPlatform, clock: Clock): Promise<void> {
  const report = await new OutboxDispatcher(t.platform.db, { subscribers: backgroundWork(t.platform, silentLogger).subscribers, clock, logger: silentLogger }).drain();
  if (report.failed > 0) throw new Error(`outbox deliveries failed: ${JSON.stringify(report)}`);
}

export const systemCtx = (clock: Clock) => systemContext(clock, 'integration-test');

/** A demo buyer's order of one SKU, optionally paid through the sandbox; returns its id. */
export async function placeOrder(t: TestPlatform, options: { pay: boolean; skuCode?: string }): Promise<string> {
  const supplier = await t.login('13900000001');
  const buyer = await t.login('13500000002', 'shop');
  const skuId = (await t.json('PUT', `/admin/catalog/skus/${options.skuCode ?? 'LY-001-1'}/stock`, { token: supplier, body: { stock: 50 } })).body.skuId;
  const address = { recipientName: '何明', phone: '13500000222', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 90 号' };
  const order = await t.json('POST', '/shop/orders', { token: buyer, body: { items: [{ skuId, quantity: 1 }], deliveryMethod: 'delivery', shippingAddress: address } });
  if (order.status !== 201 && order.status !== 200) throw new Error(`order failed: ${order.status} ${JSON.stringify(order.body)}`);
  if (options.pay) {
    const payment = (await t.json('POST', `/shop/orders/${order.body.id}/pay`, { token: buyer })).body;
    await t.json('POST', `/shop/pay/sandbox/${payment.paymentId}/complete`, { body: { succeeded: true } });
  }
  return order.body.id as string;
}

/** A GET on /open signed as a partner, the way a partner's client signs it. */
export async function signedGet(t: TestPlatform, clock: Clock, partnerId: string, secret: string, pathWithQuery: string) {
  const timestamp = clock.now().getTime();
  const nonce = randomUUID();
  const signature = signPartnerRequest(secret, { method: 'GET', path: pathWithQuery, timestamp, nonce, body: '' });
  return t.json('GET', pathWithQuery, { headers: { 'x-partner-id': partnerId, 'x-timestamp': String(timestamp), 'x-nonce': nonce, 'x-signature': signature } });
}
