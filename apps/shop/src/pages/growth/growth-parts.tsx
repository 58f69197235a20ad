import { Text, View } from '@tarojs/components'
import type { GrowthPrivileges, InviteProgress, LadderReward } from '../../growth-api'
import { formatRateBps } from '../../growth-progress'
import { useI18n, type MessageKey } from '../../i18n'
import { formatFen } from '../../money'

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string

/** The privileges a member holds, as display texts, in a fixed order. */
export function privilegeKeys(privileges: GrowthPrivileges, t: Translate): string[] {
  const texts: string[] = []
  if (privileges.extraCommissionBps > 0) texts.push(t('growth.privilege.extraCommission', { rate: formatRateBps(privileges.extraCommissionBps) }))
  if (privileges.priorityShipping) texts.push(t('growth.privilege.priorityShipping'))
  if (privileges.hotProductAccess) texts.push(t('growth.privilege.hotProductAccess'))
  return texts
}

function rewardText(reward: LadderReward, locale: string, t: Translate): string {
  if (reward.kind === 'gift') return locale === 'zh-CN' ? reward.nameZh : reward.nameEn
  if (reward.kind === 'coupon') return t('growth.reward.coupon', { amount: formatFen(reward.costFen) })
  return t('growth.reward.points', { points: reward.points })
}

/** Invite progress per running campaign: qualified invites, the next ladder step and the next invite's rate. */
export function InviteCampaigns({ campaigns }: { campaigns: readonly InviteProgress[] }) {
  const { locale, t } = useI18n()
  const dayOf = (iso: string) => new Date(iso).toLocaleDateString(locale, { timeZone: 'Asia/Shanghai' })
  return (
    <View className="card" id="growth-invites">
      <Text className="card__title">{t('growth.invitesTitle')}</Text>
      {campaigns.length === 0 && <Text className="muted">{t('growth.invitesEmpty')}</Text>}
      {campaigns.map((campaign) => {
        const earned = campaign.rewards.filter((reward) => reward.decision !== 'refused').length
        return (
          <View key={campaign.campaignId} className="growth-campaign">
            <View className="growth-campaign__head">
              <Text className="growth-campaign__name">{locale === 'zh-CN' ? campaign.nameZh : campaign.nameEn}</Text>
              <Text className="muted">{campaign.status === 'paused' ? t('growth.campaignPaused') : t('growth.campaignEnds', { date: dayOf(campaign.endsAt) })}</Text>
            </View>
            <View className="growth-campaign__stats">
              <View className="growth-stat">
                <Text className="growth-stat__value growth-qualified">{campaign.qualifiedInvites}</Text>
                <Text className="growth-stat__label">{t('growth.qualified')}</Text>
              </View>
              <View className="growth-stat">
                <Text className="growth-stat__value growth-rate">
                  {campaign.nextInviteRateBps === null ? t('growth.nextRateNone') : t('growth.nextRateValue', { rate: formatRateBps(campaign.nextInviteRateBps) })}
                </Text>
                <Text className="growth-stat__label">{t('growth.nextRate')}</Text>
              </View>
            </View>
            <Text className="growth-block growth-next-step">
              {campaign.nextStep === null ? t('growth.ladderDone') : t('growth.nextStep', { invites: campaign.nextStep.invites, reward: rewardText(campaign.nextStep.reward, locale, t) })}
            </Text>
            <Text className="muted growth-block">{t('growth.qualifiedHint', { amount: formatFen(campaign.minOrderFen) })}</Text>
            {earned > 0 && <Text className="muted growth-block">{t('growth.myRewards', { count: earned })}</Text>}
          </View>
        )
      })}
    </View>
  )
}
