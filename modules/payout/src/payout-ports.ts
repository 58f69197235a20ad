import type { RequestContext, Result } from '@linkmall/kernel';
import type { Db } from '@linkmall/db';
import type { Binding, UpgradeFact } from './domain/anomaly-rules.ts';
import type { StatementLineFact } from './domain/statement.ts';

/**
 * The ledger as payouts need it. The composition root adapts the ledger module to this port (modules
 * never import each other), mapping accounts onto the chart of accounts (docs/chart-of-accounts.md).
 */
export type PayoutAccount =
  | { readonly memberId: string; readonly kind: 'available' | 'withdrawing' | 'paid_out' }
  | { readonly platform: 'payouts' | 'fees' };

export interface PayoutLeg {
  /** Derived from the withdrawal id and the step, so a retried step cannot move money twice. */
  readonly id: string;
  readonly debit: PayoutAccount;
  readonly credit: PayoutAccount;
  readonly amountFen: bigint;
  readonly code: string;
}

export interface PayoutLedger {
  /** Applies the legs as one linked batch inside `tx`; an overdraft comes back as `insufficient_balance`. */
  move(tx: Db, ctx: RequestContext, legs: readonly PayoutLeg[], cause: { causeType: string; causeId: string }): Promise<Result<void, 'insufficient_balance' | 'ledger_rejected'>>;
  /** What the member can withdraw now (可提现, less pending debits). */
  availableFen(memberId: string): Promise<bigint>;
  /** Every posted line of the member's available and paid-out accounts, for statements. */
  lines(memberId: string): Promise<StatementLineFact[]>;
}

/** One transfer to a member's WeChat balance (商家转账到零钱) or bank account. */
export interface PayoutTransfer {
  /** Our withdrawal id: the provider's idempotency key. */
  readonly withdrawalId: string;
  readonly amountFen: bigint;
  /** WeChat openid of the member in the paying app. */
  readonly openId: string;
  readonly remark: string;
}

export type PayoutOutcome =
  | { readonly status: 'accepted'; readonly providerReference: string | null }
  | { readonly status: 'paid'; readonly providerReference: string | null }
  | { readonly status: 'failed'; readonly providerReference: string | null; readonly reason: string };

export type PayoutProviderErrorCode = 'payout_provider_unavailable' | 'payout_provider_rejected';

/** The port every payout channel implements: hand a transfer over, and ask how it went. */
export interface PayoutProvider {
  readonly name: string;
  pay(transfer: PayoutTransfer): Promise<Result<PayoutOutcome, PayoutProviderErrorCode>>;
  query(withdrawalId: string): Promise<Result<PayoutOutcome, PayoutProviderErrorCode>>;
}

/**
 * Team facts owned by the distribution engine (bindings, upgrades, referrer chains); the composition
 * root passes the engine's `teamFacts`. `noTeamFacts` is for tests of the other rules.
 */
export interface TeamFacts {
  bindingsSince(since: Date): Promise<Binding[]>;
  upgradesSince(since: Date): Promise<UpgradeFact[]>;
  /** For each member, their referrer, the referrer's referrer, … up to `depth`. */
  uplines(memberIds: readonly string[], depth: number): Promise<Map<string, string[]>>;
}

/**
 * Facts the team-health rules read from other contexts: paid orders with their stored shipping
 * address (order), refunds (payment) and buyers' login phone hashes (identity). The composition
 * root passes each owning module's read; `noCommerceFacts` is for tests of the other rules.
 */
export interface CommerceFacts {
  paidOrdersSince(since: Date, limit: number): Promise<{ orderId: string; buyerUserId: string; paidAt: Date; shippingAddress: unknown }[]>;
  refundedOrdersSince(since: Date): Promise<{ orderId: string; refundedAt: Date }[]>;
  loginPhoneHashes(userIds: readonly string[]): Promise<Map<string, string>>;
}

export const noCommerceFacts: CommerceFacts = {
  paidOrdersSince: async () => [],
  refundedOrdersSince: async () => [],
  loginPhoneHashes: async () => new Map(),
};

export const noTeamFacts: TeamFacts = {
  bindingsSince: async () => [],
  upgradesSince: async () => [],
  uplines: async () => new Map(),
};

/**
 * Display names of members by id (identity), so finance sees who a withdrawal or finding is about
 * without the general user.read permission: only the ids on the rows it may already see are named.
 */
export type MemberNameLookup = (memberIds: readonly string[]) => Promise<ReadonlyMap<string, { readonly displayName: string }>>;

/** Where a member's WeChat openid comes from (identity), for WeChat transfers. */
export type OpenIdLookup = (memberId: string) => Promise<string | null>;
