import type { Page } from './api-types'

/** A product list loaded page by page ("加载更多" or reaching the bottom). */
export interface LoadedPages<T> {
  items: T[]
  total: number
  /** The last page loaded. */
  page: number
  hasMore: boolean
}

/**
 * Adds the next page to what is shown. Items already shown are skipped: a product put on sale
 * between two requests shifts the pages by one, and a duplicate key would confuse React.
 */
export function appendPage<T extends { id: string }>(previous: LoadedPages<T> | undefined, next: Page<T>): LoadedPages<T> {
  const shown = previous === undefined || next.page === 1 ? [] : previous.items
  const known = new Set(shown.map((item) => item.id))
  const items = [...shown, ...next.items.filter((item) => !known.has(item.id))]
  // An empty page means the end even if the total said otherwise (items went off sale meanwhile).
  const hasMore = next.items.length > 0 && next.page * next.pageSize < next.total
  return { items, total: next.total, page: next.page, hasMore }
}
