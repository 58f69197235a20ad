import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad, usePullDownRefresh } from '@tarojs/taro'
import { shopApi } from '../../api'
import type { ClaimableCoupon, Coupon, CouponStatus } from '../../api-types'
import { CouponTicket } from '../../components/coupon-ticket'
import { applyChromeTexts, useI18n, type MessageKey } from '../../i18n'
import { formatDateTime } from '../../order-status'
import { getToken } from '../../session'
import './index.css'

type Tab = 'claim' | CouponStatus

const TABS: { tab: Tab; label: MessageKey }[] = [
  { tab: 'claim', label: 'coupons.tabClaim' },
  { tab: 'available', label: 'coupons.tabAvailable' },
  { tab: 'used', label: 'coupons.tabUsed' },
  { tab: 'expired', label: 'coupons.tabExpired' },
]

type ListState<T> = { status: 'loading' } | { status: 'error' } | { status: 'ready'; items: T[] }

function isTab(value: string | undefined): value is Tab {
  return TABS.some((entry) => entry.tab === value)
}

/** 领券中心 and 我的优惠券 in one page: claiming and holding are two views of the same tickets. */
export default function CouponsPage() {
  const { locale, t } = useI18n()
  const [tab, setTab] = useState<Tab>('claim')
  const [claimable, setClaimable] = useState<ListState<ClaimableCoupon>>({ status: 'loading' })
  const [mine, setMine] = useState<ListState<Coupon>>({ status: 'loading' })
  const [claiming, setClaiming] = useState<string | undefined>()

  async function load(next: Tab): Promise<void> {
    if (next === 'claim') {
      try {
        setClaimable({ status: 'ready', items: (await shopApi.claimableCoupons()).items })
      } catch {
        setClaimable({ status: 'error' })
      }
      return
    }
    if (getToken() === undefined) {
      setMine({ status: 'ready', items: [] })
      return
    }
    setMine({ status: 'loading' })
    try {
      setMine({ status: 'ready', items: (await shopApi.myCoupons(next)).items })
    } catch {
      setMine({ status: 'error' })
    }
  }

  useLoad((params: Record<string, string | undefined>) => {
    const initial = isTab(params.tab) ? params.tab : 'claim'
    setTab(initial)
    void load(initial)
  })
  useDidShow(() => applyChromeTexts(locale, tab === 'claim' ? 'coupons.title' : 'coupons.mineTitle'))
  usePullDownRefresh(() => {
    void load(tab).finally(() => Taro.stopPullDownRefresh())
  })

  function switchTab(next: Tab): void {
    if (next === tab) return
    setTab(next)
    applyChromeTexts(locale, next === 'claim' ? 'coupons.title' : 'coupons.mineTitle')
    void load(next)
  }

  async function claim(coupon: ClaimableCoupon): Promise<void> {
    if (claiming !== undefined) return
    if (getToken() === undefined) {
      void Taro.showToast({ title: t('coupons.needLogin'), icon: 'none' })
      void Taro.navigateTo({ url: '/pages/login/index?back=1' })
      return
    }
    setClaiming(coupon.id)
    try {
      await shopApi.claimCoupon(coupon.id)
      void Taro.showToast({ title: t('coupons.claimedToast'), icon: 'success', duration: 1200 })
      await load('claim')
    } catch {
      // The API wrapper showed the localized reason (sold out, limit reached).
    } finally {
      setClaiming(undefined)
    }
  }

  function scopeOf(coupon: { merchantId: string | null; productIds: string[] }): string {
    if (coupon.merchantId !== null) return t('coupons.scopeShop')
    return t(coupon.productIds.length > 0 ? 'coupons.scopeProducts' : 'coupons.scopeAll')
  }

  function claimableValidity(coupon: ClaimableCoupon): string {
    if (coupon.validUntil !== null) return t('coupons.validUntil', { date: formatDateTime(coupon.validUntil).slice(0, 10) })
    return t('coupons.validDays', { n: coupon.validDays ?? 0 })
  }

  function renderClaimable() {
    if (claimable.status !== 'ready') return <Text className="state-text">{t(claimable.status === 'loading' ? 'common.loading' : 'common.loadFailed')}</Text>
    if (claimable.items.length === 0) return <Text className="state-text" id="coupons-empty">{t('coupons.empty')}</Text>
    return claimable.items.map((coupon) => {
      const limitReached = coupon.claimedByMe >= coupon.perUserLimit
      const soldOut = coupon.remainingQuantity <= 0
      return (
        <CouponTicket
          key={coupon.id}
          name={coupon.name}
          rule={coupon.rule}
          scope={scopeOf(coupon)}
          validity={claimableValidity(coupon)}
          dimmed={soldOut && !limitReached}
          data={{ 'template-id': coupon.id, name: coupon.name }}
        >
          {limitReached ? (
            <Text className="coupon-ticket__stamp coupons-claimed">{t('coupons.claimed')}</Text>
          ) : soldOut ? (
            <Text className="coupon-ticket__stamp">{t('coupons.soldOut')}</Text>
          ) : (
            <View
              className={`pill coupon-ticket__button coupons-claim${claiming === coupon.id ? ' pill--disabled' : ''}`}
              onClick={() => void claim(coupon)}
            >
              {t('coupons.claim')}
            </View>
          )}
        </CouponTicket>
      )
    })
  }

  function renderMine(status: CouponStatus) {
    if (getToken() === undefined) {
      return (
        <View className="coupons-login">
          <Text className="state-text">{t('coupons.needLogin')}</Text>
          <View className="pill" onClick={() => void Taro.navigateTo({ url: '/pages/login/index?back=1' })}>
            {t('me.goLogin')}
          </View>
        </View>
      )
    }
    if (mine.status !== 'ready') return <Text className="state-text">{t(mine.status === 'loading' ? 'common.loading' : 'common.loadFailed')}</Text>
    if (mine.items.length === 0) return <Text className="state-text" id="coupons-mine-empty">{t('coupons.emptyMine')}</Text>
    return mine.items.map((coupon) => (
      <CouponTicket
        key={coupon.id}
        name={coupon.name}
        rule={coupon.rule}
        scope={scopeOf(coupon)}
        validity={t('coupons.validUntil', { date: formatDateTime(coupon.validUntil) })}
        dimmed={status !== 'available'}
        data={{ 'coupon-id': coupon.id, name: coupon.name }}
      >
        {status === 'available' ? (
          <View className="pill pill--ghost coupon-ticket__button" onClick={() => void Taro.switchTab({ url: '/pages/index/index' })}>
            {t('coupons.use')}
          </View>
        ) : (
          <Text className="coupon-ticket__stamp">{t(status === 'used' ? 'coupons.statusUsed' : 'coupons.statusExpired')}</Text>
        )}
      </CouponTicket>
    ))
  }

  return (
    <View className="page-root coupons-page">
      <View className="coupons-tabs" id="coupons-tabs">
        {TABS.map((entry) => (
          <View
            key={entry.tab}
            id={`coupons-tab-${entry.tab}`}
            className={`coupons-tab${entry.tab === tab ? ' coupons-tab--active' : ''}`}
            onClick={() => switchTab(entry.tab)}
          >
            {t(entry.label)}
          </View>
        ))}
      </View>
      <View id="coupons-list" data-tab={tab}>
        {tab === 'claim' ? renderClaimable() : renderMine(tab)}
      </View>
    </View>
  )
}
