import pg from 'pg';
import { CONCURRENCY, POOL_SIZE, postJson, runFor, startCommerceFixture } from './commerce-fixture.ts';

const STOCK = 1_000_000;
const DURATION_MS = 10_000;
/** Distinct buyers, each allowed PER_USER_LIMIT units: a crowd, not a few accounts hammering their own limit row. */
const BUYERS = 64;
const PER_USER_LIMIT = 100;

/**
 * One hot SKU in a running flash sale (秒杀), bought by CONCURRENCY buyers at once through checkout over
 * HTTP (orders per second): each order takes the flash quota, the buyer's per-user allowance and the
 * SKU's stock with guarded single-statement updates. The baseline is the bare guarded decrement on the
 * same SKU row through `pg` with the same pool and concurrency. Afterwards the units sold must equal
 * the quota taken and the stock taken: zero oversell.
 */
export async function run() {
  const fixture = await startCommerceFixture(0);
  try {
    const hot = (await fixture.database.executeSql("select id from skus where sku_code = 'LY-001-1'", [])).rows[0] as { id: string };
    await fixture.database.executeSql('update skus set stock = $2 where id = $1', [hot.id, STOCK]);
    const admin = (await postJson(`${fixture.baseUrl}/admin/auth/login`, { phone: '13800000001', password: 'demo1234' })).body.token as string;
    const sale = await postJson(
      `${fixture.baseUrl}/admin/promotions/flash-sales`,
      {
        name: '压测秒杀',
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
        items: [{ skuId: hot.id, flashPriceFen: 990, quota: STOCK, perUserLimit: PER_USER_LIMIT }],
      },
      admin,
    );
    if (sale.status !== 201) throw new Error(`creating the flash sale answered ${sale.status}: ${JSON.stringify(sale.body)}`);
    const buyers: string[] = [];
    for (let n = 0; n < BUYERS; n++) buyers.push((await postJson(`${fixture.baseUrl}/shop/auth/wechat`, { code: `flash-buyer-${n}` })).body.token as string);
    const storeId = ((await fixture.database.executeSql("select id from stores where status = 'open' order by id limit 1", [])).rows[0] as { id: string }).id;

    const orders = await runFor(DURATION_MS, CONCURRENCY, async (worker, iteration) => {
      const token = buyers[(worker + iteration * CONCURRENCY) % BUYERS]!;
      const order = await postJson(`${fixture.baseUrl}/shop/orders`, { items: [{ skuId: hot.id, quantity: 1, flashSaleId: sale.body.id }], deliveryMethod: 'pickup', pickupStoreId: storeId }, token);
      if (order.status === 201) return true;
      // A buyer who used up their allowance is refused, as in a real sale; anything else is a failure.
      if (order.body?.error?.code === 'flash_sale_limit_reached') return false;
      throw new Error(`checkout answered ${order.status}: ${JSON.stringify(order.body)}`);
    });
    const single = async (text: string) => Number(Object.values((await fixture.database.executeSql(text, [hot.id])).rows[0] as object)[0]);
    const stockLeft = await single('select stock from skus where id = $1');
    const quotaLeft = await single('select remaining from flash_sale_items where sku_id = $1');
    const sold = await single('select coalesce(sum(quantity), 0)::int from order_lines where sku_id = $1');
    if (sold !== orders || sold !== STOCK - stockLeft || sold !== STOCK - quotaLeft || stockLeft < 0 || quotaLeft < 0) {
      throw new Error(`oversell check failed: sold ${sold}, orders ${orders}, stock taken ${STOCK - stockLeft}, quota taken ${STOCK - quotaLeft}`);
    }
    console.error(`flash-sale: ${orders} flash-sale orders on one SKU in ${DURATION_MS / 1000} s by ${BUYERS} buyers; sold ${sold} = stock taken = quota taken (zero oversell)`);

    const pool = new pg.Pool({ connectionString: fixture.database.url!, max: POOL_SIZE });
    const decrements = await runFor(DURATION_MS, CONCURRENCY, async () => {
      const result = await pool.query('update skus set stock = stock - 1 where id = $1 and stock >= 1', [hot.id]);
      return result.rowCount === 1;
    });
    await pool.end();
    const baseline = decrements / (DURATION_MS / 1000);
    console.error(`baseline: ${Math.round(baseline)} guarded decrements/s on the same row`);
    return { value: Math.round((orders / (DURATION_MS / 1000)) * 10) / 10, unit: 'orders/s', baseline: Math.round(baseline * 10) / 10 };
  } finally {
    await fixture.stop();
  }
}
