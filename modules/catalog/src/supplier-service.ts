import { err, maskPhone, ok, type PiiCipher, type RequestContext, type Result } from '@linkmall/kernel';
import { isUniqueViolation, pageWindow, type Db } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import { publishEvent } from '@linkmall/events';
import type { CatalogErrorCode } from './catalog-errors.ts';
import { catalogEvent } from './catalog-events.ts';
import { isForeignKeyViolation, transact } from './catalog-transaction.ts';
import { supplierOfScope } from './domain/catalog-scope.ts';
import { creditCodeProblem, normalizeCreditCode } from './domain/credit-code.ts';
import {
  maskAccountNumber,
  SUPPLIER_INITIAL_STATUS,
  supplierUpdateEvent,
  transitionSupplier,
  type SupplierProfileFields,
  type SupplierStatus,
} from './domain/supplier-status.ts';
import type { ReviewDecision } from './product-lifecycle-service.ts';
import { supplierStore, type SupplierProfileRow } from './supplier-store.ts';

export type SupplierProfileInput = SupplierProfileFields;

export interface SupplierProfileView {
  organizationId: string;
  companyName: string;
  creditCode: string;
  contactName: string;
  contactPhone: string;
  /** Only the last four digits of the account number ever leave the module. */
  settlementAccount: { bankName: string; accountName: string; accountNumberMasked: string };
  status: SupplierStatus;
  rejectionReason: string | null;
  submittedAt: string;
  reviewedAt: string | null;
  updatedAt: string;
}

const toView = (row: SupplierProfileRow): SupplierProfileView => ({
  organizationId: row.organization_id,
  companyName: row.company_name,
  creditCode: row.credit_code,
  contactName: row.contact_name,
  contactPhone: row.contact_phone,
  settlementAccount: { bankName: row.bank_name, accountName: row.bank_account_name, accountNumberMasked: maskAccountNumber(row.bank_account_number) },
  status: row.status,
  rejectionReason: row.rejection_reason,
  submittedAt: row.submitted_at.toISOString(),
  reviewedAt: row.reviewed_at?.toISOString() ?? null,
  updatedAt: row.updated_at.toISOString(),
});

/** The audit log keeps the masked view: neither the contact phone nor the account number is written out whole. */
const snapshot = (row: SupplierProfileRow) => {
  const { submittedAt: _submitted, reviewedAt: _reviewed, updatedAt: _updated, contactPhone, ...rest } = toView(row);
  return { ...rest, contactPhoneMasked: maskPhone(contactPhone.replace(/[\s-]/g, '')) };
};

const fieldsOf = (row: SupplierProfileRow): SupplierProfileFields => ({
  companyName: row.company_name,
  creditCode: row.credit_code,
  contactName: row.contact_name,
  contactPhone: row.contact_phone,
  bankName: row.bank_name,
  bankAccountName: row.bank_account_name,
  bankAccountNumber: row.bank_account_number,
});

/** Which profile an actor may touch: a supplier its own, platform staff any, others none. */
function canSee(ctx: RequestContext, organizationId: string): boolean {
  const scope = ctx.actor!.scope;
  return scope.kind === 'all' || (scope.kind === 'supplier' && scope.supplierId === organizationId);
}

export function createSupplierService(db: Db, pii: PiiCipher) {
  // Contact phones and account numbers are encrypted at rest; rows are decrypted as they leave the store.
  const readable = (row: SupplierProfileRow): SupplierProfileRow => ({
    ...row,
    contact_phone: pii.decrypt(row.contact_phone),
    bank_account_number: pii.decrypt(row.bank_account_number),
  });
  const sealed = <T extends Pick<SupplierProfileRow, 'contact_phone' | 'bank_account_number'>>(row: T): T => ({
    ...row,
    contact_phone: pii.encrypt(row.contact_phone),
    bank_account_number: pii.encrypt(row.bank_account_number),
  });
  const find = async (tx: Db, organizationId: string, options?: { forUpdate?: boolean }) => {
    const row = await supplierStore.find(tx, organizationId, options);
    return row && readable(row);
  };
  return {
    async get(ctx: RequestContext, organizationId: string): Promise<Result<SupplierProfileView, CatalogErrorCode>> {
      const row = canSee(ctx, organizationId) ? await find(db, organizationId) : undefined;
      return row ? ok(toView(row)) : err('supplier_not_found');
    },

    async list(ctx: RequestContext, query: { page: number; pageSize: number; status?: SupplierStatus }) {
      const scope = ctx.actor!.scope;
      if (scope.kind !== 'all' && scope.kind !== 'supplier') return { items: [], total: 0 };
      const own = supplierOfScope(scope);
      const { items, total } = await supplierStore.list(db, { ...(own ? { organizationId: own } : {}), ...(query.status ? { status: query.status } : {}) }, pageWindow(query));
      return { items: items.map((row) => toView(readable(row))), total };
    },

    /**
     * A supplier submits or updates its profile (platform staff may do it on its behalf). A new or
     * changed company or settlement account goes (back) to review; a contact change does not.
     */
    async submit(ctx: RequestContext, organizationId: string, input: SupplierProfileInput): Promise<Result<SupplierProfileView, CatalogErrorCode>> {
      if (!canSee(ctx, organizationId)) return err('supplier_not_found');
      const fields: SupplierProfileFields = { ...input, creditCode: normalizeCreditCode(input.creditCode), bankAccountNumber: input.bankAccountNumber.replace(/\s+/g, '') };
      const problem = creditCodeProblem(fields.creditCode);
      if (problem) return err('credit_code_invalid', { reason: problem });
      const now = ctx.clock.now();
      try {
        return await transact(db, async (tx) => {
          const holder = await supplierStore.findByCreditCode(tx, fields.creditCode);
          if (holder && holder.organization_id !== organizationId) return err('credit_code_taken');
          const before = await find(tx, organizationId, { forUpdate: true });
          const event = before ? supplierUpdateEvent(before.status, fieldsOf(before), fields) : 'submit';
          // Saving the same data again changes nothing, except that a rejected supplier asks for another review.
          if (before && before.status !== 'rejected' && JSON.stringify(fieldsOf(before)) === JSON.stringify(fields)) return ok(toView(before));
          const next = before ? transitionSupplier(before.status, event) : ok(SUPPLIER_INITIAL_STATUS);
          if (!next.ok) return err('supplier_status_conflict', { status: before!.status });
          const after: SupplierProfileRow = {
            organization_id: organizationId,
            company_name: fields.companyName,
            credit_code: fields.creditCode,
            contact_name: fields.contactName,
            contact_phone: fields.contactPhone,
            bank_name: fields.bankName,
            bank_account_name: fields.bankAccountName,
            bank_account_number: fields.bankAccountNumber,
            status: next.value,
            rejection_reason: next.value === 'rejected' ? (before?.rejection_reason ?? null) : null,
            submitted_at: event === 'submit' ? now : before!.submitted_at,
            reviewed_at: event === 'submit' ? null : (before?.reviewed_at ?? null),
            created_at: before?.created_at ?? now,
            updated_at: now,
          };
          if (before) {
            const { organization_id: _id, created_at: _created, ...patch } = after;
            await supplierStore.update(tx, organizationId, sealed(patch));
          } else await supplierStore.insert(tx, sealed(after));
          await recordAudit(tx, ctx, {
            action: event === 'submit' ? 'supplier.submitted' : 'supplier.updated',
            entityType: 'supplier_profile',
            entityId: organizationId,
            organizationId,
            before: before ? snapshot(before) : null,
            after: snapshot(after),
          });
          if (event === 'submit') await publishEvent(tx, ctx, catalogEvent('supplier.submitted', organizationId, { supplierId: organizationId }));
          return ok(toView(after));
        });
      } catch (error) {
        if (isForeignKeyViolation(error)) return err('supplier_not_found');
        if (isUniqueViolation(error, 'supplier_profiles_credit_code_key')) return err('credit_code_taken');
        throw error;
      }
    },

    async review(ctx: RequestContext, organizationId: string, decision: ReviewDecision): Promise<Result<SupplierProfileView, CatalogErrorCode | 'forbidden'>> {
      if (ctx.actor!.scope.kind !== 'all') return err('forbidden');
      const reason = decision.reason?.trim();
      if (decision.decision === 'reject' && !reason) return err('rejection_reason_required');
      return transact(db, async (tx) => {
        const before = await find(tx, organizationId, { forUpdate: true });
        if (!before) return err('supplier_not_found');
        const next = transitionSupplier(before.status, decision.decision);
        if (!next.ok) return err('supplier_status_conflict', { status: before.status });
        const now = ctx.clock.now();
        const after: SupplierProfileRow = {
          ...before,
          status: next.value,
          rejection_reason: decision.decision === 'reject' ? reason! : null,
          reviewed_at: now,
          updated_at: now,
        };
        await supplierStore.update(tx, organizationId, { status: after.status, rejection_reason: after.rejection_reason, reviewed_at: now, updated_at: now });
        await recordAudit(tx, ctx, {
          action: decision.decision === 'approve' ? 'supplier.approved' : 'supplier.rejected',
          entityType: 'supplier_profile',
          entityId: organizationId,
          organizationId,
          before: snapshot(before),
          after: snapshot(after),
        });
        await publishEvent(
          tx,
          ctx,
          decision.decision === 'approve'
            ? catalogEvent('supplier.approved', organizationId, { supplierId: organizationId })
            : catalogEvent('supplier.rejected', organizationId, { supplierId: organizationId, reason: reason! }),
        );
        return ok(toView(after));
      });
    },
  };
}
export type SupplierService = ReturnType<typeof createSupplierService>;
