import { describe, expect, it } from 'vitest';
import { beijingDay, beijingMonthRange, checkWithdrawal, DEFAULT_WITHDRAWAL_POLICY, withdrawalFeeFen, type WithdrawalPolicy } from './withdrawal-rules.ts';

const policy: WithdrawalPolicy = DEFAULT_WITHDRAWAL_POLICY;

describe('withdrawal fee', () => {
  it('is the rate rounded up to the fen, never below the minimum fee', () => {
    // 0.6% of 100.00 yuan = 60 fen, below the 1-yuan minimum.
    expect(withdrawalFeeFen(policy, 10_000n)).toBe(100n);
    // 0.6% of 200.00 = 120 fen exactly.
    expect(withdrawalFeeFen(policy, 20_000n)).toBe(120n);
    // 0.6% of 200.01 = 120.006 fen: rounded up, never down.
    expect(withdrawalFeeFen(policy, 20_001n)).toBe(121n);
    expect(withdrawalFeeFen(policy, 16_667n)).toBe(101n);
  });

  it('stays exact on amounts far beyond what a float holds', () => {
    expect(withdrawalFeeFen(policy, 9_007_199_254_740_993n)).toBe(54_043_195_528_446n);
  });

  it('is zero with a zero rate and zero minimum', () => {
    expect(withdrawalFeeFen({ ...policy, feeRateBps: 0, minimumFeeFen: 0n }, 12_345n)).toBe(0n);
  });
});

describe('withdrawal limits', () => {
  it('checks the minimum inclusively', () => {
    expect(checkWithdrawal(policy, 999n, 0n)).toBe('withdrawal_below_minimum');
    expect(checkWithdrawal(policy, 1_000n, 0n)).toBeNull();
  });

  it('counts what was already requested today against the daily cap', () => {
    expect(checkWithdrawal(policy, 2_000_000n, 0n)).toBeNull();
    expect(checkWithdrawal(policy, 2_000_001n, 0n)).toBe('withdrawal_daily_cap_exceeded');
    expect(checkWithdrawal(policy, 500_000n, 1_500_000n)).toBeNull();
    expect(checkWithdrawal(policy, 500_001n, 1_500_000n)).toBe('withdrawal_daily_cap_exceeded');
  });
});

describe('Beijing calendar', () => {
  it('puts 23:59 UTC on the next Beijing day', () => {
    expect(beijingDay(new Date('2025-03-31T15:59:59Z'))).toBe('2025-03-31');
    expect(beijingDay(new Date('2025-03-31T16:00:00Z'))).toBe('2025-04-01');
  });

  it('gives a month as [start, end) at Beijing midnight, across the year end', () => {
    expect(beijingMonthRange('2025-02')).toEqual({ from: new Date('2025-01-31T16:00:00Z'), to: new Date('2025-02-28T16:00:00Z') });
    expect(beijingMonthRange('2025-12')).toEqual({ from: new Date('2025-11-30T16:00:00Z'), to: new Date('2025-12-31T16:00:00Z') });
  });
});
