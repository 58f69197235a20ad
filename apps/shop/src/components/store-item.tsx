import { Text, View } from '@tarojs/components'
import type { HomeStore } from '../api-types'
import './store-item.css'

export function StoreItem({ store, onClick }: { store: HomeStore; onClick?: () => void }) {
  const area = [store.city, store.district].filter((part) => part !== null && part !== '').join(' ')
  return (
    <View className="store-item" data-store-id={store.id} onClick={onClick}>
      <Text className="store-item__name">{store.name}</Text>
      {area !== '' && <Text className="store-item__area">{area}</Text>}
      {store.address !== null && store.address !== '' && <Text className="store-item__address">{store.address}</Text>}
    </View>
  )
}
