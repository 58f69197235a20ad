import type { Db } from '@linkmall/db';
import type { Clock } from '@linkmall/kernel';
import { fitCategoryStrength, type CategoryFit, type FitOrder } from './domain/category-strength.ts';
import type { ProductCategories } from './recommendation-ports.ts';
import { recommendationStore as store } from './recommendation-store.ts';

/**
 * The served category strength: fitted from the deployment's own purchases (the model's tables), kept
 * in memory with the model. Fitted on first use (so at start), again after every rebuild, and by a
 * process that runs no rebuild (an API process next to a worker) once its fit is a day old, in the
 * background while the old value keeps serving. No table holds it: each process fits its own copy
 * from the same tables, deterministically, so the copies agree once they have seen the same data.
 */

/** At most this many buyers are fitted on: far more than it takes to tell the candidates apart, and bounded memory at any scale. */
const FIT_BUYERS = 20_000;
/** Product ids per categories lookup. */
const CATEGORY_BATCH = 1_000;
const REFIT_AFTER_MS = 24 * 3_600_000;

export interface CategoryStrengthDependencies {
  readonly db: Db;
  readonly clock: Clock;
  readonly productCategories?: ProductCategories | undefined;
  /** A fixed strength instead of the fit (null: affinity off); undefined: fitted. */
  readonly fixed?: number | null | undefined;
  /** The popularity pool the ranking's category mix comes from, so the fit scores the served formula. */
  readonly poolSize: number;
}

export function createCategoryStrength(deps: CategoryStrengthDependencies) {
  let fitted: { fit: CategoryFit; at: number } | null = null;
  let fitting: Promise<CategoryFit> | null = null;

  async function categoriesOf(productIds: readonly string[]): Promise<Map<string, string>> {
    const categories = new Map<string, string>();
    for (let offset = 0; offset < productIds.length; offset += CATEGORY_BATCH) {
      for (const [productId, category] of await deps.productCategories!(productIds.slice(offset, offset + CATEGORY_BATCH))) categories.set(productId, category);
    }
    return categories;
  }

  async function fitNow(): Promise<CategoryFit> {
    const [moments, pool] = await Promise.all([store.purchaseMoments(deps.db, FIT_BUYERS), store.popular(deps.db, deps.poolSize)]);
    // Each buyer's products first met at one moment form one order.
    const orders = new Map<string, { orderId: string; personKey: string; paidAt: Date; productIds: string[] }>();
    for (const moment of moments) {
      const key = `${moment.personKey}\u0000${moment.at.toISOString()}`;
      const order = orders.get(key);
      if (order) order.productIds.push(moment.productId);
      else orders.set(key, { orderId: key, personKey: moment.personKey, paidAt: moment.at, productIds: [moment.productId] });
    }
    const categories = await categoriesOf([...new Set([...moments.map((moment) => moment.productId), ...pool.keys()])].sort());
    const fit = fitCategoryStrength([...orders.values()] satisfies FitOrder[], categories, pool);
    fitted = { fit, at: deps.clock.now().getTime() };
    return fit;
  }

  /** One fit at a time: callers arriving meanwhile share it. */
  function refit(): Promise<CategoryFit> {
    fitting ??= fitNow().finally(() => (fitting = null));
    return fitting;
  }

  const enabled = () => deps.fixed === undefined && deps.productCategories !== undefined;

  return {
    /** The strength to rank with now: the fixed one, or the fit (fitting on first use). */
    async current(): Promise<number | null> {
      if (deps.fixed !== undefined) return deps.fixed;
      if (!enabled()) return null;
      if (!fitted) return (await refit()).pseudoPurchases;
      // A stale fit keeps serving while a fresh one is made; a failed refit is tried again on a later request.
      if (deps.clock.now().getTime() - fitted.at > REFIT_AFTER_MS) refit().catch(() => undefined);
      return fitted.fit.pseudoPurchases;
    },

    /** Fits again from the tables as they are now (after a rebuild); null when the strength is fixed or categories are unknown. */
    async refitNow(): Promise<CategoryFit | null> {
      if (!enabled()) return null;
      // A fit begun before the tables changed would return the old answer: wait for it, then fit anew.
      await fitting?.catch(() => undefined);
      return refit();
    },

    /** The fit being served (fitting on first use); null when the strength is fixed or categories are unknown. */
    async fit(): Promise<CategoryFit | null> {
      if (!enabled()) return null;
      return fitted?.fit ?? refit();
    },
  };
}
