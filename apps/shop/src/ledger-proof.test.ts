import { describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { GENESIS_HASH, chainHash, sha256Hex, transferDigest, verifyProof, type LedgerProof, type TransferRecord } from './ledger-proof'

const MEMBER = 'usr_01jd3x7k9q2w8e5r4t6y1u3i0o'

function transfer(n: number, memo: TransferRecord['memo'] = null): TransferRecord {
  return {
    id: `ord_${n}:line-1:direct`,
    sequence: String(n),
    kind: 'pending',
    debitAccountId: 'acc_platform_commission_expense',
    creditAccountId: `acc_${MEMBER}_pending`,
    amountFen: String(1_000 * n),
    pendingId: null,
    reversesId: null,
    code: 'commission.direct',
    causeType: 'order',
    causeId: `ord_${n}`,
    memo,
    createdAt: '2026-11-22T02:00:00.000Z',
  }
}

/** A chain of five positions where the member owns the 2nd and 4th, proved from the genesis. */
function sampleProof(): LedgerProof {
  const records: LedgerProof['records'][number][] = []
  let hash = GENESIS_HASH
  for (let position = 1; position <= 5; position++) {
    if (position % 2 === 0) {
      const record = transfer(position, { leg: 'direct', 备注: '直推', line: position })
      hash = chainHash(hash, String(position), transferDigest(record))
      records.push({ position: String(position), transfer: record, hash })
    } else {
      const digest = sha256Hex(`someone else ${position}`)
      hash = chainHash(hash, String(position), digest)
      records.push({ position: String(position), digest })
    }
  }
  return { version: 1, memberId: MEMBER, anchor: { position: '0', hash: GENESIS_HASH }, head: { position: '5', hash }, records }
}

describe('ledger proof check on the device', () => {
  it('hashes like node:crypto, ASCII and Chinese alike', () => {
    for (const text of ['', 'abc', '链商云 ledger ✓', 'x'.repeat(200)]) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'))
    }
  })

  it('digests a transfer exactly as the ledger module does (digest computed there, Chinese memo included)', () => {
    expect(transferDigest(transfer(2, { leg: 'direct', 备注: '直推', line: 2 }))).toBe('5fdbd8ff97fb884d4719226d2088d3b5523fc6736fdd2b73b98211c800b85302')
  })

  it('verifies an intact proof', () => {
    const proof = sampleProof()
    expect(verifyProof(proof)).toEqual({ ok: true, lines: 2, head: proof.head })
  })

  it('fails when a line of mine was rewritten, a position is missing or the head differs', () => {
    const proof = sampleProof()
    const rewritten = { ...proof, records: proof.records.map((record) => ('transfer' in record ? { ...record, transfer: { ...record.transfer, amountFen: '1' } } : record)) }
    expect(verifyProof(rewritten)).toMatchObject({ ok: false, position: '2' })
    expect(verifyProof({ ...proof, records: proof.records.slice(1) })).toMatchObject({ ok: false })
    expect(verifyProof({ ...proof, head: { ...proof.head, hash: GENESIS_HASH.replace(/0$/, '1') } })).toMatchObject({ ok: false, position: '5' })
    expect(verifyProof({ ...proof, memberId: 'usr_someoneelse000000000000000' })).toMatchObject({ ok: false, reason: 'the line does not belong to this member' })
  })
})
