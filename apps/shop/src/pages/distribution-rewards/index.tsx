import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { distributionApi, type MyRewards, type RewardLine } from '../../distribution-api'
import { shortTag } from '../../distribution-money'
import { applyChromeTexts, useI18n, type MessageKey } from '../../i18n'
import { formatFen } from '../../money'
import '../../components/distribution.css'

const PAGE_SIZE = 20
const KNOWN_KINDS = ['DIRECT', 'TEAM', 'PEER', 'REPURCHASE_DIRECT', 'REPURCHASE_TEAM'] as const

function kindKey(kind: string): MessageKey {
  if (kind.startsWith('CLAWBACK')) return 'dist.kind.CLAWBACK'
  return (KNOWN_KINDS as readonly string[]).includes(kind) ? (`dist.kind.${kind}` as MessageKey) : 'dist.kind.OTHER'
}

export default function DistributionRewardsPage() {
  const { locale, t } = useI18n()
  const [rewards, setRewards] = useState<MyRewards | null>(null)
  const [lines, setLines] = useState<RewardLine[]>([])
  const [failed, setFailed] = useState(false)

  async function load(page: number): Promise<void> {
    try {
      const next = await distributionApi.rewards(page, PAGE_SIZE)
      setRewards(next)
      setLines((previous) => (page === 1 ? next.items : [...previous, ...next.items]))
      setFailed(false)
    } catch {
      setFailed(true)
    }
  }

  useDidShow(() => {
    applyChromeTexts(locale, 'dist.rewardsTitle')
    void load(1)
  })

  if (rewards === null) return <Text className="state-text">{failed ? t('dist.loadFailed') : t('dist.loading')}</Text>
  const { balances } = rewards
  const dateOf = (iso: string) => new Date(iso).toLocaleString(locale, { timeZone: 'Asia/Shanghai', hour12: false })

  return (
    <View className="page-root dist-page">
      <View className="dist-balances" style={{ marginTop: '24px' }} id="rewards-balances">
        {(
          [
            ['dist.pending', balances.pendingFen],
            ['dist.available', balances.availableFen],
            ['dist.withdrawn', balances.withdrawnFen],
          ] as const
        ).map(([label, amount]) => (
          <View key={label} className="dist-balance">
            <Text className="dist-balance__value">{formatFen(amount)}</Text>
            <Text className="dist-balance__label">{t(label)}</Text>
          </View>
        ))}
      </View>

      <View className="card" id="rewards-lines">
        <Text className="card__title">{t('dist.linesTitle')}</Text>
        {lines.length === 0 && <Text className="muted">{t('dist.linesEmpty')}</Text>}
        {lines.map((line) => (
          <View key={line.id} className="dist-list-item reward-line">
            <View className="dist-list-item__main">
              <View>
                <Text className="dist-list-item__title">{t(kindKey(line.kind))}</Text>
                <Text className={`dist-tag dist-tag--${line.status}`}>{t(`dist.status.${line.status}`)}</Text>
              </View>
              <Text className="dist-list-item__sub">
                {t('dist.lineOrder', { tag: shortTag(line.orderId) })} · {t('dist.lineFrom', { tag: line.sourceUserName ?? shortTag(line.sourceUserId) })}
              </Text>
              <Text className="dist-list-item__sub">{dateOf(line.createdAt)}</Text>
            </View>
            <Text className={`dist-amount${line.amountFen < 0 ? ' dist-amount--negative' : ''}`}>
              {line.amountFen > 0 ? '+' : ''}
              {formatFen(line.amountFen)}
            </Text>
          </View>
        ))}
        {lines.length < rewards.total && (
          <Button className="dist-button" style={{ marginTop: '16px' }} onClick={() => void load(rewards.page + 1)}>
            {t('dist.loadMore')}
          </Button>
        )}
      </View>
    </View>
  )
}
