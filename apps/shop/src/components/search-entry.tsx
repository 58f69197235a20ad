import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import './search-entry.css'

interface SearchEntryProps {
  id: string
  placeholder: string
  /** Search inside this storefront instead of the whole catalog. */
  merchantId?: string
  shopName?: string
  /** 'light' sits on the red headers, 'plain' on the grey page background. */
  tone?: 'light' | 'plain'
}

/**
 * A search box that only looks like one: tapping it opens the search page, where the real input
 * takes the focus. Typing in place would need the results on every page that shows the box.
 */
export function SearchEntry({ id, placeholder, merchantId, shopName, tone = 'plain' }: SearchEntryProps) {
  const url =
    '/pages/search/index' +
    (merchantId === undefined ? '' : `?merchantId=${encodeURIComponent(merchantId)}`) +
    (merchantId === undefined || shopName === undefined ? '' : `&shop=${encodeURIComponent(shopName)}`)
  return (
    <View id={id} className={`search-entry search-entry--${tone}`} onClick={() => void Taro.navigateTo({ url })}>
      <View className="search-entry__icon">
        <View className="search-entry__lens" />
        <View className="search-entry__handle" />
      </View>
      <Text className="search-entry__placeholder">{placeholder}</Text>
    </View>
  )
}
