import { err, ok, type Actor, type Result } from '@linkmall/kernel';
import type { AnalyticsErrorCode } from './analytics-errors.ts';
import type { ChoiceLimit, DirectoryStore } from './directory-store.ts';
import type { ScopeKind, ScopeRef } from './domain/scope.ts';

/**
 * What an actor may look at: platform staff everything; a merchant admin its merchant, its users and
 * its cards; a shop guide itself and its own card. The role decides between the last two, as both
 * belong to the merchant organisation.
 */
export type AnalyticsAccess =
  | { readonly kind: 'all' }
  | { readonly kind: 'merchant'; readonly merchantId: string }
  | { readonly kind: 'guide'; readonly userId: string; readonly merchantId: string }
  | { readonly kind: 'none' };

export function analyticsAccessOf(actor: Actor): AnalyticsAccess {
  if (actor.scope.kind === 'all') return { kind: 'all' };
  if (actor.scope.kind === 'merchant') {
    return actor.roles.includes('merchant_admin') ? { kind: 'merchant', merchantId: actor.scope.merchantId } : { kind: 'guide', userId: actor.userId, merchantId: actor.scope.merchantId };
  }
  return { kind: 'none' };
}

/** Limits for the scope pickers. */
export function choiceLimitOf(access: AnalyticsAccess): ChoiceLimit | null {
  if (access.kind === 'all') return {};
  if (access.kind === 'merchant') return { organizationId: access.merchantId };
  if (access.kind === 'guide') return { organizationId: access.merchantId, userId: access.userId };
  return null;
}

const notFound = err('analytics_scope_not_found' as const);

/** The requested scope, with the caller's defaults, if it exists and the caller may see it. */
export async function resolveScope(
  access: AnalyticsAccess,
  directory: DirectoryStore,
  requested: { readonly scope?: ScopeKind | undefined; readonly scopeId?: string | undefined },
): Promise<Result<ScopeRef, AnalyticsErrorCode>> {
  if (access.kind === 'none') return notFound;
  const kind = requested.scope ?? (access.kind === 'all' ? 'platform' : access.kind === 'merchant' ? 'merchant' : 'guide');
  if (kind === 'platform') return access.kind === 'all' ? ok({ kind, id: null }) : notFound;
  const id = requested.scopeId ?? (kind === 'merchant' && access.kind !== 'all' ? access.merchantId : kind === 'guide' && access.kind === 'guide' ? access.userId : undefined);
  if (!id) return notFound;
  switch (kind) {
    case 'merchant':
      if (access.kind === 'guide' || (access.kind === 'merchant' && access.merchantId !== id)) return notFound;
      return (await directory.isMerchant(id)) ? ok({ kind, id }) : notFound;
    case 'team':
      return access.kind === 'all' && (await directory.isTeamBoss(id)) ? ok({ kind, id }) : notFound;
    case 'guide': {
      if (access.kind === 'guide' && access.userId !== id) return notFound;
      const organizationId = await directory.organizationOfUser(id);
      if (!organizationId) return notFound;
      return access.kind === 'all' || organizationId === access.merchantId ? ok({ kind, id }) : notFound;
    }
    case 'card': {
      const owner = await directory.cardOwner(id);
      if (!owner) return notFound;
      if (access.kind === 'all') return ok({ kind, id });
      if (access.kind === 'guide') return owner.ownerUserId === access.userId ? ok({ kind, id }) : notFound;
      return owner.organizationId === access.merchantId ? ok({ kind, id }) : notFound;
    }
  }
}
