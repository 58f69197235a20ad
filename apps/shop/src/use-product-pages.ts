import { useCallback, useRef, useState } from 'react'
import { ApiError } from './api'
import type { Page, ShopListItem } from './api-types'
import { translate } from './i18n'
import { appendPage, type LoadedPages } from './product-pages'

export type FetchProductPage = (page: number) => Promise<Page<ShopListItem>>

export type ProductPagesState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; pages: LoadedPages<ShopListItem>; loadingMore: boolean; moreError: string | undefined }

function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : translate('error.unknown')
}

/**
 * A product list fetched page by page. `start` replaces the list (a new query or category);
 * answers to an earlier `start` that arrive late are dropped, so quick taps never mix two lists.
 */
export function useProductPages(): {
  state: ProductPagesState
  start: (fetchPage: FetchProductPage) => Promise<void>
  more: () => Promise<void>
  reset: () => void
} {
  const [state, setState] = useState<ProductPagesState>({ status: 'idle' })
  const generation = useRef(0)
  const fetcher = useRef<FetchProductPage | undefined>(undefined)
  // Read by `more` without waiting for a render, so a fast second scroll event does not load a page twice.
  const current = useRef<ProductPagesState>(state)
  const update = useCallback((next: ProductPagesState) => {
    current.current = next
    setState(next)
  }, [])

  const start = useCallback(
    async (fetchPage: FetchProductPage) => {
      generation.current += 1
      const mine = generation.current
      fetcher.current = fetchPage
      update({ status: 'loading' })
      try {
        const first = await fetchPage(1)
        if (mine === generation.current) update({ status: 'ready', pages: appendPage(undefined, first), loadingMore: false, moreError: undefined })
      } catch (error) {
        if (mine === generation.current) update({ status: 'error', message: messageOf(error) })
      }
    },
    [update],
  )

  const more = useCallback(async () => {
    const shown = current.current
    const fetchPage = fetcher.current
    if (shown.status !== 'ready' || shown.loadingMore || !shown.pages.hasMore || fetchPage === undefined) return
    const mine = generation.current
    update({ ...shown, loadingMore: true, moreError: undefined })
    try {
      const next = await fetchPage(shown.pages.page + 1)
      if (mine === generation.current) update({ status: 'ready', pages: appendPage(shown.pages, next), loadingMore: false, moreError: undefined })
    } catch (error) {
      if (mine === generation.current) update({ ...shown, loadingMore: false, moreError: messageOf(error) })
    }
  }, [update])

  const reset = useCallback(() => {
    generation.current += 1
    fetcher.current = undefined
    update({ status: 'idle' })
  }, [update])

  return { state, start, more, reset }
}
