import { useState } from 'react'
import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { ApiError } from '../../api'
import { cardApi, cardPageUrl, CARD_THEMES, type CardContent, type CardDraft, type CardShare, type LockableField, type OwnerCard } from '../../card-api'
import { QrCode } from '../../components/qr-code'
import { applyChromeTexts, useI18n, type MessageKey } from '../../i18n'
import { getToken } from '../../session'
import { themeColors } from '../card/card-theme'
import { ModuleList } from './module-list'
import './index.css'

type TextField = 'name' | 'title' | 'company' | 'phone' | 'email' | 'wechatId' | 'website' | 'photoUrl' | 'address'
const TEXT_FIELDS: readonly { field: TextField; max: number }[] = [
  { field: 'name', max: 30 },
  { field: 'title', max: 40 },
  { field: 'company', max: 80 },
  { field: 'phone', max: 11 },
  { field: 'email', max: 120 },
  { field: 'wechatId', max: 20 },
  { field: 'website', max: 500 },
  { field: 'photoUrl', max: 500 },
  { field: 'address', max: 200 },
]

/** The owner's card as the form edits it: everything the server's PUT takes. */
function contentOf(card: OwnerCard): CardContent {
  const { name, title, company, photoUrl, phone, email, website, wechatId, address, latitude, longitude, intro, theme, modules } = card
  return { name, title, company, photoUrl, phone, email, website, wechatId, address, latitude, longitude, intro, theme, modules }
}

/** Empty optional text becomes null, as the server expects. */
function normalised(content: CardContent): CardContent {
  const nullable = (value: string | null) => (value === null || value.trim() === '' ? null : value.trim())
  return { ...content, photoUrl: nullable(content.photoUrl), phone: nullable(content.phone), email: nullable(content.email), website: nullable(content.website), wechatId: nullable(content.wechatId), address: nullable(content.address) }
}

/** 编辑名片: the signed-in owner edits their card (template-locked fields stay disabled), saves and shares it. */
export default function CardEditorPage() {
  const { locale, t } = useI18n()
  const [card, setCard] = useState<OwnerCard | null>(null)
  const [content, setContent] = useState<CardContent | null>(null)
  const [drafts, setDrafts] = useState<CardDraft[]>([])
  const [saving, setSaving] = useState(false)
  const [message, setMessage] = useState<{ text: string; ok: boolean } | undefined>()
  const [share, setShare] = useState<CardShare | null>(null)

  function load(): void {
    if (getToken() === undefined) return
    cardApi
      .mine()
      .then((mine) => {
        setCard(mine)
        setContent(contentOf(mine))
      })
      .catch(() => undefined)
    cardApi
      .drafts()
      .then((result) => setDrafts(result.items))
      .catch(() => undefined)
  }

  useDidShow(() => {
    applyChromeTexts(locale, 'editor.title')
    load()
  })

  if (getToken() === undefined) {
    return (
      <View className="page-root">
        <Text className="state-text">{t('editor.loginFirst')}</Text>
      </View>
    )
  }
  if (card === null || content === null) {
    return (
      <View className="page-root">
        <Text className="state-text">{t('card.loading')}</Text>
      </View>
    )
  }

  const locked = new Set<LockableField>(card.lockedFields)
  const isLocked = (field: string) => locked.has(field as LockableField)
  const update = (patch: Partial<CardContent>) => setContent({ ...content, ...patch })

  async function save(): Promise<void> {
    if (saving || content === null) return
    setSaving(true)
    setMessage(undefined)
    try {
      const saved = await cardApi.save(normalised(content))
      setCard(saved)
      setContent(contentOf(saved))
      setMessage({ text: t('editor.saved'), ok: true })
      void Taro.showToast({ title: t('editor.saved'), icon: 'success' })
    } catch (error) {
      setMessage({ text: error instanceof ApiError ? error.message : t('error.unknown'), ok: false })
    } finally {
      setSaving(false)
    }
  }

  async function createShare(): Promise<void> {
    if (card === null) return
    setShare(await cardApi.share(card.id))
  }

  async function applyDraft(draft: CardDraft): Promise<void> {
    const applied = await cardApi.applyDraft(draft.id)
    setCard(applied)
    setContent(contentOf(applied))
    setDrafts(drafts.filter((each) => each.id !== draft.id))
    void Taro.showToast({ title: t('editor.draftApplied'), icon: 'success' })
  }

  return (
    <View className="page-root card-editor with-action-bar" id="card-editor">
      {drafts.length > 0 && (
        <View className="card" id="editor-drafts">
          <Text className="card__title">{t('editor.section.drafts')}</Text>
          {drafts.map((draft) => (
            <View key={draft.id} className="row">
              <Text>{[draft.fields.name, draft.fields.company].filter(Boolean).join(' · ')}</Text>
              <Text className="editor-link" onClick={() => void applyDraft(draft).catch(() => undefined)}>
                {t('editor.applyDraft')}
              </Text>
            </View>
          ))}
        </View>
      )}

      <View className="card" id="editor-basic">
        <Text className="card__title">{t('editor.section.basic')}</Text>
        {TEXT_FIELDS.map(({ field, max }) => (
          <View key={field} className="editor-field" data-field={field}>
            <Text className="editor-label">
              {t(`editor.field.${field}` as MessageKey)}
              {isLocked(field) && <Text className="editor-locked"> · {t('editor.locked')}</Text>}
            </Text>
            <Input className={`editor-input${isLocked(field) ? ' editor-input--locked' : ''}`} id={`editor-${field}`} disabled={isLocked(field)} maxlength={max} value={content[field] ?? ''} onInput={(event) => update({ [field]: event.detail.value })} />
          </View>
        ))}
        <View className="editor-field" data-field="intro">
          <Text className="editor-label">
            {t('editor.field.intro')}
            {isLocked('intro') && <Text className="editor-locked"> · {t('editor.locked')}</Text>}
          </Text>
          <Textarea className={`editor-input editor-textarea${isLocked('intro') ? ' editor-input--locked' : ''}`} id="editor-intro" disabled={isLocked('intro')} maxlength={1000} value={content.intro} onInput={(event) => update({ intro: event.detail.value })} />
        </View>
      </View>

      <View className="card" id="editor-theme">
        <Text className="card__title">
          {t('editor.section.theme')}
          {isLocked('theme') && <Text className="editor-locked"> · {t('editor.locked')}</Text>}
        </Text>
        <View className="editor-themes">
          {CARD_THEMES.map((theme) => (
            <View key={theme} id={`editor-theme-${theme}`} className={`editor-theme${content.theme === theme ? ' editor-theme--on' : ''}${isLocked('theme') ? ' pill--disabled' : ''}`} onClick={() => (isLocked('theme') ? undefined : update({ theme }))}>
              <View className="editor-theme__swatch" style={{ backgroundColor: themeColors(theme).primary }} />
              <Text className="editor-theme__name">{t(`editor.theme.${theme}` as MessageKey)}</Text>
            </View>
          ))}
        </View>
      </View>

      <ModuleList modules={content.modules} lockedModuleIds={card.lockedModuleIds} onChange={(modules) => update({ modules })} />

      {share !== null && (
        <View className="card" id="editor-share-result">
          <Text className="card__title">{t('editor.shareLink')}</Text>
          <Text className="editor-share-url" id="editor-share-url">{share.url}</Text>
          <View className="editor-share-qr">
            <QrCode value={share.url} id="editor-share-qr" />
          </View>
          <View className="row">
            <View className="pill pill--ghost" onClick={() => void Taro.setClipboardData({ data: share.url })}>
              {t('card.copyLink')}
            </View>
            <View className="pill" id="editor-open-poster" onClick={() => void Taro.navigateTo({ url: `/pages/card-poster/index?id=${encodeURIComponent(card.id)}&share=${encodeURIComponent(share.token)}` })}>
              {t('editor.poster')}
            </View>
          </View>
        </View>
      )}

      {message !== undefined && (
        <Text className={`editor-message${message.ok ? ' editor-message--ok' : ''}`} id="editor-message">
          {message.text}
        </Text>
      )}

      <View className="action-bar editor-actions">
        <View className="pill pill--ghost editor-actions__button" id="editor-preview" onClick={() => void Taro.navigateTo({ url: cardPageUrl(card.id, null) })}>
          {t('editor.preview')}
        </View>
        <View className="pill pill--secondary editor-actions__button" id="editor-share" onClick={() => void createShare().catch(() => undefined)}>
          {t('editor.share')}
        </View>
        <View className={`pill editor-actions__button${saving ? ' pill--disabled' : ''}`} id="editor-save" onClick={() => void save()}>
          {saving ? t('editor.saving') : t('editor.save')}
        </View>
      </View>
    </View>
  )
}
