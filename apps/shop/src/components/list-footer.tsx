import { Text, View } from '@tarojs/components'
import { useI18n } from '../i18n'
import type { ProductPagesState } from '../use-product-pages'
import './list-footer.css'

/** The end of a paged list: a "加载更多" button, a spinner text, a retry after a failure, or the end. */
export function ListFooter({ id, state, onMore }: { id: string; state: ProductPagesState; onMore: () => void }) {
  const { t } = useI18n()
  if (state.status !== 'ready' || state.pages.items.length === 0) return null
  if (state.loadingMore) return <Text className="list-footer list-footer--text">{t('list.loadingMore')}</Text>
  if (state.moreError !== undefined) {
    return (
      <View className="list-footer">
        <Text className="error-text list-footer__error">{state.moreError}</Text>
        <View id={id} className="pill pill--ghost list-footer__button" onClick={onMore}>
          {t('list.retry')}
        </View>
      </View>
    )
  }
  if (state.pages.hasMore) {
    return (
      <View className="list-footer">
        <View id={id} className="pill pill--ghost list-footer__button" onClick={onMore}>
          {t('list.loadMore')}
        </View>
      </View>
    )
  }
  // "No more" only means something after scrolling through more than one page.
  if (state.pages.page === 1) return null
  return <Text className="list-footer list-footer--text list-footer--end">{t('list.noMore')}</Text>
}
