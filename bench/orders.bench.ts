import { SANDBOX_DEFAULT_MERCHANT_ID, signSandboxNotification } from '@linkmall/provider-sandbox-payment';
import { CONCURRENCY, POOL_SIZE, post, postJson, runFor, startCommerceFixture } from './commerce-fixture.ts';
import { tpcbTransactionsPerSecond } from './tpcb-baseline.ts';

const SKUS = 1_000;
const DURATION_MS = 10_000;
const address = { recipientName: '林小雨', phone: '13512345678', province: '上海市', city: '上海市', district: '黄浦区', detail: '南京东路 300 号' };

/**
 * Paid orders per second over HTTP: checkout of a random one of 1,000 SKUs, start of payment, and the
 * provider's signed notification, with CONCURRENCY buyers at once; against pgbench's TPC-B-like
 * transaction through `pg` with the same pool size and concurrency, measured in the same run.
 */
export async function run() {
  const fixture = await startCommerceFixture(SKUS);
  try {
    const { rows } = await fixture.database.executeSql("select id from skus where sku_code like 'BENCH-%'", []);
    const skuIds = (rows as { id: string }[]).map((row) => row.id);
    const paid = await runFor(DURATION_MS, CONCURRENCY, async (worker) => {
      const token = fixture.buyerTokens[worker % fixture.buyerTokens.length]!;
      const skuId = skuIds[Math.floor(Math.random() * skuIds.length)]!;
      const order = await postJson(`${fixture.baseUrl}/shop/orders`, { items: [{ skuId, quantity: 1 }], deliveryMethod: 'delivery', shippingAddress: address }, token);
      if (order.status !== 201) throw new Error(`checkout answered ${order.status}: ${JSON.stringify(order.body)}`);
      const payment = await postJson(`${fixture.baseUrl}/shop/orders/${order.body.id}/pay`, {}, token);
      if (payment.status !== 200) throw new Error(`pay answered ${payment.status}`);
      const notification = signSandboxNotification({
        secret: fixture.sandboxSecret,
        now: new Date(),
        notification: { kind: 'payment', paymentId: payment.body.paymentId, providerTransactionId: `bench-${payment.body.paymentId}`, amountFen: BigInt(payment.body.amountFen), merchantId: SANDBOX_DEFAULT_MERCHANT_ID, succeeded: true, paidAt: new Date() },
      });
      const notified = await post(`${fixture.baseUrl}/open/payments/sandbox/notify`, notification.headers, notification.body);
      return notified.status === 200;
    });
    const confirmed = (await fixture.database.executeSql("select count(*)::int as n from orders where payment_status = 'paid'", [])).rows[0] as { n: number };
    if (confirmed.n !== paid) throw new Error(`${paid} notifications acknowledged but ${confirmed.n} orders paid`);
    const value = paid / (DURATION_MS / 1000);
    console.error(`orders: ${paid} paid orders in ${DURATION_MS / 1000} s over ${SKUS} SKUs (${CONCURRENCY} buyers, pool ${POOL_SIZE})`);
    const baseline = await tpcbTransactionsPerSecond(fixture.database.url!, { poolSize: POOL_SIZE, concurrency: CONCURRENCY, durationMs: DURATION_MS });
    console.error(`baseline: ${Math.round(baseline)} TPC-B-like transactions/s`);
    return { value: Math.round(value * 10) / 10, unit: 'paid orders/s', baseline: Math.round(baseline * 10) / 10 };
  } finally {
    await fixture.stop();
  }
}
