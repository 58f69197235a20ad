import { useEffect, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro, { useLoad, useShareAppMessage } from '@tarojs/taro'
import { ApiError } from '../../api'
import { cardApi, cardFiles, cardPageUrl, decideConsent, onCardEvent, storedConsent, visitorId, type Consent, type PublicCard } from '../../card-api'
import { AssistantChat } from '../../components/assistant-chat'
import { QrCode } from '../../components/qr-code'
import { useI18n } from '../../i18n'
import { getToken } from '../../session'
import { CardModules } from './card-modules'
import { themeColors } from './card-theme'
import './index.css'

type State = { status: 'loading' } | { status: 'missing'; message: string } | { status: 'ready'; card: PublicCard }

/** Heartbeats while the page is open, so the radar knows how long a visitor stayed. */
const DWELL_SECONDS = 15

/** Reads a route parameter that may arrive URL-encoded. */
const param = (value: string | undefined) => (value === undefined || value === '' ? null : decodeURIComponent(value))

/**
 * The public business card (名片): opens without login from a share link `?id=crd_…&share=…`,
 * shows the owner's details and modules in their theme, reveals the phone on request, saves a
 * vCard, and lets the visitor forward it through a share of their own.
 */
export default function CardPage() {
  const { t } = useI18n()
  const [ids, setIds] = useState<{ cardId: string; shareToken: string | null } | null>(null)
  const [state, setState] = useState<State>({ status: 'loading' })
  const [phone, setPhone] = useState<string | null>(null)
  const [consent, setConsent] = useState<Consent>(storedConsent)
  const [forwardUrl, setForwardUrl] = useState<string | null>(null)
  const [forwarding, setForwarding] = useState(false)

  useLoad((params: Record<string, string | undefined>) => {
    const cardId = param(params.id)
    if (cardId === null) return setState({ status: 'missing', message: t('card.notFound') })
    setIds({ cardId, shareToken: param(params.share) })
  })

  useEffect(() => {
    if (ids === null) return undefined
    const { cardId, shareToken } = ids
    cardApi
      .publicCard(cardId)
      .then((card) => {
        setState({ status: 'ready', card })
        void Taro.setNavigationBarTitle({ title: card.name }).catch(() => undefined)
        void onCardEvent('view', { cardId, shareToken })
        // 名片锁粉: a signed-in visitor binds the card's owner as referrer (first valid binding wins).
        if (getToken() !== undefined) void cardApi.bind(cardId, shareToken).catch(() => undefined)
      })
      .catch((error: unknown) => setState({ status: 'missing', message: error instanceof ApiError && error.status !== 0 ? error.message : t('card.notFound') }))
    const timer = setInterval(() => void onCardEvent('dwell', { cardId, shareToken, seconds: DWELL_SECONDS }), DWELL_SECONDS * 1000)
    return () => clearInterval(timer)
  }, [ids, t])

  useShareAppMessage(() => ({ title: state.status === 'ready' ? state.card.name : t('card.title'), path: ids === null ? '/pages/index/index' : cardPageUrl(ids.cardId, ids.shareToken) }))

  if (state.status !== 'ready' || ids === null) {
    return (
      <View className="page-root">
        <Text className="state-text" id="card-state">
          {state.status === 'missing' ? state.message : t('card.loading')}
        </Text>
      </View>
    )
  }

  const { card } = state
  const { shareToken } = ids
  const colors = themeColors(card.theme)

  async function revealPhone(): Promise<void> {
    const revealed = await cardApi.revealPhone(card.id, visitorId(), shareToken)
    setPhone(revealed.phone)
  }

  function call(): void {
    if (phone === null) return
    void onCardEvent('call', { cardId: card.id, shareToken })
    void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)
  }

  function copy(text: string): void {
    void Taro.setClipboardData({ data: text }).then(() => Taro.showToast({ title: t('card.copied'), icon: 'none' }))
  }

  function saveContact(): void {
    const url = cardFiles.vcardUrl(card.id, phone === null ? null : visitorId(), shareToken)
    if (process.env.TARO_ENV === 'h5') window.location.assign(url)
    else copy(url)
  }

  async function forward(): Promise<void> {
    if (forwarding) return
    setForwarding(true)
    try {
      const share = await cardApi.forward(card.id, visitorId(), shareToken)
      setForwardUrl(share.url)
      void onCardEvent('forward', { cardId: card.id, shareToken })
    } catch {
      // The request helper already showed the server's message.
    } finally {
      setForwarding(false)
    }
  }

  function decide(granted: boolean): void {
    setConsent(granted ? 'granted' : 'denied')
    // The view sent on load counted only anonymously; once the visitor agrees, this visit is theirs.
    void decideConsent(card.id, granted).then(() => {
      if (granted) void onCardEvent('view', { cardId: card.id, shareToken: ids?.shareToken ?? null })
    })
  }

  return (
    <View className="page-root card-page with-action-bar" id="card-page" data-theme={card.theme}>
      <View className="card-hero" style={{ backgroundColor: colors.primary, color: colors.onPrimary }}>
        {card.photoUrl !== null ? (
          <Image className="card-hero__photo" src={card.photoUrl} mode="aspectFill" />
        ) : (
          <View className="card-hero__photo card-hero__initial" style={{ color: colors.primary }}>
            <Text>{card.name.slice(0, 1)}</Text>
          </View>
        )}
        <View className="card-hero__text">
          <Text className="card-hero__name" id="card-name">
            {card.name}
          </Text>
          {card.title !== '' && <Text className="card-hero__title" id="card-title">{card.title}</Text>}
          {card.company !== '' && <Text className="card-hero__company" id="card-company">{card.company}</Text>}
        </View>
      </View>

      <View className="card card-details">
        {card.phoneMasked !== null && (
          <View className="card-detail">
            <Text className="card-detail__label">{t('card.phone')}</Text>
            <Text className="card-detail__value" id="card-phone">
              {phone ?? card.phoneMasked}
            </Text>
            <View className="card-chip" id={phone === null ? 'card-show-phone' : 'card-call'} style={{ backgroundColor: colors.primary, color: colors.onPrimary }} onClick={() => (phone === null ? void revealPhone().catch(() => undefined) : call())}>
              {phone === null ? t('card.showPhone') : t('card.call')}
            </View>
          </View>
        )}
        {card.wechatId !== null && (
          <View className="card-detail">
            <Text className="card-detail__label">{t('card.wechat')}</Text>
            <Text className="card-detail__value" id="card-wechat">{card.wechatId}</Text>
            <View className="card-chip card-chip--ghost" onClick={() => copy(card.wechatId ?? '')}>
              {t('card.copy')}
            </View>
          </View>
        )}
        {card.email !== null && (
          <View className="card-detail">
            <Text className="card-detail__label">{t('card.email')}</Text>
            <Text className="card-detail__value">{card.email}</Text>
          </View>
        )}
        {card.website !== null && (
          <View className="card-detail" onClick={() => copy(card.website ?? '')}>
            <Text className="card-detail__label">{t('card.website')}</Text>
            <Text className="card-detail__value">{card.website}</Text>
          </View>
        )}
        {card.address !== null && (
          <View className="card-detail">
            <Text className="card-detail__label">{t('card.address')}</Text>
            <Text className="card-detail__value" id="card-address">{card.address}</Text>
            {card.latitude !== null && card.longitude !== null && (
              <View className="card-chip card-chip--ghost" onClick={() => void Taro.openLocation({ latitude: card.latitude ?? 0, longitude: card.longitude ?? 0, name: card.company || card.name, address: card.address ?? '' }).catch(() => undefined)}>
                {t('card.openMap')}
              </View>
            )}
          </View>
        )}
      </View>

      {card.intro !== '' && (
        <View className="card">
          <Text className="card__title card-module__title" style={{ borderLeftColor: colors.primary }}>{t('card.intro')}</Text>
          <Text className="card-intro" id="card-intro">{card.intro}</Text>
        </View>
      )}

      <CardModules card={card} shareToken={shareToken} colors={colors} />

      <View className="card-assistant">
        <AssistantChat cardId={card.id} visitorId={visitorId()} ownerName={card.name} />
      </View>

      {forwardUrl !== null && (
        <View className="card card-forward" id="card-forward-result">
          <Text className="card__title">{t('card.forwardLink')}</Text>
          <Text className="muted">{t('card.forwardHint')}</Text>
          <Text className="card-forward__url" id="card-forward-url">{forwardUrl}</Text>
          <View className="card-forward__qr">
            <QrCode value={forwardUrl} id="card-forward-qr" />
          </View>
          <View className="card-chip" style={{ backgroundColor: colors.primary, color: colors.onPrimary }} onClick={() => copy(forwardUrl)}>
            {t('card.copyLink')}
          </View>
        </View>
      )}

      {consent === 'unset' && (
        <View className="card-consent" id="card-consent">
          <Text className="card-consent__text">{t('card.consent.text')}</Text>
          <View className="card-consent__buttons">
            <View className="card-chip card-chip--ghost" id="card-consent-decline" onClick={() => decide(false)}>
              {t('card.consent.decline')}
            </View>
            <View className="card-chip" id="card-consent-agree" style={{ backgroundColor: colors.primary, color: colors.onPrimary }} onClick={() => decide(true)}>
              {t('card.consent.agree')}
            </View>
          </View>
        </View>
      )}

      <View className="action-bar card-actions">
        <View className="pill pill--ghost card-actions__button" id="card-save-contact" onClick={saveContact}>
          {t('card.saveContact')}
        </View>
        <View className={`pill card-actions__button${forwarding ? ' pill--disabled' : ''}`} id="card-forward" style={{ backgroundColor: colors.primary, color: colors.onPrimary }} onClick={() => void forward()}>
          {forwarding ? t('card.forwarding') : t('card.forward')}
        </View>
      </View>
    </View>
  )
}
