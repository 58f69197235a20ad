/**
 * The member's check of the ledger's transparency proof, run on the device. It is the same pure
 * algorithm as the ledger's own `verifyProof` (modules/ledger/src/domain/chain.ts): each sealed link
 * is sha256(previous hash ":" position ":" digest), the digest being sha256 of the transfer's
 * canonical text. It is repeated here rather than imported because the shop bundles for the mini
 * program too, where the server packages cannot be loaded; a unit test compares both on one proof.
 */

export const GENESIS_HASH = '0'.repeat(64)

const TRANSFER_KINDS = ['posted', 'pending', 'post_pending', 'void_pending'] as const
const MEMBER_ACCOUNT_KINDS = ['pending', 'available', 'withdrawing', 'paid_out', 'clawback_receivable'] as const
const PLATFORM_ACCOUNT_KINDS = ['commission_expense', 'payouts', 'fees'] as const
const PLATFORM_OWNER = 'platform'
const MEMBER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]*(?:_[A-Za-z0-9-]+)*$/

export type Memo = Readonly<Record<string, string | number | boolean | null>>

export interface TransferRecord {
  readonly id: string
  readonly sequence: string
  readonly kind: string
  readonly debitAccountId: string
  readonly creditAccountId: string
  readonly amountFen: string
  readonly pendingId: string | null
  readonly reversesId: string | null
  readonly code: string
  readonly causeType: string | null
  readonly causeId: string | null
  readonly memo: Memo | null
  readonly createdAt: string
}

export interface ChainPoint {
  readonly position: string
  readonly hash: string
}

export type ProofRecord =
  | { readonly position: string; readonly digest: string }
  | { readonly position: string; readonly transfer: TransferRecord; readonly hash: string }

export interface LedgerProof {
  readonly version: 1
  readonly memberId: string
  readonly anchor: ChainPoint
  readonly head: ChainPoint
  readonly records: readonly ProofRecord[]
}

export type ProofVerification =
  | { readonly ok: true; readonly lines: number; readonly head: ChainPoint }
  | { readonly ok: false; readonly position: string | null; readonly reason: string }

// ---- SHA-256 (FIPS 180-4) over UTF-8 text; SubtleCrypto is async or missing in the mini program. ----

const ROUND_CONSTANTS = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
])
const INITIAL_STATE = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
const rotateRight = (value: number, bits: number) => (value >>> bits) | (value << (32 - bits))

/** UTF-8 bytes without TextEncoder, which older mini-program base libraries lack. */
function utf8Bytes(text: string): number[] {
  const bytes: number[] = []
  for (const char of text) {
    const code = char.codePointAt(0)!
    if (code < 0x80) bytes.push(code)
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f))
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f))
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f))
  }
  return bytes
}

/** Lower-case hex SHA-256 of the UTF-8 encoding of `text`. */
export function sha256Hex(text: string): string {
  const message = utf8Bytes(text)
  const paddedLength = Math.ceil((message.length + 9) / 64) * 64
  const padded = new Uint8Array(paddedLength)
  padded.set(message)
  padded[message.length] = 0x80
  const view = new DataView(padded.buffer)
  const bitLength = message.length * 8
  view.setUint32(paddedLength - 8, Math.floor(bitLength / 0x1_0000_0000))
  view.setUint32(paddedLength - 4, bitLength >>> 0)

  const state = [...INITIAL_STATE]
  const schedule = new Uint32Array(64)
  for (let block = 0; block < paddedLength; block += 64) {
    for (let i = 0; i < 16; i++) schedule[i] = view.getUint32(block + i * 4)
    for (let i = 16; i < 64; i++) {
      const w15 = schedule[i - 15]!
      const w2 = schedule[i - 2]!
      const s0 = rotateRight(w15, 7) ^ rotateRight(w15, 18) ^ (w15 >>> 3)
      const s1 = rotateRight(w2, 17) ^ rotateRight(w2, 19) ^ (w2 >>> 10)
      schedule[i] = (schedule[i - 16]! + s0 + schedule[i - 7]! + s1) >>> 0
    }
    let [a, b, c, d, e, f, g, h] = state as [number, number, number, number, number, number, number, number]
    for (let i = 0; i < 64; i++) {
      const sum1 = rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25)
      const choice = (e & f) ^ (~e & g)
      const temp1 = (h + sum1 + choice + ROUND_CONSTANTS[i]! + schedule[i]!) >>> 0
      const sum0 = rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22)
      const majority = (a & b) ^ (a & c) ^ (b & c)
      const temp2 = (sum0 + majority) >>> 0
      h = g
      g = f
      f = e
      e = (d + temp1) >>> 0
      d = c
      c = b
      b = a
      a = (temp1 + temp2) >>> 0
    }
    const sums = [a, b, c, d, e, f, g, h]
    for (let i = 0; i < 8; i++) state[i] = (state[i]! + sums[i]!) >>> 0
  }
  return state.map((word) => word.toString(16).padStart(8, '0')).join('')
}

// ---- The chain ----

function canonicalMemo(memo: Memo | null): string {
  if (memo === null) return 'null'
  return JSON.stringify(Object.keys(memo).sort().map((key) => [key, memo[key]]))
}

/** A JSON array in a fixed field order, so no serialiser's key order can change the digest. */
export function canonicalTransfer(record: TransferRecord): string {
  return JSON.stringify([
    'linkmall.ledger.transfer.v1',
    record.id,
    record.sequence,
    record.kind,
    record.debitAccountId,
    record.creditAccountId,
    record.amountFen,
    record.pendingId,
    record.reversesId,
    record.code,
    record.causeType,
    record.causeId,
    canonicalMemo(record.memo),
    record.createdAt,
  ])
}

export const transferDigest = (record: TransferRecord): string => sha256Hex(canonicalTransfer(record))
export const chainHash = (previousHash: string, position: string, digest: string): string => sha256Hex(`${previousHash}:${position}:${digest}`)

/** The owner of one of the ledger's account ids, or null (platform account or not ours). */
function accountOwner(id: string): string | null {
  if (!id.startsWith('acc_')) return null
  const rest = id.slice(4)
  if (PLATFORM_ACCOUNT_KINDS.some((kind) => rest === `${PLATFORM_OWNER}_${kind}`)) return null
  for (const kind of MEMBER_ACCOUNT_KINDS) {
    if (!rest.endsWith(`_${kind}`)) continue
    const owner = rest.slice(0, rest.length - kind.length - 1)
    return owner.length <= 64 && owner !== PLATFORM_OWNER && MEMBER_ID_PATTERN.test(owner) ? owner : null
  }
  return null
}

const HEX_64 = /^[0-9a-f]{64}$/
const POSITION = /^(0|[1-9][0-9]{0,18})$/

/** Checks a proof with nothing but the proof itself. */
export function verifyProof(proof: LedgerProof): ProofVerification {
  const fail = (position: string | null, reason: string): ProofVerification => ({ ok: false, position, reason })
  if (proof?.version !== 1) return fail(null, 'unknown proof version')
  if (!POSITION.test(proof.anchor?.position ?? '') || !POSITION.test(proof.head?.position ?? '')) return fail(null, 'malformed anchor or head')
  if (!HEX_64.test(proof.anchor.hash) || !HEX_64.test(proof.head.hash)) return fail(null, 'malformed anchor or head hash')
  if (proof.anchor.position === '0' && proof.anchor.hash !== GENESIS_HASH) return fail('0', 'the chain does not start at the genesis hash')
  const anchor = BigInt(proof.anchor.position)
  const head = BigInt(proof.head.position)
  if (head < anchor) return fail(proof.head.position, 'the head is before the anchor')
  if (!Array.isArray(proof.records) || BigInt(proof.records.length) !== head - anchor) return fail(null, 'the proof does not cover every position from the anchor to the head')
  let hash = proof.anchor.hash
  let lines = 0
  for (let index = 0; index < proof.records.length; index++) {
    const record = proof.records[index]!
    const expected = (anchor + BigInt(index) + BigInt(1)).toString()
    if (record.position !== expected) return fail(record.position, `expected position ${expected}`)
    if ('transfer' in record) {
      const transfer = record.transfer
      if (!(TRANSFER_KINDS as readonly string[]).includes(transfer.kind)) return fail(record.position, 'unknown transfer kind')
      const owners = [accountOwner(transfer.debitAccountId), accountOwner(transfer.creditAccountId)]
      if (!owners.includes(proof.memberId)) return fail(record.position, 'the line does not belong to this member')
      hash = chainHash(hash, record.position, transferDigest(transfer))
      if (hash !== record.hash) return fail(record.position, 'the line does not hash to its recorded link')
      lines++
    } else {
      if (!HEX_64.test(record.digest)) return fail(record.position, 'malformed digest')
      hash = chainHash(hash, record.position, record.digest)
    }
  }
  if (hash !== proof.head.hash) return fail(proof.head.position, 'the records do not lead to the published head')
  return { ok: true, lines, head: proof.head }
}

/** The member's own sealed lines in a proof, newest first, for listing next to the verdict. */
export function ownTransfers(proof: LedgerProof): { position: string; transfer: TransferRecord }[] {
  return proof.records
    .flatMap((record) => ('transfer' in record ? [{ position: record.position, transfer: record.transfer }] : []))
    .reverse()
}
