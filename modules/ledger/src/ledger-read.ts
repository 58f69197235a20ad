import { err, ok, type Result } from '@linkmall/kernel';
import { countRows, pageWindow, type Db, type PageRequest } from '@linkmall/db';
import type { Kysely } from 'kysely';
import {
  isValidMemberId,
  MEMBER_ACCOUNT_KINDS,
  memberAccountId,
  parseAccountId,
  PLATFORM_ACCOUNT_KINDS,
  platformAccountId,
  policyOf,
  type MemberAccountKind,
  type PlatformAccountKind,
} from './domain/accounts.ts';
import { outstandingDebitFen, pendingFen, postedFen, spendableFen, type Balance } from './domain/balance.ts';
import type { Memo, Transfer, TransferKind } from './domain/transfer.ts';
import type { LedgerErrorCode } from './ledger-errors.ts';
import { ledgerStore as store, toTransfer } from './ledger-store.ts';
import type { LedgerTables } from './ledger-tables.ts';

const t = (db: Db) => db as Kysely<LedgerTables>;

/** What a member sees: 待结算, 可提现, 提现中, 已提现 and what they still owe from clawbacks. */
export interface MemberBalances {
  readonly memberId: string;
  /** 待结算: rewards reserved at payment, not yet settled. */
  readonly pendingFen: bigint;
  /** 可提现: settled and free to withdraw (less amounts reserved by pending withdrawals). */
  readonly availableFen: bigint;
  /** 提现中: withdrawals requested and not yet paid or rejected. */
  readonly withdrawingFen: bigint;
  /** 已提现: paid out to the member, all time. */
  readonly paidOutFen: bigint;
  /** 待追回: clawback shortfall the member still owes, recovered from future credits. */
  readonly clawbackReceivableFen: bigint;
  readonly accounts: Readonly<Record<MemberAccountKind, Balance>>;
}

export async function memberBalances(db: Db, memberId: string): Promise<Result<MemberBalances, LedgerErrorCode>> {
  if (!isValidMemberId(memberId)) return err('member_id_invalid');
  const ids = MEMBER_ACCOUNT_KINDS.map((kind) => memberAccountId(memberId, kind));
  const balances = await store.balancesOf(db, ids);
  const accounts = Object.fromEntries(MEMBER_ACCOUNT_KINDS.map((kind) => [kind, balances.get(memberAccountId(memberId, kind))!])) as Record<MemberAccountKind, Balance>;
  return ok({
    memberId,
    pendingFen: pendingFen(accounts.pending, 'credit') + postedFen(accounts.pending, 'credit'),
    availableFen: spendableFen(accounts.available),
    withdrawingFen: postedFen(accounts.withdrawing, 'credit') + pendingFen(accounts.withdrawing, 'credit'),
    paidOutFen: postedFen(accounts.paid_out, 'credit'),
    clawbackReceivableFen: outstandingDebitFen(accounts.clawback_receivable),
    accounts,
  });
}

/** The platform accounts, each summed over its stripes, with the posted balance on its normal side. */
export async function platformBalances(db: Db): Promise<Record<PlatformAccountKind, Balance & { postedFen: bigint; pendingFen: bigint }>> {
  const ids = PLATFORM_ACCOUNT_KINDS.map((kind) => platformAccountId(kind));
  const balances = await store.balancesOf(db, ids);
  return Object.fromEntries(
    PLATFORM_ACCOUNT_KINDS.map((kind) => {
      const balance = balances.get(platformAccountId(kind))!;
      const side = policyOf(kind).normalSide;
      return [kind, { ...balance, postedFen: postedFen(balance, side), pendingFen: pendingFen(balance, side) }];
    }),
  ) as Record<PlatformAccountKind, Balance & { postedFen: bigint; pendingFen: bigint }>;
}

/** One line of a member's statement: what one transfer did to one of the member's accounts. */
export interface StatementLine {
  readonly sequence: bigint;
  readonly transferId: string;
  readonly transferKind: TransferKind;
  readonly accountKind: MemberAccountKind;
  readonly side: 'debit' | 'credit';
  /** The change to the account's posted balance, signed on its normal side (+ increases what the member sees). */
  readonly postedChangeFen: bigint;
  /** The change to the amount held pending, signed the same way. */
  readonly pendingChangeFen: bigint;
  readonly code: string;
  readonly causeType: string | null;
  readonly causeId: string | null;
  readonly reversesId: string | null;
  readonly memo: Memo | null;
  readonly createdAt: Date;
}

export async function memberStatement(
  db: Db,
  memberId: string,
  page: PageRequest,
  filter: { accountKinds?: readonly MemberAccountKind[] } = {},
): Promise<Result<{ items: StatementLine[]; total: number }, LedgerErrorCode>> {
  if (!isValidMemberId(memberId)) return err('member_id_invalid');
  const kinds = filter.accountKinds?.length ? filter.accountKinds : MEMBER_ACCOUNT_KINDS;
  const query = t(db)
    .selectFrom('ledger_entries')
    .innerJoin('ledger_transfers', 'ledger_transfers.id', 'ledger_entries.transfer_id')
    .where(
      'ledger_entries.account_id',
      'in',
      kinds.map((kind) => memberAccountId(memberId, kind)),
    );
  const { limit, offset } = pageWindow(page);
  const [rows, total] = await Promise.all([
    query
      .select([
        'ledger_entries.sequence',
        'ledger_entries.account_id',
        'ledger_entries.side',
        'ledger_entries.pending_delta_fen',
        'ledger_entries.posted_delta_fen',
        'ledger_transfers.id',
        'ledger_transfers.kind',
        'ledger_transfers.code',
        'ledger_transfers.cause_type',
        'ledger_transfers.cause_id',
        'ledger_transfers.reverses_id',
        'ledger_transfers.memo',
        'ledger_transfers.created_at',
      ])
      .orderBy('ledger_entries.sequence', 'desc')
      .orderBy('ledger_entries.side', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    countRows(query.select('ledger_entries.transfer_id')),
  ]);
  const items = rows.map((row): StatementLine => {
    const account = parseAccountId(row.account_id)!;
    const sign = row.side === account.policy.normalSide ? 1n : -1n;
    return {
      sequence: BigInt(row.sequence),
      transferId: row.id,
      transferKind: row.kind,
      accountKind: account.kind as MemberAccountKind,
      side: row.side,
      postedChangeFen: sign * BigInt(row.posted_delta_fen),
      pendingChangeFen: sign * BigInt(row.pending_delta_fen),
      code: row.code,
      causeType: row.cause_type,
      causeId: row.cause_id,
      reversesId: row.reverses_id,
      memo: row.memo,
      createdAt: row.created_at,
    };
  });
  return ok({ items, total });
}

/** Every transfer an order (or other cause) produced, oldest first, including posts, voids and corrections. */
export async function transfersByCause(db: Db, causeId: string, causeType?: string): Promise<Transfer[]> {
  let query = t(db).selectFrom('ledger_transfers').selectAll().where('cause_id', '=', causeId);
  if (causeType !== undefined) query = query.where('cause_type', '=', causeType);
  return (await query.orderBy('sequence').execute()).map(toTransfer);
}

export async function transferById(db: Db, id: string): Promise<Transfer | null> {
  return (await store.transfersByIds(db, [id])).get(id) ?? null;
}
