import { describe, expect, it } from 'vitest';
import { maskDisplayName, rewardLinesCsv, type RewardLine } from '../src/index.ts';

describe('names on screens', () => {
  it('masks a display name for other members: first and last character kept', () => {
    expect(maskDisplayName('林小雨')).toBe('林*雨');
    expect(maskDisplayName('欧阳小雨')).toBe('欧**雨');
    expect(maskDisplayName('何明')).toBe('何*');
    expect(maskDisplayName('Z')).toBe('Z*');
    expect(maskDisplayName('Alexander Hamilton')).toBe('A***n');
    expect(maskDisplayName('  ')).toBe('');
  });

  it('puts names into the commission CSV as text, never as a formula', () => {
    const line: RewardLine = {
      id: 'ord_1:line-1:direct', orderId: 'ord_1', payeeId: 'usr_a', kind: 'DIRECT', amountFen: 10_000n, status: 'PENDING', sourceUserId: 'usr_b',
      profileId: 'dpf_1', profileVersion: '1', createdAtMs: Date.UTC(2026, 10, 22), createdDay: 0, orderPaidDay: 0, reversesLineId: null, basisLineIds: [],
    };
    const csv = rewardLinesCsv([line], new Map([['usr_a', { displayName: '林小雨', phoneMasked: null }], ['usr_b', { displayName: '=HYPERLINK("x")', phoneMasked: null }]]));
    const row = csv.split('\r\n')[1]!;
    expect(row).toContain('usr_a,林小雨,usr_b,"\'=HYPERLINK(""x"")"');
    expect(rewardLinesCsv([line]).split('\r\n')[1]).toContain('usr_a,,usr_b,,');
  });
});
