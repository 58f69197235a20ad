import { err, ok, type DataScope, type Result } from '@linkmall/kernel';
import { MERCHANT_VISIBLE_STATUSES, type ProductStatus } from './product-status.ts';

export type ProductVisibility =
  | { readonly kind: 'all' }
  | { readonly kind: 'supplier'; readonly supplierId: string }
  | { readonly kind: 'statuses'; readonly statuses: readonly ProductStatus[] };

/**
 * Which products an actor sees: platform staff all of them, a supplier its own, a merchant the
 * reviewed ones it may pick from, anyone else only what is on sale.
 */
export function productVisibility(scope: DataScope): ProductVisibility {
  switch (scope.kind) {
    case 'all':
      return { kind: 'all' };
    case 'supplier':
      return { kind: 'supplier', supplierId: scope.supplierId };
    case 'merchant':
      return { kind: 'statuses', statuses: MERCHANT_VISIBLE_STATUSES };
    case 'self':
      return { kind: 'statuses', statuses: ['on_sale'] };
  }
}

/**
 * The supplier a write acts for. A supplier always acts for itself (naming another supplier finds
 * nothing, as if it did not exist); platform staff must name one; nobody else acts for suppliers.
 */
export function actingSupplier(scope: DataScope, requested: string | undefined): Result<string, 'supplier_required' | 'supplier_not_found'> {
  if (scope.kind === 'supplier') return requested === undefined || requested === scope.supplierId ? ok(scope.supplierId) : err('supplier_not_found');
  if (scope.kind === 'all') return requested === undefined ? err('supplier_required') : ok(requested);
  return err('supplier_not_found');
}

/** The supplier whose rows a reader is limited to: its own for a supplier, none (null) for platform staff. */
export function supplierOfScope(scope: DataScope): string | null {
  return scope.kind === 'supplier' ? scope.supplierId : null;
}
