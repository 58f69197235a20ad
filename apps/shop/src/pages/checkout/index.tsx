import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad } from '@tarojs/taro'
import { ApiError, showError, shopApi } from '../../api'
import type { DeliveryMethod, NearbyStore, ShippingAddress } from '../../api-types'
import {
  loadLastAddress,
  saveLastAddress,
  trimAddress,
  validateAddress,
  type AddressProblem,
} from '../../address'
import { clearCheckoutDraft, lineTotalFenOf, linesTotalFen, loadCheckoutDraft, removeFromCart, type CheckoutDraft } from '../../cart'
import { applyChromeTexts, useI18n, type MessageKey } from '../../i18n'
import { locate } from '../../location'
import { formatFen } from '../../money'
import { formatDistance } from '../../order-status'
import { getToken } from '../../session'
import './index.css'

type StoresState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error' }
  | { status: 'ready'; stores: NearbyStore[]; fallback: boolean }

const PROBLEM_KEYS: Record<AddressProblem, MessageKey> = {
  recipient: 'checkout.invalid.recipient',
  phone: 'checkout.invalid.phone',
  region: 'checkout.invalid.region',
  detail: 'checkout.invalid.detail',
}

const ADDRESS_FIELDS: { key: keyof ShippingAddress; label: MessageKey; placeholder?: MessageKey; type?: 'number' }[] = [
  { key: 'recipientName', label: 'checkout.recipient', placeholder: 'checkout.recipientPlaceholder' },
  { key: 'phone', label: 'checkout.phone', placeholder: 'checkout.phonePlaceholder', type: 'number' },
  { key: 'province', label: 'checkout.province' },
  { key: 'city', label: 'checkout.city' },
  { key: 'district', label: 'checkout.district' },
  { key: 'detail', label: 'checkout.detail', placeholder: 'checkout.detailPlaceholder' },
]

const FIELD_IDS: Record<keyof ShippingAddress, string> = {
  recipientName: 'checkout-recipient',
  phone: 'checkout-phone',
  province: 'checkout-province',
  city: 'checkout-city',
  district: 'checkout-district',
  detail: 'checkout-detail',
}

export default function CheckoutPage() {
  const { locale, t } = useI18n()
  const [draft, setDraft] = useState<CheckoutDraft | undefined>(loadCheckoutDraft)
  const [method, setMethod] = useState<DeliveryMethod>('delivery')
  const [address, setAddress] = useState<ShippingAddress>(loadLastAddress)
  const [problem, setProblem] = useState<AddressProblem | undefined>()
  const [stores, setStores] = useState<StoresState>({ status: 'idle' })
  const [storeId, setStoreId] = useState<string | undefined>()
  const [lineErrors, setLineErrors] = useState<Record<string, string>>({})
  const [submitting, setSubmitting] = useState(false)

  useLoad(() => setDraft(loadCheckoutDraft()))
  useDidShow(() => applyChromeTexts(locale, 'checkout.title'))

  async function loadStores(): Promise<void> {
    setStores({ status: 'loading' })
    const position = await locate()
    try {
      const { items } = await shopApi.nearbyStores(position.latitude, position.longitude)
      setStores({ status: 'ready', stores: items, fallback: position.fallback })
      setStoreId((current) => current ?? items[0]?.id)
    } catch {
      setStores({ status: 'error' })
    }
  }

  function switchMethod(next: DeliveryMethod): void {
    setMethod(next)
    if (next === 'pickup' && (stores.status === 'idle' || stores.status === 'error')) void loadStores()
  }

  function setField(key: keyof ShippingAddress, value: string): void {
    setAddress((current) => ({ ...current, [key]: value }))
    if (problem !== undefined) setProblem(undefined)
  }

  async function submit(): Promise<void> {
    if (submitting || draft === undefined) return
    let shippingAddress: ShippingAddress | undefined
    if (method === 'delivery') {
      shippingAddress = trimAddress(address)
      const found = validateAddress(shippingAddress)
      setProblem(found)
      if (found !== undefined) {
        void Taro.showToast({ title: t(PROBLEM_KEYS[found]), icon: 'none' })
        return
      }
    } else if (storeId === undefined) {
      void Taro.showToast({ title: t('checkout.chooseStore'), icon: 'none' })
      return
    }
    if (getToken() === undefined) {
      void Taro.showToast({ title: t('checkout.needLogin'), icon: 'none' })
      void Taro.navigateTo({ url: '/pages/login/index?back=1' })
      return
    }

    setSubmitting(true)
    setLineErrors({})
    try {
      const order = await shopApi.placeOrder({
        items: draft.lines.map((line) => ({ skuId: line.skuId, quantity: line.quantity })),
        deliveryMethod: method,
        ...(shippingAddress !== undefined ? { shippingAddress } : { pickupStoreId: storeId }),
      })
      if (shippingAddress !== undefined) saveLastAddress(shippingAddress)
      if (draft.source === 'cart') removeFromCart(draft.lines.map((line) => line.skuId))
      clearCheckoutDraft()
      await Taro.redirectTo({ url: `/pages/order/index?id=${encodeURIComponent(order.id)}` })
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        void Taro.navigateTo({ url: '/pages/login/index?back=1' })
      } else if (error instanceof ApiError && (error.code === 'out_of_stock' || error.code === 'sku_not_available')) {
        const details = error.details as { skuId?: unknown } | undefined
        const skuId = typeof details?.skuId === 'string' ? details.skuId : undefined
        if (skuId !== undefined) setLineErrors({ [skuId]: error.message })
        showError(error)
      } else {
        showError(error)
      }
    } finally {
      setSubmitting(false)
    }
  }

  if (draft === undefined) {
    return (
      <View className="page-root">
        <Text className="state-text" id="checkout-empty">
          {t('checkout.empty')}
        </Text>
      </View>
    )
  }

  const goodsFen = linesTotalFen(draft.lines)
  const itemCount = draft.lines.reduce((count, line) => count + line.quantity, 0)

  return (
    <View className="page-root checkout-page with-action-bar">
      <View className="card">
        <Text className="card__title">{t('checkout.delivery')}</Text>
        <View className="delivery-switch">
          <View
            id="checkout-delivery-express"
            className={`delivery-switch__option${method === 'delivery' ? ' delivery-switch__option--active' : ''}`}
            onClick={() => switchMethod('delivery')}
          >
            {t('checkout.express')}
          </View>
          <View
            id="checkout-delivery-pickup"
            className={`delivery-switch__option${method === 'pickup' ? ' delivery-switch__option--active' : ''}`}
            onClick={() => switchMethod('pickup')}
          >
            {t('checkout.pickup')}
          </View>
        </View>
      </View>

      {method === 'delivery' ? (
        <View className="card" id="checkout-address">
          <Text className="card__title">{t('checkout.address')}</Text>
          {ADDRESS_FIELDS.map((field) => {
            const invalid =
              (problem === 'recipient' && field.key === 'recipientName') ||
              (problem === 'phone' && field.key === 'phone') ||
              (problem === 'region' && (field.key === 'province' || field.key === 'city' || field.key === 'district')) ||
              (problem === 'detail' && field.key === 'detail')
            return (
              <View key={field.key} className={`form-field${invalid ? ' form-field--invalid' : ''}`}>
                <Text className="form-field__label">{t(field.label)}</Text>
                <Input
                  id={FIELD_IDS[field.key]}
                  className="form-field__input"
                  type={field.type ?? 'text'}
                  maxlength={field.key === 'phone' ? 11 : field.key === 'detail' ? 120 : 20}
                  placeholder={t(field.placeholder ?? field.label)}
                  value={address[field.key]}
                  onInput={(event) => setField(field.key, event.detail.value)}
                />
              </View>
            )
          })}
          {problem !== undefined && (
            <Text className="error-text" id="checkout-address-error">
              {t(PROBLEM_KEYS[problem])}
            </Text>
          )}
        </View>
      ) : (
        <View className="card" id="checkout-stores">
          <Text className="card__title">{t('checkout.store')}</Text>
          {(stores.status === 'loading' || stores.status === 'idle') && <Text className="muted">{t('checkout.locating')}</Text>}
          {stores.status === 'error' && (
            <Text className="muted" onClick={() => void loadStores()}>
              {t('common.loadFailed')}
            </Text>
          )}
          {stores.status === 'ready' && (
            <View>
              {stores.fallback && (
                <Text className="checkout-note" id="checkout-location-note">
                  {t('checkout.defaultLocationNote')}
                </Text>
              )}
              {stores.stores.length === 0 && <Text className="muted">{t('checkout.noStores')}</Text>}
              {stores.stores.map((store) => (
                <View
                  key={store.id}
                  className={`store-option${store.id === storeId ? ' store-option--active' : ''}`}
                  data-store-id={store.id}
                  onClick={() => setStoreId(store.id)}
                >
                  <View className={`check${store.id === storeId ? ' check--on' : ''}`}>{store.id === storeId ? '✓' : ''}</View>
                  <View className="store-option__body">
                    <View className="row">
                      <Text className="store-option__name">{store.name}</Text>
                      <Text className="muted">{formatDistance(store.distanceMeters, locale)}</Text>
                    </View>
                    <Text className="muted store-option__address">
                      {store.district} {store.address}
                    </Text>
                  </View>
                </View>
              ))}
            </View>
          )}
        </View>
      )}

      <View className="card" id="checkout-lines">
        {draft.lines.map((line) => {
          const lineError = lineErrors[line.skuId]
          return (
            <View
              key={line.skuId}
              className={`checkout-line${lineError !== undefined ? ' checkout-line--error' : ''}`}
              data-sku-id={line.skuId}
            >
              <View className="row">
                <Text className="checkout-line__title">{line.title}</Text>
                <Text className="price">{formatFen(lineTotalFenOf(line))}</Text>
              </View>
              <View className="row">
                <Text className="muted">{line.specsText}</Text>
                <Text className="muted">
                  {formatFen(line.priceFen)} × {line.quantity}
                </Text>
              </View>
              {lineError !== undefined && <Text className="error-text checkout-line__error">{lineError}</Text>}
            </View>
          )
        })}
        <View className="row checkout-sum">
          <Text>{t('checkout.goods')}</Text>
          <Text className="price" id="checkout-goods">
            {formatFen(goodsFen)}
          </Text>
        </View>
        <Text className="muted checkout-note-inline">{t('checkout.shippingNote')}</Text>
      </View>

      <View className="action-bar">
        <View className="checkout-bar__total">
          <Text className="muted">{t('checkout.items', { n: itemCount })} </Text>
          <Text>{t('checkout.payable')}: </Text>
          <Text className="price checkout-bar__amount" id="checkout-total">
            {formatFen(goodsFen)}
          </Text>
        </View>
        <View id="checkout-submit" className={`pill${submitting ? ' pill--disabled' : ''}`} onClick={() => void submit()}>
          {submitting ? t('checkout.submitting') : t('checkout.submit')}
        </View>
      </View>
    </View>
  )
}
