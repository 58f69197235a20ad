import type { Database } from '@linkmall/db';
import { evaluateRecommenders, formatEvaluationTable, loadSuperstoreDataset, type PurchaseFact } from '@linkmall/recommendation';

/** At most about this many of the loaded orders go into the evaluation (all orders of a sample of buyers). */
const EVALUATED_ORDERS = 150_000;

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/**
 * The paid orders of a random sample of the benchmark's buyers (every order of a sampled buyer, so
 * holding out each buyer's last order keeps its meaning), in one set-based read.
 */
async function sampledOrders(database: Database): Promise<PurchaseFact[]> {
  const paid = Number(((await database.executeSql(`select count(*)::int as n from orders where payment_status = 'paid'`)).rows[0] as { n: number }).n);
  const percent = Math.max(1, Math.min(100, Math.ceil((100 * EVALUATED_ORDERS) / Math.max(1, paid))));
  const { rows } = await database.executeSql(
    `select o.id, o.buyer_user_id, o.paid_at, o.shipping_address ->> 'province' as province, o.shipping_address ->> 'city' as city,
            array_agg(distinct l.product_id order by l.product_id) as product_ids
     from orders o join order_lines l on l.order_id = o.id
     where o.payment_status = 'paid' and abs(hashtext(o.buyer_user_id)) % 100 < $1
     group by o.id order by o.id`,
    [percent],
  );
  return (rows as { id: string; buyer_user_id: string; paid_at: Date; province: string | null; city: string | null; product_ids: string[] }[]).map((row) => ({
    orderId: row.id,
    personKey: row.buyer_user_id,
    paidAt: row.paid_at,
    productIds: row.product_ids,
    region: row.province ? { province: row.province, city: row.city ?? '' } : null,
  }));
}

/** Every product's category as the served model sees it: its leaf id, else its category text. */
async function productCategories(database: Database): Promise<Map<string, string>> {
  const { rows } = await database.executeSql('select id, category_id, category from products');
  return new Map((rows as { id: string; category_id: string | null; category: string | null }[]).flatMap((row) => (row.category_id ? [[row.id, row.category_id]] : row.category ? [[row.id, `text:${row.category}`]] : [])));
}

/**
 * Hit rate@10 and recall@10 of the recommenders against the popularity baseline (issue 6 wants them
 * to beat it), each customer's last paid order held out: on the Superstore orders shipped in npm and
 * on the benchmark's own orders. Prints the recommendation module's table; returns a summary.
 */
export async function evaluateRecommendations(database: Database, log: (message: string) => void) {
  const startedAt = performance.now();
  const platform = await sampledOrders(database);
  // With categories, so the hybrid row is the served model: its category strength fitted on each dataset's training orders.
  const datasets = [{ name: 'superstore', ...(await loadSuperstoreDataset()) }, { name: 'benchmark orders (sampled buyers)', orders: platform, categories: await productCategories(database) }];
  const reports = await evaluateRecommenders({ datasets, k: 10 });
  for (const line of formatEvaluationTable(reports).split('\n')) log(`recommendations: ${line}`);
  log(`recommendations: evaluated in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
  return reports.map((report) => ({
    dataset: report.dataset,
    customers: report.customers,
    verdict: report.verdict,
    categoryPseudoPurchases: report.categoryFit?.pseudoPurchases ?? null,
    ...Object.fromEntries(report.results.map((result) => [result.model, { hitRateAt10: round(result.hitRate), recallAt10: round(result.recall) }])),
  }));
}
