import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { QrCode } from '../../components/qr-code'
import { distributionApi, type DistributionMe, type MyRewards } from '../../distribution-api'
import { shareLinkOf } from '../../distribution-share'
import { applyChromeTexts, useI18n } from '../../i18n'
import { bindPendingInvite } from '../../invite'
import { formatFen } from '../../money'
import { getToken } from '../../session'
import '../../components/distribution.css'

type State = { status: 'loggedOut' } | { status: 'loading' } | { status: 'failed' } | { status: 'ready'; me: DistributionMe; rewards: MyRewards }

const go = (url: string) => () => void Taro.navigateTo({ url })

export default function DistributionPage() {
  const { locale, t } = useI18n()
  const [state, setState] = useState<State>(() => (getToken() === undefined ? { status: 'loggedOut' } : { status: 'loading' }))
  const [posterOpen, setPosterOpen] = useState(false)
  /** The gift package a member buys to become an agent (the first one listed). */
  const [packageId, setPackageId] = useState<string | null>(null)

  async function load(): Promise<void> {
    if (getToken() === undefined) return setState({ status: 'loggedOut' })
    try {
      // A friend's invite remembered before login binds first, so the centre shows the new referrer.
      if (await bindPendingInvite()) void Taro.showToast({ title: t('dist.boundToast'), icon: 'success' })
      const [me, rewards, packages] = await Promise.all([distributionApi.me(), distributionApi.rewards(1, 1), distributionApi.packages().catch(() => ({ productIds: [] }))])
      setPackageId(packages.productIds[0] ?? null)
      setState({ status: 'ready', me, rewards })
    } catch {
      setState(getToken() === undefined ? { status: 'loggedOut' } : { status: 'failed' })
    }
  }

  useDidShow(() => {
    applyChromeTexts(locale, 'dist.title')
    void load()
  })

  if (state.status === 'loggedOut') {
    return (
      <View className="page-root dist-page">
        <Text className="state-text">{t('dist.loginFirst')}</Text>
        <View style={{ padding: '0 48px' }}>
          <Button id="dist-login" className="primary-button" onClick={go('/pages/login/index')}>
            {t('me.goLogin')}
          </Button>
        </View>
      </View>
    )
  }
  if (state.status !== 'ready') {
    return (
      <View className="page-root dist-page">
        <Text className="state-text">{state.status === 'loading' ? t('dist.loading') : t('dist.loadFailed')}</Text>
        {state.status === 'failed' && (
          <View style={{ padding: '0 48px' }}>
            <Button className="dist-button" onClick={() => void load()}>
              {t('dist.retry')}
            </Button>
          </View>
        )}
      </View>
    )
  }

  const { me, rewards } = state
  const { balances } = rewards
  const link = shareLinkOf(me)
  const copyLink = () => {
    if (link === null) return
    void Taro.setClipboardData({ data: link })
      .then(() => Taro.showToast({ title: t('dist.copied'), icon: 'none' }))
      .catch(() => undefined)
  }

  return (
    <View className="page-root dist-page">
      <View className="dist-hero">
        <View className="dist-hero__row">
          <Text className="dist-hero__name">{t('dist.title')}</Text>
          <Text className="dist-role" id="dist-role">
            {t(`dist.role.${me.member.role}`)}
          </Text>
        </View>
        <Text className="dist-hero__sub" id="dist-referrer">
          {me.member.referrerId !== null ? t('dist.referrerBound') : t('dist.noReferrer')} ·{' '}
          {t('dist.teamSummary', { referrals: me.referralCount, team: me.teamCount, brokeAway: me.brokeAwayCount })}
        </Text>
      </View>

      <View className="dist-balances" id="dist-balances">
        {(
          [
            ['dist.pending', balances.pendingFen, 'pending'],
            ['dist.available', balances.availableFen, 'available'],
            ['dist.withdrawing', balances.withdrawingFen, 'withdrawing'],
            ['dist.withdrawn', balances.withdrawnFen, 'withdrawn'],
          ] as const
        ).map(([label, amount, id]) => (
          <View key={id} className="dist-balance" id={`dist-balance-${id}`} onClick={go('/pages/distribution-rewards/index')}>
            <Text className="dist-balance__value">{formatFen(amount)}</Text>
            <Text className="dist-balance__label">{t(label)}</Text>
          </View>
        ))}
      </View>
      {balances.clawbackReceivableFen > 0 && (
        <Text className="muted" style={{ display: 'block', margin: '12px 32px 0' }}>
          {t('dist.clawbackOwed', { amount: formatFen(balances.clawbackReceivableFen) })}
        </Text>
      )}

      {me.inviteCode !== null && link !== null ? (
        <View className="card" id="dist-invite">
          <Text className="card__title">{t('dist.inviteTitle')}</Text>
          <View className="dist-invite">
            <View className="dist-invite__qr">
              <QrCode value={link} id="dist-invite-qr" />
            </View>
            <View className="dist-invite__info">
              <Text className="dist-invite__code" id="dist-invite-code">
                {me.inviteCode}
              </Text>
              <Text className="muted" style={{ marginTop: '12px' }}>
                {t('dist.inviteHint')}
              </Text>
            </View>
          </View>
          <View className="dist-actions">
            <Button className="dist-button" id="dist-copy-link" onClick={copyLink}>
              {t('dist.copyLink')}
            </Button>
            <Button className="dist-button dist-button--primary" id="dist-open-poster" onClick={() => setPosterOpen(true)}>
              {t('dist.poster')}
            </Button>
          </View>
        </View>
      ) : (
        <View className="card" id="dist-member-hint">
          <Text className="dist-hint-text">{t('dist.memberHint')}</Text>
          <View className="dist-actions">
            {packageId !== null && (
              <Button className="dist-button dist-button--primary" id="dist-buy-package" onClick={go(`/pages/product/index?id=${encodeURIComponent(packageId)}`)}>
                {t('dist.buyPackage')}
              </Button>
            )}
            <Button className="dist-button" onClick={go('/pages/distribution-rules/index')}>
              {t('dist.memberHintRules')}
            </Button>
          </View>
        </View>
      )}

      <View className="dist-entries">
        {(
          [
            ['team', 'dist.entryTeam', '队', '/pages/distribution-team/index'],
            ['rewards', 'dist.entryRewards', '¥', '/pages/distribution-rewards/index'],
            ['withdraw', 'dist.entryWithdraw', '提', '/pages/distribution-withdraw/index'],
            ['rules', 'dist.entryRules', '规', '/pages/distribution-rules/index'],
            ['proof', 'dist.entryProof', '✓', '/pages/distribution-proof/index'],
          ] as const
        ).map(([id, label, icon, url]) => (
          <View key={id} className="dist-entry" id={`dist-entry-${id}`} onClick={go(url)}>
            <Text className="dist-entry__icon">{locale === 'en' && icon !== '¥' && icon !== '✓' ? t(label).slice(0, 1) : icon}</Text>
            <Text className="dist-entry__label">{t(label)}</Text>
          </View>
        ))}
      </View>

      {posterOpen && me.inviteCode !== null && link !== null && (
        <View className="dist-poster-mask" id="dist-poster" onClick={() => setPosterOpen(false)}>
          <View className="dist-poster" onClick={(event) => event.stopPropagation()}>
            <Text className="dist-poster__title">{t('dist.posterTitle')}</Text>
            <Text className="dist-poster__subtitle">{t('dist.posterSubtitle')}</Text>
            <View className="dist-poster__qr">
              <QrCode value={link} id="dist-poster-qr" />
            </View>
            <Text className="dist-poster__code">{t('dist.posterCode', { code: me.inviteCode })}</Text>
            <Text className="dist-poster__scan">{t('dist.posterScan')}</Text>
          </View>
          <Text className="dist-poster__hint">{t('dist.posterSave')}</Text>
          <Button className="dist-button dist-poster__close" id="dist-poster-close" onClick={() => setPosterOpen(false)}>
            {t('dist.posterClose')}
          </Button>
        </View>
      )}
    </View>
  )
}
