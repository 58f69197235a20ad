import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import type { QueryValue } from '../api';
import type { SessionUser } from '../types';
import type { AnalyticsFilter, ScopeKind } from './types';

export const RANGE_PRESETS = [7, 30, 90] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number] | 'custom';
const DAY_FORMAT = 'YYYY-MM-DD';

/** The last `days` Beijing days ending today (the console runs in the operator's own time zone). */
export function presetRange(days: number): [string, string] {
  const today = dayjs();
  return [today.subtract(days - 1, 'day').format(DAY_FORMAT), today.format(DAY_FORMAT)];
}

export interface ScopeRules {
  kinds: readonly ScopeKind[];
  /** The kind the server fills with the caller's own id when none is sent. */
  ownKind: ScopeKind | null;
}

/**
 * Which scopes a user may pick, mirroring the server's data scope: platform staff see everything, a
 * merchant admin its merchant and that merchant's guides and cards, a shop guide itself and its card.
 */
export function scopeRulesOf(user: SessionUser | null): ScopeRules {
  if (user?.organization?.kind === 'platform') return { kinds: ['platform', 'merchant', 'team', 'guide', 'card'], ownKind: null };
  if (user?.roles.includes('merchant_admin')) return { kinds: ['merchant', 'guide', 'card'], ownKind: 'merchant' };
  return { kinds: ['guide', 'card'], ownKind: 'guide' };
}

export interface AnalyticsFilterState {
  rules: ScopeRules;
  kind: ScopeKind;
  scopeId: string | undefined;
  preset: RangePreset;
  range: [string, string];
  /** Null while a scope that needs an id has none picked. */
  filter: AnalyticsFilter | null;
  setKind: (kind: ScopeKind) => void;
  setScopeId: (id: string | undefined) => void;
  setPreset: (preset: RangePreset) => void;
  setRange: (range: [string, string]) => void;
}

export function useAnalyticsFilter(user: SessionUser | null): AnalyticsFilterState {
  const rules = useMemo(() => scopeRulesOf(user), [user]);
  const [kind, setKindState] = useState<ScopeKind>(rules.kinds[0]!);
  const [scopeId, setScopeId] = useState<string | undefined>();
  const [preset, setPresetState] = useState<RangePreset>(30);
  const [range, setRangeState] = useState<[string, string]>(() => presetRange(30));

  const filter = useMemo<AnalyticsFilter | null>(() => {
    const needsId = kind !== 'platform' && kind !== rules.ownKind;
    if (needsId && !scopeId) return null;
    return { scope: kind, ...(kind !== 'platform' && scopeId ? { scopeId } : {}), from: range[0], to: range[1] };
  }, [kind, scopeId, range, rules.ownKind]);

  return {
    rules,
    kind,
    scopeId,
    preset,
    range,
    filter,
    setKind: (next) => {
      setKindState(next);
      setScopeId(undefined);
    },
    setScopeId,
    setPreset: (next) => {
      setPresetState(next);
      if (next !== 'custom') setRangeState(presetRange(next));
    },
    setRange: (next) => {
      setPresetState('custom');
      setRangeState(next);
    },
  };
}

/** The filter as query parameters. */
/** A filter without a scope asks for the caller's own (the budget page has no scope picker). */
export function filterQuery(filter: Pick<AnalyticsFilter, 'from' | 'to'> & Partial<AnalyticsFilter>): Record<string, QueryValue> {
  return { scope: filter.scope, scopeId: filter.scopeId, from: filter.from, to: filter.to };
}
