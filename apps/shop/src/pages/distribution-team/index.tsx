import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { distributionApi, type DistributionMe, type DistributionMember } from '../../distribution-api'
import { shortTag } from '../../distribution-money'
import { applyChromeTexts, useI18n } from '../../i18n'
import '../../components/distribution.css'

/** How many of a member's referrals count toward their boss's team before they break away. */
const SLOT_COUNT = 2

export default function DistributionTeamPage() {
  const { locale, t } = useI18n()
  const [me, setMe] = useState<DistributionMe | null>(null)
  const [failed, setFailed] = useState(false)

  useDidShow(() => {
    applyChromeTexts(locale, 'dist.teamTitle')
    distributionApi
      .me()
      .then((value) => {
        setMe(value)
        setFailed(false)
      })
      .catch(() => setFailed(true))
  })

  if (me === null) return <Text className="state-text">{failed ? t('dist.loadFailed') : t('dist.loading')}</Text>

  const memberName = (member: DistributionMember) => member.displayName ?? t('dist.memberTag', { tag: shortTag(member.memberId) })
  const memberRow = (member: DistributionMember, className: string) => (
    <View key={member.memberId} className={`dist-list-item ${className}`}>
      <View className="dist-list-item__main">
        <Text className="dist-list-item__title">{memberName(member)}</Text>
        <Text className="dist-list-item__sub">
          {member.phoneMasked ? `${member.phoneMasked} · ` : ''}
          {t('dist.agentsReferred', { n: member.activeReferralCount })}
        </Text>
      </View>
      <Text className="dist-tag">{t(`dist.role.${member.role}`)}</Text>
    </View>
  )

  return (
    <View className="page-root dist-page">
      <View className="card">
        <Text className="card__title">{t('dist.teamTitle')}</Text>
        <Text className="muted" id="team-summary">
          {t('dist.teamSummary', { referrals: me.referralCount, team: me.teamCount, brokeAway: me.brokeAwayCount })}
        </Text>
      </View>

      {me.member.role === 'AGENT' && (
        <View className="card" id="team-slots">
          <Text className="card__title">{t('dist.slots')}</Text>
          <View className="dist-slots">
            {Array.from({ length: SLOT_COUNT }, (_, index) => {
              const filled = me.member.contributionSlots[index]
              return (
                <View key={index} className={`dist-slot${filled !== undefined ? ' dist-slot--filled' : ''}`} id={`team-slot-${index + 1}`}>
                  <Text style={{ fontWeight: 'bold' }}>{t('dist.slot', { n: index + 1 })}</Text>
                  <Text className="muted" style={{ marginTop: '8px' }}>
                    {filled !== undefined ? t('dist.slotFilled', { tag: shortTag(filled) }) : t('dist.slotOpen')}
                  </Text>
                </View>
              )
            })}
          </View>
          <Text className="muted" style={{ display: 'block', marginTop: '16px' }}>
            {t('dist.slotsHint')}
          </Text>
        </View>
      )}

      <View className="card" id="team-members">
        <Text className="card__title">{t('dist.teamMembers')}</Text>
        {me.teamMembers.length === 0 ? <Text className="muted">{t('dist.teamEmpty')}</Text> : me.teamMembers.map((member) => memberRow(member, 'team-member'))}
      </View>

      <View className="card" id="team-broke-away">
        <Text className="card__title">{t('dist.brokeAway')}</Text>
        <Text className="muted" style={{ display: 'block', marginBottom: '8px' }}>
          {t('dist.brokeAwayHint')}
        </Text>
        {me.brokeAway.length === 0 ? <Text className="muted">{t('dist.brokeAwayEmpty')}</Text> : me.brokeAway.map((member) => memberRow(member, 'team-broke-away'))}
      </View>
    </View>
  )
}
