import type { Db } from '@linkmall/db';
import { evaluateOnOrders, type EvaluationReport } from './domain/evaluation.ts';
import type { PurchaseFact } from './domain/interaction-model.ts';
import { loadSuperstoreDataset } from './superstore-dataset.ts';

export interface EvaluateOptions {
  readonly datasets?: readonly EvaluationDataset[];
  readonly k?: number;
  /** 'validation' scores each customer's second-to-last order with the last ones removed (choosing weights). */
  readonly split?: 'held-out' | 'validation';
}

export interface EvaluationDataset {
  readonly name: string;
  readonly orders: readonly PurchaseFact[];
  /** Each product's catalog category (a leaf), for the category affinity of the served hybrid. */
  readonly categories?: ReadonlyMap<string, string>;
}

/**
 * Hit rate@k and recall@k of the item-to-item recommender, the served hybrid and the popularity
 * baseline, each customer's last order held out. Without datasets, the Superstore orders shipped in
 * npm; the `recommend:evaluate` script adds the platform's own paid orders. The dashboard bench
 * prints the same table.
 */
export async function evaluateRecommenders(options: EvaluateOptions | Db = {}): Promise<EvaluationReport[]> {
  // A caller holding only a database (the dashboard bench) gets the Superstore evaluation: reading the
  // platform's orders takes the order module, which the script wires.
  const settings: EvaluateOptions = 'selectFrom' in options ? {} : options;
  const datasets = settings.datasets ?? [{ name: 'superstore', ...(await loadSuperstoreDataset()) }];
  return datasets.map((dataset) =>
    evaluateOnOrders(dataset.orders, { dataset: dataset.name, k: settings.k ?? 10, ...(dataset.categories ? { categories: dataset.categories } : {}), ...(settings.split ? { split: settings.split } : {}) }),
  );
}
