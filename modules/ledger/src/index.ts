export {
  MEMBER_ACCOUNT_KINDS,
  PLATFORM_ACCOUNT_KINDS,
  PLATFORM_STRIPES,
  memberAccountId,
  memberAccountIds,
  platformAccountId,
  parseAccountId,
  policyOf,
  isValidMemberId,
  type AccountKind,
  type MemberAccountKind,
  type PlatformAccountKind,
  type AccountPolicy,
  type NormalSide,
} from './domain/accounts.ts';
export { spendableFen, outstandingDebitFen, postedFen, pendingFen, sumBalances, ZERO_BALANCE, type Balance } from './domain/balance.ts';
export { TRANSFER_KINDS, deriveTransferId, type TransferInput, type TransferKind, type Transfer, type Memo } from './domain/transfer.ts';
export { RECOVERY_CODE, RECOVERY_SUFFIX } from './domain/batch.ts';
export {
  accrueCommission,
  settleCommission,
  voidCommission,
  splitClawback,
  SETTLE_POST_SUFFIX,
  SETTLE_MOVE_SUFFIX,
  VOID_SUFFIX,
  CLAWBACK_TAKE_SUFFIX,
  CLAWBACK_SHORTFALL_SUFFIX,
  type CommissionLine,
  type ClawbackInput,
} from './domain/commission.ts';
export {
  GENESIS_HASH,
  canonicalTransfer,
  transferDigest,
  chainHash,
  toTransferRecord,
  verifyProof,
  type TransferRecord,
  type LedgerProof,
  type ProofRecord,
  type ProofVerification,
  type ChainPoint,
} from './domain/chain.ts';
export { sha256Hex } from './domain/sha256.ts';
export { applyTransfers, clawBack, MAX_BATCH_SIZE, type ApplyOptions, type ApplyOutcome, type AppliedTransfer, type ClawbackOutcome } from './ledger-apply.ts';
export { seal, sealAll, chainHead, proofFor, MAX_PROOF_RECORDS, type SealOutcome } from './ledger-chain.ts';
export { memberBalances, platformBalances, memberStatement, transfersByCause, transferById, type MemberBalances, type StatementLine } from './ledger-read.ts';
export { verifyLedger, type LedgerVerification, type VerificationCheck } from './ledger-verify.ts';
export { createLedgerService, ledgerSealJob, type LedgerService } from './ledger-service.ts';
export { ledgerErrors, type LedgerErrorCode } from './ledger-errors.ts';
export type { LedgerTables } from './ledger-tables.ts';
