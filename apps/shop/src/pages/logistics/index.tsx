import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad, usePullDownRefresh } from '@tarojs/taro'
import { shopApi } from '../../api'
import type { Parcel } from '../../api-types'
import { applyChromeTexts, useI18n, type MessageKey } from '../../i18n'
import { formatDateTime } from '../../order-status'
import './index.css'

type State = { status: 'loading' } | { status: 'error' } | { status: 'ready'; parcels: Parcel[] }

const TRACKING_KEYS: Record<string, MessageKey> = {
  shipped: 'logistics.status.shipped',
  picked_up: 'logistics.status.picked_up',
  in_transit: 'logistics.status.in_transit',
  out_for_delivery: 'logistics.status.out_for_delivery',
  delivered: 'logistics.status.delivered',
  exception: 'logistics.status.exception',
  returning: 'logistics.status.returning',
  returned: 'logistics.status.returned',
}

function trackingKey(status: string): MessageKey {
  return TRACKING_KEYS[status] ?? 'logistics.status.unknown'
}

/** 物流: every shipped parcel of an order, with its carrier, tracking number and a timeline (newest first). */
export default function LogisticsPage() {
  const { locale, t } = useI18n()
  const [orderId, setOrderId] = useState<string | undefined>()
  const [state, setState] = useState<State>({ status: 'loading' })

  async function load(id: string): Promise<void> {
    try {
      setState({ status: 'ready', parcels: (await shopApi.logistics(id)).parcels })
    } catch {
      setState((previous) => (previous.status === 'ready' ? previous : { status: 'error' }))
    }
  }

  useLoad((params: Record<string, string | undefined>) => {
    const id = params.id === undefined || params.id === '' ? undefined : decodeURIComponent(params.id)
    setOrderId(id)
    if (id === undefined) setState({ status: 'error' })
    else void load(id)
  })
  useDidShow(() => applyChromeTexts(locale, 'logistics.title'))
  usePullDownRefresh(() => {
    if (orderId === undefined) return void Taro.stopPullDownRefresh()
    void load(orderId).finally(() => Taro.stopPullDownRefresh())
  })

  function copy(text: string): void {
    void Taro.setClipboardData({ data: text }).then(
      () => Taro.showToast({ title: t('logistics.copied'), icon: 'none' }),
      () => undefined,
    )
  }

  if (state.status !== 'ready') {
    return (
      <View className="page-root">
        <Text className="state-text">{t(state.status === 'loading' ? 'common.loading' : 'common.loadFailed')}</Text>
      </View>
    )
  }
  if (state.parcels.length === 0) {
    return (
      <View className="page-root">
        <Text className="state-text" id="logistics-empty">
          {t('logistics.empty')}
        </Text>
      </View>
    )
  }

  return (
    <View className="page-root logistics-page">
      {state.parcels.map((parcel, index) => (
        <View key={parcel.subOrderId} className="logistics-parcel" data-sub-order-id={parcel.subOrderId}>
          <View className="card logistics-head">
            <View className="row">
              <Text className="logistics-head__status" data-status={parcel.status}>
                {t(trackingKey(parcel.status))}
              </Text>
              {state.parcels.length > 1 && <Text className="muted">{t('logistics.parcel', { n: index + 1 })}</Text>}
            </View>
            <View className="row">
              <Text className="muted">{t('logistics.carrier')}</Text>
              <Text className="logistics-head__carrier">{parcel.carrierName ?? '—'}</Text>
            </View>
            <View className="row">
              <Text className="muted">{t('logistics.number')}</Text>
              <View className="logistics-head__number-row">
                <Text className="logistics-head__number" selectable>
                  {parcel.trackingNumber ?? '—'}
                </Text>
                {parcel.trackingNumber !== null && (
                  <Text className="logistics-head__copy" onClick={() => copy(parcel.trackingNumber ?? '')}>
                    {t('logistics.copy')}
                  </Text>
                )}
              </View>
            </View>
            {parcel.refreshedAt !== null && (
              <Text className="muted logistics-head__refreshed">{t('logistics.updatedAt', { time: formatDateTime(parcel.refreshedAt) })}</Text>
            )}
          </View>
          <View className="card logistics-timeline">
            {parcel.checkpoints.length === 0 ? (
              <Text className="muted">{t(parcel.source === 'offline' && parcel.trackingNumber === null ? 'logistics.offline' : 'logistics.noCheckpoints')}</Text>
            ) : (
              parcel.checkpoints.map((checkpoint, position) => (
                <View
                  key={`${checkpoint.time}-${position}`}
                  className={`logistics-point${position === 0 ? ' logistics-point--latest' : ''}`}
                  data-status={checkpoint.status}
                >
                  <View className="logistics-point__rail">
                    <View className="logistics-point__dot" />
                    {position < parcel.checkpoints.length - 1 && <View className="logistics-point__line" />}
                  </View>
                  <View className="logistics-point__body">
                    <Text className="logistics-point__description">{checkpoint.description}</Text>
                    <Text className="muted">
                      {formatDateTime(checkpoint.time)}
                      {checkpoint.location !== null && checkpoint.location !== '' ? ` · ${checkpoint.location}` : ''}
                    </Text>
                  </View>
                </View>
              ))
            )}
          </View>
        </View>
      ))}
    </View>
  )
}
