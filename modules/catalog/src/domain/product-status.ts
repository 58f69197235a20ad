import { transition, type TransitionTable } from './transition.ts';

export const PRODUCT_STATUSES = ['draft', 'pending_review', 'approved', 'rejected', 'on_sale', 'off_sale'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/**
 * `edit` is a change of reviewed content (anything but stock): it sends an approved product back to
 * draft, so what is sold is always what the platform reviewed. Stock changes are not edits.
 */
export type ProductEvent = 'edit' | 'submit' | 'approve' | 'reject' | 'put_on_sale' | 'take_off_sale';

/**
 * Review before sale: draft → pending_review → approved → on_sale ⇄ off_sale, or rejected with a
 * reason and resubmitted. A product under review or on sale cannot be edited: take it off sale first.
 */
export const PRODUCT_TRANSITIONS: TransitionTable<ProductStatus, ProductEvent> = {
  draft: { edit: 'draft', submit: 'pending_review' },
  pending_review: { approve: 'approved', reject: 'rejected' },
  rejected: { edit: 'rejected', submit: 'pending_review' },
  approved: { edit: 'draft', put_on_sale: 'on_sale', take_off_sale: 'off_sale' },
  on_sale: { take_off_sale: 'off_sale' },
  off_sale: { edit: 'draft', put_on_sale: 'on_sale' },
};

export const transitionProduct = (from: ProductStatus, event: ProductEvent) => transition(PRODUCT_TRANSITIONS, from, event);

/** Statuses a merchant may pick from: reviewed and not withdrawn by the supplier. */
export const MERCHANT_VISIBLE_STATUSES: readonly ProductStatus[] = ['approved', 'on_sale'];
