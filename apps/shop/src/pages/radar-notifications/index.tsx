import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { applyChromeTexts, useI18n } from '../../i18n'
import { radarApi, shortTime, type RadarNotification } from '../radar/radar-api'
import '../radar/index.css'

type Loaded = { status: 'loading' } | { status: 'error' } | { status: 'ready'; items: RadarNotification[] }

/** My notifications (visits, product clicks, messages, CRM reminders): tap to read and open the visitor. */
export default function RadarNotificationsPage() {
  const { locale, t } = useI18n()
  const [notifications, setNotifications] = useState<Loaded>({ status: 'loading' })

  function load(): void {
    radarApi.notifications().then((page) => setNotifications({ status: 'ready', items: page.items }), () => setNotifications({ status: 'error' }))
  }

  useDidShow(() => {
    applyChromeTexts(locale, 'radar.notificationsTitle')
    load()
  })

  async function open(notification: RadarNotification): Promise<void> {
    if (!notification.readAt) await radarApi.markRead(notification.id)
    const visitorId = notification.link?.match(/^radar\/visitors\/([\w-]+)$/)?.[1]
    if (visitorId) void Taro.navigateTo({ url: `/pages/radar-timeline/index?id=${visitorId}` })
    else load()
  }

  async function readAll(): Promise<void> {
    await radarApi.markAllRead()
    load()
  }

  return (
    <View className='radar'>
      <View className='radar__bar'>
        <Text className='radar__live'>{t('radar.notificationsTitle')}</Text>
        <Button size='mini' onClick={() => void readAll()} data-testid='radar-read-all'>{t('radar.markAllRead')}</Button>
      </View>
      {notifications.status === 'error' && <Text className='radar__empty'>{t('radar.loadFailed')}</Text>}
      {notifications.status === 'ready' && notifications.items.length === 0 && <Text className='radar__empty'>{t('radar.noNotifications')}</Text>}
      {notifications.status === 'ready' && notifications.items.length > 0 && (
        <View className='radar__card'>
          {notifications.items.map((notification) => (
            <View key={notification.id} className={`radar__item ${notification.readAt ? '' : 'radar__item--unread'}`} onClick={() => void open(notification)} data-testid='radar-notification'>
              <Text className='radar__name'>{notification.title}</Text>
              <Text className='radar__meta'>{[notification.body, shortTime(notification.createdAt)].filter(Boolean).join(' · ')}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
