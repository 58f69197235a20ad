import type { Generated } from 'kysely';
import type { WithdrawalStatus } from './domain/withdrawal-state.ts';
import type { AnomalyRule } from './domain/anomaly-rules.ts';

export interface PayoutIdentityTable {
  user_id: string;
  real_name: string;
  id_number_cipher: string;
  id_number_hash: string;
  id_number_masked: string;
  verified_at: Date;
}

export interface PayoutWithdrawalTable {
  id: string;
  member_id: string;
  amount_fen: bigint | string;
  fee_fen: bigint | string;
  method: 'wechat' | 'bank';
  status: WithdrawalStatus;
  needs_second_approval: boolean;
  bank_name: string | null;
  bank_account_cipher: string | null;
  bank_account_masked: string | null;
  payee_account_hash: string | null;
  device_id: string | null;
  business_day: string;
  first_approved_by: string | null;
  first_approved_at: Date | null;
  second_approved_by: string | null;
  second_approved_at: Date | null;
  rejected_by: string | null;
  rejection_reason: string | null;
  held_reason: string | null;
  bank_batch_id: string | null;
  provider: string | null;
  provider_reference: string | null;
  failure_reason: string | null;
  requested_at: Date;
  updated_at: Date;
  finished_at: Date | null;
  version: Generated<number>;
}

export interface PayoutBankBatchTable {
  id: string;
  status: 'exported' | 'paid';
  withdrawal_count: number;
  total_fen: bigint | string;
  exported_by: string;
  exported_at: Date;
  paid_by: string | null;
  paid_at: Date | null;
}

export interface PayoutAnomalyTable {
  id: string;
  rule: AnomalyRule;
  subject_key: string;
  member_ids: string[];
  evidence: unknown;
  status: 'open' | 'resolved' | 'dismissed';
  detected_at: Date;
  resolved_by: string | null;
  resolved_at: Date | null;
  resolution_note: string | null;
}

export interface PayoutTables {
  payout_identities: PayoutIdentityTable;
  payout_withdrawals: PayoutWithdrawalTable;
  payout_bank_batches: PayoutBankBatchTable;
  payout_anomalies: PayoutAnomalyTable;
}
