import { useEffect, useState } from 'react';
import { ApiError, api, isAbortError } from '../api';
import type { QueryValue } from '../api';
import { useI18n } from '../i18n';

export interface QueryState<T> {
  data: T | null;
  loading: boolean;
  error: ApiError | null;
}

/**
 * One analytics read: reloads when the path, the query or the language changes (labels and
 * definitions come localized), aborts a stale request, and keeps the error for the screen to show
 * in place instead of a toast. A null query means "not ready to ask" (a scope still to be picked).
 */
export function useAnalyticsQuery<T>(path: string, query: Record<string, QueryValue> | null, reloadCount = 0): QueryState<T> {
  const { locale } = useI18n();
  const [state, setState] = useState<QueryState<T>>({ data: null, loading: false, error: null });
  const queryKey = query === null ? null : JSON.stringify(query);

  useEffect(() => {
    if (queryKey === null) {
      setState({ data: null, loading: false, error: null });
      return;
    }
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true, error: null }));
    api
      .get<T>(path, { query: JSON.parse(queryKey) as Record<string, QueryValue>, signal: controller.signal, silent: true })
      .then((data) => setState({ data, loading: false, error: null }))
      .catch((cause: unknown) => {
        if (isAbortError(cause)) return;
        const error = cause instanceof ApiError ? cause : new ApiError(0, 'error', String(cause));
        setState({ data: null, loading: false, error });
      });
    return () => controller.abort();
  }, [path, queryKey, locale, reloadCount]);

  return state;
}
