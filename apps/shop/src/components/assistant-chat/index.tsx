import { useEffect, useState } from 'react'
import { Button, Input, ScrollView, Text, View } from '@tarojs/components'
import { ApiError } from '../../api'
import { assistantApi, type ChatTurn } from '../../assistant-api'
import { useI18n } from '../../i18n'
import './index.css'

export interface AssistantChatProps {
  cardId: string
  /** The card page's own random visitor id (16+ characters), the same one it sends to tracking. */
  visitorId: string
  ownerName: string
}

/**
 * The card's assistant as a chat the public card page embeds: answers come from the owner's
 * products, FAQ and company material, each with its sources; a consented visitor's earlier turns
 * are loaded back.
 */
export function AssistantChat({ cardId, visitorId, ownerName }: AssistantChatProps) {
  const { t } = useI18n()
  const [turns, setTurns] = useState<ChatTurn[]>([])
  const [draft, setDraft] = useState('')
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    assistantApi
      .history(cardId, visitorId)
      .then((result) => setTurns(result.items))
      .catch(() => undefined)
  }, [cardId, visitorId])

  async function send(): Promise<void> {
    const question = draft.trim()
    if (question === '' || busy) return
    const asked: ChatTurn[] = [...turns, { role: 'visitor', content: question }]
    setTurns(asked)
    setDraft('')
    setBusy(true)
    try {
      const answer = await assistantApi.ask(cardId, visitorId, question, turns)
      setTurns([...asked, { role: 'assistant', content: answer.answer, citations: answer.citations }])
    } catch (error) {
      const text = error instanceof ApiError && error.message ? error.message : t('assistant.failed')
      setTurns([...asked, { role: 'assistant', content: text }])
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='assistant-chat' data-testid='assistant-chat'>
      <Text className='assistant-chat__title'>{t('assistant.chatTitle')}</Text>
      <ScrollView className='assistant-chat__turns' scrollY scrollIntoView={`turn-${turns.length - 1}`}>
        <View className='assistant-chat__bubble assistant-chat__bubble--assistant'>
          <Text>{t('assistant.greeting', { owner: ownerName })}</Text>
        </View>
        {turns.map((turn, index) => (
          <TurnBubble key={index} turn={turn} index={index} />
        ))}
        {busy ? (
          <View className='assistant-chat__bubble assistant-chat__bubble--assistant'>
            <Text>{t('assistant.thinking')}</Text>
          </View>
        ) : null}
      </ScrollView>
      <View className='assistant-chat__composer'>
        <Input
          className='assistant-chat__input'
          value={draft}
          maxlength={500}
          placeholder={t('assistant.placeholder')}
          confirmType='send'
          onInput={(event) => setDraft(event.detail.value)}
          onConfirm={() => void send()}
          id='assistant-input'
          data-testid='assistant-input'
        />
        <Button className='assistant-chat__send' size='mini' type='primary' disabled={busy || draft.trim() === ''} onClick={() => void send()} id='assistant-send' data-testid='assistant-send'>
          {t('assistant.send')}
        </Button>
      </View>
      <Text className='assistant-chat__disclaimer'>{t('assistant.disclaimer')}</Text>
    </View>
  )
}

function TurnBubble({ turn, index }: { turn: ChatTurn; index: number }) {
  const { t } = useI18n()
  return (
    <View id={`turn-${index}`} className={`assistant-chat__bubble assistant-chat__bubble--${turn.role}`} data-testid={`assistant-turn-${turn.role}`}>
      <Text className='assistant-chat__text'>{turn.content}</Text>
      {turn.citations && turn.citations.length > 0 ? (
        <View className='assistant-chat__sources'>
          <Text className='assistant-chat__sources-label'>{t('assistant.sources')}</Text>
          {turn.citations.map((citation) => (
            <Text key={citation.index} className='assistant-chat__source' data-testid='assistant-source'>
              {`[${citation.index}] ${t(`assistant.source.${citation.kind}`)} · ${citation.title}`}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  )
}
