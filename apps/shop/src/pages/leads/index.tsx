import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { applyChromeTexts, useI18n } from '../../i18n'
import { getToken } from '../../session'
import { leadsApi, shortDate, type LeadItem, type LeadTask } from './leads-api'
import './index.css'

type Tab = 'leads' | 'tasks'
type Loaded<T> = { status: 'loading' } | { status: 'error' } | { status: 'ready'; items: T[] }

/** The owner's leads (sorted by latest activity, intent and tags at a glance) and open follow-up tasks. */
export default function LeadsPage() {
  const { locale, t } = useI18n()
  const [tab, setTab] = useState<Tab>('leads')
  const [leads, setLeads] = useState<Loaded<LeadItem>>({ status: 'loading' })
  const [tasks, setTasks] = useState<Loaded<LeadTask>>({ status: 'loading' })

  function load(): void {
    if (getToken() === undefined) {
      void Taro.showToast({ title: t('leads.loginFirst'), icon: 'none' })
      return
    }
    leadsApi.list().then((page) => setLeads({ status: 'ready', items: page.items }), () => setLeads({ status: 'error' }))
    leadsApi.openTasks().then((page) => setTasks({ status: 'ready', items: page.items }), () => setTasks({ status: 'error' }))
  }

  useDidShow(() => {
    applyChromeTexts(locale, 'leads.title')
    load()
  })

  async function finish(task: LeadTask): Promise<void> {
    await leadsApi.done(task.id)
    load()
  }

  const open = (leadId: string) => void Taro.navigateTo({ url: `/pages/leads-detail/index?id=${leadId}` })
  const tabs: { tab: Tab; label: string }[] = [
    { tab: 'leads', label: t('leads.tabLeads') },
    { tab: 'tasks', label: `${t('leads.tabTasks')}${tasks.status === 'ready' && tasks.items.length ? ` (${tasks.items.length})` : ''}` },
  ]

  return (
    <View className='leads'>
      <View className='leads__tabs'>
        {tabs.map((entry) => (
          <Text key={entry.tab} className={`leads__tab ${entry.tab === tab ? 'leads__tab--active' : ''}`} onClick={() => setTab(entry.tab)}>
            {entry.label}
          </Text>
        ))}
      </View>
      {(tab === 'leads' ? leads : tasks).status === 'error' && <Text className='leads__empty'>{t('leads.loadFailed')}</Text>}
      {tab === 'leads' && leads.status === 'ready' && leads.items.length === 0 && <Text className='leads__empty'>{t('leads.empty')}</Text>}
      {tab === 'leads' &&
        leads.status === 'ready' &&
        leads.items.map((lead) => (
          <View key={lead.id} className='leads__card' onClick={() => open(lead.id)} data-testid='lead-item'>
            <View className='leads__row'>
              <Text className='leads__name'>{lead.name ?? lead.company ?? t('leads.unnamed')}</Text>
              {lead.intentScore !== null && <Text className={`leads__intent ${lead.intentScore >= 70 ? 'leads__intent--hot' : ''}`}>{t('leads.intent', { score: lead.intentScore })}</Text>}
            </View>
            <Text className='leads__meta'>{[lead.stageLabel, lead.company, lead.phonesMasked[0], shortDate(lead.lastActiveAt)].filter(Boolean).join(' · ')}</Text>
            <View className='leads__tags'>
              {lead.tags.slice(0, 4).map((tag) => (
                <Text key={tag.tag} className={`leads__tag ${tag.kind === 'auto' ? 'leads__tag--auto' : ''}`}>{tag.tag}</Text>
              ))}
            </View>
          </View>
        ))}
      {tab === 'tasks' && tasks.status === 'ready' && tasks.items.length === 0 && <Text className='leads__empty'>{t('leads.noTasks')}</Text>}
      {tab === 'tasks' &&
        tasks.status === 'ready' &&
        tasks.items.map((task) => (
          <View key={task.id} className='leads__card' data-testid='lead-task'>
            <Text className='leads__name' onClick={() => open(task.leadId)}>{task.title}</Text>
            <View className='leads__row'>
              <Text className='leads__meta'>{t('leads.due', { date: shortDate(task.dueAt) })}</Text>
              <Button size='mini' onClick={() => void finish(task)}>{t('leads.done')}</Button>
            </View>
          </View>
        ))}
    </View>
  )
}
