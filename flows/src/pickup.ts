import { err, type RequestContext, type Result } from '@linkmall/kernel';
import type { FulfilmentService, PickupPreview } from '@linkmall/order';
import type { StoreService } from '@linkmall/store';

/** Collection at a store: the staff must belong to the store's merchant (the store module decides), then the order module hands over. */
export function createPickupFlow(deps: { stores: StoreService; fulfilment: FulfilmentService }) {
  return {
    /** The order behind a code at this store, for staff to check before handing over. */
    async preview(ctx: RequestContext, storeId: string, code: string): Promise<Result<PickupPreview, string>> {
      const store = await deps.stores.get(ctx, storeId);
      if (!store.ok) return err('store_not_found');
      return deps.fulfilment.pickupPreview(ctx, storeId, code);
    },

    async verify(ctx: RequestContext, storeId: string, code: string): Promise<Result<{ orderId: string; collected: number }, string>> {
      const store = await deps.stores.get(ctx, storeId);
      if (!store.ok) return err('store_not_found');
      return deps.fulfilment.collect(ctx, storeId, code);
    },
  };
}
export type PickupFlow = ReturnType<typeof createPickupFlow>;
