import { useRef, useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad, usePullDownRefresh } from '@tarojs/taro'
import { shopApi } from '../../api'
import type { NearbyStore } from '../../api-types'
import { applyChromeTexts, useI18n, type MessageKey } from '../../i18n'
import { CITIES, cityPosition, loadChosenCity, locate, saveChosenCity, type CityId, type Position } from '../../location'
import { formatDistance } from '../../order-status'
import './index.css'

const RADII_KM = [3, 10, 50] as const
type RadiusKm = (typeof RADII_KM)[number]
/** The API's largest radius; an empty list offers to widen straight to it. */
const WIDEST_KM: RadiusKm = 50

/** Where the list is measured from: the device, a city the shopper picked, or the default city. */
type Origin =
  | { status: 'locating' }
  | { status: 'ready'; position: Position; source: 'device' }
  | { status: 'ready'; position: Position; source: 'city' | 'default'; cityId: CityId }

type ListState = { status: 'loading' } | { status: 'error' } | { status: 'ready'; stores: NearbyStore[] }

const cityKey = (id: CityId): MessageKey => `city.${id}`

export default function StoresPage() {
  const { locale, t } = useI18n()
  const [origin, setOrigin] = useState<Origin>({ status: 'locating' })
  const [radiusKm, setRadiusKm] = useState<RadiusKm>(RADII_KM[0])
  const [list, setList] = useState<ListState>({ status: 'loading' })
  // Answers may arrive out of order when the shopper switches city or radius quickly.
  const generation = useRef(0)

  async function search(position: Position, radius: RadiusKm): Promise<void> {
    generation.current += 1
    const mine = generation.current
    setList({ status: 'loading' })
    try {
      const { items } = await shopApi.nearbyStores(position.latitude, position.longitude, radius)
      if (mine !== generation.current) return
      setList({ status: 'ready', stores: [...items].sort((a, b) => a.distanceMeters - b.distanceMeters) })
    } catch {
      if (mine === generation.current) setList({ status: 'error' })
    }
  }

  async function locateAndSearch(radius: RadiusKm): Promise<void> {
    setOrigin({ status: 'locating' })
    setList({ status: 'loading' })
    const position = await locate()
    let next: Origin
    if (!position.fallback) next = { status: 'ready', position, source: 'device' }
    else {
      const chosen = loadChosenCity()
      next =
        chosen !== undefined
          ? { status: 'ready', position: cityPosition(chosen), source: 'city', cityId: chosen }
          : { status: 'ready', position: cityPosition('shanghai'), source: 'default', cityId: 'shanghai' }
    }
    setOrigin(next)
    if (next.status === 'ready') await search(next.position, radius)
  }

  useLoad(() => void locateAndSearch(radiusKm))
  useDidShow(() => applyChromeTexts(locale, 'stores.title'))
  usePullDownRefresh(() => {
    const refresh = origin.status === 'ready' ? search(origin.position, radiusKm) : locateAndSearch(radiusKm)
    void refresh.finally(() => Taro.stopPullDownRefresh())
  })

  function chooseRadius(radius: RadiusKm): void {
    setRadiusKm(radius)
    if (origin.status === 'ready') void search(origin.position, radius)
  }

  function chooseCity(index: number): void {
    const city = CITIES[index]
    if (city === undefined) return
    saveChosenCity(city.id)
    const position = cityPosition(city.id)
    setOrigin({ status: 'ready', position, source: 'city', cityId: city.id })
    void search(position, radiusKm)
  }

  function call(store: NearbyStore): void {
    if (store.phone === null || store.phone === '') return
    void Taro.makePhoneCall({ phoneNumber: store.phone }).catch(() => undefined)
  }

  function visit(store: NearbyStore): void {
    void Taro.navigateTo({
      url: `/pages/storefront/index?merchantId=${encodeURIComponent(store.merchantId)}&from=${encodeURIComponent(store.name)}`,
    })
  }

  const cityNames = CITIES.map((city) => t(cityKey(city.id)))
  let originText = t('stores.locating')
  if (origin.status === 'ready') {
    if (origin.source === 'device') originText = t('stores.located')
    else if (origin.source === 'city') originText = t('stores.cityChosen', { city: t(cityKey(origin.cityId)) })
    else originText = t('stores.fallback', { city: t(cityKey(origin.cityId)) })
  }

  return (
    <View className="page-root stores-page">
      <View className="stores-origin">
        <Text
          className={`stores-origin__text${origin.status === 'ready' && origin.source === 'default' ? ' stores-origin__text--warn' : ''}`}
          id="stores-origin"
          data-source={origin.status === 'ready' ? origin.source : 'locating'}
        >
          {originText}
        </Text>
        <View className="stores-origin__actions">
          <Picker
            mode="selector"
            range={cityNames}
            textProps={{ okText: t('common.confirm'), cancelText: t('common.cancel') }}
            value={Math.max(0, CITIES.findIndex((city) => origin.status === 'ready' && origin.source !== 'device' && city.id === origin.cityId))}
            onChange={(event) => chooseCity(Number(event.detail.value))}
          >
            <View className="stores-chip" id="stores-switch-city">
              {t('stores.switchCity')}
            </View>
          </Picker>
          <View className="stores-chip" id="stores-relocate" onClick={() => void locateAndSearch(radiusKm)}>
            {t('stores.useLocation')}
          </View>
        </View>
      </View>

      <View className="stores-radius" id="stores-radius">
        <Text className="muted">{t('stores.radius')}</Text>
        {RADII_KM.map((radius) => (
          <View
            key={radius}
            id={`stores-radius-${radius}`}
            className={`stores-radius__option${radius === radiusKm ? ' stores-radius__option--active' : ''}`}
            onClick={() => chooseRadius(radius)}
          >
            {t('stores.radiusKm', { n: radius })}
          </View>
        ))}
        {list.status === 'ready' && list.stores.length > 0 && (
          <Text className="muted stores-radius__count" id="stores-count">
            {t('stores.count', { n: list.stores.length })}
          </Text>
        )}
      </View>

      {list.status === 'loading' && <Text className="state-text">{t('common.loading')}</Text>}
      {list.status === 'error' && (
        <Text
          className="state-text"
          id="stores-error"
          onClick={() => void (origin.status === 'ready' ? search(origin.position, radiusKm) : locateAndSearch(radiusKm))}
        >
          {t('stores.retry')}
        </Text>
      )}
      {list.status === 'ready' && list.stores.length === 0 && (
        <View className="stores-empty" id="stores-empty">
          <Text className="state-text">{t('stores.empty', { n: radiusKm })}</Text>
          {radiusKm < WIDEST_KM && (
            <View className="pill pill--ghost stores-empty__widen" id="stores-widen" onClick={() => chooseRadius(WIDEST_KM)}>
              {t('stores.widen', { n: WIDEST_KM })}
            </View>
          )}
        </View>
      )}
      {list.status === 'ready' && list.stores.length > 0 && (
        <View id="stores-list">
          {list.stores.map((store) => {
            const hasPhone = store.phone !== null && store.phone !== ''
            return (
              <View key={store.id} className="card store-card" data-store-id={store.id} data-distance={store.distanceMeters}>
                <View className="store-card__head">
                  <Text className="store-card__name">{store.name}</Text>
                  <Text className="store-card__distance">{formatDistance(store.distanceMeters, locale)}</Text>
                </View>
                <View className="store-card__meta">
                  <Text className="store-card__open">{t('stores.open')}</Text>
                  <Text className="muted">
                    {/* Municipalities repeat the province as the city (上海市 上海市); say it once. */}
                    {[store.province === store.city ? '' : store.province, store.city, store.district]
                      .filter((part) => part !== '')
                      .join(' · ')}
                  </Text>
                </View>
                <Text className="store-card__address">{store.address}</Text>
                <View className="store-card__actions">
                  {hasPhone ? (
                    <View className="pill pill--ghost store-card__button" data-action="call" onClick={() => call(store)}>
                      {t('stores.call')}
                    </View>
                  ) : (
                    <Text className="muted store-card__no-phone">{t('stores.noPhone')}</Text>
                  )}
                  <View className="pill store-card__button" data-action="visit" onClick={() => visit(store)}>
                    {t('stores.visit')}
                  </View>
                </View>
              </View>
            )
          })}
        </View>
      )}
    </View>
  )
}
