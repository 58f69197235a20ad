import { seededRandom } from '@linkmall/kernel';
/**
 * Platform-shaped orders for the recommendation evaluation, generated in memory with the same choices
 * the dashboard benchmark's loader makes in SQL (bench/dashboard-data.ts), so the evaluation runs
 * without loading a database: 2,000 products in 20 leaf categories (product p in category p mod 20),
 * buyers by a power law (low indexes buy again and again), each living in one of 40 regions and
 * preferring one category; 1 to 3 lines per order, 70 % from the buyer's preferred category and the
 * rest from the whole catalog, both by a Zipf-like popularity rank; 93 % of orders paid; order times
 * over one year, leaning to recent months. Seeded, so every run sees the same orders.
 */
import type { PurchaseFact } from '@linkmall/recommendation';

const PRODUCTS = 2_000;
const CATEGORIES = 20;
const REGIONS = 40;


/** The benchmark's Zipf-like rank in [0, n): rank r is drawn with probability about 1 / (r + 1). */
const zipf = (uniform: number, n: number) => Math.min(n - 1, Math.floor(Math.pow(n + 1, uniform)) - 1);

const productId = (index: number) => `prd_${String(index).padStart(6, '0')}`;

export interface PlatformShapedOptions {
  /** The benchmark at scale 0.02 (20,000 orders by 6,000 buyers): large enough for tight intervals, quick to evaluate. */
  readonly orders?: number;
  readonly buyers?: number;
  readonly seed?: number;
}

export function platformShapedOrders(options: PlatformShapedOptions = {}): { orders: PurchaseFact[]; categories: Map<string, string> } {
  const random = seededRandom(options.seed ?? 600);
  const buyerCount = options.buyers ?? 6_000;
  const orderCount = options.orders ?? 20_000;
  const buyers = Array.from({ length: buyerCount }, (_, index) => ({
    personKey: `usr_${String(index).padStart(8, '0')}`,
    region: zipf(random(), REGIONS),
    preferredCategory: Math.floor(random() * CATEGORIES),
  }));
  const referenceMs = Date.UTC(2026, 10, 1);
  const orders: PurchaseFact[] = [];
  for (let number = 1; number <= orderCount; number++) {
    const buyer = buyers[Math.floor(buyerCount * Math.pow(random(), 1.8))]!;
    const paidAt = new Date(referenceMs - Math.floor(365 * 86_400 * Math.pow(random(), 1.25)) * 1000);
    if (random() >= 0.93) continue;
    const lineCount = 1 + Number(random() < 0.3) + Number(random() < 0.1);
    const productIds: string[] = [];
    for (let line = 0; line < lineCount; line++) {
      const index = random() < 0.7 ? buyer.preferredCategory + CATEGORIES * zipf(random(), PRODUCTS / CATEGORIES) : zipf(random(), PRODUCTS);
      if (!productIds.includes(productId(index))) productIds.push(productId(index));
    }
    const region = { province: `province-${buyer.region}`, city: `city-${buyer.region}` };
    orders.push({ orderId: `ord_${String(number).padStart(10, '0')}`, personKey: buyer.personKey, paidAt, productIds, region });
  }
  const categories = new Map(Array.from({ length: PRODUCTS }, (_, index) => [productId(index), `cat_${index % CATEGORIES}`] as const));
  return { orders, categories };
}
