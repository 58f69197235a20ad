import { err, ok, type Result } from '@linkmall/kernel';
import { checkBinding, type BindingRejection } from './binding.ts';
import type { RuleContext } from './credit.ts';
import type { BindReferrer, MemberRegistered } from './engine-events.ts';
import { newMember } from './model.ts';

/**
 * BIND_REFERRER (锁粉): the first valid binding is final. Binding the same referrer again is a
 * harmless repeat; a different one is refused. A member who already bought a package without a
 * referrer cannot be bound afterwards, because their team placement was decided at purchase (I6).
 */
export function bindReferrer(context: RuleContext, event: BindReferrer): Result<{ duplicate: boolean }, BindingRejection> {
  const { ws } = context;
  const user = ws.member(event.userId);
  if (user?.referrerId === event.referrerId) return ok({ duplicate: true });
  if (user && user.referrerId === null && user.role !== 'MEMBER') return err('binding_after_package');
  const binding = checkBinding(ws, user, event.userId, event.referrerId);
  if (!binding.ok) return binding;
  if (!user) ws.emit({ type: 'distribution.member_registered', memberId: event.userId });
  ws.putMember({ ...(user ?? newMember(event.userId)), referrerId: event.referrerId });
  ws.emit({ type: 'distribution.referrer_bound', memberId: event.userId, referrerId: event.referrerId });
  return ok({ duplicate: false });
}

export function registerMember(context: RuleContext, event: MemberRegistered): { duplicate: boolean } {
  if (context.ws.member(event.userId)) return { duplicate: true };
  context.ws.putMember(newMember(event.userId));
  context.ws.emit({ type: 'distribution.member_registered', memberId: event.userId });
  return { duplicate: false };
}
