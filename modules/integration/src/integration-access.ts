import type { RequestContext } from '@linkmall/kernel';

/**
 * Integrations move data of the whole platform (every merchant's orders, every member), so the data
 * scope behind `integration.manage` must be the platform's: an organisation's staff never manage them,
 * even if a role change ever granted them the permission.
 */
export const hasPlatformScope = (ctx: RequestContext): boolean => ctx.actor?.scope.kind === 'all';
