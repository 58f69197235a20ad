import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { ApiError } from '../../api'
import { distributionApi, type PayoutIdentity, type Withdrawal, type WithdrawalMethod } from '../../distribution-api'
import { estimateFeeFen, parseYuanToFen, WITHDRAWAL_MINIMUM_FEN } from '../../distribution-money'
import { applyChromeTexts, useI18n } from '../../i18n'
import { formatFen } from '../../money'
import '../../components/distribution.css'

const ID_NUMBER = /^\d{17}[\dXx]$/
const ACCOUNT_NUMBER = /^\d{12,30}$/

const messageOf = (error: unknown, fallback: string) => (error instanceof ApiError || error instanceof Error ? error.message : fallback)

export default function DistributionWithdrawPage() {
  const { locale, t } = useI18n()
  const [identity, setIdentity] = useState<PayoutIdentity | null>(null)
  const [availableFen, setAvailableFen] = useState<number | null>(null)
  const [history, setHistory] = useState<Withdrawal[]>([])
  const [realName, setRealName] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const [amountText, setAmountText] = useState('')
  const [method, setMethod] = useState<WithdrawalMethod>('bank')
  const [bankName, setBankName] = useState('')
  const [accountNumber, setAccountNumber] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [result, setResult] = useState<Withdrawal | null>(null)

  async function load(): Promise<void> {
    const [who, rewards, mine] = await Promise.all([distributionApi.identity(), distributionApi.rewards(1, 1), distributionApi.withdrawals(1, 20)])
    setIdentity(who)
    setAvailableFen(rewards.balances.availableFen)
    setHistory(mine.items)
  }

  useDidShow(() => {
    applyChromeTexts(locale, 'dist.withdrawTitle')
    void load().catch(() => undefined)
  })

  async function verify(): Promise<void> {
    if (realName.trim().length < 2 || !ID_NUMBER.test(idNumber.trim())) return setError(t('dist.identityInvalid'))
    setBusy(true)
    setError(null)
    try {
      setIdentity(await distributionApi.verifyIdentity(realName.trim(), idNumber.trim()))
    } catch (cause) {
      setError(messageOf(cause, t('dist.loadFailed')))
    } finally {
      setBusy(false)
    }
  }

  const amountFen = parseYuanToFen(amountText)
  const feeFen = amountFen === null ? null : estimateFeeFen(amountFen)

  async function submit(): Promise<void> {
    if (amountFen === null) return setError(t('dist.amountInvalid'))
    if (method === 'bank' && (bankName.trim().length < 2 || !ACCOUNT_NUMBER.test(accountNumber.trim()))) return setError(t('dist.bankInvalid'))
    setBusy(true)
    setError(null)
    try {
      const created = await distributionApi.requestWithdrawal({
        amountFen,
        method,
        ...(method === 'bank' ? { bankAccount: { bankName: bankName.trim(), accountNumber: accountNumber.trim() } } : {}),
      })
      setResult(created)
      setAmountText('')
      await load().catch(() => undefined)
    } catch (cause) {
      setError(messageOf(cause, t('dist.loadFailed')))
    } finally {
      setBusy(false)
    }
  }

  if (identity === null) return <Text className="state-text">{t('dist.loading')}</Text>

  return (
    <View className="page-root dist-page">
      <View className="card" id="withdraw-identity">
        <Text className="card__title">{t('dist.identityTitle')}</Text>
        {identity.verified ? (
          <Text id="withdraw-identity-verified">{t('dist.verified', { name: identity.realName ?? '', id: identity.idNumberMasked ?? '' })}</Text>
        ) : (
          <View>
            <Text className="muted">{t('dist.identityHint')}</Text>
            <View className="dist-field">
              <Text className="dist-field__label">{t('dist.realName')}</Text>
              <Input id="withdraw-real-name" className="dist-field__input" value={realName} placeholder={t('dist.realNamePlaceholder')} onInput={(event) => setRealName(event.detail.value)} />
            </View>
            <View className="dist-field">
              <Text className="dist-field__label">{t('dist.idNumber')}</Text>
              <Input id="withdraw-id-number" className="dist-field__input" type="idcard" maxlength={18} value={idNumber} placeholder={t('dist.idNumberPlaceholder')} onInput={(event) => setIdNumber(event.detail.value)} />
            </View>
            <Button id="withdraw-verify" className="primary-button" style={{ marginTop: '24px' }} disabled={busy} onClick={() => void verify()}>
              {t('dist.verify')}
            </Button>
          </View>
        )}
      </View>

      {identity.verified && (
        <View className="card" id="withdraw-form">
          <Text className="card__title">{t('dist.withdrawTitle')}</Text>
          <View className="row">
            <Text className="muted" id="withdraw-available">
              {t('dist.availableNow', { amount: formatFen(availableFen ?? 0) })}
            </Text>
          </View>
          <View className="dist-field">
            <Text className="dist-field__label">{t('dist.amount')}</Text>
            <Input id="withdraw-amount" className="dist-field__input" type="digit" value={amountText} placeholder={t('dist.amountPlaceholder', { min: formatFen(WITHDRAWAL_MINIMUM_FEN) })} onInput={(event) => setAmountText(event.detail.value)} />
          </View>
          <View className="dist-field">
            <Text className="dist-field__label">{t('dist.method')}</Text>
            <View className="dist-methods">
              {(['bank', 'wechat'] as const).map((option) => (
                <Text key={option} id={`withdraw-method-${option}`} className={`dist-method${method === option ? ' dist-method--active' : ''}`} onClick={() => setMethod(option)}>
                  {t(`dist.method.${option}`)}
                </Text>
              ))}
            </View>
          </View>
          {method === 'bank' && (
            <View>
              <View className="dist-field">
                <Text className="dist-field__label">{t('dist.bankName')}</Text>
                <Input id="withdraw-bank-name" className="dist-field__input" value={bankName} placeholder={t('dist.bankNamePlaceholder')} onInput={(event) => setBankName(event.detail.value)} />
              </View>
              <View className="dist-field">
                <Text className="dist-field__label">{t('dist.accountNumber')}</Text>
                <Input id="withdraw-account-number" className="dist-field__input" type="number" value={accountNumber} placeholder={t('dist.accountNumberPlaceholder')} onInput={(event) => setAccountNumber(event.detail.value)} />
              </View>
            </View>
          )}
          <View className="row" style={{ marginTop: '20px' }}>
            <Text>{t('dist.fee')}</Text>
            <Text id="withdraw-fee">{feeFen === null ? '—' : formatFen(feeFen)}</Text>
          </View>
          <View className="row">
            <Text>{t('dist.totalDeducted')}</Text>
            <Text className="price" id="withdraw-total">
              {amountFen === null || feeFen === null ? '—' : formatFen(amountFen + feeFen)}
            </Text>
          </View>
          <Text className="muted" style={{ display: 'block', marginTop: '12px' }}>
            {t('dist.feeRule')}
          </Text>
          <Button id="withdraw-submit" className="primary-button" style={{ marginTop: '24px' }} disabled={busy} onClick={() => void submit()}>
            {busy ? t('dist.submitting') : t('dist.submitWithdrawal')}
          </Button>
        </View>
      )}

      {error !== null && (
        <Text className="dist-error" id="withdraw-error" style={{ margin: '16px 32px 0' }}>
          {error}
        </Text>
      )}

      {result !== null && (
        <View className="card" id="withdraw-result">
          <Text className="card__title">{t('dist.resultTitle')}</Text>
          <View className="row">
            <Text>{t('dist.resultAmount')}</Text>
            <Text className="price">{formatFen(result.amountFen)}</Text>
          </View>
          <View className="row">
            <Text>{t('dist.resultFee')}</Text>
            <Text>{formatFen(result.feeFen)}</Text>
          </View>
          <View className="row">
            <Text>{t('dist.resultStatus')}</Text>
            <Text id="withdraw-result-status">{result.statusLabel}</Text>
          </View>
        </View>
      )}

      <View className="card" id="withdraw-history">
        <Text className="card__title">{t('dist.history')}</Text>
        {history.length === 0 && <Text className="muted">{t('dist.historyEmpty')}</Text>}
        {history.map((item) => (
          <View key={item.id} className="dist-list-item withdrawal-row">
            <View className="dist-list-item__main">
              <Text className="dist-list-item__title">
                {t(`dist.method.${item.method}`)}
                {item.bankAccountMasked !== null ? ` ${item.bankAccountMasked}` : ''}
              </Text>
              <Text className="dist-list-item__sub">{new Date(item.requestedAt).toLocaleString(locale, { timeZone: 'Asia/Shanghai', hour12: false })}</Text>
            </View>
            <View className="dist-list-item__main" style={{ alignItems: 'flex-end' }}>
              <Text className="dist-amount">{formatFen(item.amountFen)}</Text>
              <Text className="dist-list-item__sub">{item.statusLabel}</Text>
            </View>
          </View>
        ))}
      </View>
    </View>
  )
}
