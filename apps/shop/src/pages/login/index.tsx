import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad } from '@tarojs/taro'
import { shopApi } from '../../api'
import type { LoginResponse } from '../../api-types'
import { applyChromeTexts, useI18n } from '../../i18n'
import { setToken } from '../../session'
import './index.css'

const isWeapp = process.env.TARO_ENV === 'weapp'

export default function LoginPage() {
  const { locale, t } = useI18n()
  const [phone, setPhone] = useState('')
  const [password, setPassword] = useState('')
  const [submitting, setSubmitting] = useState(false)
  // Opened with ?back=1 (e.g. from checkout): return there instead of to the Me tab.
  const [returnBack, setReturnBack] = useState(false)
  useLoad((params: Record<string, string | undefined>) => setReturnBack(params.back === '1'))

  // On h5 React writes disabled="false" onto the custom element and Taro's CSS greys out any
  // [disabled] button, so the attribute must be absent rather than false.
  const disabledAttribute = submitting ? true : undefined

  useDidShow(() => applyChromeTexts(locale, 'login.title'))

  async function finish(login: Promise<LoginResponse>): Promise<void> {
    setSubmitting(true)
    try {
      const session = await login
      setToken(session.token)
      void Taro.showToast({ title: t('login.success'), icon: 'success', duration: 1200 })
      if (returnBack && Taro.getCurrentPages().length > 1) await Taro.navigateBack()
      else await Taro.switchTab({ url: '/pages/me/index' })
    } catch {
      // The API wrapper already showed the localized error.
    } finally {
      setSubmitting(false)
    }
  }

  function submitPassword(): void {
    if (submitting) return
    if (phone.trim() === '' || password === '') {
      void Taro.showToast({ title: t('login.missingFields'), icon: 'none' })
      return
    }
    void finish(shopApi.login(phone.trim(), password))
  }

  function submitWechat(): void {
    if (submitting) return
    void finish(Taro.login().then(({ code }) => shopApi.loginWithWechat(code)))
  }

  return (
    <View className="page-root login-page">
      <Text className="login-page__brand">{t('app.title')}</Text>
      <View className="login-form">
        <View className="login-field">
          <Text className="login-field__label">{t('login.phone')}</Text>
          <Input
            id="login-phone"
            className="login-field__input"
            type="number"
            maxlength={11}
            placeholder={t('login.phonePlaceholder')}
            value={phone}
            onInput={(event) => setPhone(event.detail.value)}
          />
        </View>
        <View className="login-field">
          <Text className="login-field__label">{t('login.password')}</Text>
          <Input
            id="login-password"
            className="login-field__input"
            password
            placeholder={t('login.passwordPlaceholder')}
            value={password}
            onInput={(event) => setPassword(event.detail.value)}
            onConfirm={submitPassword}
          />
        </View>
        <Button id="login-submit" className="primary-button login-form__submit" disabled={disabledAttribute} onClick={submitPassword}>
          {submitting ? t('login.submitting') : t('login.submit')}
        </Button>
        {isWeapp && (
          <Button id="login-wechat" className="login-form__wechat" disabled={disabledAttribute} onClick={submitWechat}>
            {t('login.wechat')}
          </Button>
        )}
      </View>
    </View>
  )
}
