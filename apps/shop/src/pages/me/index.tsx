import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { shopApi } from '../../api'
import type { MeResponse } from '../../api-types'
import { applyChromeTexts, setLocale, useI18n } from '../../i18n'
import { bindPendingInvite } from '../../invite'
import { clearToken, getToken } from '../../session'
import { canScanCards } from '../scan/scan-form'
import { canOwnCard } from '../../card-api'
import { PrivacyActions } from './privacy-actions'
import './index.css'

type MeState = { status: 'loggedOut' } | { status: 'loading' } | { status: 'ready'; me: MeResponse }

export default function MePage() {
  const { locale, t } = useI18n()
  const [state, setState] = useState<MeState>(() => (getToken() === undefined ? { status: 'loggedOut' } : { status: 'loading' }))

  async function loadProfile(): Promise<void> {
    if (getToken() === undefined) {
      setState({ status: 'loggedOut' })
      return
    }
    try {
      const me = await shopApi.me()
      setState({ status: 'ready', me })
      // Login lands here: bind the referrer of an invite link opened before logging in.
      void bindPendingInvite().then((bound) => {
        if (bound) void Taro.showToast({ title: t('dist.boundToast'), icon: 'success' })
      })
    } catch {
      // A 401 already cleared the token; other failures keep whatever we showed before.
      if (getToken() === undefined) setState({ status: 'loggedOut' })
    }
  }

  useDidShow(() => {
    applyChromeTexts(locale, 'me.title')
    void loadProfile()
  })

  async function logout(): Promise<void> {
    // Forget the token locally even if the server call fails: the user asked to leave.
    await shopApi.logout().catch(() => undefined)
    clearToken()
    setState({ status: 'loggedOut' })
    void Taro.showToast({ title: t('me.loggedOutToast'), icon: 'none' })
  }

  function toggleLanguage(): void {
    const next = locale === 'zh-CN' ? 'en' : 'zh-CN'
    setLocale(next)
    applyChromeTexts(next, 'me.title')
    // Profile role names are localized by the server.
    if (state.status === 'ready') void loadProfile()
  }

  return (
    <View className="page-root me-page">
      <View className="me-header">
        <View className="me-avatar">
          <Text className="me-avatar__text">{state.status === 'ready' ? state.me.displayName.slice(0, 1) : '?'}</Text>
        </View>
        {state.status === 'ready' && (
          <View className="me-header__info">
            <Text className="me-name" id="me-name">
              {state.me.displayName}
            </Text>
            {state.me.phoneMasked !== null && (
              <Text className="me-phone" id="me-phone">
                {t('me.phone')}: {state.me.phoneMasked}
              </Text>
            )}
          </View>
        )}
        {state.status === 'loggedOut' && <Text className="me-header__hint">{t('me.loggedOut')}</Text>}
      </View>

      {state.status === 'ready' && (
        <View className="me-card">
          <Text className="me-card__label">{t('me.roles')}</Text>
          <View className="me-roles" id="me-roles">
            {(state.me.roleNames.length > 0 ? state.me.roleNames : state.me.roles).map((role) => (
              <Text key={role} className="me-role">
                {role}
              </Text>
            ))}
          </View>
        </View>
      )}

      {state.status === 'ready' && (
        <View className="me-card me-entry" id="me-orders" onClick={() => void Taro.navigateTo({ url: '/pages/orders/index' })}>
          <Text className="me-entry__label">{t('orders.mine')}</Text>
          <Text className="me-entry__arrow">›</Text>
        </View>
      )}

      {state.status === 'ready' && (
        <View className="me-card me-entry" id="me-coupons" onClick={() => void Taro.navigateTo({ url: '/pages/coupons/index?tab=available' })}>
          <Text className="me-entry__label">{t('me.coupons')}</Text>
          <Text className="me-entry__arrow">›</Text>
        </View>
      )}

      {state.status === 'ready' && (
        <View className="me-card me-entry" id="me-groups" onClick={() => void Taro.navigateTo({ url: '/pages/group-buy/index' })}>
          <Text className="me-entry__label">{t('me.groups')}</Text>
          <Text className="me-entry__arrow">›</Text>
        </View>
      )}

      {state.status === 'ready' && (
        <View className="me-card me-entry" id="me-growth" onClick={() => void Taro.navigateTo({ url: '/pages/growth/index' })}>
          <Text className="me-entry__label">{t('me.growth')}</Text>
          <Text className="me-entry__arrow">›</Text>
        </View>
      )}

      {state.status === 'ready' && (
        <View className="me-card me-entry" id="me-distribution" onClick={() => void Taro.navigateTo({ url: '/pages/distribution/index' })}>
          <Text className="me-entry__label">{t('me.distribution')}</Text>
          <Text className="me-entry__arrow">›</Text>
        </View>
      )}

      {state.status === 'ready' && canOwnCard(state.me.roles) && (
        <View className="me-card me-entry" id="me-my-card" onClick={() => void Taro.navigateTo({ url: '/pages/card-editor/index' })}>
          <Text className="me-entry__label">{t('me.myCard')}</Text>
          <Text className="me-entry__arrow">›</Text>
        </View>
      )}

      {state.status === 'ready' && canScanCards(state.me.roles) && (
        <View className="me-card me-entry" id="me-scan-card" onClick={() => void Taro.navigateTo({ url: '/pages/scan/index' })}>
          <Text className="me-entry__label">{t('me.scanCard')}</Text>
          <Text className="me-entry__arrow">›</Text>
        </View>
      )}

      {state.status === 'ready' && canScanCards(state.me.roles) && (
        <View className="me-card me-entry" id="me-leads" onClick={() => void Taro.navigateTo({ url: '/pages/leads/index' })}>
          <Text className="me-entry__label">{t('me.leads')}</Text>
          <Text className="me-entry__arrow">›</Text>
        </View>
      )}

      {state.status === 'ready' && canScanCards(state.me.roles) && (
        <View className="me-card me-entry" id="me-radar" onClick={() => void Taro.navigateTo({ url: '/pages/radar/index' })}>
          <Text className="me-entry__label">{t('me.radar')}</Text>
          <Text className="me-entry__arrow">›</Text>
        </View>
      )}

      {state.status === 'ready' && canScanCards(state.me.roles) && (
        <View className="me-card me-entry" id="me-assistant" onClick={() => void Taro.navigateTo({ url: '/pages/assistant-drafts/index' })}>
          <Text className="me-entry__label">{t('assistant.me')}</Text>
          <Text className="me-entry__arrow">›</Text>
        </View>
      )}

      {state.status === 'ready' && (
        <View className="me-card me-entry" id="me-sessions" onClick={() => void Taro.navigateTo({ url: '/pages/sessions/index' })}>
          <Text className="me-entry__label">{t('sessions.entry')}</Text>
          <Text className="me-entry__arrow">›</Text>
        </View>
      )}

      {state.status === 'ready' && <PrivacyActions />}

      <View className="me-actions">
        {state.status === 'loggedOut' && (
          <Button id="me-login" className="primary-button" onClick={() => void Taro.navigateTo({ url: '/pages/login/index' })}>
            {t('me.goLogin')}
          </Button>
        )}
        <Button id="me-language" className="me-button" onClick={toggleLanguage}>
          {t('me.language')}: {t('me.switchLanguage')}
        </Button>
        {state.status === 'ready' && (
          <Button id="me-logout" className="me-button" onClick={() => void logout()}>
            {t('me.logout')}
          </Button>
        )}
      </View>
    </View>
  )
}
