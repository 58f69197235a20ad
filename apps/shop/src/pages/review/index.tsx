import { useState } from 'react'
import { Switch, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad } from '@tarojs/taro'
import { ApiError, showError, shopApi } from '../../api'
import type { Order, OrderLine } from '../../api-types'
import { applyChromeTexts, useI18n, type MessageKey } from '../../i18n'
import './index.css'

type State = { status: 'loading' } | { status: 'error' } | { status: 'ready'; order: Order; lines: OrderLine[] }

interface Draft {
  rating: number
  content: string
}

const STAR_LABELS: MessageKey[] = ['review.star1', 'review.star2', 'review.star3', 'review.star4', 'review.star5']

/** Received or completed sub-orders are the ones whose lines can be reviewed. */
function reviewableLines(order: Order): OrderLine[] {
  return order.subOrders.filter((subOrder) => subOrder.status === 'received' || subOrder.status === 'completed').flatMap((subOrder) => subOrder.lines)
}

/** 评价: stars and words for each received line of an order, optionally anonymous, sent all at once. */
export default function ReviewPage() {
  const { locale, t } = useI18n()
  const [state, setState] = useState<State>({ status: 'loading' })
  const [drafts, setDrafts] = useState<Record<string, Draft>>({})
  const [anonymous, setAnonymous] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const [formError, setFormError] = useState<string | undefined>()

  useLoad((params: Record<string, string | undefined>) => {
    const id = params.orderId === undefined || params.orderId === '' ? undefined : decodeURIComponent(params.orderId)
    if (id === undefined) return setState({ status: 'error' })
    shopApi.order(id).then(
      (order) => {
        const lines = reviewableLines(order)
        setState({ status: 'ready', order, lines })
        // Five stars preselected: most reviews are happy ones, and one tap less is kinder.
        setDrafts(Object.fromEntries(lines.map((line) => [line.id, { rating: 5, content: '' }])))
      },
      () => setState({ status: 'error' }),
    )
  })
  useDidShow(() => applyChromeTexts(locale, 'review.title'))

  function update(lineId: string, change: Partial<Draft>): void {
    setDrafts((current) => ({ ...current, [lineId]: { ...(current[lineId] ?? { rating: 0, content: '' }), ...change } }))
    setFormError(undefined)
  }

  async function submit(): Promise<void> {
    if (submitting || state.status !== 'ready') return
    const reviews = state.lines.map((line) => ({ orderLineId: line.id, rating: drafts[line.id]?.rating ?? 0, content: (drafts[line.id]?.content ?? '').trim(), anonymous }))
    if (reviews.some((review) => review.rating < 1)) {
      setFormError(t('review.needRating'))
      return
    }
    setSubmitting(true)
    try {
      await shopApi.reviewOrder(state.order.id, reviews)
      void Taro.showToast({ title: t('review.done'), icon: 'success', duration: 1200 })
      setTimeout(() => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: `/pages/order/index?id=${encodeURIComponent(state.order.id)}` })), 900)
    } catch (error) {
      if (error instanceof ApiError) setFormError(error.message)
      showError(error)
    } finally {
      setSubmitting(false)
    }
  }

  if (state.status !== 'ready') {
    return (
      <View className="page-root">
        <Text className="state-text">{t(state.status === 'loading' ? 'common.loading' : 'common.loadFailed')}</Text>
      </View>
    )
  }
  if (state.lines.length === 0) {
    return (
      <View className="page-root">
        <Text className="state-text" id="review-nothing">
          {t('review.nothing')}
        </Text>
      </View>
    )
  }

  return (
    <View className="page-root review-page with-action-bar">
      {state.lines.map((line) => {
        const draft = drafts[line.id] ?? { rating: 0, content: '' }
        return (
          <View key={line.id} className="card review-line" data-line-id={line.id}>
            <Text className="review-line__title">{line.title}</Text>
            <Text className="muted">{line.specs}</Text>
            <View className="review-stars">
              {[1, 2, 3, 4, 5].map((star) => (
                <Text
                  key={star}
                  className={`review-star${star <= draft.rating ? ' review-star--on' : ''}`}
                  data-star={star}
                  onClick={() => update(line.id, { rating: star })}
                >
                  ★
                </Text>
              ))}
              {draft.rating > 0 && <Text className="review-stars__label">{t(STAR_LABELS[draft.rating - 1]!)}</Text>}
            </View>
            <Textarea
              className="review-line__text"
              value={draft.content}
              maxlength={500}
              placeholder={t('review.placeholder')}
              onInput={(event) => update(line.id, { content: event.detail.value })}
            />
          </View>
        )
      })}
      <View className="card row review-anonymous">
        <Text>{t('review.anonymous')}</Text>
        <Switch id="review-anonymous" checked={anonymous} color="#e4393c" onChange={(event) => setAnonymous(event.detail.value)} />
      </View>
      {formError !== undefined && (
        <Text className="error-text review-error" id="review-error">
          {formError}
        </Text>
      )}
      <View className="action-bar">
        <View id="review-submit" className={`pill review-submit${submitting ? ' pill--disabled' : ''}`} onClick={() => void submit()}>
          {submitting ? t('review.submitting') : t('review.submit')}
        </View>
      </View>
    </View>
  )
}
