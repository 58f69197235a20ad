import { Text, View } from '@tarojs/components'
import type { PublicReview } from '../api-types'
import { useI18n } from '../i18n'
import { formatDateTime } from '../order-status'
import './review-item.css'

/** One public review: masked buyer, stars, words, the seller's reply. */
export function ReviewItem({ review }: { review: PublicReview }) {
  const { t } = useI18n()
  return (
    <View className="review-item" data-review-id={review.id}>
      <View className="row">
        <Text className="review-item__buyer">{review.buyerName}</Text>
        <Text className="muted">{formatDateTime(review.createdAt).slice(0, 10)}</Text>
      </View>
      <View className="review-item__meta">
        <Text className="review-item__stars" data-rating={review.rating}>
          {'★'.repeat(review.rating)}
          <Text className="review-item__stars-off">{'★'.repeat(Math.max(0, 5 - review.rating))}</Text>
        </Text>
        {review.specs !== '' && <Text className="muted review-item__specs">{review.specs}</Text>}
      </View>
      {review.content !== '' && <Text className="review-item__content">{review.content}</Text>}
      {review.reply !== null && (
        <Text className="review-item__reply">
          {t('reviews.reply')}
          {review.reply.content}
        </Text>
      )}
    </View>
  )
}
