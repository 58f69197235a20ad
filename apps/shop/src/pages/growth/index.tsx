import { Button, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { growthApi, type InviteProgress, type MyGrowth, type PointLine } from '../../growth-api'
import { nextLevelGap } from '../../growth-progress'
import { applyChromeTexts, useI18n, type MessageKey } from '../../i18n'
import { useSignedInData } from '../../use-signed-in-data'
import { InviteCampaigns, privilegeKeys } from './growth-parts'
import '../../components/distribution.css'
import './index.css'

const PAGE_SIZE = 20
const REASONS = ['share', 'review', 'order', 'order_refund', 'campaign'] as const

/** Texts such as "needs 1000 points · 3 invites", leaving out the parts that do not apply. */
function joined(parts: readonly (string | null)[]): string {
  return parts.filter((part): part is string => part !== null).join(' · ')
}

function reasonKey(action: string): MessageKey {
  return (REASONS as readonly string[]).includes(action) ? (`growth.reason.${action}` as MessageKey) : 'growth.reason.other'
}

interface Loaded {
  growth: MyGrowth
  campaigns: InviteProgress[]
  lines: PointLine[]
  total: number
  page: number
}

export default function GrowthPage() {
  const { locale, t } = useI18n()
  const { data: loaded, setData: setLoaded, failed, load } = useSignedInData<Loaded>(async () => {
    const [growth, invites, points] = await Promise.all([growthApi.me(), growthApi.invites(), growthApi.points(1, PAGE_SIZE)])
    return { growth, campaigns: invites.items, lines: points.items, total: points.total, page: 1 }
  })

  async function loadMore(): Promise<void> {
    if (loaded === null) return
    const next = await growthApi.points(loaded.page + 1, PAGE_SIZE).catch(() => null)
    if (next !== null) setLoaded({ ...loaded, lines: [...loaded.lines, ...next.items], total: next.total, page: next.page })
  }

  useDidShow(() => {
    applyChromeTexts(locale, 'growth.title')
    void load()
  })

  if (loaded === null) return <Text className="state-text">{failed ? t('growth.loadFailed') : t('growth.loading')}</Text>
  const { growth, campaigns, lines } = loaded
  const nameOf = (names: { nameZh: string; nameEn: string }) => (locale === 'zh-CN' ? names.nameZh : names.nameEn)
  const dateOf = (iso: string) => new Date(iso).toLocaleString(locale, { timeZone: 'Asia/Shanghai', hour12: false })
  const gap = growth.nextLevel === null ? null : nextLevelGap(growth.points, growth.qualifiedInvites, growth.nextLevel)
  const privileges = privilegeKeys(growth.privileges, t)

  return (
    <View className="page-root dist-page growth-page">
      <View className="dist-hero">
        <Text className="growth-hero__label">{t('growth.balance')}</Text>
        <Text className="growth-hero__points" id="growth-points">
          {growth.points}
        </Text>
        <View className="dist-hero__row">
          <Text className="dist-role" id="growth-level-badge">
            {growth.level === null ? t('growth.noLevel') : nameOf(growth.level)}
          </Text>
          <Text className="dist-hero__sub">{t('growth.invitesCount', { count: growth.qualifiedInvites })}</Text>
        </View>
      </View>

      <View className="card" id="growth-level">
        <Text className="card__title">{t('growth.levelTitle')}</Text>
        <Text className="growth-level__name">{growth.level === null ? t('growth.noLevel') : nameOf(growth.level)}</Text>
        <Text className="muted growth-block">{t('growth.privileges')}</Text>
        <View className="growth-privileges" id="growth-privileges">
          {privileges.length === 0 && <Text className="muted">{t('growth.noPrivileges')}</Text>}
          {privileges.map((text) => (
            <Text key={text} className="growth-privilege">
              {text}
            </Text>
          ))}
        </View>
        <View className="growth-next" id="growth-next-level">
          {growth.nextLevel === null || gap === null ? (
            <Text className="muted">{t('growth.topLevel')}</Text>
          ) : (
            <>
              <Text className="growth-next__title">{t('growth.nextLevel', { name: nameOf(growth.nextLevel) })}</Text>
              <Text className="muted growth-block">
                {joined([t('growth.needsPoints', { points: growth.nextLevel.minPoints }), growth.nextLevel.minInvites > 0 ? t('growth.needsInvites', { invites: growth.nextLevel.minInvites }) : null])}
              </Text>
              <View className="growth-bar">
                <View className="growth-bar__fill" style={{ width: `${gap.percent}%` }} />
              </View>
              <Text className="muted growth-block">
                {joined([gap.pointsMissing > 0 ? t('growth.missingPoints', { points: gap.pointsMissing }) : null, gap.invitesMissing > 0 ? t('growth.missingInvites', { invites: gap.invitesMissing }) : null])}
              </Text>
            </>
          )}
        </View>
      </View>

      <InviteCampaigns campaigns={campaigns} />

      <View className="card" id="growth-lines">
        <Text className="card__title">{t('growth.linesTitle')}</Text>
        {lines.length === 0 && <Text className="muted">{t('growth.linesEmpty')}</Text>}
        {lines.map((line) => (
          <View key={line.id} className="dist-list-item growth-line">
            <View className="dist-list-item__main">
              <Text className="dist-list-item__title">{t(reasonKey(line.action))}</Text>
              <Text className="dist-list-item__sub">{dateOf(line.createdAt)}</Text>
            </View>
            <Text className={`dist-amount${line.points < 0 ? ' dist-amount--negative' : ''}`}>
              {line.points > 0 ? '+' : ''}
              {line.points}
            </Text>
          </View>
        ))}
        {lines.length < loaded.total && (
          <Button className="dist-button" style={{ marginTop: '16px' }} onClick={() => void loadMore()}>
            {t('growth.loadMore')}
          </Button>
        )}
      </View>
    </View>
  )
}
