import { useCallback, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { shopApi } from '../../api'
import type { CategoryNode } from '../../api-types'
import { takeChosenCategory } from '../../category-selection'
import { ListFooter } from '../../components/list-footer'
import { ProductRow } from '../../components/product-row'
import { SearchEntry } from '../../components/search-entry'
import { applyChromeTexts, useI18n } from '../../i18n'
import { categoryName } from '../../search-terms'
import { useProductPages } from '../../use-product-pages'
import './index.css'

const PAGE_SIZE = 10

type TreeState = { status: 'loading' } | { status: 'error' } | { status: 'ready'; tree: CategoryNode[] }

/** Where a category id sits in the tree: its top-level category, and the leaf when it is one. */
function locate(tree: readonly CategoryNode[], categoryId: string): { top: CategoryNode; leafId: string | undefined } | undefined {
  for (const top of tree) {
    if (top.id === categoryId) return { top, leafId: undefined }
    if (top.children.some((child) => child.id === categoryId)) return { top, leafId: categoryId }
  }
  return undefined
}

/** 分类: top-level categories in a rail on the left; on the right their leaves and the products of the one chosen. */
export default function CategoryPage() {
  const { locale, t } = useI18n()
  const [treeState, setTreeState] = useState<TreeState>({ status: 'loading' })
  const [topId, setTopId] = useState<string | undefined>()
  // The category whose products are listed: the top-level one ("全部") or one of its leaves.
  const [selectedId, setSelectedId] = useState<string | undefined>()
  const list = useProductPages()
  const { start } = list
  // A choice made on home before the tree arrived is applied once it has.
  const waitingChoice = useRef<string | undefined>(undefined)

  const select = useCallback(
    (tree: readonly CategoryNode[], categoryId: string) => {
      const found = locate(tree, categoryId)
      if (found === undefined) return
      setTopId(found.top.id)
      setSelectedId(categoryId)
      void start((page) => shopApi.categoryProducts(categoryId, page, PAGE_SIZE))
      // A new category starts at its top, whichever one the shopper scrolled down in before.
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
    },
    [start],
  )

  const loadTree = useCallback(
    async (keepSelection: string | undefined) => {
      try {
        const tree = await shopApi.categories()
        setTreeState({ status: 'ready', tree })
        const wanted = waitingChoice.current ?? keepSelection
        waitingChoice.current = undefined
        const first = tree[0]
        if (wanted !== undefined && locate(tree, wanted) !== undefined) select(tree, wanted)
        else if (first !== undefined) select(tree, first.id)
      } catch {
        // The API wrapper already showed the localized error.
        setTreeState((previous) => (previous.status === 'ready' ? previous : { status: 'error' }))
      }
    },
    [select],
  )

  useLoad(() => {
    void loadTree(undefined)
  })
  useDidShow(() => {
    applyChromeTexts(locale, 'category.title')
    const chosen = takeChosenCategory()
    if (chosen === undefined) return
    if (treeState.status === 'ready') select(treeState.tree, chosen)
    else waitingChoice.current = chosen
  })
  usePullDownRefresh(() => {
    void loadTree(selectedId).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void list.more()
  })

  if (treeState.status !== 'ready') {
    return (
      <View className="page-root category-page">
        <View className="category-search">
          <SearchEntry id="category-search" placeholder={t('search.placeholder')} />
        </View>
        <Text className="state-text" id="category-state">
          {t(treeState.status === 'loading' ? 'common.loading' : 'common.loadFailed')}
        </Text>
      </View>
    )
  }

  const { tree } = treeState
  const top = tree.find((node) => node.id === topId)
  const { state } = list

  return (
    <View className="page-root category-page">
      <View className="category-search">
        <SearchEntry id="category-search" placeholder={t('search.placeholder')} />
      </View>
      {tree.length === 0 ? (
        <Text className="state-text" id="category-none">
          {t('category.none')}
        </Text>
      ) : (
        <View className="category-body">
          <View className="category-rail" id="category-rail">
            {tree.map((node) => (
              <View
                key={node.id}
                className={`category-rail__item ${node.id === topId ? 'category-rail__item--active' : ''}`}
                data-category-id={node.id}
                onClick={() => select(tree, node.id)}
              >
                <Text className="category-rail__name">{categoryName(node, locale)}</Text>
              </View>
            ))}
          </View>

          <View className="category-main" id="category-main">
            {top !== undefined && (
              <View className="category-leaves" id="category-leaves">
                <View
                  className={`category-leaf ${selectedId === top.id ? 'category-leaf--active' : ''}`}
                  data-category-id={top.id}
                  onClick={() => select(tree, top.id)}
                >
                  {t('category.all')}
                </View>
                {top.children.map((child) => (
                  <View
                    key={child.id}
                    className={`category-leaf ${selectedId === child.id ? 'category-leaf--active' : ''}`}
                    data-category-id={child.id}
                    onClick={() => select(tree, child.id)}
                  >
                    {categoryName(child, locale)}
                  </View>
                ))}
              </View>
            )}

            {(state.status === 'loading' || state.status === 'idle') && (
              <Text className="state-text" id="category-loading">
                {t('common.loading')}
              </Text>
            )}
            {state.status === 'error' && (
              <View className="category-error">
                <Text className="error-text">{state.message}</Text>
                <View
                  className="pill pill--ghost category-error__retry"
                  onClick={() => selectedId !== undefined && select(tree, selectedId)}
                >
                  {t('list.retry')}
                </View>
              </View>
            )}
            {state.status === 'ready' &&
              (state.pages.items.length === 0 ? (
                <Text className="state-text" id="category-empty">
                  {t('category.empty')}
                </Text>
              ) : (
                <View id="category-products" data-category-id={selectedId}>
                  <Text className="category-count" id="category-count">
                    {t('category.count', { n: state.pages.total })}
                  </Text>
                  {state.pages.items.map((product) => (
                    <ProductRow key={product.id} product={product} />
                  ))}
                </View>
              ))}
            <ListFooter id="category-more" state={state} onMore={() => void list.more()} />
          </View>
        </View>
      )}
    </View>
  )
}
