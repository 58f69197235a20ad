import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { request } from '../../api'
import { deviceLabel } from '../../device-label'
import { applyChromeTexts, useI18n, type MessageKey } from '../../i18n'
import { formatDateTime } from '../../order-status'
import { useSignedInData } from '../../use-signed-in-data'
import './index.css'

interface MySession {
  id: string
  createdAt: string
  expiresAt: string
  ip: string | null
  userAgent: string | null
  current: boolean
}

/** 登录设备: where the account is signed in, and signing out a lost phone or every other device. */
export default function SessionsPage() {
  const { locale, t } = useI18n()
  const { data: sessions, failed, load } = useSignedInData(async () => (await request<{ items: MySession[] }>('GET', '/shop/me/sessions')).items)

  useDidShow(() => {
    applyChromeTexts(locale, 'sessions.title')
    void load()
  })

  const nameOf = (session: MySession) => {
    const { app, device } = deviceLabel(session.userAgent)
    return `${t(`sessions.device.${device}` as MessageKey)} · ${t(`sessions.app.${app}` as MessageKey)}`
  }

  async function end(session: MySession): Promise<void> {
    const confirmed = await Taro.showModal({ content: t('sessions.endConfirm'), confirmText: t('common.confirm'), cancelText: t('common.cancel') })
    if (!confirmed.confirm) return
    try {
      const { revoked } = await request<{ revoked: number }>('POST', `/shop/me/sessions/${session.id}/end`)
      void Taro.showToast({ title: t('sessions.ended', { n: revoked }), icon: 'success' })
    } finally {
      // Gone already (ended elsewhere) shows the server's message; either way the list is refreshed.
      await load()
    }
  }

  async function endOthers(): Promise<void> {
    const confirmed = await Taro.showModal({ content: t('sessions.endOthersConfirm'), confirmText: t('common.confirm'), cancelText: t('common.cancel') })
    if (!confirmed.confirm) return
    const { revoked } = await request<{ revoked: number }>('POST', '/shop/me/sessions/end-others')
    void Taro.showToast({ title: t('sessions.ended', { n: revoked }), icon: 'success' })
    await load()
  }

  if (sessions === null) return <Text className="state-text">{t(failed ? 'common.loadFailed' : 'common.loading')}</Text>
  const others = sessions.filter((session) => !session.current)
  return (
    <View className="sessions-page" id="sessions">
      <Text className="sessions-hint">{t('sessions.hint')}</Text>
      {sessions.map((session) => (
        <View key={session.id} className="session-row" data-session-id={session.id} data-current={session.current ? 'true' : 'false'}>
          <View className="session-row__body">
            <Text className="session-row__name">
              {nameOf(session)}
              {session.current && <Text className="tag session-row__current">{t('sessions.current')}</Text>}
            </Text>
            <Text className="session-row__meta">
              {t('sessions.signedInAt', { time: formatDateTime(session.createdAt) })}
              {session.ip !== null ? ` · ${t('sessions.address', { ip: session.ip })}` : ''}
            </Text>
          </View>
          {!session.current && (
            <View className="session-row__end" onClick={() => void end(session)}>
              {t('sessions.end')}
            </View>
          )}
        </View>
      ))}
      {others.length > 0 ? (
        <Button id="sessions-end-others" className="sessions-end-others" onClick={() => void endOthers()}>
          {t('sessions.endOthers')}
        </Button>
      ) : (
        <Text className="state-text" id="sessions-only-this">
          {t('sessions.onlyThis')}
        </Text>
      )}
    </View>
  )
}
