import { useEffect, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { applyChromeTexts, useI18n } from '../../i18n'
import { getToken } from '../../session'
import { duration, openLiveRadar, radarApi, shortTime, type RadarVisitor } from './radar-api'
import './index.css'

type Loaded = { status: 'loading' } | { status: 'error' } | { status: 'ready'; items: RadarVisitor[] }

/** 访客雷达: who viewed my cards (latest first), how long, what, and whom they forwarded to; live on h5. */
export default function RadarPage() {
  const { locale, t } = useI18n()
  const [visitors, setVisitors] = useState<Loaded>({ status: 'loading' })
  const [unread, setUnread] = useState(0)
  const [latest, setLatest] = useState<string | null>(null)

  function load(): void {
    if (getToken() === undefined) {
      void Taro.showToast({ title: t('radar.loginFirst'), icon: 'none' })
      return
    }
    radarApi.visitors().then((page) => setVisitors({ status: 'ready', items: page.items }), () => setVisitors({ status: 'error' }))
    radarApi.notifications().then((page) => setUnread(page.unread), () => undefined)
  }

  useDidShow(() => {
    applyChromeTexts(locale, 'radar.title')
    load()
  })

  useEffect(() => {
    if (getToken() === undefined) return undefined
    return openLiveRadar((event) => {
      setLatest(event.text)
      void Taro.showToast({ title: event.text, icon: 'none', duration: 2500 })
      load()
    })
    // The stream is opened once per visit of the page; load() reads the latest state each time.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const nameOf = (visitorId: string) => (visitors.status === 'ready' ? visitors.items.find((item) => item.visitorId === visitorId)?.label : undefined) ?? visitorId.slice(-4)

  return (
    <View className='radar'>
      <View className='radar__bar'>
        <Text className='radar__live' data-testid='radar-live'>{latest ? `${t('radar.live')} · ${latest}` : t('radar.live')}</Text>
        <Text className='radar__link' onClick={() => void Taro.navigateTo({ url: '/pages/radar-notifications/index' })} data-testid='radar-notifications-link'>
          {t('radar.notifications', { count: unread })}
        </Text>
      </View>
      {visitors.status === 'error' && <Text className='radar__empty'>{t('radar.loadFailed')}</Text>}
      {visitors.status === 'ready' && visitors.items.length === 0 && <Text className='radar__empty'>{t('radar.empty')}</Text>}
      {visitors.status === 'ready' &&
        visitors.items.map((visitor) => (
          <View key={visitor.visitorId} className='radar__card' data-testid='radar-visitor' onClick={() => void Taro.navigateTo({ url: `/pages/radar-timeline/index?id=${visitor.visitorId}` })}>
            <View className='radar__row'>
              {visitor.avatarUrl && <Image className='radar__avatar' src={visitor.avatarUrl} />}
              <Text className='radar__name'>{visitor.label}</Text>
              <Text className='radar__meta'>{t('radar.lastSeen', { time: shortTime(visitor.lastSeenAt) })}</Text>
            </View>
            <Text className='radar__meta'>
              {[t('radar.visits', { count: visitor.visits }), t('radar.dwell', { duration: duration(visitor.dwellSeconds, t) }), visitor.contactSubmitted ? t('radar.contacted') : ''].filter(Boolean).join(' · ')}
            </Text>
            {visitor.productsViewed.length > 0 && (
              <Text className='radar__meta'>{t('radar.viewed', { products: visitor.productsViewed.slice(0, 3).map((product) => product.title ?? product.productId).join('、') })}</Text>
            )}
            {visitor.forwardedTo.length > 0 && <Text className='radar__meta'>{t('radar.forwardedTo', { names: visitor.forwardedTo.map((other) => other.displayName ?? nameOf(other.visitorId)).join('、') })}</Text>}
            {visitor.cameFrom && <Text className='radar__meta'>{t('radar.cameFrom', { name: nameOf(visitor.cameFrom) })}</Text>}
          </View>
        ))}
    </View>
  )
}
