import pg from 'pg';
import { CONCURRENCY, POOL_SIZE, postJson, runFor, startCommerceFixture } from './commerce-fixture.ts';

const STOCK = 1_000_000;
const DURATION_MS = 10_000;

/**
 * One hot SKU bought by CONCURRENCY buyers at once through checkout over HTTP (orders per second),
 * against the bare guarded decrement statement on the same row through `pg` with the same pool and
 * concurrency. Afterwards the sold quantity must equal the stock taken: zero oversell.
 */
export async function run() {
  const fixture = await startCommerceFixture(0);
  try {
    const hot = (await fixture.database.executeSql("select id from skus where sku_code = 'LY-001-1'", [])).rows[0] as { id: string };
    await fixture.database.executeSql('update skus set stock = $2 where id = $1', [hot.id, STOCK]);
    const orders = await runFor(DURATION_MS, CONCURRENCY, async (worker) => {
      const token = fixture.buyerTokens[worker % fixture.buyerTokens.length]!;
      const order = await postJson(`${fixture.baseUrl}/shop/orders`, { items: [{ skuId: hot.id, quantity: 1 }], deliveryMethod: 'pickup', pickupStoreId: await pickupStore(fixture.database) }, token);
      if (order.status !== 201) throw new Error(`checkout answered ${order.status}: ${JSON.stringify(order.body)}`);
      return true;
    });
    const stockLeft = Number(((await fixture.database.executeSql('select stock from skus where id = $1', [hot.id])).rows[0] as { stock: number }).stock);
    const sold = Number(((await fixture.database.executeSql('select coalesce(sum(quantity), 0)::int as n from order_lines where sku_id = $1', [hot.id])).rows[0] as { n: number }).n);
    if (sold !== STOCK - stockLeft || sold !== orders || stockLeft < 0) throw new Error(`oversell check failed: sold ${sold}, orders ${orders}, stock taken ${STOCK - stockLeft}`);
    console.error(`flash-sale: ${orders} orders on one SKU in ${DURATION_MS / 1000} s, sold ${sold} = stock taken ${STOCK - stockLeft} (zero oversell)`);

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

let storeId: string | undefined;
async function pickupStore(database: { executeSql: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }> }): Promise<string> {
  storeId ??= ((await database.executeSql("select id from stores where status = 'open' order by id limit 1", [])).rows[0] as { id: string }).id;
  return storeId;
}
