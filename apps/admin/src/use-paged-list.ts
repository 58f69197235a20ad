import { useCallback, useEffect, useState } from 'react';
import { api, isAbortError } from './api';
import type { QueryValue } from './api';
import type { TablePaginationConfig } from 'antd';
import { useI18n, type Translate } from './i18n';
import type { Paged } from './types';

export interface PagedListState<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  setPage: (page: number, pageSize: number) => void;
  reload: () => void;
}

/**
 * Loads one page of a `{ items, total, page, pageSize }` list. Filters reset to page 1, a newer
 * request aborts an older one, and a language change reloads because the server localizes names.
 */
export function usePagedList<T>(
  path: string,
  filters: Record<string, QueryValue>,
  initialPageSize = 20,
): PagedListState<T> {
  const { locale } = useI18n();
  const [pagination, setPagination] = useState({ page: 1, pageSize: initialPageSize });
  const [data, setData] = useState<{ items: T[]; total: number }>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const [reloadCount, setReloadCount] = useState(0);
  const filterKey = JSON.stringify(filters);

  // New filters start again at page 1; adjusting state during render avoids fetching the old page first.
  const [appliedFilterKey, setAppliedFilterKey] = useState(filterKey);
  if (appliedFilterKey !== filterKey) {
    setAppliedFilterKey(filterKey);
    if (pagination.page !== 1) setPagination({ ...pagination, page: 1 });
  }

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    api
      .get<Paged<T>>(path, {
        query: { ...(JSON.parse(filterKey) as Record<string, QueryValue>), ...pagination },
        signal: controller.signal,
      })
      .then((result) => {
        setData({ items: result.items, total: result.total });
        setLoading(false);
      })
      .catch((error: unknown) => {
        if (isAbortError(error)) return;
        setLoading(false);
      });
    return () => controller.abort();
  }, [path, filterKey, pagination, locale, reloadCount]);

  const setPage = useCallback((page: number, pageSize: number) => setPagination({ page, pageSize }), []);
  const reload = useCallback(() => setReloadCount((count) => count + 1), []);

  return { ...data, ...pagination, loading, setPage, reload };
}

/** The antd pagination settings every paged table in the console uses. */
export function tablePagination<T>(list: PagedListState<T>, t: Translate): TablePaginationConfig {
  return {
    current: list.page,
    pageSize: list.pageSize,
    total: list.total,
    showSizeChanger: true,
    showTotal: (total) => t('common.total', { total }),
    onChange: list.setPage,
  };
}
