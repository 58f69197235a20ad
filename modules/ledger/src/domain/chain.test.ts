import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memberAccountId, platformAccountId } from './accounts.ts';
import { canonicalTransfer, chainHash, extendChain, GENESIS_HASH, toTransferRecord, transferDigest, verifyProof, type LedgerProof, type ProofRecord } from './chain.ts';
import type { Transfer } from './transfer.ts';

const at = new Date('2026-11-22T08:00:00.000Z');

function transfer(sequence: number, memberId: string, amountFen = 100n): Transfer {
  return {
    id: `ord_${sequence}:line-1:direct`,
    sequence: BigInt(sequence),
    kind: 'pending',
    debitAccountId: platformAccountId('commission_expense'),
    creditAccountId: memberAccountId(memberId, 'pending'),
    amountFen,
    pendingId: null,
    reversesId: null,
    code: 'commission.direct',
    causeType: 'order',
    causeId: `ord_${sequence}`,
    memo: { line: 'line-1', profileVersion: 3, buyer: '张三' },
    createdAt: at,
  };
}

/** A proof built the way the server builds it: the member's records in full, the rest as digests. */
function proofOf(transfers: Transfer[], memberId: string): LedgerProof {
  const links = extendChain({ position: 0n, hash: GENESIS_HASH }, transfers);
  const owner = (t: Transfer) => t.creditAccountId.startsWith(`acc_${memberId}_`);
  const firstOwn = transfers.findIndex(owner);
  const anchorIndex = firstOwn === -1 ? links.length : firstOwn;
  const records: ProofRecord[] = links.slice(anchorIndex).map((link, offset) => {
    const t = transfers[anchorIndex + offset]!;
    const position = link.position.toString();
    return owner(t) ? { position, transfer: toTransferRecord(t), hash: link.hash } : { position, digest: link.digest };
  });
  return {
    version: 1,
    memberId,
    anchor: anchorIndex === 0 ? { position: '0', hash: GENESIS_HASH } : { position: links[anchorIndex - 1]!.position.toString(), hash: links[anchorIndex - 1]!.hash },
    head: { position: links.at(-1)!.position.toString(), hash: links.at(-1)!.hash },
    records,
  };
}

describe('canonical serialisation', () => {
  it('does not depend on memo key order and changes with every field', () => {
    const a = toTransferRecord(transfer(1, 'alice'));
    const b = { ...a, memo: { profileVersion: 3, buyer: '张三', line: 'line-1' } };
    expect(canonicalTransfer(a)).toBe(canonicalTransfer(b));
    for (const changed of [{ amountFen: '101' }, { sequence: '2' }, { createdAt: '2026-11-22T08:00:00.001Z' }, { memo: null }, { reversesId: 'x' }]) {
      expect(transferDigest({ ...a, ...changed })).not.toBe(transferDigest(a));
    }
  });

  it('links each hash to the previous one and the position', () => {
    const links = extendChain({ position: 0n, hash: GENESIS_HASH }, [transfer(1, 'alice'), transfer(2, 'bob')]);
    expect(links[0]!.previousHash).toBe(GENESIS_HASH);
    expect(links[1]!.previousHash).toBe(links[0]!.hash);
    expect(links[1]!.hash).toBe(chainHash(links[0]!.hash, 2n, links[1]!.digest));
  });
});

describe('verifyProof', () => {
  const history = [transfer(1, 'bob'), transfer(2, 'alice'), transfer(3, 'carol'), transfer(4, 'alice', 250n), transfer(5, 'bob')];

  it('accepts an honest proof and counts the member lines', () => {
    const proof = proofOf(history, 'alice');
    expect(proof.anchor.position).toBe('1');
    expect(verifyProof(proof)).toEqual({ ok: true, lines: 2, head: proof.head });
    // A JSON round trip (how a phone receives it) changes nothing.
    expect(verifyProof(JSON.parse(JSON.stringify(proof)) as LedgerProof).ok).toBe(true);
  });

  it('rejects a rewritten amount, a dropped record, a foreign line and a different head', () => {
    const proof = proofOf(history, 'alice');
    const tampered = proof.records.map((record) => ('transfer' in record && record.position === '4' ? { ...record, transfer: { ...record.transfer, amountFen: '2500' } } : record));
    expect(verifyProof({ ...proof, records: tampered })).toMatchObject({ ok: false, position: '4' });
    expect(verifyProof({ ...proof, records: proof.records.slice(1) }).ok).toBe(false);
    expect(verifyProof({ ...proof, memberId: 'carol' })).toMatchObject({ ok: false, reason: 'the line does not belong to this member' });
    expect(verifyProof({ ...proof, head: { ...proof.head, hash: 'f'.repeat(64) } }).ok).toBe(false);
    expect(verifyProof({ ...proof, anchor: { position: '0', hash: 'a'.repeat(64) } }).ok).toBe(false);
  });

  it('detects any single changed digest in random histories', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ member: fc.constantFrom('alice', 'bob', 'carol'), amount: fc.bigInt({ min: 1n, max: 10_000_00n }) }), { minLength: 1, maxLength: 30 }),
        fc.nat(),
        (lines, pick) => {
          const transfers = lines.map((line, index) => transfer(index + 1, line.member, line.amount));
          if (!transfers.some((t) => t.creditAccountId.includes('_alice_'))) return true;
          const proof = proofOf(transfers, 'alice');
          if (!verifyProof(proof).ok) return false;
          const index = pick % proof.records.length;
          const records = proof.records.map((record, i) => {
            if (i !== index) return record;
            return 'digest' in record ? { ...record, digest: record.digest.replace(/^./, (c) => (c === '0' ? '1' : '0')) } : { ...record, transfer: { ...record.transfer, amountFen: (BigInt(record.transfer.amountFen) + 1n).toString() } };
          });
          return !verifyProof({ ...proof, records }).ok;
        },
      ),
    );
  });
});
