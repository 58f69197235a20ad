import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ApiError, request, showError } from '../../api'
import { getLocale, useI18n } from '../../i18n'
import { getToken } from '../../session'

interface DeletionRequest {
  id: string
  status: 'pending' | 'cancelled' | 'completed'
  dueAt: string
}

const COOLING_OFF_DAYS = 7

/** 个人信息: download everything held about me, ask for (or cancel) account deletion — PIPL rights. */
export function PrivacyActions() {
  const { t } = useI18n()
  const [pending, setPending] = useState<DeletionRequest | null>(null)

  useEffect(() => {
    request<{ request: DeletionRequest | null }>('GET', '/shop/me/deletion-request', { quiet: true })
      .then((answer) => setPending(answer.request?.status === 'pending' ? answer.request : null))
      .catch(() => undefined)
  }, [])

  async function exportData(): Promise<void> {
    if (process.env.TARO_ENV !== 'h5') {
      await Taro.showModal({ content: t('privacy.exportWeappOnly'), showCancel: false, confirmText: t('common.confirm') })
      return
    }
    // A plain fetch: the answer is a file to save, not JSON for the page.
    const response = await fetch(`${API_BASE}/shop/me/personal-data`, { headers: { Authorization: `Bearer ${getToken() ?? ''}`, 'Accept-Language': getLocale() } })
    if (!response.ok) {
      showError(new ApiError(response.status, 'http_error', t('error.unknown')))
      return
    }
    const url = URL.createObjectURL(await response.blob())
    const link = document.createElement('a')
    link.href = url
    link.download = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'personal-data.json'
    link.click()
    URL.revokeObjectURL(url)
    void Taro.showToast({ title: t('privacy.exported'), icon: 'success' })
  }

  async function askDeletion(): Promise<void> {
    const confirmed = await Taro.showModal({ title: t('privacy.delete'), content: t('privacy.deleteConfirm', { days: COOLING_OFF_DAYS }), confirmText: t('common.confirm'), cancelText: t('common.cancel') })
    if (!confirmed.confirm) return
    try {
      const created = await request<DeletionRequest>('POST', '/shop/me/deletion-request', { quiet: true })
      setPending(created)
      void Taro.showToast({ title: t('privacy.requested'), icon: 'success' })
    } catch (error) {
      // The server says what to finish first (open orders, withdrawals, balance); show it in full.
      const content = error instanceof Error ? error.message : t('error.unknown')
      await Taro.showModal({ title: t('privacy.blocked'), content, showCancel: false, confirmText: t('common.confirm') })
    }
  }

  async function cancelDeletion(): Promise<void> {
    await request<DeletionRequest>('POST', '/shop/me/deletion-request/cancel')
    setPending(null)
    void Taro.showToast({ title: t('privacy.cancelled'), icon: 'success' })
  }

  return (
    <View className="me-card" id="me-privacy">
      <Text className="me-card__label">{t('privacy.title')}</Text>
      {pending !== null && (
        <Text className="me-privacy__pending" id="me-privacy-pending">
          {t('privacy.pending', { due: pending.dueAt.slice(0, 10) })}
        </Text>
      )}
      <Button id="me-export-data" className="me-button" onClick={() => void exportData()}>
        {t('privacy.export')}
      </Button>
      {pending === null ? (
        <Button id="me-delete-account" className="me-button me-button--danger" onClick={() => void askDeletion()}>
          {t('privacy.delete')}
        </Button>
      ) : (
        <Button id="me-cancel-deletion" className="me-button" onClick={() => void cancelDeletion()}>
          {t('privacy.cancel')}
        </Button>
      )}
    </View>
  )
}
