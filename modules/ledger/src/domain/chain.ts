import { parseAccountId } from './accounts.ts';
import { sha256Hex } from './sha256.ts';
import { canonicalMemo, TRANSFER_KINDS, type Memo, type Transfer, type TransferKind } from './transfer.ts';

/**
 * The transparency chain. Every transfer, once sealed, gets a position; its link hash is
 * sha256(previous hash ":" position ":" digest), where the digest is sha256 of the transfer's canonical
 * text. Rewriting any sealed transfer changes its digest and every hash after it.
 */
export const GENESIS_HASH = '0'.repeat(64);

/** A transfer as plain JSON (amounts and sequence as decimal strings, time as ISO-8601 UTC). */
export interface TransferRecord {
  readonly id: string;
  readonly sequence: string;
  readonly kind: TransferKind;
  readonly debitAccountId: string;
  readonly creditAccountId: string;
  readonly amountFen: string;
  readonly pendingId: string | null;
  readonly reversesId: string | null;
  readonly code: string;
  readonly causeType: string | null;
  readonly causeId: string | null;
  readonly memo: Memo | null;
  readonly createdAt: string;
}

export function toTransferRecord(transfer: Transfer): TransferRecord {
  return {
    id: transfer.id,
    sequence: transfer.sequence.toString(),
    kind: transfer.kind,
    debitAccountId: transfer.debitAccountId,
    creditAccountId: transfer.creditAccountId,
    amountFen: transfer.amountFen.toString(),
    pendingId: transfer.pendingId,
    reversesId: transfer.reversesId,
    code: transfer.code,
    causeType: transfer.causeType,
    causeId: transfer.causeId,
    memo: transfer.memo,
    createdAt: transfer.createdAt.toISOString(),
  };
}

/**
 * The one text a transfer hashes to: a JSON array in a fixed field order, memo keys sorted, every
 * number as a decimal string. Arrays, not objects, so no serialiser's key order can change it; the
 * leading tag names the format so a future version can coexist.
 */
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
  ]);
}

export function transferDigest(record: TransferRecord): string {
  return sha256Hex(canonicalTransfer(record));
}

export function chainHash(previousHash: string, position: bigint | string, digest: string): string {
  return sha256Hex(`${previousHash}:${position.toString()}:${digest}`);
}

/** One sealed link of the chain. */
export interface ChainLink {
  readonly position: bigint;
  readonly transferId: string;
  readonly digest: string;
  readonly previousHash: string;
  readonly hash: string;
}

/** Appends transfers (already in sealing order) after `head`; the pure half of sealing. */
export function extendChain(head: { position: bigint; hash: string }, transfers: readonly Transfer[]): ChainLink[] {
  const links: ChainLink[] = [];
  let previous = head;
  for (const transfer of transfers) {
    const position = previous.position + 1n;
    const digest = transferDigest(toTransferRecord(transfer));
    const hash = chainHash(previous.hash, position, digest);
    links.push({ position, transferId: transfer.id, digest, previousHash: previous.hash, hash });
    previous = { position, hash };
  }
  return links;
}

/** A point of the chain: its position and the hash there (position 0 is the genesis). */
export interface ChainPoint {
  readonly position: string;
  readonly hash: string;
}

/**
 * A member's own lines bound into the chain. Between `anchor` and `head` every position is present:
 * the member's lines in full, everyone else's only as digests (which reveal nothing about them). A
 * client recomputes the hashes from the anchor to the head and compares the head with the one the
 * platform publishes; a client that kept an earlier proof asks for the next one from its old head.
 */
export interface LedgerProof {
  readonly version: 1;
  readonly memberId: string;
  readonly anchor: ChainPoint;
  readonly head: ChainPoint;
  readonly records: readonly ProofRecord[];
}

export type ProofRecord =
  | { readonly position: string; readonly digest: string }
  | { readonly position: string; readonly transfer: TransferRecord; readonly hash: string };

export type ProofVerification =
  | { readonly ok: true; readonly lines: number; readonly head: ChainPoint }
  | { readonly ok: false; readonly position: string | null; readonly reason: string };

const HEX_64 = /^[0-9a-f]{64}$/;
const POSITION = /^(0|[1-9][0-9]{0,18})$/;

/** Checks a proof with nothing but the proof itself; runs the same on the server, a phone or a browser. */
export function verifyProof(proof: LedgerProof): ProofVerification {
  const fail = (position: string | null, reason: string): ProofVerification => ({ ok: false, position, reason });
  if (proof?.version !== 1) return fail(null, 'unknown proof version');
  if (!POSITION.test(proof.anchor?.position ?? '') || !POSITION.test(proof.head?.position ?? '')) return fail(null, 'malformed anchor or head');
  if (!HEX_64.test(proof.anchor.hash) || !HEX_64.test(proof.head.hash)) return fail(null, 'malformed anchor or head hash');
  if (proof.anchor.position === '0' && proof.anchor.hash !== GENESIS_HASH) return fail('0', 'the chain does not start at the genesis hash');
  const anchor = BigInt(proof.anchor.position);
  const head = BigInt(proof.head.position);
  if (head < anchor) return fail(proof.head.position, 'the head is before the anchor');
  if (BigInt(proof.records.length) !== head - anchor) return fail(null, 'the proof does not cover every position from the anchor to the head');
  let hash = proof.anchor.hash;
  let lines = 0;
  for (let index = 0; index < proof.records.length; index++) {
    const record = proof.records[index]!;
    const expected = (anchor + BigInt(index) + 1n).toString();
    if (record.position !== expected) return fail(record.position, `expected position ${expected}`);
    let digest: string;
    if ('transfer' in record) {
      const transfer = record.transfer;
      if (!TRANSFER_KINDS.includes(transfer.kind)) return fail(record.position, 'unknown transfer kind');
      const owners = [parseAccountId(transfer.debitAccountId)?.ownerId, parseAccountId(transfer.creditAccountId)?.ownerId];
      if (!owners.includes(proof.memberId)) return fail(record.position, 'the line does not belong to this member');
      digest = transferDigest(transfer);
      hash = chainHash(hash, record.position, digest);
      if (hash !== record.hash) return fail(record.position, 'the line does not hash to its recorded link');
      lines++;
    } else {
      if (!HEX_64.test(record.digest)) return fail(record.position, 'malformed digest');
      digest = record.digest;
      hash = chainHash(hash, record.position, digest);
    }
  }
  if (hash !== proof.head.hash) return fail(proof.head.position, 'the records do not lead to the published head');
  return { ok: true, lines, head: proof.head };
}
