import type { RequestContext } from '@linkmall/kernel';
import type { LeadAccess } from './crm-store.ts';

/** The permission that makes an actor a manager of leads (reassign, merge, automations, the team's pipeline). */
export const LEAD_MANAGE = 'lead.manage';

/**
 * The owner's surface (/shop) always shows the actor's own leads. On the console a manager sees
 * their organisation's leads (platform staff: all), anyone else with lead access only their own.
 */
export function leadAccessOf(ctx: RequestContext, surface: 'shop' | 'admin'): LeadAccess {
  const actor = ctx.actor!;
  if (surface === 'shop' || !actor.permissions.has(LEAD_MANAGE)) return { kind: 'owner', userId: actor.userId };
  if (actor.scope.kind === 'all') return { kind: 'all' };
  if (actor.scope.kind === 'merchant') return { kind: 'organization', organizationId: actor.scope.merchantId };
  if (actor.scope.kind === 'supplier') return { kind: 'organization', organizationId: actor.scope.supplierId };
  return { kind: 'owner', userId: actor.userId };
}
