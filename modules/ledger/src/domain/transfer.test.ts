import { describe, expect, it } from 'vitest';
import { memberAccountId, platformAccountId } from './accounts.ts';
import { deriveTransferId, entryDelta, resolveTransfer, sameTransfer, type Transfer } from './transfer.ts';

const expense = platformAccountId('commission_expense');
const pendingOfAlice = memberAccountId('alice', 'pending');

const pending: Transfer = {
  id: 'ord_1:l1:direct',
  sequence: 1n,
  kind: 'pending',
  debitAccountId: expense,
  creditAccountId: pendingOfAlice,
  amountFen: 1000n,
  pendingId: null,
  reversesId: null,
  code: 'commission.direct',
  causeType: 'order',
  causeId: 'ord_1',
  memo: null,
  createdAt: new Date(),
};

describe('resolveTransfer', () => {
  it('validates posted and pending transfers', () => {
    const base = { kind: 'posted' as const, id: 'ord_1:l1:x', debitAccountId: expense, creditAccountId: pendingOfAlice, amountFen: 5n, code: 'commission.direct' };
    expect(resolveTransfer(base, undefined).ok).toBe(true);
    expect(resolveTransfer({ ...base, amountFen: 0n }, undefined)).toMatchObject({ ok: false, code: 'amount_must_be_positive' });
    expect(resolveTransfer({ ...base, creditAccountId: expense }, undefined)).toMatchObject({ ok: false, code: 'accounts_must_be_different' });
    expect(resolveTransfer({ ...base, creditAccountId: 'acc_alice_savings' }, undefined)).toMatchObject({ ok: false, code: 'account_id_invalid' });
    expect(resolveTransfer({ ...base, id: 'has space' }, undefined)).toMatchObject({ ok: false, code: 'transfer_id_invalid' });
    expect(resolveTransfer({ ...base, code: 'Bad Code' }, undefined)).toMatchObject({ ok: false, code: 'transfer_code_invalid' });
    expect(resolveTransfer({ ...base, causeType: 'order' }, undefined)).toMatchObject({ ok: false, code: 'cause_invalid' });
    expect(resolveTransfer({ ...base, memo: { rate: 0.5 } }, undefined)).toMatchObject({ ok: false, code: 'memo_invalid' });
  });

  it('fills a post or void from its pending transfer and bounds a partial post', () => {
    const post = resolveTransfer({ kind: 'post_pending', id: 'ord_1:l1:direct:post', pendingId: pending.id }, pending);
    expect(post).toMatchObject({ ok: true, value: { debitAccountId: expense, creditAccountId: pendingOfAlice, amountFen: 1000n, code: 'commission.direct', causeId: 'ord_1' } });
    expect(resolveTransfer({ kind: 'post_pending', id: 'p2', pendingId: pending.id, amountFen: 1001n }, pending)).toMatchObject({ ok: false, code: 'exceeds_pending_transfer_amount' });
    expect(resolveTransfer({ kind: 'void_pending', id: 'v', pendingId: 'nope' }, undefined)).toMatchObject({ ok: false, code: 'pending_transfer_not_found' });
    expect(resolveTransfer({ kind: 'void_pending', id: 'v', pendingId: pending.id }, { ...pending, kind: 'posted' })).toMatchObject({ ok: false, code: 'pending_transfer_not_pending' });
  });

  it('compares re-submissions field by field, memo keys in any order', () => {
    const a = resolveTransfer({ kind: 'void_pending', id: 'v', pendingId: pending.id, memo: { a: 1, b: 'x' } }, pending);
    const b = resolveTransfer({ kind: 'void_pending', id: 'v', pendingId: pending.id, memo: { b: 'x', a: 1 } }, pending);
    const c = resolveTransfer({ kind: 'void_pending', id: 'v', pendingId: pending.id, code: 'refund.void' }, pending);
    if (!a.ok || !b.ok || !c.ok) throw new Error('unexpected');
    expect(sameTransfer(a.value, b.value)).toBe(true);
    expect(sameTransfer(a.value, c.value)).toBe(false);
  });
});

describe('entryDelta', () => {
  it('moves pending to posted on post, releases on void, and a partial post releases the rest', () => {
    expect(entryDelta({ kind: 'pending', amountFen: 100n }, null)).toEqual({ pendingDeltaFen: 100n, postedDeltaFen: 0n });
    expect(entryDelta({ kind: 'post_pending', amountFen: 60n }, 100n)).toEqual({ pendingDeltaFen: -100n, postedDeltaFen: 60n });
    expect(entryDelta({ kind: 'void_pending', amountFen: 100n }, 100n)).toEqual({ pendingDeltaFen: -100n, postedDeltaFen: 0n });
  });
});

describe('deriveTransferId', () => {
  it('joins cause, line and leg, and refuses empty or malformed parts', () => {
    expect(deriveTransferId('ord_01', 'line-2', 'team')).toBe('ord_01:line-2:team');
    expect(() => deriveTransferId('ord_01', '')).toThrow();
    expect(() => deriveTransferId('ord 01', 'x')).toThrow();
  });
});
