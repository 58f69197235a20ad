import Taro from '@tarojs/taro'

/** A storefront the shopper opened, remembered on the device so home can lead back to it. */
export interface RecentShop {
  merchantId: string
  name: string
}

const RECENT_SHOPS_KEY = 'linkmall.recentShops'
const MAX_RECENT_SHOPS = 5

export function loadRecentShops(): RecentShop[] {
  const stored: unknown = Taro.getStorageSync(RECENT_SHOPS_KEY)
  if (!Array.isArray(stored)) return []
  return stored
    .filter(
      (shop): shop is RecentShop =>
        typeof shop === 'object' && shop !== null && typeof shop.merchantId === 'string' && typeof shop.name === 'string',
    )
    .slice(0, MAX_RECENT_SHOPS)
}

/** Moves the shop to the front (newest first), keeping at most a handful. */
export function rememberShop(shop: RecentShop): void {
  const others = loadRecentShops().filter((known) => known.merchantId !== shop.merchantId)
  Taro.setStorageSync(RECENT_SHOPS_KEY, [shop, ...others].slice(0, MAX_RECENT_SHOPS))
}
