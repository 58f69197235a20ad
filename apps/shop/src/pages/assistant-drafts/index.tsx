import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad } from '@tarojs/taro'
import { assistantApi, type AssistantDraft, type AssistantRecommendation, type LeadSummary, type RadarVisitorSummary } from '../../assistant-api'
import { applyChromeTexts, useI18n } from '../../i18n'
import { formatFen } from '../../money'
import { getToken } from '../../session'
import './index.css'

type Tab = 'leads' | 'visitors'
type Loaded<T> = { status: 'loading' } | { status: 'error' } | { status: 'ready'; items: T[] }

/** The owner's assistant: drafted follow-ups and invitations for each lead, and product picks for each visitor. */
export default function AssistantDraftsPage() {
  const { locale, t } = useI18n()
  const [tab, setTab] = useState<Tab>('leads')
  const [leads, setLeads] = useState<Loaded<LeadSummary>>({ status: 'loading' })
  const [visitors, setVisitors] = useState<Loaded<RadarVisitorSummary>>({ status: 'loading' })
  const [drafts, setDrafts] = useState<Record<string, AssistantDraft>>({})
  const [picks, setPicks] = useState<Record<string, AssistantRecommendation[]>>({})

  async function load(): Promise<void> {
    if (getToken() === undefined) {
      void Taro.showToast({ title: t('assistant.loginFirst'), icon: 'none' })
      return
    }
    assistantApi.myLeads().then((page) => setLeads({ status: 'ready', items: page.items }), () => setLeads({ status: 'error' }))
    assistantApi.myVisitors().then((page) => setVisitors({ status: 'ready', items: page.items }), () => setVisitors({ status: 'error' }))
  }

  useLoad(() => void load())
  useDidShow(() => applyChromeTexts(locale, 'assistant.draftsTitle'))

  async function draft(lead: LeadSummary, kind: 'followUp' | 'invitation'): Promise<void> {
    const result = kind === 'followUp' ? await assistantApi.followUp(lead.id) : await assistantApi.invitation(lead.id)
    setDrafts((current) => ({ ...current, [lead.id]: result }))
  }

  async function recommend(visitor: RadarVisitorSummary): Promise<void> {
    const result = await assistantApi.recommendations(visitor.visitorId)
    setPicks((current) => ({ ...current, [visitor.visitorId]: result.items }))
  }

  function copy(text: string): void {
    void Taro.setClipboardData({ data: text }).then(() => Taro.showToast({ title: t('assistant.copied'), icon: 'none' }))
  }

  const tabs: { tab: Tab; label: string }[] = [
    { tab: 'leads', label: t('assistant.tabLeads') },
    { tab: 'visitors', label: t('assistant.tabVisitors') },
  ]

  return (
    <View className='assistant-drafts'>
      <View className='assistant-drafts__tabs'>
        {tabs.map((entry) => (
          <Text key={entry.tab} className={`assistant-drafts__tab ${entry.tab === tab ? 'assistant-drafts__tab--active' : ''}`} onClick={() => setTab(entry.tab)}>
            {entry.label}
          </Text>
        ))}
      </View>

      {tab === 'leads' && leads.status === 'ready' && leads.items.length === 0 && <Text className='assistant-drafts__empty'>{t('assistant.noLeads')}</Text>}
      {tab === 'leads' &&
        leads.status === 'ready' &&
        leads.items.map((lead) => <LeadCard key={lead.id} lead={lead} draft={drafts[lead.id]} onDraft={(kind) => void draft(lead, kind)} onCopy={copy} />)}

      {tab === 'visitors' && visitors.status === 'ready' && visitors.items.length === 0 && <Text className='assistant-drafts__empty'>{t('assistant.noVisitors')}</Text>}
      {tab === 'visitors' &&
        visitors.status === 'ready' &&
        visitors.items.map((visitor) => <VisitorCard key={visitor.visitorId} visitor={visitor} picks={picks[visitor.visitorId] ?? []} onRecommend={() => void recommend(visitor)} />)}
    </View>
  )
}

function LeadCard({ lead, draft, onDraft, onCopy }: { lead: LeadSummary; draft: AssistantDraft | undefined; onDraft: (kind: 'followUp' | 'invitation') => void; onCopy: (text: string) => void }) {
  const { t } = useI18n()
  return (
    <View className='assistant-drafts__card assistant-drafts__lead' data-testid='assistant-lead'>
      <Text className='assistant-drafts__name'>{lead.name ?? t('assistant.unnamed')}</Text>
      <Text className='assistant-drafts__meta'>{[lead.company, lead.stageLabel].filter(Boolean).join(' · ')}</Text>
      <View className='assistant-drafts__actions'>
        <Button size='mini' className='assistant-drafts__follow-up' onClick={() => onDraft('followUp')} data-testid='assistant-follow-up'>
          {t('assistant.followUp')}
        </Button>
        <Button size='mini' className='assistant-drafts__invitation' onClick={() => onDraft('invitation')}>
          {t('assistant.invitation')}
        </Button>
      </View>
      {draft && (
        <View className='assistant-drafts__draft'>
          <Text className='assistant-drafts__text' data-testid='assistant-draft-text'>{draft.text}</Text>
          <Button size='mini' type='primary' onClick={() => onCopy(draft.text)}>
            {t('assistant.copy')}
          </Button>
        </View>
      )}
    </View>
  )
}

function VisitorCard({ visitor, picks, onRecommend }: { visitor: RadarVisitorSummary; picks: AssistantRecommendation[]; onRecommend: () => void }) {
  const { t } = useI18n()
  return (
    <View className='assistant-drafts__card'>
      <Text className='assistant-drafts__name'>{visitor.label}</Text>
      <View className='assistant-drafts__actions'>
        <Button size='mini' onClick={onRecommend}>
          {t('assistant.recommend')}
        </Button>
      </View>
      {picks.map((pick) => (
        <View key={pick.productId} className='assistant-drafts__pick' onClick={() => void Taro.navigateTo({ url: `/pages/product/index?id=${encodeURIComponent(pick.productId)}` })}>
          <Text className='assistant-drafts__reason'>{t(`assistant.reason.${pick.reason}`)}</Text>
          <Text className='assistant-drafts__pick-title'>{pick.title}</Text>
          {pick.priceFen !== null && <Text className='assistant-drafts__price'>{formatFen(pick.priceFen)}</Text>}
        </View>
      ))}
    </View>
  )
}
