import { Image, Text, View } from '@tarojs/components'
import { assetUrl } from '../api'
import { placeholderColor } from './product-card'
import './product-thumb.css'

/** A square product picture for list rows; the coloured initial when the product has no image. */
export function ProductThumb({ id, title, imageUrl }: { id: string; title: string; imageUrl: string | undefined }) {
  if (imageUrl !== undefined && imageUrl !== '') return <Image className="product-thumb" src={assetUrl(imageUrl)} mode="aspectFill" />
  return (
    <View className="product-thumb product-thumb--placeholder" style={{ backgroundColor: placeholderColor(id) }}>
      <Text className="product-thumb__letter">{title.slice(0, 1)}</Text>
    </View>
  )
}
