import Taro from '@tarojs/taro'
import { parseRecentSearches, withRecentSearch } from './search-terms'

/** Recent searches live on the device only: they are the shopper's, and need no account. */
const RECENT_SEARCHES_KEY = 'linkmall.recentSearches'

export function loadRecentSearches(): string[] {
  return parseRecentSearches(Taro.getStorageSync(RECENT_SEARCHES_KEY))
}

export function rememberSearch(query: string): string[] {
  const recent = withRecentSearch(loadRecentSearches(), query)
  Taro.setStorageSync(RECENT_SEARCHES_KEY, recent)
  return recent
}

export function clearRecentSearches(): void {
  Taro.removeStorageSync(RECENT_SEARCHES_KEY)
}
