import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { ApiError, showError } from '../../api'
import { applyChromeTexts, useI18n, type MessageKey } from '../../i18n'
import { MAX_SCAN_BYTES, readImageBase64, scanApi } from '../../scan-api'
import { getToken } from '../../session'
import { CHECK_BELOW, detailsOf, rowsOf, type FormRow } from './scan-form'
import './index.css'

type State = { status: 'idle' } | { status: 'reading' } | { status: 'ready'; rows: FormRow[] }

/** 扫描名片: photograph a paper card, check what was read (with its confidence), save it as a contact or a card draft. */
export default function ScanPage() {
  const { locale, t } = useI18n()
  const [state, setState] = useState<State>({ status: 'idle' })
  const [saving, setSaving] = useState(false)
  const [message, setMessage] = useState<string | undefined>()
  useDidShow(() => applyChromeTexts(locale, 'scan.title'))

  async function pick(): Promise<void> {
    setMessage(undefined)
    const chosen = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['camera', 'album'] }).catch(() => null)
    const file = chosen?.tempFiles[0]
    if (!chosen || !file) return
    if (file.size > MAX_SCAN_BYTES) return setMessage(t('scan.tooLarge'))
    setState({ status: 'reading' })
    try {
      const card = await scanApi.scan(await readImageBase64(chosen.tempFilePaths[0] ?? file.path))
      const rows = rowsOf(card)
      setState({ status: 'ready', rows })
      if (rows.every((row) => row.confidence === null)) setMessage(t('scan.nothingRead'))
    } catch (error) {
      setState({ status: 'idle' })
      if (error instanceof ApiError) setMessage(error.message)
    }
  }

  function edit(index: number, value: string): void {
    if (state.status !== 'ready') return
    setState({ status: 'ready', rows: state.rows.map((row, at) => (at === index ? { ...row, value, confidence: null } : row)) })
  }

  async function save(target: 'contact' | 'draft'): Promise<void> {
    if (saving || state.status !== 'ready') return
    setSaving(true)
    setMessage(undefined)
    try {
      const details = detailsOf(state.rows)
      const text = target === 'contact' ? ((await scanApi.saveContact(details)).created ? t('scan.savedContact') : t('scan.mergedContact')) : (await scanApi.createDraft(details), t('scan.savedDraft'))
      setMessage(text)
      void Taro.showToast({ title: text, icon: 'success', duration: 1500 })
    } catch (error) {
      if (error instanceof ApiError) setMessage(error.message)
      showError(error)
    } finally {
      setSaving(false)
    }
  }

  if (getToken() === undefined) {
    return (
      <View className="page-root">
        <Text className="state-text">{t('scan.loginFirst')}</Text>
      </View>
    )
  }

  return (
    <View className="page-root scan-page with-action-bar">
      <View className="card">
        <Text className="muted scan-hint">{t('scan.hint')}</Text>
        <View id="scan-pick" className={`pill scan-pick${state.status === 'reading' ? ' pill--disabled' : ''}`} onClick={() => void (state.status === 'reading' ? undefined : pick())}>
          {state.status === 'reading' ? t('scan.reading') : state.status === 'ready' ? t('scan.again') : t('scan.pick')}
        </View>
      </View>
      {state.status === 'ready' && (
        <View className="card scan-fields" id="scan-fields">
          {state.rows.map((row, index) => (
            <View key={`${row.key}-${index}`} className="scan-row" data-field={row.key}>
              <View className="scan-row__head">
                <Text className="scan-row__label">
                  {t(`scan.field.${row.key}` as MessageKey)}
                  {row.kind !== undefined ? ` · ${t(`scan.phone.${row.kind}` as MessageKey)}` : ''}
                </Text>
                {row.confidence !== null && (
                  <Text className={`scan-confidence${row.confidence < CHECK_BELOW ? ' scan-confidence--low' : ''}`}>
                    {t('scan.confidence', { percent: String(Math.round(row.confidence * 100)) })}
                    {row.confidence < CHECK_BELOW ? ` · ${t('scan.lowConfidence')}` : ''}
                  </Text>
                )}
              </View>
              <Input className="scan-row__input" value={row.value} maxlength={200} onInput={(event) => edit(index, event.detail.value)} />
            </View>
          ))}
        </View>
      )}
      {message !== undefined && (
        <Text className="scan-message" id="scan-message">
          {message}
        </Text>
      )}
      {state.status === 'ready' && (
        <View className="action-bar">
          <View id="scan-save-draft" className={`pill pill--ghost${saving ? ' pill--disabled' : ''}`} onClick={() => void save('draft')}>
            {t('scan.saveDraft')}
          </View>
          <View id="scan-save-contact" className={`pill${saving ? ' pill--disabled' : ''}`} onClick={() => void save('contact')}>
            {saving ? t('scan.saving') : t('scan.saveContact')}
          </View>
        </View>
      )}
    </View>
  )
}
