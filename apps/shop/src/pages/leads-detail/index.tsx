import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { applyChromeTexts, useI18n } from '../../i18n'
import { leadsApi, NEXT_STAGES, shortDate, type LeadDetail } from '../leads/leads-api'
import '../leads/index.css'

/** One of the owner's leads: why its intent score is what it is, phones to call, stage, notes and tasks. */
export default function LeadDetailPage() {
  const { locale, t } = useI18n()
  const id = useRouter().params.id ?? ''
  const [lead, setLead] = useState<LeadDetail | null>(null)
  const [failed, setFailed] = useState(false)
  const [note, setNote] = useState('')

  const load = () => leadsApi.detail(id).then(setLead, () => setFailed(true))
  useDidShow(() => {
    applyChromeTexts(locale, 'leads.detailTitle')
    void load()
  })

  async function act(work: Promise<unknown>): Promise<void> {
    await work
    void Taro.showToast({ title: t('leads.saved'), icon: 'success' })
    await load()
  }

  if (failed) return <Text className='leads__empty'>{t('leads.loadFailed')}</Text>
  if (!lead) return <View className='leads' />
  const name = lead.name ?? lead.company ?? t('leads.unnamed')
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString()

  return (
    <View className='leads' data-testid='lead-detail'>
      <View className='leads__card'>
        <View className='leads__row'>
          <Text className='leads__name'>{name}</Text>
          {lead.intent && <Text className={`leads__intent ${lead.intent.score >= 70 ? 'leads__intent--hot' : ''}`}>{t('leads.intent', { score: lead.intent.score })}</Text>}
        </View>
        <Text className='leads__meta'>{[lead.stageLabel, lead.company].filter(Boolean).join(' · ')}</Text>
        <Text className='leads__meta'>{t('leads.segment', { segment: lead.segmentation.segmentLabel, layer: lead.segmentation.layerLabel })}</Text>
        <View className='leads__tags'>
          {lead.tags.map((tag) => (
            <Text key={tag.tag} className={`leads__tag ${tag.kind === 'auto' ? 'leads__tag--auto' : ''}`}>{tag.tag}</Text>
          ))}
        </View>
      </View>

      <Text className='leads__section'>{t('leads.why')}</Text>
      <View className='leads__card'>
        <Text className='leads__meta' data-testid='lead-explanation'>{lead.intent?.explanation || t('leads.noBehaviour')}</Text>
      </View>

      {(lead.phoneNumbers ?? []).length > 0 && (
        <>
          <Text className='leads__section'>{t('leads.phones')}</Text>
          <View className='leads__card'>
            {(lead.phoneNumbers ?? []).map((phone) => (
              <View key={phone} className='leads__row'>
                <Text>{phone}</Text>
                <Button size='mini' onClick={() => void Taro.makePhoneCall({ phoneNumber: phone })}>{t('leads.call')}</Button>
              </View>
            ))}
          </View>
        </>
      )}

      {NEXT_STAGES[lead.stage].length > 0 && (
        <>
          <Text className='leads__section'>{t('leads.moveTo')}</Text>
          <View className='leads__actions'>
            {NEXT_STAGES[lead.stage].map((stage) => (
              <Button key={stage} size='mini' onClick={() => void act(leadsApi.stage(lead.id, stage))}>{t(`leads.stageName.${stage}`)}</Button>
            ))}
          </View>
        </>
      )}

      <Text className='leads__section'>{t('leads.tasks')}</Text>
      {lead.tasks.map((task) => (
        <View key={task.id} className='leads__card leads__row'>
          <Text>{task.title}</Text>
          {task.doneAt ? <Text className='leads__meta'>{t('leads.done')}</Text> : <Button size='mini' onClick={() => void act(leadsApi.done(task.id))}>{t('leads.done')}</Button>}
        </View>
      ))}
      <Button size='mini' onClick={() => void act(leadsApi.task(lead.id, t('leads.taskTitle', { name }), tomorrow))}>{t('leads.addTask')}</Button>

      <Text className='leads__section'>{t('leads.notes')}</Text>
      <View className='leads__actions'>
        <Input className='leads__input' value={note} maxlength={2000} placeholder={t('leads.notePlaceholder')} onInput={(event) => setNote(event.detail.value)} />
        <Button
          size='mini'
          onClick={() => {
            if (!note.trim()) return
            void act(leadsApi.note(lead.id, note.trim())).then(() => setNote(''))
          }}
        >
          {t('leads.addNote')}
        </Button>
      </View>
      {lead.notes.map((entry) => (
        <View key={entry.id} className='leads__card'>
          <Text>{entry.body}</Text>
          <Text className='leads__meta'>{shortDate(entry.createdAt)}</Text>
        </View>
      ))}
    </View>
  )
}
