import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad, usePullDownRefresh } from '@tarojs/taro'
import { shopApi } from '../../api'
import type { Group, GroupBuyActivity, MyGroup, ProductDetail } from '../../api-types'
import { ProductThumb } from '../../components/product-thumb'
import { applyChromeTexts, useI18n, type MessageKey } from '../../i18n'
import { formatFen } from '../../money'
import { checkoutWithPromotion, productsById, skuPriceFen, skuSpecsText } from '../../promotion-checkout'
import { formatCountdown } from '../../promotions'
import { getToken } from '../../session'
import { useNow } from '../../use-now'
import './index.css'

interface Offer {
  activity: GroupBuyActivity
  product: ProductDetail
  groups: Group[]
}

type State = { status: 'loading' } | { status: 'error' } | { status: 'ready'; offers: Offer[]; mine: MyGroup[] }

const GROUP_STATUS_KEYS: Record<string, MessageKey> = {
  pending: 'group.status.pending',
  open: 'group.status.open',
  succeeded: 'group.status.succeeded',
  failed: 'group.status.failed',
  abandoned: 'group.status.abandoned',
}

/** 拼团: offers with their open groups (start one or join one), and the groups I am in. */
export default function GroupBuyPage() {
  const { locale, t } = useI18n()
  const [state, setState] = useState<State>({ status: 'loading' })
  const [productFilter, setProductFilter] = useState<string | undefined>()
  const now = useNow()

  async function load(productId: string | undefined): Promise<void> {
    try {
      const [{ items: activities }, mine] = await Promise.all([
        shopApi.groupBuys(productId),
        getToken() === undefined ? Promise.resolve([]) : shopApi.myGroups().then((page) => page.items),
      ])
      const [products, groups] = await Promise.all([
        productsById(activities.map((activity) => activity.productId), (id) => shopApi.product(id)),
        Promise.all(activities.map((activity) => shopApi.joinableGroups(activity.id).then((page) => page.items, () => []))),
      ])
      const offers: Offer[] = []
      activities.forEach((activity, index) => {
        const product = products.get(activity.productId)
        if (product !== undefined) offers.push({ activity, product, groups: groups[index] ?? [] })
      })
      setState({ status: 'ready', offers, mine })
    } catch {
      setState((previous) => (previous.status === 'ready' ? previous : { status: 'error' }))
    }
  }

  useLoad((params: Record<string, string | undefined>) => {
    const productId = params.productId === undefined || params.productId === '' ? undefined : decodeURIComponent(params.productId)
    setProductFilter(productId)
    void load(productId)
  })
  useDidShow(() => applyChromeTexts(locale, 'group.title'))
  usePullDownRefresh(() => {
    void load(productFilter).finally(() => Taro.stopPullDownRefresh())
  })

  function buy(offer: Offer, groupId?: string): void {
    const { activity, product } = offer
    checkoutWithPromotion(product, activity.skuId, activity.groupPriceFen, {
      kind: 'groupBuy',
      activityId: activity.id,
      ...(groupId !== undefined ? { groupId } : {}),
    })
  }

  if (state.status !== 'ready') {
    return (
      <View className="page-root">
        <Text className="state-text">{t(state.status === 'loading' ? 'common.loading' : 'common.loadFailed')}</Text>
      </View>
    )
  }

  const titles = new Map(state.offers.map((offer) => [offer.activity.id, offer.product.title]))

  return (
    <View className="page-root group-page">
      {state.mine.length > 0 && (
        <View id="group-mine">
          <Text className="section-title">{t('group.mine')}</Text>
          {state.mine.map((group) => (
            <View key={`${group.id}-${group.orderId}`} className="card group-mine" data-group-id={group.id} data-status={group.status}>
              <View className="row">
                <Text className="group-mine__title">{titles.get(group.activityId) ?? t('group.title')}</Text>
                <Text className={`tag group-mine__status group-mine__status--${group.status}`}>{t(GROUP_STATUS_KEYS[group.status] ?? 'group.status.open')}</Text>
              </View>
              <View className="row">
                <Text className="muted">
                  {t(group.role === 'leader' ? 'group.leader' : 'group.member')} · {t('group.seats', { taken: group.paidMembers, size: group.requiredMembers })}
                  {group.memberStatus === 'refunded' ? ` · ${t('group.refunded')}` : ''}
                </Text>
                {group.status === 'open' && (
                  <Text className="group-mine__needed">
                    {t('group.needed', { n: Math.max(0, group.requiredMembers - group.paidMembers) })} · {formatCountdown(Date.parse(group.expiresAt) - now, locale)}
                  </Text>
                )}
              </View>
              {group.status === 'pending' && (
                // Pending until the leader's payment is processed, which may lag the payment itself.
                <Text className="muted group-mine__hint">{t('group.pendingHint')}</Text>
              )}
              <View className="group-mine__actions">
                <View
                  className="pill pill--ghost group-mine__order"
                  onClick={() => void Taro.navigateTo({ url: `/pages/order/index?id=${encodeURIComponent(group.orderId)}` })}
                >
                  {t('group.viewOrder')}
                </View>
              </View>
            </View>
          ))}
        </View>
      )}

      <Text className="section-title">{t('group.offers')}</Text>
      {state.offers.length === 0 && (
        <Text className="state-text" id="group-empty">
          {t('group.empty')}
        </Text>
      )}
      {state.offers.map((offer) => {
        const { activity, product, groups } = offer
        const originalFen = skuPriceFen(product, activity.skuId)
        return (
          <View key={activity.id} className="card group-offer" data-activity-id={activity.id}>
            <View className="group-offer__main">
              <View onClick={() => void Taro.navigateTo({ url: `/pages/product/index?id=${encodeURIComponent(product.id)}` })}>
                <ProductThumb id={product.id} title={product.title} imageUrl={product.imageUrls[0]} />
              </View>
              <View className="group-offer__body">
                <Text className="group-offer__title">{product.title}</Text>
                <Text className="muted">{skuSpecsText(product, activity.skuId)}</Text>
                <View className="group-offer__tags">
                  <Text className="tag">{t('group.size', { n: activity.groupSize })}</Text>
                  <Text className="muted group-offer__limit">{t('group.timeLimit', { n: Math.round((activity.timeLimitMinutes / 60) * 10) / 10 })}</Text>
                </View>
                <View className="group-offer__foot">
                  <View className="group-offer__prices">
                    <Text className="price group-offer__price">{formatFen(activity.groupPriceFen)}</Text>
                    {originalFen !== undefined && <Text className="group-offer__original">{formatFen(originalFen)}</Text>}
                  </View>
                  <View className="pill group-offer__open" onClick={() => buy(offer)}>
                    {t('group.open')}
                  </View>
                </View>
              </View>
            </View>
            <View className="group-offer__groups">
              <Text className="muted">{t(groups.length > 0 ? 'group.joinable' : 'group.noJoinable')}</Text>
              {groups.map((group) => (
                <View key={group.id} className="group-open" data-group-id={group.id}>
                  <Text className="group-open__needed">{t('group.needed', { n: Math.max(0, group.requiredMembers - group.seatsTaken) })}</Text>
                  <Text className="muted group-open__time">{t('group.expiresIn', { time: formatCountdown(Date.parse(group.expiresAt) - now, locale) })}</Text>
                  <View className="pill pill--secondary group-open__join" onClick={() => buy(offer, group.id)}>
                    {t('group.join')}
                  </View>
                </View>
              ))}
            </View>
          </View>
        )
      })}
    </View>
  )
}
