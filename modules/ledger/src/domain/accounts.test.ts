import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MEMBER_ACCOUNT_KINDS, memberAccountId, parseAccountId, PLATFORM_ACCOUNT_KINDS, platformAccountId } from './accounts.ts';

describe('account ids', () => {
  it('round-trip owner and kind, even for member ids with underscores or kind-like parts', () => {
    for (const memberId of ['usr_01jd3x0000000000000000000a', 'alice', 'a_pending', 'x_paid', 'b-2_available']) {
      for (const kind of MEMBER_ACCOUNT_KINDS) {
        const parsed = parseAccountId(memberAccountId(memberId, kind));
        expect(parsed).toMatchObject({ ownerId: memberId, kind });
      }
    }
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,10}(_[A-Za-z0-9-]{1,8}){0,3}$/), fc.constantFrom(...MEMBER_ACCOUNT_KINDS), (memberId, kind) => {
        if (memberId === 'platform') return true;
        const parsed = parseAccountId(memberAccountId(memberId, kind));
        return parsed?.ownerId === memberId && parsed.kind === kind;
      }),
    );
  });

  it('gives platform accounts no owner and stripes without limits', () => {
    for (const kind of PLATFORM_ACCOUNT_KINDS) {
      const parsed = parseAccountId(platformAccountId(kind))!;
      expect(parsed.ownerId).toBeNull();
      expect(parsed.policy.stripes).toBeGreaterThan(1);
      expect(parsed.policy.debitsMustNotExceedCredits || parsed.policy.creditsMustNotExceedDebits).toBe(false);
    }
  });

  it('refuses ids outside the chart and the reserved owner "platform" as a member', () => {
    expect(parseAccountId('acc_platform_pending')).toBeNull();
    expect(parseAccountId('acc_alice_savings')).toBeNull();
    expect(parseAccountId('usr_alice_available')).toBeNull();
    expect(() => memberAccountId('platform', 'available')).toThrow();
    expect(() => memberAccountId('bad id', 'available')).toThrow();
  });
});
