import { createCatalogService, type CatalogService } from '@linkmall/catalog';
import type { Db } from '@linkmall/db';
import type { PiiCipher } from '@linkmall/kernel';
import type { RecommendationModule } from '@linkmall/recommendation';

/**
 * The shop's product lists, search and product cards read from the replica: they are the busiest
 * reads and a second of lag is invisible there. Everything else of the catalog (admin pages, stock,
 * checkout's SKUs under lock, fixed prices) stays on the primary, where a write is read back at once.
 */
export function withReplicaShopReads(catalog: CatalogService, replicaDb: Db | null, pii: PiiCipher): CatalogService {
  return replicaDb ? { ...catalog, shop: createCatalogService(replicaDb, pii).shop } : catalog;
}

/**
 * Recommendations are served from the replica (`recommend`, `rankCandidates`); learning from paid
 * orders and rebuilding write, so they stay on the primary.
 */
export function withReplicaRecommendations(primary: RecommendationModule, replica: RecommendationModule | null): RecommendationModule {
  if (!replica) return primary;
  return { ...primary, recommend: replica.recommend, rankCandidates: replica.rankCandidates };
}
