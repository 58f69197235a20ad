import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memberAccountId, parseAccountId, platformAccountId } from './accounts.ts';
import { limitViolation, outstandingDebitFen, spendableFen, sumBalances, ZERO_BALANCE, type Balance } from './balance.ts';
import { planBatch } from './batch.ts';
import { accrueCommission, clawbackTransfers, settleCommission, splitClawback, voidCommission } from './commission.ts';
import { applyCredit, applyDebit, resolveTransfer, type ResolvedTransfer, type Transfer, type TransferInput } from './transfer.ts';

/** The ledger in memory, driven through the same pure planner the database path uses. */
class MemoryLedger {
  readonly balances = new Map<string, Balance>();
  readonly transfers = new Map<string, Transfer>();
  readonly resolved = new Set<string>();
  #sequence = 0n;

  apply(inputs: TransferInput[]): { ok: boolean; code?: string; recoveries: ResolvedTransfer[] } {
    const resolved: ResolvedTransfer[] = [];
    for (const input of inputs) {
      const pendingId = input.kind === 'post_pending' || input.kind === 'void_pending' ? input.pendingId : null;
      if (pendingId && this.resolved.has(pendingId)) return { ok: false, code: 'pending_transfer_already_resolved', recoveries: [] };
      const result = resolveTransfer(input, pendingId ? this.transfers.get(pendingId) : undefined);
      if (!result.ok) return { ok: false, code: result.code, recoveries: [] };
      resolved.push(result.value);
    }
    const pendingAmounts = new Map([...this.transfers.values()].filter((t) => t.kind === 'pending').map((t) => [t.id, t.amountFen]));
    const plan = planBatch(resolved, { balances: this.balances, policyOf: (id) => parseAccountId(id)!.policy, pendingAmounts });
    if (!plan.ok) return { ok: false, code: plan.code, recoveries: [] };
    for (const entry of plan.value.entries) {
      const balance = this.balances.get(entry.accountId) ?? ZERO_BALANCE;
      this.balances.set(entry.accountId, entry.side === 'debit' ? applyDebit(balance, entry) : applyCredit(balance, entry));
    }
    for (const transfer of plan.value.transfers) {
      this.transfers.set(transfer.id, { ...transfer, sequence: ++this.#sequence, createdAt: new Date(0) });
      if (transfer.pendingId) this.resolved.add(transfer.pendingId);
    }
    return { ok: true, recoveries: [...plan.value.recoveries] };
  }

  balance(id: string): Balance {
    return this.balances.get(id) ?? ZERO_BALANCE;
  }
}

const members = ['alice', 'bob'] as const;

type Operation =
  | { op: 'accrue'; member: (typeof members)[number]; amount: bigint }
  | { op: 'settle' | 'void'; pick: number }
  | { op: 'clawback'; member: (typeof members)[number]; amount: bigint }
  | { op: 'withdraw'; member: (typeof members)[number]; amount: bigint };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ op: fc.constant('accrue' as const), member: fc.constantFrom(...members), amount: fc.bigInt({ min: 1n, max: 50_000n }) }),
  fc.record({ op: fc.constantFrom('settle' as const, 'void' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('clawback' as const), member: fc.constantFrom(...members), amount: fc.bigInt({ min: 1n, max: 80_000n }) }),
  fc.record({ op: fc.constant('withdraw' as const), member: fc.constantFrom(...members), amount: fc.bigInt({ min: 1n, max: 80_000n }) }),
);

function run(ledger: MemoryLedger, operations: Operation[]) {
  const open: Array<{ id: string; member: string; amountFen: bigint }> = [];
  operations.forEach((operation, step) => {
    switch (operation.op) {
      case 'accrue': {
        const id = `ord_${step}:l1:direct`;
        expect(ledger.apply([accrueCommission({ id, memberId: operation.member, amountFen: operation.amount, code: 'commission.direct', causeType: 'order', causeId: `ord_${step}` })]).ok).toBe(true);
        open.push({ id, member: operation.member, amountFen: operation.amount });
        break;
      }
      case 'settle':
      case 'void': {
        if (open.length === 0) return;
        const [line] = open.splice(operation.pick % open.length, 1);
        const batch = operation.op === 'settle' ? settleCommission({ pendingId: line!.id, memberId: line!.member, amountFen: line!.amountFen }) : [voidCommission(line!.id)];
        expect(ledger.apply(batch).ok).toBe(true);
        // The same pending cannot be resolved again, whichever way.
        expect(ledger.apply([voidCommission(line!.id)].map((t) => ({ ...t, id: `${t.id}:again` }))).ok).toBe(false);
        break;
      }
      case 'clawback': {
        const split = splitClawback(operation.amount, spendableFen(ledger.balance(memberAccountId(operation.member, 'available'))));
        const transfers = clawbackTransfers({ id: `refund_${step}`, memberId: operation.member, amountFen: operation.amount, reversesId: 'x', causeType: 'refund', causeId: `refund_${step}` }, split);
        expect(ledger.apply(transfers.map((t) => ({ ...t, reversesId: null }))).ok).toBe(true);
        expect(split.takeFen + split.shortfallFen).toBe(operation.amount);
        break;
      }
      case 'withdraw': {
        const available = memberAccountId(operation.member, 'available');
        const spendable = spendableFen(ledger.balance(available));
        const result = ledger.apply([{ kind: 'posted', id: `wd_${step}`, debitAccountId: available, creditAccountId: memberAccountId(operation.member, 'withdrawing'), amountFen: operation.amount, code: 'withdrawal.request' }]);
        expect(result.ok).toBe(operation.amount <= spendable);
        if (!result.ok) expect(result.code).toBe('exceeds_credits');
        break;
      }
    }
  });
}

describe('planBatch over random histories', () => {
  it('keeps debits equal to credits, every limit, and never leaves a debt beside spendable money', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 60 }), (operations) => {
        const ledger = new MemoryLedger();
        run(ledger, operations);
        const total = sumBalances(ledger.balances.values());
        expect(total.debitsPosted).toBe(total.creditsPosted);
        expect(total.debitsPending).toBe(total.creditsPending);
        for (const [id, balance] of ledger.balances) expect(limitViolation(balance, parseAccountId(id)!.policy)).toBeNull();
        for (const member of members) {
          const owed = outstandingDebitFen(ledger.balance(memberAccountId(member, 'clawback_receivable')));
          const spendable = spendableFen(ledger.balance(memberAccountId(member, 'available')));
          expect(owed === 0n || spendable === 0n).toBe(true);
        }
        // Money is conserved: what the platform spent sits in member accounts or was owed back.
        const expense = ledger.balance(platformAccountId('commission_expense'));
        const memberHeld = members.reduce((sum, member) => {
          const pending = ledger.balance(memberAccountId(member, 'pending'));
          const available = ledger.balance(memberAccountId(member, 'available'));
          const withdrawing = ledger.balance(memberAccountId(member, 'withdrawing'));
          const receivable = ledger.balance(memberAccountId(member, 'clawback_receivable'));
          const credit = (b: Balance) => b.creditsPosted - b.debitsPosted;
          return sum + credit(pending) + credit(available) + credit(withdrawing) - (receivable.debitsPosted - receivable.creditsPosted);
        }, 0n);
        expect(expense.debitsPosted - expense.creditsPosted).toBe(memberHeld);
      }),
      { numRuns: 200 },
    );
  });

  it('recovers a clawback shortfall from the next credit to 可提现', () => {
    const ledger = new MemoryLedger();
    const accrue = (id: string, amountFen: bigint) =>
      ledger.apply([accrueCommission({ id, memberId: 'alice', amountFen, code: 'commission.direct', causeType: 'order', causeId: id })]);
    accrue('o1', 3000n);
    ledger.apply(settleCommission({ pendingId: 'o1', memberId: 'alice', amountFen: 3000n }));
    const split = splitClawback(5000n, spendableFen(ledger.balance(memberAccountId('alice', 'available'))));
    expect(split).toEqual({ takeFen: 3000n, shortfallFen: 2000n });
    ledger.apply(clawbackTransfers({ id: 'r1', memberId: 'alice', amountFen: 5000n, reversesId: 'o1', causeType: 'order', causeId: 'o1' }, split).map((t) => ({ ...t, reversesId: null })));
    accrue('o2', 1500n);
    const first = ledger.apply(settleCommission({ pendingId: 'o2', memberId: 'alice', amountFen: 1500n }));
    expect(first.recoveries).toMatchObject([{ id: 'o2:settle:recovery', amountFen: 1500n }]);
    accrue('o3', 1000n);
    const second = ledger.apply(settleCommission({ pendingId: 'o3', memberId: 'alice', amountFen: 1000n }));
    expect(second.recoveries).toMatchObject([{ amountFen: 500n }]);
    expect(spendableFen(ledger.balance(memberAccountId('alice', 'available')))).toBe(500n);
    expect(outstandingDebitFen(ledger.balance(memberAccountId('alice', 'clawback_receivable')))).toBe(0n);
  });

  it('fails a linked batch as a whole at the first broken limit', () => {
    const ledger = new MemoryLedger();
    const available = memberAccountId('alice', 'available');
    const result = ledger.apply([
      { kind: 'posted', id: 'a', debitAccountId: platformAccountId('commission_expense'), creditAccountId: available, amountFen: 100n, code: 'test' },
      { kind: 'posted', id: 'b', debitAccountId: available, creditAccountId: memberAccountId('alice', 'withdrawing'), amountFen: 101n, code: 'test' },
    ]);
    expect(result).toMatchObject({ ok: false, code: 'exceeds_credits' });
    expect(ledger.balances.size).toBe(0);
  });
});
