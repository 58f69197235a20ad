import { err, ok, type Result } from '@linkmall/kernel';
import type { OpenIdLookup, PayoutOutcome, PayoutProvider, PayoutProviderErrorCode, PayoutTransfer } from './payout-ports.ts';

export const SANDBOX_PAYOUT_PROVIDER_NAME = 'sandbox_transfer';

/** What the sandbox did with one transfer; kept so `query` answers like a real channel would. */
export interface SandboxTransferRecord {
  readonly withdrawalId: string;
  readonly amountFen: bigint;
  readonly openId: string;
  readonly outcome: PayoutOutcome;
}

export interface SandboxPayoutOptions {
  /**
   * Decides each transfer's fate; by default every transfer succeeds at once. Tests pass one that
   * fails some transfers to exercise the money-returns path without a real channel.
   */
  readonly decide?: (transfer: PayoutTransfer) => { readonly status: 'paid' } | { readonly status: 'failed'; readonly reason: string };
}

/**
 * The offline payout channel for demos and development, as the sandbox payment provider is for
 * payments: no money moves, every transfer completes at once and is recorded, and `query` reports
 * what was recorded. Paying the same withdrawal again returns the first outcome (the withdrawal id is
 * the idempotency key, as with WeChat). Records live in memory: after a restart a withdrawal still in
 * flight is "not found", and the sync job hands it over again — harmless, since nothing real was paid.
 */
export function createSandboxPayoutProvider(options: SandboxPayoutOptions = {}) {
  const transfers = new Map<string, SandboxTransferRecord>();
  const decide = options.decide ?? (() => ({ status: 'paid' as const }));
  let sequence = 0;

  const provider: PayoutProvider & { readonly transfers: ReadonlyMap<string, SandboxTransferRecord> } = {
    name: SANDBOX_PAYOUT_PROVIDER_NAME,
    transfers,
    async pay(transfer: PayoutTransfer): Promise<Result<PayoutOutcome, PayoutProviderErrorCode>> {
      const existing = transfers.get(transfer.withdrawalId);
      if (existing) return ok(existing.outcome);
      const decision = decide(transfer);
      const providerReference = `sbx_${transfer.withdrawalId}_${++sequence}`;
      const outcome: PayoutOutcome = decision.status === 'paid' ? { status: 'paid', providerReference } : { status: 'failed', providerReference, reason: decision.reason };
      transfers.set(transfer.withdrawalId, { withdrawalId: transfer.withdrawalId, amountFen: transfer.amountFen, openId: transfer.openId, outcome });
      return ok(outcome);
    },
    async query(withdrawalId: string): Promise<Result<PayoutOutcome, PayoutProviderErrorCode>> {
      const record = transfers.get(withdrawalId);
      if (record) return ok(record.outcome);
      // Same shape as a real channel's "never received it", so the sync job re-sends under the same id.
      return err('payout_provider_rejected', { notFound: true });
    },
  };
  return provider;
}
export type SandboxPayoutProvider = ReturnType<typeof createSandboxPayoutProvider>;

/**
 * The sandbox pays "to WeChat" without WeChat: a member signed in by phone has no openid, so the
 * payee is a stable stand-in derived from the member id (distinct per member, so shared-payee
 * detection stays meaningful).
 */
export const sandboxOpenIdOf: OpenIdLookup = async (memberId) => `sandbox_${memberId}`;
