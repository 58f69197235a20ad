import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capCashReward, type CashLimits } from '../src/index.ts';

/**
 * "Campaigns never pay beyond caps", as properties of the one function every cash reward passes:
 * for any facts, what it grants keeps the order's payees and payout ratio, the payee's day and month
 * and the campaign budget within their limits, and it takes no more off than the tightest limit needs.
 * Then over random streams of rewards: the running totals never pass a cap.
 */
const PAYEES = ['usr_a', 'usr_b', 'usr_c', 'usr_d'];
const fen = (max: number) => fc.bigInt({ min: 0n, max: BigInt(max) });
const limitsArbitrary: fc.Arbitrary<CashLimits> = fc.record({
  maxPayeesPerOrder: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
  maxPayoutRatioBps: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
  dailyIncomeCapFen: fc.option(fen(50_000), { nil: null }),
  monthlyIncomeCapFen: fc.option(fen(500_000), { nil: null }),
});

describe('capCashReward', () => {
  it('never grants beyond any cap or the budget, and cuts only as far as the tightest one needs', () => {
    fc.assert(
      fc.property(
        limitsArbitrary,
        fen(20_000),
        fc.constantFrom(...PAYEES),
        fc.uniqueArray(fc.constantFrom(...PAYEES), { maxLength: 4 }),
        fen(100_000),
        fen(40_000),
        fen(60_000),
        fen(600_000),
        fen(30_000),
        (limits, requestedFen, payeeId, payeeIds, amountFen, creditedFen, dayFen, monthFen, budgetRemainingFen) => {
          const { grantedFen, limitedBy } = capCashReward({ requestedFen, payeeId, order: { amountFen, payeeIds, creditedFen }, income: { dayFen, monthFen }, budgetRemainingFen, limits });
          expect(grantedFen >= 0n && grantedFen <= requestedFen).toBe(true);
          const rooms: bigint[] = [requestedFen, budgetRemainingFen];
          if (limits.maxPayeesPerOrder !== null && !payeeIds.includes(payeeId) && payeeIds.length >= limits.maxPayeesPerOrder) rooms.push(0n);
          if (limits.maxPayoutRatioBps !== null) rooms.push((amountFen * BigInt(limits.maxPayoutRatioBps)) / 10_000n - creditedFen);
          if (limits.dailyIncomeCapFen !== null) rooms.push(limits.dailyIncomeCapFen - dayFen);
          if (limits.monthlyIncomeCapFen !== null) rooms.push(limits.monthlyIncomeCapFen - monthFen);
          const tightest = rooms.reduce((min, room) => (room < min ? room : min));
          expect(grantedFen).toBe(tightest > 0n ? tightest : 0n);
          // A reason is recorded exactly when the reward was cut.
          expect(limitedBy.length > 0).toBe(grantedFen < requestedFen);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('keeps running totals within every cap over a random stream of rewards', () => {
    const reward = fc.record({ order: fc.integer({ min: 0, max: 5 }), payee: fc.constantFrom(...PAYEES), day: fc.integer({ min: 0, max: 3 }), requestedFen: fen(8_000) });
    fc.assert(
      fc.property(limitsArbitrary, fc.array(fen(30_000), { minLength: 6, maxLength: 6 }), fc.array(reward, { maxLength: 60 }), fen(60_000), (limits, orderAmounts, stream, budget) => {
        const orders = orderAmounts.map((amountFen) => ({ amountFen, payees: new Set<string>(), creditedFen: 0n }));
        const income = new Map<string, bigint>();
        let spent = 0n;
        for (const next of stream) {
          const order = orders[next.order]!;
          const dayKey = `${next.payee}|${next.day}`;
          const monthKey = `${next.payee}|month`;
          const { grantedFen } = capCashReward({
            requestedFen: next.requestedFen,
            payeeId: next.payee,
            order: { amountFen: order.amountFen, payeeIds: [...order.payees], creditedFen: order.creditedFen },
            income: { dayFen: income.get(dayKey) ?? 0n, monthFen: income.get(monthKey) ?? 0n },
            budgetRemainingFen: budget - spent,
            limits,
          });
          if (grantedFen === 0n) continue;
          order.payees.add(next.payee);
          order.creditedFen += grantedFen;
          income.set(dayKey, (income.get(dayKey) ?? 0n) + grantedFen);
          income.set(monthKey, (income.get(monthKey) ?? 0n) + grantedFen);
          spent += grantedFen;
        }
        expect(spent <= budget).toBe(true);
        for (const order of orders) {
          if (limits.maxPayeesPerOrder !== null) expect(order.payees.size).toBeLessThanOrEqual(limits.maxPayeesPerOrder);
          if (limits.maxPayoutRatioBps !== null) expect(order.creditedFen <= (order.amountFen * BigInt(limits.maxPayoutRatioBps)) / 10_000n).toBe(true);
        }
        for (const [key, total] of income) {
          const cap = key.endsWith('|month') ? limits.monthlyIncomeCapFen : limits.dailyIncomeCapFen;
          if (cap !== null) expect(total <= cap).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
