/**
 * Months of paid order history for replenishment tests, written straight into the order tables (the
 * checkout cannot pay an order in the past). Each (SKU, day) is one paid order paid at noon Beijing
 * time, with the same columns the checkout and payment flows fill.
 */
export interface SqlRunner {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export interface DemandDay {
  readonly day: string;
  readonly quantity: number;
  /** Units refunded afterwards (refunded_quantity on the line). */
  readonly refunded?: number;
  /** An order that was never paid: it must not count as demand. */
  readonly unpaid?: boolean;
}

const DAY_MS = 86_400_000;

export function dayBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}

/** `weeks` weeks of a weekly pattern ending on `lastDay` (pattern[0] falls on the first day). */
export function weeklyDemand(lastDay: string, weeks: number, pattern: readonly number[]): DemandDay[] {
  const days = weeks * pattern.length;
  return Array.from({ length: days }, (_, index) => ({ day: dayBefore(lastDay, days - 1 - index), quantity: pattern[index % pattern.length]! })).filter((entry) => entry.quantity > 0);
}

let sequence = 0;

export async function insertDemand(database: SqlRunner, skuCode: string, days: readonly DemandDay[]): Promise<void> {
  const { rows } = await database.executeSql(
    'select s.id, s.product_id, s.supplier_id, s.suggested_retail_price_fen::int as price, s.supply_price_fen::int as supply, p.title from skus s join products p on p.id = s.product_id where s.sku_code = $1',
    [skuCode],
  );
  const sku = rows[0] as { id: string; product_id: string; supplier_id: string; price: number; supply: number; title: string } | undefined;
  if (!sku) throw new Error(`no SKU ${skuCode}`);
  const buyer = (await database.executeSql("select id from users where 'consumer' = any(roles) order by id limit 1", [])).rows[0] as { id: string };
  for (const entry of days) {
    const id = `rpl${String(++sequence).padStart(6, '0')}`;
    const paidAt = `${entry.day}T04:00:00Z`;
    const total = sku.price * entry.quantity;
    const status = entry.unpaid ? 'unpaid' : 'paid';
    await database.executeSql(
      `insert into orders (id, buyer_user_id, delivery_method, shipping_address, goods_fen, discount_fen, shipping_fen, payable_fen, payment_status, expires_at, created_at, paid_at)
       values ($1, $2, 'delivery', '{}'::jsonb, $3, 0, 0, $3, $4, $5::timestamptz + interval '30 minutes', $5::timestamptz, case when $4 = 'paid' then $5::timestamptz end)`,
      [`ord_${id}`, buyer.id, total, status, paidAt],
    );
    await database.executeSql(
      `insert into sub_orders (id, order_id, supplier_id, status, goods_fen, discount_fen, shipping_fen, payable_fen, created_at, updated_at)
       values ($1, $2, $3, $4, $5, 0, 0, $5, $6, $6)`,
      [`sub_${id}`, `ord_${id}`, sku.supplier_id, entry.unpaid ? 'created' : 'completed', total, paidAt],
    );
    const refunded = entry.refunded ?? 0;
    await database.executeSql(
      `insert into order_lines (id, order_id, sub_order_id, sku_id, product_id, title, specs, quantity, unit_price_fen, supply_price_fen, line_total_fen, discount_fen, payable_fen, refunded_quantity, refunded_fen)
       values ($1, $2, $3, $4, $5, $6, '', $7, $8, $9, $10, 0, $10, $11, $12)`,
      [`oln_${id}`, `ord_${id}`, `sub_${id}`, sku.id, sku.product_id, sku.title, entry.quantity, sku.price, sku.supply, total, refunded, refunded * sku.price],
    );
  }
}
