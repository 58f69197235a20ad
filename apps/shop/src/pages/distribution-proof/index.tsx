import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { distributionApi } from '../../distribution-api'
import { shortTag } from '../../distribution-money'
import { applyChromeTexts, useI18n, type MessageKey } from '../../i18n'
import { ownTransfers, verifyProof, type LedgerProof, type ProofVerification, type TransferRecord } from '../../ledger-proof'
import { formatFen } from '../../money'
import '../../components/distribution.css'

/** What a sealed line did, in words, from the ledger's transfer code and kind. */
function lineLabel(transfer: TransferRecord): MessageKey {
  const { code, kind } = transfer
  if (code === 'commission.settle') return 'dist.ledger.settled'
  if (code.startsWith('commission.')) return kind === 'void_pending' ? 'dist.ledger.voided' : 'dist.ledger.accrued'
  if (code.startsWith('clawback.')) return 'dist.ledger.clawback'
  if (code.startsWith('withdrawal.')) {
    if (code.includes('return') || code.includes('refund')) return 'dist.ledger.returned'
    if (code.startsWith('withdrawal.fee')) return 'dist.ledger.fee'
    if (code === 'withdrawal.paid') return 'dist.ledger.paid'
    return 'dist.ledger.withdrawal'
  }
  return 'dist.ledger.other'
}

type State = { status: 'checking' } | { status: 'done'; proof: LedgerProof | null; verdict: ProofVerification }

/**
 * 账本验证: fetches the member's proof and recomputes every hash on the device, so the verdict does
 * not depend on trusting the server's word.
 */
export default function DistributionProofPage() {
  const { locale, t } = useI18n()
  const [state, setState] = useState<State>({ status: 'checking' })

  async function check(): Promise<void> {
    setState({ status: 'checking' })
    try {
      const proof = await distributionApi.proof()
      setState({ status: 'done', proof, verdict: verifyProof(proof) })
    } catch (cause) {
      setState({ status: 'done', proof: null, verdict: { ok: false, position: null, reason: cause instanceof Error ? cause.message : 'unavailable' } })
    }
  }

  useDidShow(() => {
    applyChromeTexts(locale, 'dist.proofTitle')
    void check()
  })

  const verdict = state.status === 'done' ? state.verdict : null
  const lines = state.status === 'done' && state.proof !== null ? ownTransfers(state.proof) : []
  const memberId = state.status === 'done' ? state.proof?.memberId : undefined

  return (
    <View className="page-root dist-page">
      <View className="card">
        <Text className="muted" style={{ lineHeight: 1.6 }}>
          {t('dist.proofIntro')}
        </Text>
      </View>
      <View className="card dist-verdict" id="proof-verdict">
        <Text className={`dist-verdict__badge${verdict === null ? '' : verdict.ok ? ' dist-verdict__badge--ok' : ' dist-verdict__badge--failed'}`}>
          {verdict === null ? '…' : verdict.ok ? '✓' : '✗'}
        </Text>
        <Text className="dist-verdict__title" id="proof-status">
          {verdict === null ? t('dist.proofChecking') : verdict.ok ? t('dist.proofVerified') : t('dist.proofFailed')}
        </Text>
        {verdict !== null && (
          <Text className="muted" style={{ marginTop: '12px', textAlign: 'center' }}>
            {verdict.ok
              ? t('dist.proofVerifiedDetail', { lines: verdict.lines, position: verdict.head.position })
              : t('dist.proofFailedDetail', { position: verdict.position ?? '—', reason: verdict.reason })}
          </Text>
        )}
        {verdict !== null && (
          <Button className="dist-button" style={{ marginTop: '24px', width: '100%' }} onClick={() => void check()}>
            {t('dist.proofRecheck')}
          </Button>
        )}
      </View>

      {verdict?.ok === true && (
        <View className="card">
          <Text className="card__title">{t('dist.proofHead')}</Text>
          <Text className="dist-hash" id="proof-head">
            {verdict.head.hash}
          </Text>
        </View>
      )}

      {state.status === 'done' && state.proof !== null && (
        <View className="card" id="proof-lines">
          <Text className="card__title">{t('dist.proofLines')}</Text>
          {lines.length === 0 && <Text className="muted">{t('dist.proofNoLines')}</Text>}
          {lines.map(({ position, transfer }) => {
            // Money leaving one of my accounts shows as negative, arriving as positive.
            const mine = (accountId: string) => memberId !== undefined && accountId.startsWith(`acc_${memberId}_`)
            const sign = mine(transfer.creditAccountId) && !mine(transfer.debitAccountId) ? '+' : mine(transfer.debitAccountId) && !mine(transfer.creditAccountId) ? '-' : ''
            return (
              <View key={position} className="dist-list-item proof-line">
                <View className="dist-list-item__main">
                  <Text className="dist-list-item__title">
                    {t('dist.proofPosition', { position })} · {t(lineLabel(transfer))}
                  </Text>
                  <Text className="dist-list-item__sub">
                    {transfer.causeType === 'order' && transfer.causeId !== null ? t('dist.lineOrder', { tag: shortTag(transfer.causeId) }) + ' · ' : ''}
                    {new Date(transfer.createdAt).toLocaleString(locale, { timeZone: 'Asia/Shanghai', hour12: false })}
                  </Text>
                </View>
                <Text className="dist-amount">
                  {sign}
                  {formatFen(transfer.amountFen)}
                </Text>
              </View>
            )
          })}
        </View>
      )}
    </View>
  )
}
