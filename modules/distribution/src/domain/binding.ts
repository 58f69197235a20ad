import { err, ok, type Result } from '@linkmall/kernel';
import type { DistributionLookup } from './lookup.ts';
import type { MemberState } from './model.ts';

export type BindingRejection = 'self_referral' | 'ineligible_referrer' | 'referral_cycle' | 'referrer_already_bound' | 'binding_after_package';

/**
 * The binding rules (§2.2 step 1, §5.6 item 1): only an agent or boss can refer; nobody refers
 * themselves; the referrer may not sit below the user in the referral tree (no cycles); and the
 * first valid binding is final (锁粉), so a different referrer later is refused.
 */
export function checkBinding(lookup: DistributionLookup, user: MemberState | undefined, userId: string, referrerId: string): Result<MemberState, BindingRejection> {
  if (referrerId === userId) return err('self_referral');
  if (user?.referrerId != null && user.referrerId !== referrerId) {
    return err('referrer_already_bound', { boundReferrerId: user.referrerId });
  }
  const referrer = lookup.member(referrerId);
  if (!referrer || (referrer.role !== 'AGENT' && referrer.role !== 'BOSS')) return err('ineligible_referrer');
  if (isReferralDescendant(lookup, referrer, userId)) return err('referral_cycle');
  return ok(referrer);
}

/** Whether `ancestorId` appears in the referral chain above `member`. */
export function isReferralDescendant(lookup: DistributionLookup, member: MemberState, ancestorId: string): boolean {
  const seen = new Set<string>([member.id]);
  let current: string | null = member.referrerId;
  while (current !== null) {
    if (current === ancestorId) return true;
    if (seen.has(current)) throw new Error(`referral cycle through ${current}`); // a bug: bindings prevent cycles
    seen.add(current);
    current = lookup.member(current)?.referrerId ?? null;
  }
  return false;
}

/**
 * Number of referral generations from `member` up to `ancestorId` (its referrer is 1), searching at
 * most `limit` generations; null when the ancestor is not within the limit.
 */
export function referralDistance(lookup: DistributionLookup, member: MemberState, ancestorId: string, limit: number): number | null {
  let current: string | null = member.referrerId;
  for (let generation = 1; generation <= limit && current !== null; generation++) {
    if (current === ancestorId) return generation;
    current = lookup.member(current)?.referrerId ?? null;
  }
  return null;
}

/** The nearest boss among a member's referral ancestors (peer recipient REFERRER_CHAIN_NEAREST_BOSS). */
export function nearestBossAbove(lookup: DistributionLookup, member: MemberState): string | null {
  const seen = new Set<string>([member.id]);
  let current: string | null = member.referrerId;
  while (current !== null && !seen.has(current)) {
    seen.add(current);
    const ancestor = lookup.member(current);
    if (!ancestor) return null;
    if (ancestor.role === 'BOSS') return ancestor.id;
    current = ancestor.referrerId;
  }
  return null;
}
