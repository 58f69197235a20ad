import { Text, View } from '@tarojs/components'
import { useI18n, type MessageKey } from '../i18n'
import type { Recommendation, RecommendationReason } from '../recommendation-api'
import { ProductCard } from './product-card'

const BADGES: Partial<Record<RecommendationReason, MessageKey>> = {
  similar: 'home.recommendedBoughtTogether',
  popular_in_region: 'home.recommendedNearby',
  popular: 'home.recommendedPopular',
}

/** 猜你喜欢 / You may also like: hidden while empty, so a new shop shows nothing rather than a blank title. */
export function RecommendedProducts({ items }: { items: Recommendation[] }) {
  const { t } = useI18n()
  if (items.length === 0) return null
  return (
    <View id="home-recommended">
      <Text className="section-title">{t('home.recommended')}</Text>
      <View className="product-grid">
        {items.map((item) => {
          const badge = BADGES[item.reason]
          return (
            <View key={item.productId} className="home-recommended__item" data-reason={item.reason}>
              <ProductCard
                product={{ id: item.productId, title: item.title, subtitle: item.subtitle, imageUrl: item.imageUrl, category: item.category, retailPriceFen: item.retailPriceFen, hotProduct: item.hotProduct }}
                {...(badge === undefined ? {} : { badge: t(badge) })}
              />
            </View>
          )
        })}
      </View>
    </View>
  )
}
