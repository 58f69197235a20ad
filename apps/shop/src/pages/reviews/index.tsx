import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useDidShow, useLoad, useReachBottom } from '@tarojs/taro'
import { shopApi } from '../../api'
import type { PublicReview } from '../../api-types'
import { ReviewItem } from '../../components/review-item'
import { applyChromeTexts, useI18n } from '../../i18n'
import './index.css'

const PAGE_SIZE = 10

/** A product's reviews, newest first, a page at a time. */
export default function ReviewsPage() {
  const { locale, t } = useI18n()
  const [productId, setProductId] = useState<string | undefined>()
  const [items, setItems] = useState<PublicReview[]>([])
  const [total, setTotal] = useState<number | undefined>()
  const [average, setAverage] = useState<number | null>(null)
  const [page, setPage] = useState(0)
  const [loading, setLoading] = useState(false)
  const [failed, setFailed] = useState(false)

  async function loadPage(id: string, next: number): Promise<void> {
    setLoading(true)
    try {
      const result = await shopApi.productReviews(id, next, PAGE_SIZE)
      setItems((current) => (next === 1 ? result.items : [...current, ...result.items]))
      setTotal(result.total)
      setAverage(result.summary.averageRating)
      setPage(next)
      setFailed(false)
    } catch {
      setFailed(true)
    } finally {
      setLoading(false)
    }
  }

  useLoad((params: Record<string, string | undefined>) => {
    const id = params.productId === undefined || params.productId === '' ? undefined : decodeURIComponent(params.productId)
    setProductId(id)
    if (id === undefined) setFailed(true)
    else void loadPage(id, 1)
  })
  useDidShow(() => applyChromeTexts(locale, 'reviews.title'))

  const hasMore = total !== undefined && items.length < total
  function more(): void {
    if (productId !== undefined && hasMore && !loading) void loadPage(productId, page + 1)
  }
  useReachBottom(more)

  return (
    <View className="page-root reviews-page">
      {total !== undefined && (
        <View className="card row reviews-summary">
          <Text id="reviews-count">{t('reviews.count', { n: total })}</Text>
          {average !== null && <Text className="price">{t('product.ratingScore', { rating: average.toFixed(1) })}</Text>}
        </View>
      )}
      {items.length > 0 && (
        <View className="card" id="reviews-list">
          {items.map((review) => (
            <ReviewItem key={review.id} review={review} />
          ))}
        </View>
      )}
      {failed && <Text className="state-text">{t('common.loadFailed')}</Text>}
      {!failed && total === 0 && <Text className="state-text">{t('product.reviewsNone')}</Text>}
      {!failed && total !== undefined && total > 0 && (
        <Text className="state-text reviews-more" id="reviews-more" onClick={more}>
          {loading ? t('common.loading') : hasMore ? t('reviews.loadMore') : t('reviews.end')}
        </Text>
      )}
    </View>
  )
}
