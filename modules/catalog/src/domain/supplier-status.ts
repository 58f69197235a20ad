import { transition, type TransitionTable } from './transition.ts';

export const SUPPLIER_STATUSES = ['pending_review', 'approved', 'rejected'] as const;
export type SupplierStatus = (typeof SUPPLIER_STATUSES)[number];

/**
 * `submit` sends the profile (back) to review; `edit_contact` changes only the contact person or
 * phone of an approved supplier, which the platform need not review again.
 */
export type SupplierEvent = 'submit' | 'edit_contact' | 'approve' | 'reject';

/** A newly submitted profile starts in `pending_review`. */
export const SUPPLIER_INITIAL_STATUS: SupplierStatus = 'pending_review';

export const SUPPLIER_TRANSITIONS: TransitionTable<SupplierStatus, SupplierEvent> = {
  pending_review: { submit: 'pending_review', approve: 'approved', reject: 'rejected' },
  approved: { submit: 'pending_review', edit_contact: 'approved' },
  rejected: { submit: 'pending_review' },
};

export const transitionSupplier = (from: SupplierStatus, event: SupplierEvent) => transition(SUPPLIER_TRANSITIONS, from, event);

export interface SupplierProfileFields {
  readonly companyName: string;
  readonly creditCode: string;
  readonly contactName: string;
  readonly contactPhone: string;
  readonly bankName: string;
  readonly bankAccountName: string;
  readonly bankAccountNumber: string;
}

/** Company identity and the settlement account are what the platform vouches for; contacts are not. */
const REVIEWED_FIELDS = ['companyName', 'creditCode', 'bankName', 'bankAccountName', 'bankAccountNumber'] as const;

/** Which event an update is: a contact-only change of an approved supplier keeps it approved. */
export function supplierUpdateEvent(status: SupplierStatus, before: SupplierProfileFields, after: SupplierProfileFields): SupplierEvent {
  const reviewedChanged = REVIEWED_FIELDS.some((field) => before[field] !== after[field]);
  return status === 'approved' && !reviewedChanged ? 'edit_contact' : 'submit';
}

/** 6222021234567890123 → ****0123: responses and the audit log never carry the whole account number. */
export function maskAccountNumber(accountNumber: string): string {
  return `****${accountNumber.slice(-4)}`;
}
