import { SANDBOX_DEFAULT_MERCHANT_ID, signSandboxNotification } from '@linkmall/provider-sandbox-payment';
import { call, type CallOptions, type CallResult, type CallStats } from './faults-client.ts';

/**
 * The mixed traffic of the fault suite and the soak, on the demo seed: checkouts (goods and the
 * 链动2+1 gift package), payments confirmed by signed sandbox notifications, refunds through
 * after-sales, and card tracking events. Every acknowledged (2xx) outcome is recorded, so the suite
 * can prove afterwards that each one happened exactly once.
 */

export interface WorkloadContext {
  readonly baseUrl: string;
  readonly sandboxSecret: string;
  /** Shop sessions of the demo consumers; index 0 is the agent the others are bound to. */
  readonly buyerTokens: readonly string[];
  /** Console session of the supplier (陈静) whose SKUs are bought, to approve refunds. */
  readonly supplierToken: string;
  readonly goodsSkuIds: readonly string[];
  readonly packageSkuId: string;
  readonly cardId: string;
  readonly stats: CallStats;
  /** How long a request is retried after a lost connection or a 503 (the soak sets 0: no faults there). */
  readonly retryForMs?: number;
}

export interface Acknowledged {
  readonly orders: Map<string, { attemptKey: string; payableFen: number }>;
  readonly payments: Map<string, { orderId: string }>;
  readonly refunds: Map<string, { orderId: string; refundFen: number }>;
  trackedBatches: number;
  /** Answers that were not 2xx, as `status path body`, for failure messages. */
  readonly refusals: string[];
  /** Latencies in ms of answered requests, by the second they were sent (for the soak's windows). */
  readonly latencies: { atMs: number; ms: number; status: number }[];
}

export function newAcknowledged(): Acknowledged {
  return { orders: new Map(), payments: new Map(), refunds: new Map(), trackedBatches: 0, refusals: [], latencies: [] };
}

const DEMO_PASSWORD = 'demo1234';
const CONSUMERS = ['13500000001', '13500000002', '13500000003', '13500000004'];
const SUPPLIER_ADMIN = '13900000001';

async function login(baseUrl: string, surface: 'admin' | 'shop', phone: string): Promise<string> {
  const answer = await call(baseUrl, 'POST', `/${surface}/auth/login`, { body: { phone, password: DEMO_PASSWORD } });
  if (answer.status !== 200) throw new Error(`login ${phone} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.token as string;
}

/**
 * Signs everyone in, and builds a small 链动2+1 network before any fault: the first consumer buys
 * the gift package (becomes an agent) and the others bind to their invite code, so later orders
 * produce reward lines and ledger transfers.
 */
export async function prepareWorkload(
  baseUrl: string,
  sandboxSecret: string,
  query: (text: string, values?: unknown[]) => Promise<unknown[]>,
  stats: CallStats,
  options: { strictNetwork?: boolean } = {},
): Promise<WorkloadContext> {
  const buyerTokens = [];
  for (const phone of CONSUMERS) buyerTokens.push(await login(baseUrl, 'shop', phone));
  const supplierToken = await login(baseUrl, 'admin', SUPPLIER_ADMIN);
  const skus = (await query("select s.id, s.sku_code from skus s join products p on p.id = s.product_id where p.status = 'on_sale' and s.sku_code like 'LY-%' order by s.sku_code")) as { id: string; sku_code: string }[];
  const packageSku = skus.find((sku) => sku.sku_code.startsWith('LY-PKG'));
  if (!packageSku) throw new Error('the demo seed has no gift package SKU');
  // Deep stock, so that the load never runs into sold-out answers.
  await query("update skus set stock = 1000000 where sku_code like 'LY-%'");
  const [card] = (await query("select id from cards where status = 'active' order by id limit 1")) as { id: string }[];
  if (!card) throw new Error('the demo seed has no active card');
  const context: WorkloadContext = {
    baseUrl,
    sandboxSecret,
    buyerTokens,
    supplierToken,
    goodsSkuIds: skus.filter((sku) => sku !== packageSku).map((sku) => sku.id),
    packageSkuId: packageSku.id,
    cardId: card.id,
    stats,
  };
  const setup = newAcknowledged();
  const agentOrder = await checkout(context, setup, 0, packageSku.id, 'setup-agent');
  if (!agentOrder || !(await payOrder(context, setup, 0, agentOrder, 'setup-agent'))) throw new Error(`could not make the first consumer an agent: ${setup.refusals.join('; ')}`);
  // The agent's role is set by the worker's distribution subscriber; wait for it before binding.
  const deadline = Date.now() + 30_000;
  let inviteCode: string | null = null;
  while (!inviteCode) {
    const me = await call(baseUrl, 'GET', '/shop/distribution/me', { token: buyerTokens[0] });
    inviteCode = me.body?.inviteCode ?? null;
    if (!inviteCode && Date.now() > deadline) throw new Error(`the first consumer did not become an agent: ${JSON.stringify(me.body)}`);
    if (!inviteCode) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  for (const token of buyerTokens.slice(1)) {
    const bound = await call(baseUrl, 'POST', '/shop/distribution/bind', { token, body: { inviteCode } });
    // On a deployment that already ran (the soak against SOAK_BASE_URL) a consumer may be bound elsewhere.
    if (bound.status !== 200 && options.strictNetwork !== false) throw new Error(`bind answered ${bound.status}: ${JSON.stringify(bound.body)}`);
  }
  return context;
}

const address = (attemptKey: string) => ({ recipientName: '故障测试', phone: '13500009999', province: '上海市', city: '上海市', district: '黄浦区', detail: `测试路 ${attemptKey}` });

/** One request of the workload, its latency and any refusal recorded. */
async function send(context: WorkloadContext, acknowledged: Acknowledged, method: string, path: string, options: CallOptions): Promise<CallResult> {
  const answer = await call(context.baseUrl, method, path, { retryForMs: context.retryForMs, ...options }, context.stats);
  if (answer.status !== 0) acknowledged.latencies.push({ atMs: Date.now(), ms: answer.latencyMs, status: answer.status });
  if (answer.status < 200 || answer.status >= 300) acknowledged.refusals.push(`${answer.status} ${method} ${path} ${JSON.stringify(answer.body).slice(0, 300)}`);
  return answer;
}

/** Places an order; its address carries the attempt key, so duplicates of one attempt are countable. */
async function checkout(context: WorkloadContext, acknowledged: Acknowledged, buyer: number, skuId: string, attemptKey: string): Promise<string | null> {
  const answer = await send(context, acknowledged, 'POST', '/shop/orders', {
    token: context.buyerTokens[buyer],
    idempotencyKey: `${attemptKey}-checkout`,
    body: { items: [{ skuId, quantity: 1 }], deliveryMethod: 'delivery', shippingAddress: address(attemptKey) },
  });
  if (answer.status !== 201) return null;
  acknowledged.orders.set(answer.body.id, { attemptKey, payableFen: Number(answer.body.payableFen) });
  return answer.body.id as string;
}

/** Starts the payment and sends the provider's signed notification, re-sent as is until answered. */
async function payOrder(context: WorkloadContext, acknowledged: Acknowledged, buyer: number, orderId: string, attemptKey: string): Promise<boolean> {
  const started = await send(context, acknowledged, 'POST', `/shop/orders/${orderId}/pay`, { token: context.buyerTokens[buyer], idempotencyKey: `${attemptKey}-pay` });
  if (started.status !== 200) return false;
  const now = new Date();
  const signed = signSandboxNotification({
    secret: context.sandboxSecret,
    now,
    notification: { kind: 'payment', paymentId: started.body.paymentId, providerTransactionId: `fault-${started.body.paymentId}`, amountFen: BigInt(started.body.amountFen), merchantId: SANDBOX_DEFAULT_MERCHANT_ID, succeeded: true, paidAt: now },
  });
  const notified = await send(context, acknowledged, 'POST', '/open/payments/sandbox/notify', { rawBody: signed.body, headers: signed.headers, retryServerErrors: true });
  if (notified.status !== 200) return false;
  acknowledged.payments.set(started.body.paymentId, { orderId });
  return true;
}

/** The buyer asks for a refund of the one line; the supplier approves it. */
async function refund(context: WorkloadContext, acknowledged: Acknowledged, buyer: number, orderId: string, attemptKey: string): Promise<void> {
  const order = await call(context.baseUrl, 'GET', `/shop/orders/${orderId}`, { token: context.buyerTokens[buyer], retryForMs: context.retryForMs }, context.stats);
  const subOrder = order.body?.subOrders?.[0];
  if (order.status !== 200 || !subOrder) return;
  const opened = await send(context, acknowledged, 'POST', `/shop/orders/${orderId}/after-sales`, {
    token: context.buyerTokens[buyer],
    idempotencyKey: `${attemptKey}-after-sales`,
    body: { subOrderId: subOrder.id, kind: 'refund_only', reason: '故障测试退款', lines: [{ orderLineId: subOrder.lines[0].id, quantity: 1 }] },
  });
  if (opened.status !== 201) return;
  const approved = await send(context, acknowledged, 'POST', `/admin/after-sales/${opened.body.id}/approve`, { token: context.supplierToken, idempotencyKey: `${attemptKey}-approve` });
  if (approved.status === 200) acknowledged.refunds.set(opened.body.id, { orderId, refundFen: Number(opened.body.refundFen) });
}

/** A card visitor's beacon batch (view and dwell), as the card page sends it. */
async function track(context: WorkloadContext, acknowledged: Acknowledged, attemptKey: string): Promise<void> {
  const visitorId = `fault_${attemptKey.replace(/[^A-Za-z0-9_-]/g, '_')}`.padEnd(16, '0').slice(0, 64);
  const at = new Date().toISOString();
  const answer = await send(context, acknowledged, 'POST', '/t/events', { body: { visitorId, cardId: context.cardId, events: [{ kind: 'view', at }, { kind: 'dwell', at, seconds: 5 }] } });
  if (answer.status === 202) acknowledged.trackedBatches++;
}

/**
 * One shopper's visit, its choices drawn from `random`: an order (one in six the gift package),
 * mostly paid, one in four paid orders refunded, and a card view now and then.
 */
export async function runScenario(context: WorkloadContext, acknowledged: Acknowledged, random: () => number, buyer: number, attemptKey: string, options: { refund?: boolean; package?: boolean } = {}): Promise<void> {
  const isPackage = options.package ?? random() < 1 / 6;
  const skuId = isPackage ? context.packageSkuId : context.goodsSkuIds[Math.floor(random() * context.goodsSkuIds.length)]!;
  const pays = options.refund === true || random() < 0.85;
  const refunds = options.refund ?? random() < 0.25;
  const tracks = random() < 0.5;
  if (tracks) await track(context, acknowledged, attemptKey);
  const orderId = await checkout(context, acknowledged, buyer, skuId, attemptKey);
  if (!orderId || !pays) return;
  if (!(await payOrder(context, acknowledged, buyer, orderId, attemptKey))) return;
  if (refunds) await refund(context, acknowledged, buyer, orderId, attemptKey);
}
