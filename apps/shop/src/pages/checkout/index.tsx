import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad } from '@tarojs/taro'
import { ApiError, showError, shopApi } from '../../api'
import type { Coupon, DeliveryMethod, NearbyStore, ShippingAddress } from '../../api-types'
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
import { formatDateTime, formatDistance } from '../../order-status'
import { bestCouponId, previewCoupon } from '../../promotions'
import { CouponTicket } from '../../components/coupon-ticket'
import { getToken } from '../../session'
import './index.css'

type StoresState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error' }
  | { status: 'ready'; stores: NearbyStore[]; fallback: boolean; onlyMerchant: boolean }

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
  const [coupons, setCoupons] = useState<Coupon[]>([])
  /** undefined: not chosen yet (the best one is preselected); null: the shopper chose none. */
  const [couponId, setCouponId] = useState<string | null | undefined>()
  const [couponPicker, setCouponPicker] = useState(false)
  const [couponError, setCouponError] = useState<string | undefined>()

  async function loadCoupons(current: CheckoutDraft | undefined): Promise<void> {
    if (current === undefined || getToken() === undefined) return
    try {
      const { items } = await shopApi.myCouponsQuiet('available')
      // A storefront's coupons work only in that storefront, the platform's everywhere.
      setCoupons(items.filter((coupon) => coupon.merchantId === null || coupon.merchantId === current.merchantId))
    } catch {
      setCoupons([])
    }
  }

  useLoad(() => {
    const loaded = loadCheckoutDraft()
    setDraft(loaded)
    void loadCoupons(loaded)
  })
  useDidShow(() => applyChromeTexts(locale, 'checkout.title'))

  async function loadStores(): Promise<void> {
    setStores({ status: 'loading' })
    const position = await locate()
    try {
      const { items } = await shopApi.nearbyStores(position.latitude, position.longitude)
      // Bought through a storefront, the goods are handed over by that merchant's staff, so only
      // its own stores are offered (when it has one nearby).
      const merchantId = draft?.merchantId
      const own = merchantId === undefined ? [] : items.filter((store) => store.merchantId === merchantId)
      const offered = own.length > 0 ? own : items
      setStores({ status: 'ready', stores: offered, fallback: position.fallback, onlyMerchant: own.length > 0 })
      setStoreId((current) => (current !== undefined && offered.some((store) => store.id === current) ? current : offered[0]?.id))
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
    setCouponError(undefined)
    const promotion = draft.promotion
    try {
      const order = await shopApi.placeOrder({
        items: draft.lines.map((line) => ({
          skuId: line.skuId,
          quantity: line.quantity,
          ...(promotion?.kind === 'flashSale' ? { flashSaleId: promotion.flashSaleId } : {}),
        })),
        deliveryMethod: method,
        ...(shippingAddress !== undefined ? { shippingAddress } : { pickupStoreId: storeId }),
        ...(draft.merchantId !== undefined ? { merchantId: draft.merchantId } : {}),
        ...(chosenCoupon !== undefined ? { couponId: chosenCoupon.id } : {}),
        ...(promotion?.kind === 'groupBuy'
          ? { groupBuy: { activityId: promotion.activityId, ...(promotion.groupId !== undefined ? { groupId: promotion.groupId } : {}) } }
          : {}),
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
      } else if (error instanceof ApiError && error.code.startsWith('coupon_')) {
        setCouponError(error.message)
        showError(error)
      } else if (error instanceof ApiError && error.code === 'hot_product_level_required') {
        // 爆品专享: the message names the level needed; show it on the hot product's line too.
        const details = error.details as { productId?: unknown } | undefined
        setLineErrors(Object.fromEntries(draft.lines.filter((line) => line.productId === details?.productId).map((line) => [line.skuId, error.message])))
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
  const couponLines = draft.lines.map((line) => ({ productId: line.productId, lineTotalFen: lineTotalFenOf(line) }))
  const usableCoupons = coupons.filter((coupon) => previewCoupon(coupon.rule, coupon.productIds, couponLines).usable)
  const effectiveCouponId = couponId === undefined ? bestCouponId(coupons, couponLines) : couponId ?? undefined
  const chosenCoupon = usableCoupons.find((coupon) => coupon.id === effectiveCouponId)
  const chosenPreview = chosenCoupon === undefined ? undefined : previewCoupon(chosenCoupon.rule, chosenCoupon.productIds, couponLines)
  const discountFen = chosenPreview?.usable === true ? chosenPreview.discountFen : 0
  const payableFen = Math.max(0, goodsFen - discountFen)
  const promotionLabel =
    draft.promotion === undefined
      ? undefined
      : draft.promotion.kind === 'flashSale'
        ? t('checkout.flashSale')
        : t(draft.promotion.groupId === undefined ? 'checkout.groupBuyOpen' : 'checkout.groupBuyJoin')

  function chooseCoupon(id: string | null): void {
    setCouponId(id)
    setCouponError(undefined)
    setCouponPicker(false)
  }

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
              {stores.onlyMerchant && (
                <Text className="muted checkout-merchant-note" id="checkout-merchant-stores">
                  {t('checkout.merchantStoresNote')}
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
        {draft.merchantId !== undefined && (
          <Text className="checkout-shop" id="checkout-shop">
            {t('checkout.storeOf', { name: draft.merchantName ?? t('storefront.unnamed') })}
          </Text>
        )}
        {draft.lines.map((line) => {
          const lineError = lineErrors[line.skuId]
          return (
            <View
              key={line.skuId}
              className={`checkout-line${lineError !== undefined ? ' checkout-line--error' : ''}`}
              data-sku-id={line.skuId}
            >
              {promotionLabel !== undefined && (
                <Text className="tag checkout-line__promotion" id="checkout-promotion">
                  {promotionLabel}
                </Text>
              )}
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
        <View className="row checkout-coupon" id="checkout-coupon" onClick={() => setCouponPicker(true)}>
          <Text>{t('checkout.coupon')}</Text>
          <Text className={chosenCoupon !== undefined ? 'price' : 'muted'} id="checkout-coupon-value">
            {chosenCoupon !== undefined
              ? `-${formatFen(discountFen)}`
              : usableCoupons.length > 0
                ? t('checkout.couponCount', { n: usableCoupons.length })
                : t('checkout.couponNoneUsable')}{' '}
            ›
          </Text>
        </View>
        {chosenCoupon !== undefined && (
          <Text className="muted checkout-coupon__name" id="checkout-coupon-name">
            {chosenCoupon.name} · {t('checkout.couponEstimate')}
          </Text>
        )}
        {couponError !== undefined && (
          <Text className="error-text" id="checkout-coupon-error">
            {couponError}
          </Text>
        )}
        {discountFen > 0 && (
          <View className="row checkout-sum">
            <Text>{t('checkout.discount')}</Text>
            <Text className="price" id="checkout-discount">
              -{formatFen(discountFen)}
            </Text>
          </View>
        )}
        <Text className="muted checkout-note-inline">{t('checkout.shippingNote')}</Text>
      </View>

      {couponPicker && (
        <View className="coupon-sheet" id="checkout-coupon-sheet">
          <View className="coupon-sheet__mask" onClick={() => setCouponPicker(false)} />
          <View className="coupon-sheet__panel">
            <View className="row coupon-sheet__head">
              <Text className="card__title coupon-sheet__title">{t('checkout.couponPicker')}</Text>
              <Text className="coupon-sheet__more" onClick={() => void Taro.navigateTo({ url: '/pages/coupons/index' })}>
                {t('checkout.couponGetMore')} ›
              </Text>
            </View>
            <View className="coupon-sheet__list">
              {coupons.map((coupon) => {
                const preview = previewCoupon(coupon.rule, coupon.productIds, couponLines)
                const active = coupon.id === chosenCoupon?.id
                return (
                  <CouponTicket
                    key={coupon.id}
                    name={coupon.name}
                    rule={coupon.rule}
                    scope={
                      preview.usable
                        ? t('checkout.couponSaves', { amount: formatFen(preview.discountFen) })
                        : preview.reason === 'threshold'
                          ? t('checkout.couponThreshold', { amount: formatFen(preview.thresholdFen - goodsFen) })
                          : t('checkout.couponProducts')
                    }
                    validity={t('coupons.validUntil', { date: formatDateTime(coupon.validUntil) })}
                    dimmed={!preview.usable}
                    active={active}
                    data={{ 'coupon-id': coupon.id, name: coupon.name }}
                    onClick={() => {
                      if (preview.usable) chooseCoupon(coupon.id)
                    }}
                  >
                    <View className={`check${active ? ' check--on' : ''}`}>{active ? '✓' : ''}</View>
                  </CouponTicket>
                )
              })}
              <View className="card row coupon-sheet__none" id="checkout-coupon-none" onClick={() => chooseCoupon(null)}>
                <Text>{t('checkout.couponNone')}</Text>
                <View className={`check${chosenCoupon === undefined ? ' check--on' : ''}`}>{chosenCoupon === undefined ? '✓' : ''}</View>
              </View>
            </View>
            <View className="pill coupon-sheet__done" id="checkout-coupon-done" onClick={() => setCouponPicker(false)}>
              {t('checkout.couponClose')}
            </View>
          </View>
        </View>
      )}

      <View className="action-bar">
        <View className="checkout-bar__total">
          <Text className="muted">{t('checkout.items', { n: itemCount })} </Text>
          <Text>{t('checkout.payable')}: </Text>
          <Text className="price checkout-bar__amount" id="checkout-total">
            {formatFen(payableFen)}
          </Text>
        </View>
        <View id="checkout-submit" className={`pill${submitting ? ' pill--disabled' : ''}`} onClick={() => void submit()}>
          {submitting ? t('checkout.submitting') : t('checkout.submit')}
        </View>
      </View>
    </View>
  )
}
