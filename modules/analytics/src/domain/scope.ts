import type { Period } from './period.ts';

export const SCOPE_KINDS = ['platform', 'merchant', 'team', 'guide', 'card'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

/** What a report is about: the platform (id null), a merchant, a boss's team, a guide or one card. */
export interface ScopeRef {
  readonly kind: ScopeKind;
  readonly id: string | null;
}

export interface AnalyticsFilter extends Period {
  readonly scope: ScopeRef;
}

/** The scope id as the roll-ups store it ('' for the platform). */
export const storedScopeId = (scope: ScopeRef) => (scope.kind === 'platform' ? '' : scope.id ?? '');

/** Spend is recorded for the platform and per merchant; other scopes have no CAC or ROI. */
export const scopeHasSpend = (scope: ScopeRef) => scope.kind === 'platform' || scope.kind === 'merchant';

/** Distribution (referrals, agents, bosses) is counted for the platform and per team. */
export const scopeHasDistribution = (scope: ScopeRef) => scope.kind === 'platform' || scope.kind === 'team';
