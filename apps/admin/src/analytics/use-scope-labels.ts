import { useEffect, useState } from 'react';
import { api, isAbortError } from '../api';
import type { Paged } from '../types';
import type { ScopeChoice, ScopeKind } from './types';

/**
 * Names for the team and merchant ids a spend entry carries: the first hundred choices of the kind,
 * enough for a console list; an id not among them shows as itself.
 */
export function useScopeChoices(kind: Exclude<ScopeKind, 'platform'>): ScopeChoice[] {
  const [choices, setChoices] = useState<ScopeChoice[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    api
      .get<Paged<ScopeChoice>>('/admin/analytics/scopes', { query: { kind, page: 1, pageSize: 100 }, signal: controller.signal, silent: true })
      .then((page) => setChoices(page.items))
      .catch((error: unknown) => {
        if (!isAbortError(error)) setChoices([]);
      });
    return () => controller.abort();
  }, [kind]);
  return choices;
}
