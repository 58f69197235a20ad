import type { PiiCipher } from '@linkmall/kernel';
import type { Db } from '@linkmall/db';
import { createAnomalyService } from './anomaly-service.ts';
import { DEFAULT_ANOMALY_THRESHOLDS, type AnomalyThresholds } from './domain/anomaly-rules.ts';
import { DEFAULT_WITHDRAWAL_POLICY, type WithdrawalPolicy } from './domain/withdrawal-rules.ts';
import { noCommerceFacts, noTeamFacts, type CommerceFacts, type OpenIdLookup, type PayoutLedger, type PayoutProvider, type TeamFacts } from './payout-ports.ts';
import { createStatementService } from './statement-service.ts';
import { createWithdrawalService } from './withdrawal-service.ts';

export interface PayoutModuleOptions {
  readonly db: Db;
  readonly pii: PiiCipher;
  readonly ledger: PayoutLedger;
  readonly policy?: WithdrawalPolicy;
  readonly thresholds?: AnomalyThresholds;
  readonly wechat?: { readonly provider: PayoutProvider; readonly openIdOf: OpenIdLookup } | null;
  readonly teamFacts?: TeamFacts;
  /** Paid orders, refunds and login phones for the team-health rules (order, payment and identity reads). */
  readonly commerceFacts?: CommerceFacts;
}

/** Withdrawals, statements and team health over one database and the ledger port. */
export function createPayoutModule(options: PayoutModuleOptions) {
  const withdrawals = createWithdrawalService({ db: options.db, pii: options.pii, ledger: options.ledger, policy: options.policy ?? DEFAULT_WITHDRAWAL_POLICY, wechat: options.wechat ?? null });
  const statements = createStatementService(options.ledger);
  const anomalies = createAnomalyService({ db: options.db, pii: options.pii, facts: options.teamFacts ?? noTeamFacts, commerce: options.commerceFacts ?? noCommerceFacts, thresholds: options.thresholds ?? DEFAULT_ANOMALY_THRESHOLDS });
  return { withdrawals, statements, anomalies };
}
export type PayoutModule = ReturnType<typeof createPayoutModule>;

export { payoutShopRoutes, payoutAdminRoutes } from './payout-routes.ts';
export { payoutErrors, type PayoutErrorCode } from './payout-errors.ts';
export type { PayoutEvents } from './payout-events.ts';
export type { PayoutTables } from './payout-tables.ts';
export { noCommerceFacts, noTeamFacts, type CommerceFacts, type PayoutLedger, type PayoutLeg, type PayoutAccount, type PayoutProvider, type PayoutTransfer, type PayoutOutcome, type PayoutProviderErrorCode, type TeamFacts, type OpenIdLookup, type MemberNameLookup } from './payout-ports.ts';
export { DEFAULT_WITHDRAWAL_POLICY, withdrawalFeeFen, beijingDay, beijingMonthRange, type WithdrawalPolicy } from './domain/withdrawal-rules.ts';
export { DEFAULT_ANOMALY_THRESHOLDS, ANOMALY_RULES, type AnomalyRule, type AnomalyThresholds, type Binding, type UpgradeFact } from './domain/anomaly-rules.ts';
export { WITHDRAWAL_STATUSES, transition as withdrawalTransition, type WithdrawalStatus } from './domain/withdrawal-state.ts';
export { isValidIdNumber, idNumberCheckCharacter, maskIdNumber } from './domain/id-number.ts';
export type { StatementLineFact } from './domain/statement.ts';
export type { WithdrawalService } from './withdrawal-service.ts';
export type { AnomalyService } from './anomaly-service.ts';
export type { StatementService } from './statement-service.ts';
export { createSandboxPayoutProvider, sandboxOpenIdOf, SANDBOX_PAYOUT_PROVIDER_NAME, type SandboxPayoutProvider, type SandboxPayoutOptions, type SandboxTransferRecord } from './sandbox-payout-provider.ts';
export { payoutPersonalData } from './payout-personal-data.ts';
