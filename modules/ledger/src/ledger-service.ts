import type { RequestContext, Result } from '@linkmall/kernel';
import type { Db, PageRequest } from '@linkmall/db';
import type { ScheduledJobDefinition } from '@linkmall/events';
import type { MemberAccountKind } from './domain/accounts.ts';
import type { LedgerProof } from './domain/chain.ts';
import type { ClawbackInput } from './domain/commission.ts';
import type { TransferInput } from './domain/transfer.ts';
import { applyTransfers, clawBack, type ApplyOutcome, type ClawbackOutcome } from './ledger-apply.ts';
import { chainHead, proofFor, seal, sealAll } from './ledger-chain.ts';
import type { LedgerErrorCode } from './ledger-errors.ts';
import { memberBalances, memberStatement, platformBalances, transferById, transfersByCause } from './ledger-read.ts';
import { verifyLedger } from './ledger-verify.ts';

/**
 * The ledger as one object for a composition root. Writes take the caller's transaction first
 * (`tx`), because money always moves inside the transaction that records its cause; reads use the
 * database the service was made with.
 */
export function createLedgerService(db: Db) {
  return {
    /** Applies a linked batch all-or-nothing in `tx` (see applyTransfers). */
    apply: (tx: Db, ctx: RequestContext, transfers: readonly TransferInput[]): Promise<Result<ApplyOutcome, LedgerErrorCode>> =>
      applyTransfers(tx, ctx, transfers),
    /** Claws back from 可提现, booking any shortfall as a receivable (see clawBack). */
    clawBack: (tx: Db, ctx: RequestContext, input: ClawbackInput): Promise<Result<ClawbackOutcome, LedgerErrorCode>> => clawBack(tx, ctx, input),
    memberBalances: (memberId: string) => memberBalances(db, memberId),
    platformBalances: () => platformBalances(db),
    statement: (memberId: string, page: PageRequest, filter?: { accountKinds?: readonly MemberAccountKind[] }) => memberStatement(db, memberId, page, filter),
    transfersByCause: (causeId: string, causeType?: string) => transfersByCause(db, causeId, causeType),
    transfer: (id: string) => transferById(db, id),
    seal: (options?: { limit?: number; now?: Date }) => seal(db, options),
    sealAll: (options?: { now?: Date }) => sealAll(db, options),
    chainHead: () => chainHead(db),
    proofFor: (memberId: string, options?: { fromPosition?: bigint }): Promise<Result<LedgerProof, LedgerErrorCode>> => proofFor(db, memberId, options),
    verify: () => verifyLedger(db),
  };
}
export type LedgerService = ReturnType<typeof createLedgerService>;

/** The scheduled job that seals new transfers into the chain; the composition root registers it. */
export function ledgerSealJob(db: Db, onSealed?: (sealed: number) => void): ScheduledJobDefinition {
  return {
    name: 'ledger.seal',
    cron: '* * * * *',
    handle: async (ctx) => {
      const outcome = await sealAll(db, { now: ctx.clock.now() });
      if (outcome.sealed > 0) onSealed?.(outcome.sealed);
    },
  };
}
