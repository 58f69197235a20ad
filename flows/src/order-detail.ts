import { ok, type PiiCipher, type RequestContext, type Result } from '@linkmall/kernel';
import type { FulfilmentService, OrderErrorCode, SubOrderStaffDetail } from '@linkmall/order';

export interface StaffAddress {
  readonly recipientName: string;
  /** In clear only for whoever ships the parcel (order.fulfil in scope); null for everyone else. */
  readonly phone: string | null;
  readonly phoneMasked: string;
  readonly province: string;
  readonly city: string;
  readonly district: string;
  readonly detail: string;
}

export type SubOrderDetailView = Omit<SubOrderStaffDetail, 'storedAddress'> & { shippingAddress: StaffAddress | null };

/**
 * A sub-order for staff. Dropship means the supplier ships to the buyer itself, so the supplier (and
 * platform staff who ship) read the recipient's phone in clear; merchants and readers see it masked.
 */
export function createOrderDetailFlow(deps: { fulfilment: FulfilmentService; pii: PiiCipher }) {
  return {
    async subOrder(ctx: RequestContext, subOrderId: string): Promise<Result<SubOrderDetailView, OrderErrorCode>> {
      const found = await deps.fulfilment.detailForStaff(ctx, subOrderId);
      if (!found.ok) return found;
      const { storedAddress, ...detail } = found.value;
      const ships = ctx.actor!.permissions.has('order.fulfil') && ctx.actor!.scope.kind !== 'merchant';
      return ok({ ...detail, shippingAddress: staffAddress(storedAddress, ships ? deps.pii : null) });
    },
  };
}
export type OrderDetailFlow = ReturnType<typeof createOrderDetailFlow>;

function staffAddress(stored: unknown, pii: PiiCipher | null): StaffAddress | null {
  if (!stored || typeof stored !== 'object') return null;
  const address = stored as Record<string, string>;
  return {
    recipientName: address.recipientName ?? '',
    phone: pii && address.phoneCipher ? pii.decrypt(address.phoneCipher) : null,
    phoneMasked: address.phoneMasked ?? '',
    province: address.province ?? '',
    city: address.city ?? '',
    district: address.district ?? '',
    detail: address.detail ?? '',
  };
}
