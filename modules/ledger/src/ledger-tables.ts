import type { ColumnType, Generated } from 'kysely';
import type { AccountKind, NormalSide } from './domain/accounts.ts';
import type { Memo, TransferKind } from './domain/transfer.ts';

export interface LedgerAccountTable {
  id: string;
  owner_id: string | null;
  kind: AccountKind;
  normal_side: NormalSide;
  debits_must_not_exceed_credits: boolean;
  credits_must_not_exceed_debits: boolean;
  stripes: number;
  created_at: Date;
}

export interface LedgerBalanceTable {
  account_id: string;
  stripe: number;
  debits_must_not_exceed_credits: boolean;
  credits_must_not_exceed_debits: boolean;
  debits_pending: Generated<bigint>;
  credits_pending: Generated<bigint>;
  debits_posted: Generated<bigint>;
  credits_posted: Generated<bigint>;
}

export interface LedgerTransferTable {
  id: string;
  sequence: Generated<bigint>;
  kind: TransferKind;
  debit_account_id: string;
  credit_account_id: string;
  amount_fen: bigint;
  pending_id: string | null;
  reverses_id: string | null;
  code: string;
  cause_type: string | null;
  cause_id: string | null;
  /** Written as JSON text, read back as an object. */
  memo: ColumnType<Memo | null, string | null, never>;
  created_at: Date;
}

export interface LedgerEntryTable {
  transfer_id: string;
  side: 'debit' | 'credit';
  account_id: string;
  stripe: number;
  pending_delta_fen: bigint;
  posted_delta_fen: bigint;
  sequence: bigint;
}

export interface LedgerSealQueueTable {
  sequence: bigint;
  transfer_id: string;
}

export interface LedgerChainTable {
  position: bigint;
  transfer_id: string;
  digest: string;
  previous_hash: string;
  hash: string;
  sealed_at: Date;
}

export interface LedgerTables {
  ledger_accounts: LedgerAccountTable;
  ledger_balances: LedgerBalanceTable;
  ledger_transfers: LedgerTransferTable;
  ledger_entries: LedgerEntryTable;
  ledger_seal_queue: LedgerSealQueueTable;
  ledger_chain: LedgerChainTable;
}
