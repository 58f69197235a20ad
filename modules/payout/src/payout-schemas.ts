import { FenSchema, IsoDateTimeSchema, z } from '@linkmall/http';
import { ANOMALY_RULES } from './domain/anomaly-rules.ts';
import { WITHDRAWAL_STATUSES } from './domain/withdrawal-state.ts';

export const VerifyIdentitySchema = z
  .object({
    realName: z.string().trim().min(2).max(30).regex(/^[\p{Script=Han}·A-Za-z ]+$/u),
    idNumber: z.string().trim().regex(/^\d{17}[\dXx]$/).openapi({ example: '11010519491231002X' }),
  })
  .strict()
  .openapi('VerifyIdentity');

export const IdentitySchema = z
  .object({ verified: z.boolean(), realName: z.string().nullable(), idNumberMasked: z.string().nullable(), verifiedAt: IsoDateTimeSchema.nullable() })
  .openapi('PayoutIdentity');

export const RequestWithdrawalSchema = z
  .object({
    amountFen: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).openapi({ example: 10_000 }),
    method: z.enum(['wechat', 'bank']),
    bankAccount: z
      .object({ bankName: z.string().trim().min(2).max(50), accountNumber: z.string().trim().regex(/^\d{12,30}$/) })
      .strict()
      .optional(),
    deviceId: z.string().trim().min(1).max(100).regex(/^[\w.:-]+$/).optional(),
  })
  .strict()
  .openapi('RequestWithdrawal');

export const WithdrawalSchema = z
  .object({
    id: z.string(),
    memberId: z.string(),
    /** The member's display name (finance reads it here; it has no user.read). */
    memberName: z.string().nullable().optional(),
    amountFen: FenSchema,
    feeFen: FenSchema,
    method: z.enum(['wechat', 'bank']),
    status: z.enum(WITHDRAWAL_STATUSES),
    statusLabel: z.string(),
    needsSecondApproval: z.boolean(),
    bankName: z.string().nullable(),
    bankAccountMasked: z.string().nullable(),
    firstApprovedBy: z.string().nullable(),
    secondApprovedBy: z.string().nullable(),
    rejectionReason: z.string().nullable(),
    heldReason: z.string().nullable(),
    failureReason: z.string().nullable(),
    bankBatchId: z.string().nullable(),
    requestedAt: IsoDateTimeSchema,
    finishedAt: IsoDateTimeSchema.nullable(),
  })
  .openapi('Withdrawal');

export const ReasonSchema = z.object({ reason: z.string().trim().min(1).max(200) }).strict().openapi('WithdrawalReason');
export const NoteSchema = z.object({ note: z.string().trim().min(1).max(200) }).strict().openapi('WithdrawalNote');

export const MonthQuerySchema = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).openapi({ example: '2026-05' }) });

export const StatementSchema = z
  .object({
    memberId: z.string(),
    month: z.string(),
    openingFen: z.number().int(),
    rewardsFen: z.number().int(),
    clawbacksFen: z.number().int(),
    withdrawalsFen: z.number().int(),
    feesFen: z.number().int(),
    otherFen: z.number().int(),
    closingFen: z.number().int(),
    paidOutFen: z.number().int(),
  })
  .openapi('PayoutStatement');

export const BankBatchExportSchema = z
  .object({ batchId: z.string(), withdrawalCount: z.number().int(), totalFen: FenSchema, csv: z.string() })
  .openapi('PayoutBankBatchExport');

export const BankBatchPaidSchema = z.object({ batchId: z.string(), status: z.literal('paid'), paidCount: z.number().int() }).openapi('PayoutBankBatchPaid');

export const AnomalySchema = z
  .object({
    id: z.string(),
    rule: z.enum(ANOMALY_RULES),
    memberIds: z.array(z.string()),
    /** Display names of the members named, by id. */
    memberNames: z.record(z.string(), z.string()).optional(),
    evidence: z.record(z.string(), z.unknown()),
    status: z.enum(['open', 'resolved', 'dismissed']),
    detectedAt: IsoDateTimeSchema,
    resolvedBy: z.string().nullable(),
    resolvedAt: IsoDateTimeSchema.nullable(),
    resolutionNote: z.string().nullable(),
  })
  .openapi('PayoutAnomaly');

export const ResolveAnomalySchema = z
  .object({ status: z.enum(['resolved', 'dismissed']), note: z.string().trim().min(1).max(200) })
  .strict()
  .openapi('ResolveAnomaly');

export const UserIdQuery = z.string().regex(/^usr_[0-9a-z]{26}$/);
