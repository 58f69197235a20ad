import { err, ok, type Result } from '@linkmall/kernel';
import { parseAccountId } from './accounts.ts';
import type { Balance } from './balance.ts';

/**
 * A transfer moves an amount from one account (debit) to another (credit), TigerBeetle's model:
 * - `posted`: single-phase, final at once;
 * - `pending`: reserves the amount on both accounts until a later `post_pending` or `void_pending`
 *   (which name the pending transfer) settles or releases it, exactly once.
 * Transfers are never changed; a refund after posting is a new transfer that `reverses` the original.
 */
export const TRANSFER_KINDS = ['posted', 'pending', 'post_pending', 'void_pending'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

/** Small caller data carried on the transfer and hashed with it (e.g. order line, leg, profile version). */
export type Memo = Readonly<Record<string, string | number | boolean | null>>;

interface TransferInputCommon {
  /** The idempotency key, derived from the cause (order + line + leg); see deriveTransferId. */
  readonly id: string;
  /** Why the money moved, e.g. `commission.direct`, `clawback.take`. */
  readonly code?: string;
  /** What caused it, e.g. { causeType: 'order', causeId: 'ord_…' }; listed by transfersByCause. */
  readonly causeType?: string | null;
  readonly causeId?: string | null;
  /** The transfer this one corrects (a reversal or clawback after posting). */
  readonly reversesId?: string | null;
  readonly memo?: Memo | null;
}

export type TransferInput =
  | (TransferInputCommon & {
      readonly kind: 'posted' | 'pending';
      readonly debitAccountId: string;
      readonly creditAccountId: string;
      readonly amountFen: bigint;
      readonly code: string;
    })
  /** Posts a pending transfer: the whole amount by default, or less (the rest is released). */
  | (TransferInputCommon & { readonly kind: 'post_pending'; readonly pendingId: string; readonly amountFen?: bigint })
  | (TransferInputCommon & { readonly kind: 'void_pending'; readonly pendingId: string });

/** A transfer with every field settled, as it is stored (less what the database assigns). */
export interface ResolvedTransfer {
  readonly id: string;
  readonly kind: TransferKind;
  readonly debitAccountId: string;
  readonly creditAccountId: string;
  /** For `void_pending`, the amount released (the pending amount). */
  readonly amountFen: bigint;
  readonly pendingId: string | null;
  readonly reversesId: string | null;
  readonly code: string;
  readonly causeType: string | null;
  readonly causeId: string | null;
  readonly memo: Memo | null;
}

export interface Transfer extends ResolvedTransfer {
  /** Commit-independent insertion order; the hash chain seals transfers in this order. */
  readonly sequence: bigint;
  readonly createdAt: Date;
}

export type TransferValidationCode =
  | 'transfer_kind_invalid'
  | 'transfer_id_invalid'
  | 'transfer_code_invalid'
  | 'cause_invalid'
  | 'memo_invalid'
  | 'account_id_invalid'
  | 'accounts_must_be_different'
  | 'amount_must_be_positive'
  | 'pending_transfer_not_found'
  | 'pending_transfer_not_pending'
  | 'exceeds_pending_transfer_amount';

/**
 * A transfer id: up to 160 characters. The ledger derives some ids from others by a suffix
 * (`…:recovery`, `…:take`), which the database's 200-character bound leaves room for.
 */
export const TRANSFER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_:.-]{0,159}$/;
/** Ids built with deriveTransferId stay shorter still, so helpers can add `:post`, `:settle` and the like. */
const DERIVED_BASE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_:.-]{0,139}$/;
export const TRANSFER_CODE_PATTERN = /^[a-z][a-z0-9_.]{0,63}$/;
const CAUSE_PATTERN = /^[A-Za-z0-9_:.-]{1,100}$/;
const MEMO_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
/** Fen amounts fit PostgreSQL bigint; anything near it is a bug, not money. */
const MAX_AMOUNT_FEN = 2n ** 62n;

/**
 * The idempotency key of a transfer from its cause: `ord_…:line-1:direct`. The same cause always
 * gives the same id, so a redelivered event cannot move money twice.
 */
export function deriveTransferId(causeId: string, ...parts: string[]): string {
  const id = [causeId, ...parts].join(':');
  if (!DERIVED_BASE_ID_PATTERN.test(id) || parts.some((part) => part.length === 0)) throw new Error(`cannot derive a transfer id from ${id}`);
  return id;
}

function validateMemo(memo: Memo | null | undefined): boolean {
  if (memo === null || memo === undefined) return true;
  if (typeof memo !== 'object' || Array.isArray(memo)) return false;
  const entries = Object.entries(memo);
  if (entries.length > 20) return false;
  return entries.every(([key, value]) => {
    if (!MEMO_KEY_PATTERN.test(key)) return false;
    // Integers only: a float's text form differs between PostgreSQL jsonb and JavaScript, which would break the hash.
    if (typeof value === 'number') return Number.isSafeInteger(value);
    if (typeof value === 'string') return value.length <= 200;
    return value === null || typeof value === 'boolean';
  });
}

function validateCommon(input: TransferInputCommon): TransferValidationCode | null {
  if (typeof input.id !== 'string' || !TRANSFER_ID_PATTERN.test(input.id)) return 'transfer_id_invalid';
  if (input.code !== undefined && (typeof input.code !== 'string' || !TRANSFER_CODE_PATTERN.test(input.code))) return 'transfer_code_invalid';
  for (const part of [input.causeType, input.causeId]) {
    if (part !== undefined && part !== null && (typeof part !== 'string' || !CAUSE_PATTERN.test(part))) return 'cause_invalid';
  }
  const hasCauseType = (input.causeType ?? null) !== null;
  const hasCauseId = (input.causeId ?? null) !== null;
  // A cause is a type and an id together, or nothing.
  if (hasCauseType !== hasCauseId) return 'cause_invalid';
  if (input.reversesId !== undefined && input.reversesId !== null && !TRANSFER_ID_PATTERN.test(input.reversesId)) return 'transfer_id_invalid';
  if (!validateMemo(input.memo)) return 'memo_invalid';
  return null;
}

/**
 * Checks a transfer and fills what it inherits: a post or void takes its accounts, and by default its
 * amount, code and cause, from the pending transfer it settles. `pending` is that transfer, if found.
 */
export function resolveTransfer(input: TransferInput, pending: Transfer | undefined): Result<ResolvedTransfer, TransferValidationCode> {
  const problem = validateCommon(input);
  if (problem) return err(problem, { transferId: input.id });
  const common = {
    id: input.id,
    reversesId: input.reversesId ?? null,
    memo: input.memo ?? null,
  };
  if (input.kind === 'posted' || input.kind === 'pending') {
    if (input.code === undefined) return err('transfer_code_invalid', { transferId: input.id });
    if (!parseAccountId(input.debitAccountId) || !parseAccountId(input.creditAccountId)) return err('account_id_invalid', { transferId: input.id });
    if (input.debitAccountId === input.creditAccountId) return err('accounts_must_be_different', { transferId: input.id });
    if (typeof input.amountFen !== 'bigint' || input.amountFen <= 0n || input.amountFen > MAX_AMOUNT_FEN) return err('amount_must_be_positive', { transferId: input.id });
    return ok({
      ...common,
      kind: input.kind,
      debitAccountId: input.debitAccountId,
      creditAccountId: input.creditAccountId,
      amountFen: input.amountFen,
      pendingId: null,
      code: input.code,
      causeType: input.causeType ?? null,
      causeId: input.causeId ?? null,
    });
  }
  // Runtime callers may pass anything; the remaining kinds both name a pending transfer.
  const settle = input as Extract<TransferInput, { pendingId: string }>;
  if (settle.kind !== 'post_pending' && settle.kind !== 'void_pending') return err('transfer_kind_invalid', { transferId: input.id });
  if (typeof settle.pendingId !== 'string' || !TRANSFER_ID_PATTERN.test(settle.pendingId)) return err('transfer_id_invalid', { transferId: settle.id });
  if (!pending) return err('pending_transfer_not_found', { transferId: settle.id, pendingId: settle.pendingId });
  if (pending.kind !== 'pending') return err('pending_transfer_not_pending', { transferId: settle.id, pendingId: settle.pendingId });
  let amountFen = pending.amountFen;
  if (settle.kind === 'post_pending' && settle.amountFen !== undefined) {
    if (typeof settle.amountFen !== 'bigint' || settle.amountFen <= 0n) return err('amount_must_be_positive', { transferId: settle.id });
    if (settle.amountFen > pending.amountFen) return err('exceeds_pending_transfer_amount', { transferId: settle.id, pendingId: settle.pendingId });
    amountFen = settle.amountFen;
  }
  const inheritsCause = settle.causeType === undefined && settle.causeId === undefined;
  return ok({
    ...common,
    kind: settle.kind,
    debitAccountId: pending.debitAccountId,
    creditAccountId: pending.creditAccountId,
    amountFen,
    pendingId: pending.id,
    code: settle.code ?? pending.code,
    causeType: inheritsCause ? pending.causeType : (settle.causeType ?? null),
    causeId: inheritsCause ? pending.causeId : (settle.causeId ?? null),
  });
}

/** Whether a re-submitted transfer is the one already stored (then it is an idempotent no-op). */
export function sameTransfer(a: ResolvedTransfer, b: ResolvedTransfer): boolean {
  return (
    a.id === b.id &&
    a.kind === b.kind &&
    a.debitAccountId === b.debitAccountId &&
    a.creditAccountId === b.creditAccountId &&
    a.amountFen === b.amountFen &&
    a.pendingId === b.pendingId &&
    a.reversesId === b.reversesId &&
    a.code === b.code &&
    a.causeType === b.causeType &&
    a.causeId === b.causeId &&
    canonicalMemo(a.memo) === canonicalMemo(b.memo)
  );
}

export function canonicalMemo(memo: Memo | null): string {
  if (memo === null) return 'null';
  return JSON.stringify(Object.keys(memo).sort().map((key) => [key, memo[key]]));
}

/** The change one transfer makes to one side's account. */
export interface EntryDelta {
  readonly pendingDeltaFen: bigint;
  readonly postedDeltaFen: bigint;
}

/**
 * What a transfer does to both of its accounts. It is the same on both sides, which is why every
 * transfer balances by construction. `pendingAmountFen` is the amount of the pending transfer a post
 * or void settles (a partial post releases the rest).
 */
export function entryDelta(transfer: Pick<ResolvedTransfer, 'kind' | 'amountFen'>, pendingAmountFen: bigint | null): EntryDelta {
  switch (transfer.kind) {
    case 'posted':
      return { pendingDeltaFen: 0n, postedDeltaFen: transfer.amountFen };
    case 'pending':
      return { pendingDeltaFen: transfer.amountFen, postedDeltaFen: 0n };
    case 'post_pending':
      return { pendingDeltaFen: -(pendingAmountFen ?? transfer.amountFen), postedDeltaFen: transfer.amountFen };
    case 'void_pending':
      return { pendingDeltaFen: -(pendingAmountFen ?? transfer.amountFen), postedDeltaFen: 0n };
  }
}

export function applyDebit(balance: Balance, delta: EntryDelta): Balance {
  return { ...balance, debitsPending: balance.debitsPending + delta.pendingDeltaFen, debitsPosted: balance.debitsPosted + delta.postedDeltaFen };
}

export function applyCredit(balance: Balance, delta: EntryDelta): Balance {
  return { ...balance, creditsPending: balance.creditsPending + delta.pendingDeltaFen, creditsPosted: balance.creditsPosted + delta.postedDeltaFen };
}
