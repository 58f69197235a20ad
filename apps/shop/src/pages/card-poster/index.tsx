import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad } from '@tarojs/taro'
import { cardFiles } from '../../card-api'
import { applyChromeTexts, useI18n } from '../../i18n'
import './index.css'

const param = (value: string | undefined) => (value === undefined || value === '' ? null : decodeURIComponent(value))

/** 名片海报: the server-rendered share poster (the card, its QR code for the share) to save or send. */
export default function CardPosterPage() {
  const { locale, t } = useI18n()
  const [source, setSource] = useState<string | null>(null)
  const [missing, setMissing] = useState(false)
  useDidShow(() => applyChromeTexts(locale, 'poster.title'))

  useLoad((params: Record<string, string | undefined>) => {
    const cardId = param(params.id)
    if (cardId === null) return setMissing(true)
    setSource(cardFiles.posterUrl(cardId, param(params.share), param(params.product) ?? undefined))
  })

  async function download(): Promise<void> {
    if (source === null) return
    if (process.env.TARO_ENV === 'h5') {
      const link = document.createElement('a')
      link.href = source
      link.download = 'card-poster.png'
      link.click()
      return
    }
    const file = await Taro.downloadFile({ url: source })
    await Taro.saveImageToPhotosAlbum({ filePath: file.tempFilePath })
  }

  if (missing || source === null) {
    return (
      <View className="page-root">
        <Text className="state-text">{missing ? t('poster.missing') : t('card.loading')}</Text>
      </View>
    )
  }
  return (
    <View className="page-root poster-page" id="card-poster-page">
      <Image className="poster-image" id="card-poster" src={source} mode="widthFix" showMenuByLongpress onClick={() => void Taro.previewImage({ current: source, urls: [source] })} />
      <Text className="muted poster-hint">{t('poster.hint')}</Text>
      <View className="pill" id="card-poster-download" onClick={() => void download().catch(() => undefined)}>
        {t('poster.download')}
      </View>
    </View>
  )
}
