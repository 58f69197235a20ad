/**
 * `npm run recommend:validate`: the category strength fit in detail, on training orders only. Each
 * customer's last paid order is removed altogether (it stays unseen for `npm run recommend:evaluate`);
 * on the rest, per dataset:
 * - the fit the served model makes (each buyer's last remaining order scored against their earlier
 *   ones): the log-likelihood gain per product of every candidate pseudo-purchase count over the
 *   overall category mix, with its standard error, and the count chosen (or off);
 * - for reference, validation hits of the hybrid at every candidate count (each customer's
 *   second-to-last order scored), which the fit does not use.
 */
import { CATEGORY_STRENGTH_CANDIDATES, describeCategoryFit, evaluateOnOrders, loadSuperstoreDataset } from '@linkmall/recommendation';
import { platformShapedOrders } from './recommend-platform-shaped.ts';

const datasets = [{ name: 'superstore', ...(await loadSuperstoreDataset()) }, { name: 'platform-shaped', ...platformShapedOrders() }];

console.log("Validation: last paid orders removed, each customer's second-to-last scored, top 10\n");
for (const dataset of datasets) {
  const fitted = evaluateOnOrders(dataset.orders, { dataset: dataset.name, k: 10, categories: dataset.categories, split: 'validation', bootstrapSamples: 200 });
  console.log(`${dataset.name}: ${describeCategoryFit(fitted.categoryFit!)}`);
  const hits = [null, ...CATEGORY_STRENGTH_CANDIDATES].map((pseudo) => {
    const report = evaluateOnOrders(dataset.orders, { dataset: dataset.name, k: 10, categories: dataset.categories, categoryPseudoPurchases: pseudo, split: 'validation', bootstrapSamples: 200 });
    return `${pseudo ?? 'off'}: ${report.results.find((result) => result.model === 'hybrid')!.hits}`;
  });
  const popularity = fitted.results.find((result) => result.model === 'popularity')!;
  console.log(`  validation hits of the hybrid by pseudo purchases (popularity ${popularity.hits} / ${popularity.customers}): ${hits.join(', ')}\n`);
}
