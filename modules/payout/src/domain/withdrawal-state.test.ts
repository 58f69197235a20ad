import { describe, expect, it } from 'vitest';
import { OPEN_STATUSES, readyToSubmit, transition, WITHDRAWAL_ACTIONS, WITHDRAWAL_STATUSES } from './withdrawal-state.ts';

describe('withdrawal state table', () => {
  it('follows the documented happy paths', () => {
    expect(transition('requested', 'approve')).toBe('approved');
    expect(transition('approved', 'second_approve')).toBe('second_approved');
    expect(transition('approved', 'submit')).toBe('paying');
    expect(transition('second_approved', 'submit')).toBe('paying');
    expect(transition('paying', 'confirm_paid')).toBe('paid');
    expect(transition('paying', 'confirm_failed')).toBe('failed');
    expect(transition('held', 'release')).toBe('requested');
  });

  it('lets finance stop every open withdrawal, and nothing once it is in flight', () => {
    for (const status of OPEN_STATUSES) expect(transition(status, 'reject')).toBe('rejected');
    expect(transition('paying', 'reject')).toBeNull();
    expect(transition('paying', 'hold')).toBeNull();
  });

  it('keeps finished withdrawals finished', () => {
    for (const status of ['paid', 'failed', 'rejected'] as const) {
      for (const action of WITHDRAWAL_ACTIONS) expect(transition(status, action)).toBeNull();
    }
  });

  it('refuses steps out of order', () => {
    expect(transition('requested', 'submit')).toBeNull();
    expect(transition('requested', 'second_approve')).toBeNull();
    expect(transition('held', 'approve')).toBeNull();
    expect(transition('second_approved', 'second_approve')).toBeNull();
    expect(transition('approved', 'confirm_paid')).toBeNull();
  });

  it('every transition lands on a known status', () => {
    for (const status of WITHDRAWAL_STATUSES) {
      for (const action of WITHDRAWAL_ACTIONS) {
        const next = transition(status, action);
        if (next) expect(WITHDRAWAL_STATUSES).toContain(next);
      }
    }
  });

  it('submits a large withdrawal only after its second approval', () => {
    expect(readyToSubmit('approved', false)).toBe(true);
    expect(readyToSubmit('approved', true)).toBe(false);
    expect(readyToSubmit('second_approved', true)).toBe(true);
    expect(readyToSubmit('requested', false)).toBe(false);
  });
});
