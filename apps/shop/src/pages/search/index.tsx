import { useCallback, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad, useReachBottom } from '@tarojs/taro'
import { shopApi, type ProductScope } from '../../api'
import { ListFooter } from '../../components/list-footer'
import { ProductRow } from '../../components/product-row'
import { applyChromeTexts, useI18n } from '../../i18n'
import { clearRecentSearches, loadRecentSearches, rememberSearch } from '../../search-history'
import { MAX_QUERY_LENGTH, normaliseQuery, suggestedTerms } from '../../search-terms'
import { useProductPages } from '../../use-product-pages'
import type { CategoryNode } from '../../api-types'
import './index.css'

const PAGE_SIZE = 10

/** The storefront searched in, when the search was opened from one. */
interface Shop {
  merchantId: string
  name: string | undefined
}

function param(params: Record<string, string | undefined>, name: string): string | undefined {
  const value = params[name]
  return value === undefined || value === '' ? undefined : decodeURIComponent(value)
}

/** 搜索: a query box, recent searches and suggestions, then the matching products page by page. */
export default function SearchPage() {
  const { locale, t } = useI18n()
  const [text, setText] = useState('')
  // The query whose results are shown; '' before the first search.
  const [query, setQuery] = useState('')
  const [shop, setShop] = useState<Shop | undefined>()
  const [recent, setRecent] = useState<string[]>([])
  const [tree, setTree] = useState<CategoryNode[]>([])
  const list = useProductPages()
  const { start } = list

  const search = useCallback(
    (raw: string, within: Shop | undefined) => {
      const normalised = normaliseQuery(raw)
      setText(normalised)
      if (normalised === '') return
      setQuery(normalised)
      setRecent(rememberSearch(normalised))
      const scope: ProductScope = within === undefined ? {} : { merchantId: within.merchantId }
      void start((page) => shopApi.search(normalised, page, PAGE_SIZE, scope))
    },
    [start],
  )

  useLoad((params: Record<string, string | undefined>) => {
    const merchantId = param(params, 'merchantId')
    const within = merchantId === undefined ? undefined : { merchantId, name: param(params, 'shop') }
    setShop(within)
    setRecent(loadRecentSearches())
    void shopApi.categoriesQuiet().then(setTree, () => undefined)
    const initial = param(params, 'q')
    if (initial !== undefined) search(initial, within)
  })
  useDidShow(() => applyChromeTexts(locale, 'search.title'))
  useReachBottom(() => {
    void list.more()
  })

  function searchEverywhere(): void {
    setShop(undefined)
    if (query !== '') search(query, undefined)
  }

  function clearRecent(): void {
    clearRecentSearches()
    setRecent([])
  }

  const suggestions = suggestedTerms(tree, locale)
  const { state } = list
  const shopName = shop?.name ?? t('search.thisShop')

  const suggestionChips = (id: string) =>
    suggestions.length > 0 && (
      <View className="search-chips" id={id}>
        {suggestions.map((term) => (
          <Text key={term} className="search-chip" onClick={() => search(term, shop)}>
            {term}
          </Text>
        ))}
      </View>
    )

  return (
    <View className="page-root search-page">
      <View className="search-bar">
        <View className="search-bar__box">
          <Input
            id="search-input"
            className="search-bar__input"
            type="text"
            confirmType="search"
            value={text}
            maxlength={MAX_QUERY_LENGTH}
            focus={query === ''}
            placeholder={shop === undefined ? t('search.placeholder') : t('search.placeholderShop')}
            placeholderClass="search-bar__placeholder"
            onInput={(event) => setText(event.detail.value)}
            onConfirm={(event) => search(event.detail.value, shop)}
          />
          {text !== '' && (
            <Text className="search-bar__clear" id="search-clear" onClick={() => setText('')}>
              ×
            </Text>
          )}
        </View>
        <Text className="search-bar__submit" id="search-submit" onClick={() => search(text, shop)}>
          {t('search.submit')}
        </Text>
      </View>

      {shop !== undefined && (
        <View className="search-scope" id="search-scope">
          <Text className="search-scope__text">{t('search.inShop', { name: shopName })}</Text>
          <Text className="search-scope__all" id="search-everywhere" onClick={searchEverywhere}>
            {t('search.everywhere')} ›
          </Text>
        </View>
      )}

      {query === '' && (
        <View className="search-start" id="search-start">
          {recent.length > 0 && (
            <View id="search-recent">
              <View className="search-section-head">
                <Text className="search-section-head__title">{t('search.recent')}</Text>
                <Text className="search-section-head__action" id="search-clear-recent" onClick={clearRecent}>
                  {t('search.clearRecent')}
                </Text>
              </View>
              <View className="search-chips">
                {recent.map((term) => (
                  <Text key={term} className="search-chip search-chip--recent" onClick={() => search(term, shop)}>
                    {term}
                  </Text>
                ))}
              </View>
            </View>
          )}
          {suggestions.length > 0 && (
            <View className="search-section-head">
              <Text className="search-section-head__title">{t('search.suggestions')}</Text>
            </View>
          )}
          {suggestionChips('search-suggestions')}
        </View>
      )}

      {query !== '' && (
        <View className="search-results">
          {state.status === 'loading' && (
            <Text className="state-text" id="search-loading">
              {t('common.loading')}
            </Text>
          )}
          {state.status === 'error' && (
            <View className="search-error" id="search-error">
              <Text className="error-text">{state.message}</Text>
              <View className="pill pill--ghost search-error__retry" onClick={() => search(query, shop)}>
                {t('list.retry')}
              </View>
            </View>
          )}
          {state.status === 'ready' &&
            (state.pages.items.length === 0 ? (
              <View className="search-empty" id="search-empty">
                <View className="search-empty__art">
                  <View className="search-empty__lens" />
                  <View className="search-empty__handle" />
                </View>
                <Text className="search-empty__title">{t('search.empty', { q: query })}</Text>
                <Text className="search-empty__hint">{t('search.emptyHint')}</Text>
                {suggestionChips('search-empty-suggestions')}
              </View>
            ) : (
              <View id="search-list" data-query={query}>
                <Text className="search-count" id="search-count">
                  {t('search.resultCount', { n: state.pages.total })}
                </Text>
                {state.pages.items.map((product) => (
                  <ProductRow key={product.id} product={product} merchantId={shop?.merchantId} shopName={shop?.name} />
                ))}
              </View>
            ))}
          <ListFooter id="search-more" state={state} onMore={() => void list.more()} />
        </View>
      )}
    </View>
  )
}
