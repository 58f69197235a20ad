import { seededRandom } from '@linkmall/kernel';
import { fitCategoryStrength, type CategoryFit } from './category-strength.ts';
import { InteractionModel, type PurchaseFact } from './interaction-model.ts';
import { DEFAULT_WEIGHTS, ITEM_TO_ITEM_ONLY, POPULARITY_ONLY, rankProducts, WITHOUT_CATEGORIES, type RankingWeights } from './ranking.ts';

/**
 * Offline evaluation: per customer, the last paid order is held out; every other order trains the
 * model; each model recommends k products to the customer from their training history, and is
 * scored on the held-out order's products that were new to the customer (a product they already
 * had is never recommended, so it could not be hit by any model).
 */

export interface RankingMetrics {
  /** Share of customers with at least one held-out product in their top k. */
  readonly hitRate: number;
  /** Mean over customers of (held-out products in the top k) / (held-out products). */
  readonly recall: number;
  /** Customers with at least one hit. */
  readonly hits: number;
  readonly customers: number;
}

/** Hit rate@k and recall@k of recommendation lists against the relevant sets, customer by customer. */
export function metricsAtK(recommended: readonly (readonly string[])[], relevant: readonly ReadonlySet<string>[], k: number): RankingMetrics {
  if (recommended.length !== relevant.length) throw new Error('one recommendation list per relevant set');
  let hits = 0;
  let recallSum = 0;
  let customers = 0;
  recommended.forEach((list, index) => {
    const wanted = relevant[index]!;
    if (wanted.size === 0) return;
    customers++;
    const found = new Set(list.slice(0, k).filter((productId) => wanted.has(productId))).size;
    if (found > 0) hits++;
    recallSum += found / wanted.size;
  });
  return { hitRate: customers === 0 ? 0 : hits / customers, recall: customers === 0 ? 0 : recallSum / customers, hits, customers };
}

export interface HeldOutSplit {
  readonly training: PurchaseFact[];
  readonly tests: { readonly personKey: string; readonly relevant: ReadonlySet<string> }[];
}

const byTime = (left: PurchaseFact, right: PurchaseFact) => left.paidAt.getTime() - right.paidAt.getTime() || (left.orderId < right.orderId ? -1 : left.orderId > right.orderId ? 1 : 0);

/** Each customer with two or more orders gives their last (by time, then order id) to the test side. */
export function holdOutLastOrders(orders: readonly PurchaseFact[]): HeldOutSplit {
  const byCustomer = new Map<string, PurchaseFact[]>();
  for (const order of [...orders].sort(byTime)) byCustomer.set(order.personKey, [...(byCustomer.get(order.personKey) ?? []), order]);
  const training: PurchaseFact[] = [];
  const tests: HeldOutSplit['tests'] = [];
  for (const [personKey, history] of [...byCustomer].sort(([left], [right]) => (left < right ? -1 : 1))) {
    if (history.length < 2) {
      training.push(...history);
      continue;
    }
    const earlier = history.slice(0, -1);
    training.push(...earlier);
    const seen = new Set(earlier.flatMap((order) => order.productIds));
    const relevant = new Set(history.at(-1)!.productIds.filter((productId) => !seen.has(productId)));
    if (relevant.size > 0) tests.push({ personKey, relevant });
  }
  return { training, tests };
}

export interface ModelResult extends RankingMetrics {
  /** hybrid: what is served (category strength fitted on the training orders); hybrid without categories: affinity off. */
  readonly model: 'popularity' | 'item-to-item' | 'hybrid without categories' | 'hybrid';
  /** Paired bootstrap 95% interval of (this model's hit rate − popularity's); null for popularity itself. */
  readonly hitRateDifference95: readonly [number, number] | null;
}

export interface EvaluationReport {
  readonly dataset: string;
  readonly protocol: 'last order per customer held out' | 'second-to-last order per customer, last removed';
  readonly k: number;
  readonly trainingOrders: number;
  readonly products: number;
  readonly customers: number;
  readonly results: readonly ModelResult[];
  /**
   * Whether the training data holds co-purchase patterns at all: product pairs bought by two or more
   * of the same customers, against the same count after the customers' baskets were shuffled (each
   * keeps its size, each product its frequency). Close numbers mean pairs are coincidences.
   */
  readonly repeatedPairs: { readonly observed: number; readonly shuffled: number };
  /**
   * The category strength the served hybrid used, fitted on the training orders only (each buyer's
   * last training order scored against their earlier ones); null when the dataset has no categories
   * or the caller fixed the strength.
   */
  readonly categoryFit: CategoryFit | null;
  /** 'beats' only when the hybrid's whole 95% interval lies above popularity. */
  readonly verdict: 'beats popularity' | 'within noise of popularity' | 'below popularity' | 'not enough data';
}

export interface EvaluationOptions {
  readonly dataset?: string;
  readonly k?: number;
  /** The served blend's weights; its category strength is fitted unless `categoryPseudoPurchases` fixes it. */
  readonly weights?: RankingWeights;
  /** A fixed category strength for the hybrid instead of the fit (comparing candidates); null: off. */
  readonly categoryPseudoPurchases?: number | null;
  readonly bootstrapSamples?: number;
  /** Each product's catalog category (a leaf), for category affinity; without it the hybrid ignores categories. */
  readonly categories?: ReadonlyMap<string, string>;
  /** Which orders are scored: the last per customer (default), or the second-to-last with the last dropped (validation). */
  readonly split?: 'held-out' | 'validation';
}


/** 95% interval of the mean difference of per-customer hits, resampling customers with replacement. */
function pairedBootstrap(model: readonly number[], baseline: readonly number[], samples: number): [number, number] {
  const random = seededRandom(20_251_122);
  const count = model.length;
  const differences: number[] = [];
  for (let sample = 0; sample < samples; sample++) {
    let sum = 0;
    for (let draw = 0; draw < count; draw++) {
      const index = Math.floor(random() * count);
      sum += model[index]! - baseline[index]!;
    }
    differences.push(sum / count);
  }
  differences.sort((left, right) => left - right);
  return [differences[Math.floor(samples * 0.025)]!, differences[Math.min(samples - 1, Math.floor(samples * 0.975))]!];
}

/** Product pairs met by at least two people, in the given baskets. */
function repeatedPairCount(baskets: readonly (readonly string[])[]): number {
  const pairs = new Map<string, number>();
  for (const basket of baskets) {
    const products = [...new Set(basket)].sort();
    for (let first = 0; first < products.length; first++) {
      for (let second = first + 1; second < products.length; second++) {
        const key = `${products[first]}\u0000${products[second]}`;
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
    }
  }
  let repeated = 0;
  for (const count of pairs.values()) if (count >= 2) repeated++;
  return repeated;
}

function repeatedPairs(model: InteractionModel, people: readonly string[]) {
  const baskets = people.map((personKey) => [...model.productsOf(personKey)]);
  const pool = baskets.flat();
  const random = seededRandom(7);
  for (let index = pool.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [pool[index], pool[other]] = [pool[other]!, pool[index]!];
  }
  let offset = 0;
  const shuffled = baskets.map((basket) => pool.slice(offset, (offset += basket.length)));
  return { observed: repeatedPairCount(baskets), shuffled: repeatedPairCount(shuffled) };
}

/** Trains on the split's training orders and scores the three models on its held-out orders. */
export function evaluateOnOrders(orders: readonly PurchaseFact[], options: EvaluationOptions = {}): EvaluationReport {
  const k = options.k ?? 10;
  const outer = holdOutLastOrders(orders);
  // Validation: the held-out orders are removed altogether and each customer's second-to-last is scored.
  const split = options.split === 'validation' ? holdOutLastOrders(outer.training) : outer;
  const model = new InteractionModel();
  for (const order of split.training) model.applyOrder(order);
  const people = [...new Set(split.training.map((order) => order.personKey))].sort();
  const base = {
    dataset: options.dataset ?? 'orders',
    protocol: options.split === 'validation' ? ('second-to-last order per customer, last removed' as const) : ('last order per customer held out' as const),
    k,
    trainingOrders: split.training.length,
    products: model.persons.size,
    customers: split.tests.length,
    repeatedPairs: repeatedPairs(model, people),
  };
  // The strength is fitted as serving fits it, on the training orders alone: the scored orders play no part.
  const categoryFit = options.categories && options.categoryPseudoPurchases === undefined ? fitCategoryStrength(split.training, options.categories) : null;
  if (split.tests.length === 0) return { ...base, categoryFit, results: [], verdict: 'not enough data' };

  const served: RankingWeights = {
    ...(options.weights ?? DEFAULT_WEIGHTS),
    categoryPseudoPurchases: options.categoryPseudoPurchases !== undefined ? options.categoryPseudoPurchases : (categoryFit?.pseudoPurchases ?? null),
  };
  const variants = [
    ['popularity', POPULARITY_ONLY],
    ['item-to-item', ITEM_TO_ITEM_ONLY],
    ['hybrid without categories', WITHOUT_CATEGORIES],
    ['hybrid', served],
  ] as const;
  const relevant = split.tests.map((test) => test.relevant);
  const lists = variants.map(([, weights]) =>
    split.tests.map((test) => {
      const seeds = [...model.productsOf(test.personKey)];
      return rankProducts({
        seeds,
        neighbours: new Map(seeds.map((seed) => [seed, model.neighboursOf(seed)])),
        persons: model.persons,
        popularity: model.popularity,
        regional: model.regionalPopularity(model.regionOf(test.personKey)),
        ...(options.categories ? { categories: options.categories } : {}),
        weights,
        limit: k,
      }).map((ranked) => ranked.productId);
    }),
  );
  const hitsPerCustomer = lists.map((list) => list.map((recommended, index) => (recommended.some((productId) => relevant[index]!.has(productId)) ? 1 : 0)));
  const samples = options.bootstrapSamples ?? 2000;
  const results: ModelResult[] = variants.map(([name], index) => ({
    model: name,
    ...metricsAtK(lists[index]!, relevant, k),
    hitRateDifference95: index === 0 ? null : pairedBootstrap(hitsPerCustomer[index]!, hitsPerCustomer[0]!, samples),
  }));
  const [low, high] = results.find((result) => result.model === 'hybrid')!.hitRateDifference95!;
  const verdict = low > 0 ? 'beats popularity' : high < 0 ? 'below popularity' : 'within noise of popularity';
  return { ...base, categoryFit, results, verdict };
}

const percent = (value: number) => `${(value * 100).toFixed(2)}%`;

/** The reports as a plain text table, one row per dataset and model. */
export function formatEvaluationTable(reports: readonly EvaluationReport[]): string {
  const header = ['dataset', 'model', 'customers', 'hit rate@k', 'recall@k', 'hits', 'Δ hit rate vs popularity (95%)'];
  const rows = reports.flatMap((report) =>
    report.results.length === 0
      ? [[report.dataset, '-', String(report.customers), '-', '-', '-', report.verdict]]
      : report.results.map((result) => [
          report.dataset,
          result.model,
          String(result.customers),
          percent(result.hitRate),
          percent(result.recall),
          String(result.hits),
          result.hitRateDifference95 ? `${percent(result.hitRateDifference95[0])} … ${percent(result.hitRateDifference95[1])}` : 'baseline',
        ]),
  );
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  const summary = reports.flatMap((report) => [
    `${report.dataset}: k=${report.k}, ${report.trainingOrders} training orders, ${report.products} products; ` +
      `pairs bought by 2+ customers: ${report.repeatedPairs.observed} (shuffled baskets: ${report.repeatedPairs.shuffled}); hybrid ${report.verdict}`,
    ...(report.categoryFit ? [`  ${describeCategoryFit(report.categoryFit)}`] : []),
  ]);
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line), '', ...summary].join('\n');
}

/** One line on a category strength fit: what is served and the evidence per candidate. */
export function describeCategoryFit(fit: CategoryFit): string {
  const candidates = fit.candidates.map((candidate) => `${candidate.pseudoPurchases}: ${candidate.gain >= 0 ? '+' : ''}${candidate.gain.toFixed(3)} ± ${candidate.standardError.toFixed(3)}`).join(', ');
  return (
    `category strength fitted on training orders: ${fit.pseudoPurchases ?? 'off'} (${fit.why}; ${fit.buyers} buyers, ${fit.products} products scored` +
    (candidates ? `; gain per product in nats ± 1 s.e. by pseudo purchases: ${candidates})` : ')')
  );
}
