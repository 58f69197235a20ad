import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useDidShow, useRouter } from '@tarojs/taro'
import { applyChromeTexts, useI18n } from '../../i18n'
import { radarApi, shortTime, type TimelineEntry } from '../radar/radar-api'
import '../radar/index.css'

type Loaded = { status: 'loading' } | { status: 'error' } | { status: 'ready'; items: TimelineEntry[] }

/** One visitor's timeline on my cards, newest first, each event told in the reader's language. */
export default function RadarTimelinePage() {
  const { locale, t } = useI18n()
  const visitorId = useRouter().params.id ?? ''
  const [entries, setEntries] = useState<Loaded>({ status: 'loading' })

  useDidShow(() => {
    applyChromeTexts(locale, 'radar.timelineTitle')
    radarApi.timeline(visitorId).then((page) => setEntries({ status: 'ready', items: page.items }), () => setEntries({ status: 'error' }))
  })

  return (
    <View className='radar'>
      {entries.status === 'error' && <Text className='radar__empty'>{t('radar.loadFailed')}</Text>}
      {entries.status === 'ready' && entries.items.length === 0 && <Text className='radar__empty'>{t('radar.noEvents')}</Text>}
      {entries.status === 'ready' && (
        <View className='radar__card'>
          {entries.items.map((entry, index) => (
            <View key={`${entry.occurredAt}-${index}`} className='radar__item' data-testid='radar-timeline-entry'>
              <Text className='radar__name'>{entry.text}</Text>
              <Text className='radar__meta'>{[shortTime(entry.occurredAt), entry.seconds ? t('radar.seconds', { seconds: entry.seconds }) : ''].filter(Boolean).join(' · ')}</Text>
              {entry.contact && <Text className='radar__meta'>{`${entry.contact.name} ${entry.contact.phoneMasked} ${entry.contact.message}`}</Text>}
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
