import { request } from './api'
import { loadLastAddress } from './address'

export type RecommendationReason = 'similar' | 'popular_in_region' | 'popular' | 'new'

/** One 猜你喜欢 product, priced for where it would be bought. */
export interface Recommendation {
  productId: string
  title: string
  subtitle: string
  category: string
  imageUrl: string | null
  retailPriceFen: number
  /** 爆品专享: sold only to members whose level grants hot-product access. */
  hotProduct?: boolean
  reason: RecommendationReason
  becauseOf: string | null
}

/**
 * 猜你喜欢 for the home page: the server knows a signed-in member's purchases; an anonymous shopper
 * sends the province and city of the last address they typed, so best sellers nearby come first.
 */
export function loadRecommendations(limit = 6): Promise<{ items: Recommendation[] }> {
  const address = loadLastAddress()
  const query = [`limit=${limit}`]
  if (address.province.trim() !== '') {
    query.push(`province=${encodeURIComponent(address.province.trim())}`)
    if (address.city.trim() !== '') query.push(`city=${encodeURIComponent(address.city.trim())}`)
  }
  return request<{ items: Recommendation[] }>('GET', `/shop/recommendations?${query.join('&')}`, { quiet: true })
}
